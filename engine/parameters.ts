/**
 * Parameters have types: a date is a real date, a list is a list of strings, a number of
 * months a whole number. A parameter's type is the one it declares (`type`), else the one its
 * uses imply (a date operator, the list of `in`, a window's months), else its value's shape;
 * the value must be of it, and every use must fit it. So a date parameter written
 * "next year" is refused at load rather than silently switching off every clause that uses it.
 */
import { forEachClause, forEachCondition, isFactReference, type Path } from './walk.js';
import { isIsoDate } from './dates.js';
import { jsonPath, problemAt, quoted, type Problem } from './errors.js';
import type { ParameterTypeReason } from './messages/codes.js';
import { operators } from './operators.js';
import type { FactCondition, ParameterType, Ruleset } from './types.js';

/** Whether `value` is of `type`. */
export function hasType(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'date': return isIsoDate(value);
    case 'string': return typeof value === 'string';
    case 'strings': return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/** The type a value has on its face, when nothing declares or implies one. */
function shapeOf(value: unknown): ParameterType | undefined {
  if (Array.isArray(value)) return 'strings';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return undefined;
}

/** The type an operator requires of the fact it tests (left) and of its value (right). */
function typesOf(operator: string): { left?: ParameterType; right?: ParameterType } {
  const value = operators[operator]?.value;
  if (operator === 'in' || operator === 'notIn') return { right: 'strings' };
  if (operator === 'contains' || operator === 'doesNotContain') return { left: 'strings' };
  if (value === 'number') return { left: 'number', right: 'number' };
  if (value === 'date') return { left: 'date', right: 'date' };
  return {};
}

/** Whether a value of type `have` serves where `want` is needed (an integer is a number). */
const fits = (have: ParameterType, want: ParameterType): boolean => have === want || (have === 'integer' && want === 'number');

interface Use {
  type: ParameterType;
  path: Path;
  /** The operator that uses it; none: a window's months. */
  operator?: string;
}

/** Every use of a parameter that implies its type, by parameter name. */
function usesOf(ruleset: Ruleset): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  const add = (name: string, use: Use): void => {
    uses.set(name, [...(uses.get(name) ?? []), use]);
  };
  forEachCondition(ruleset, (condition, path) => {
    if (!('fact' in condition)) return;
    const test = condition as FactCondition;
    const { left, right } = typesOf(test.operator);
    if (test.fact === 'parameters' && test.path && left) add(test.path.split('.')[0]!, { type: left, path: [...path, 'path'], operator: test.operator });
    const value = test.value;
    if (isFactReference(value) && value.fact === 'parameters' && typeof value.path === 'string' && right) {
      add(value.path.split('.')[0]!, { type: right, path: [...path, 'value'], operator: test.operator });
    }
  });
  forEachClause(ruleset, (clause, clausePath) => {
    const name = clause.window?.defaultParameter;
    if (name !== undefined) add(name, { type: 'integer', path: [...clausePath, 'window', 'defaultParameter'] });
  });
  return uses;
}

/** The type of each parameter: declared, implied by its uses, or its value's shape. */
export function parameterTypes(ruleset: Ruleset): Map<string, ParameterType | undefined> {
  const uses = usesOf(ruleset);
  return new Map(Object.entries(ruleset.parameters).map(([name, p]) => [name, p.type ?? uses.get(name)?.[0]?.type ?? shapeOf(p.value)]));
}

/** The problems of parameters' types: values not of their type, uses that do not fit it, paths into a parameter. */
export function parameterProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const uses = usesOf(ruleset);
  for (const [name, parameter] of Object.entries(ruleset.parameters)) {
    const used = uses.get(name) ?? [];
    const type = parameter.type ?? used[0]?.type ?? shapeOf(parameter.value);
    if (type === undefined) continue;
    if (!hasType(parameter.value, type)) {
      const because: ParameterTypeReason = parameter.type ? { declared: true } : used[0] ? { operator: used[0].operator, at: jsonPath(used[0].path) } : { shape: true };
      problems.push(problemAt(jsonPath(['parameters', name, 'value']), 'parameter.type', { name, label: parameter.label, type, found: quoted(parameter.value), because }));
    }
    for (const use of used) {
      if (fits(type, use.type)) continue;
      problems.push(problemAt(jsonPath(use.path), 'parameter.use', { name, label: parameter.label, type, need: use.type, operator: use.operator, value: String(parameter.value) }));
    }
  }
  forEachCondition(ruleset, (condition, path) => {
    if (!('fact' in condition)) return;
    const test = condition as FactCondition;
    const refs: [string | undefined, Path][] = [];
    if (test.fact === 'parameters') refs.push([test.path, [...path, 'path']]);
    if (isFactReference(test.value) && test.value.fact === 'parameters') refs.push([typeof test.value.path === 'string' ? test.value.path : undefined, [...path, 'value']]);
    for (const [ref, at] of refs) {
      if (ref === undefined || !ref.includes('.')) continue;
      problems.push(problemAt(jsonPath(at), 'parameter.path', { ref, name: ref.split('.')[0]! }));
    }
  });
  return problems;
}
