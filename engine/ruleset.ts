/**
 * Loading a ruleset: its JSON Schema, then the checks a schema cannot express (references
 * resolve, ids are unique, points are exact, grade lines descend), then compilation.
 */
import { compileRuleset, type CompiledRuleset } from './compile.js';
import { isIsoDate } from './dates.js';
import { forEachCondition, type Path } from './walk.js';
import { errorSaying, jsonPath, problemAt, type Problem } from './errors.js';
import type { IdHolder, ProblemCode, ProblemParamsByCode } from './messages/codes.js';
import { factPathProblems } from './factPaths.js';
import { baseProblems } from './mechanisms/base.js';
import { eligibilityProblems } from './mechanisms/eligibility.js';
import { pointsProblems } from './mechanisms/points.js';
import { notAgainProblems } from './mechanisms/notAgain.js';
import { perProblems } from './mechanisms/per.js';
import { capProblems } from './mechanisms/cap.js';
import { keepOneProblems } from './mechanisms/keep.js';
import { vetoProblems } from './mechanisms/veto.js';
import { windowProblems } from './mechanisms/window.js';
import { namedConditionProblems } from './namedConditions.js';
import { operators } from './operators.js';
import { parameterProblems } from './parameters.js';
import { schemaProblems, schemas, validateRulesetSchema } from './schemas.js';
import { attributeKinds, unknownAttribute } from './attributes.js';
import type { AttributeSpec, Ruleset } from './types.js';


/** The problems a schema cannot see. Empty when the ruleset is sound. */
export function checkReferences(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const problem = <C extends ProblemCode>(path: Path, code: C, params: ProblemParamsByCode[C]): void => {
    problems.push(problemAt(jsonPath(path), code, params));
  };

  // Indicators and items share one namespace, clauses, levels and downgrade rules another:
  // an item may carry its indicator's id, a clause its item's.
  const namespaces = { part: new Map<string, string>(), rule: new Map<string, string>() };
  const unique = (id: string, path: Path, what: IdHolder): void => {
    const ids = what === 'indicator' || what === 'item' || what === 'reading' || what === 'grade' ? namespaces.part : namespaces.rule;
    const earlier = ids.get(id);
    if (earlier) problem(path, 'id.duplicate', { id, earlier, what });
    else ids.set(id, jsonPath(path));
  };
  const readingIds = new Set(ruleset.readings.map((r) => r.id));
  const attributes = new Map<string, Set<string> | null>();
  for (const [typeName, type] of Object.entries(ruleset.eventTypes)) {
    for (const [name, spec] of Object.entries(type.attributes)) {
      if (spec.type === 'enum' && !spec.values) problem(['eventTypes', typeName, 'attributes', name, 'values'], 'attribute.enumWithoutValues', { name });
      const values = attributes.get(name);
      if (spec.type !== 'enum' || values === null) attributes.set(name, null);
      else attributes.set(name, new Set([...(values ?? []), ...(spec.values ?? [])]));
    }
  }
  const known = attributeKinds(ruleset);
  const knownAttribute = (name: string): boolean => known.has(name);
  const unknown = (name: string, path: Path): void => void problems.push(unknownAttribute(name, path, known.keys()));
  const reading = (id: string | undefined, path: Path): void => {
    if (id !== undefined && !readingIds.has(id)) problem(path, 'reading.unknown', { id });
  };

  ruleset.readings.forEach((r, i) => unique(r.id, ['readings', i, 'id'], 'reading'));
  for (const [name, p] of Object.entries(ruleset.parameters)) reading(p.reading, ['parameters', name, 'reading']);

  ruleset.indicators.forEach((indicator, ii) => {
    unique(indicator.id, ['indicators', ii, 'id'], 'indicator');
    indicator.items.forEach((item, ti) => {
      const itemPath: Path = ['indicators', ii, 'items', ti];
      if (item.id !== indicator.id) unique(item.id, [...itemPath, 'id'], 'item');
      if (item.highestPer && !knownAttribute(item.highestPer.attribute)) unknown(item.highestPer.attribute, [...itemPath, 'highestPer', 'attribute']);
      item.clauses.forEach((clause, ci) => {
        const clausePath: Path = [...itemPath, 'clauses', ci];
        unique(clause.id, [...clausePath, 'id'], 'clause');
        reading(clause.reading, [...clausePath, 'reading']);
        if (clause.oncePer !== undefined && !knownAttribute(clause.oncePer)) unknown(clause.oncePer, [...clausePath, 'oncePer']);
        if (clause.oncePer !== undefined && clause.keepOne) problem([...clausePath, 'oncePer'], 'keep.oncePerAndKeepOne', { clause: clause.id });
        clause.levels?.forEach((level, li) => unique(level.id, [...clausePath, 'levels', li, 'id'], 'level'));
      });
    });
  });

  // Named conditions: none refers to itself, none nests too deep through the names it uses
  // (namedConditions.ts); that every reference resolves is checked with each condition below.
  const named = ruleset.conditions;
  for (const p of namedConditionProblems(named)) problems.push(p);

  forEachCondition(ruleset, (condition, path, scope) => {
    if ('condition' in condition) {
      if (!Object.hasOwn(named, condition.condition)) problem([...path, 'condition'], 'condition.unknown', { name: condition.condition });
      return;
    }
    if ('all' in condition || 'any' in condition || 'not' in condition) return;
    const op = operators[condition.operator]!;
    const value = condition.value;
    const isRef = value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
    if (scope !== 'event' && (condition.fact === 'event' || (condition.fact === 'project' && scope === 'record'))) {
      problem([...path, 'fact'], 'fact.unavailable', { fact: condition.fact, scope });
    }
    if (isRef) {
      const ref = value as { fact: unknown; path?: unknown };
      const keys = Object.keys(ref);
      if (typeof ref.fact !== 'string' || (ref.path !== undefined && (typeof ref.path !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(ref.path))) || keys.some((k) => k !== 'fact' && k !== 'path' && k !== 'params')) {
        problem([...path, 'value'], 'value.factReference', { found: JSON.stringify(value) });
        return;
      }
    }
    for (const ref of [condition, ...(isRef ? [value as { fact: string; path?: string }] : [])]) {
      if (ref.fact === 'parameters') {
        const name = ref.path?.split('.')[0];
        if (!name || !Object.hasOwn(ruleset.parameters, name)) problem([...path, ref === condition ? 'path' : 'value'], 'parameter.unknown', { name: name ?? '' });
      }
    }
    if (!isRef) {
      const bad =
        (op.value === 'array' && !Array.isArray(value)) ||
        (op.value === 'number' && typeof value !== 'number') ||
        (op.value === 'date' && !isIsoDate(value)) ||
        (op.value === 'boolean' && typeof value !== 'boolean');
      if (bad) problem([...path, 'value'], 'operator.valueType', { operator: condition.operator, type: op.value as 'array' | 'number' | 'date' | 'boolean', found: JSON.stringify(value) });
    }
    if (condition.fact === 'event' && condition.path && !isRef) {
      const attribute = condition.path.split('.')[0]!;
      const values = (condition.operator === 'equal' || condition.operator === 'in') ? (Array.isArray(value) ? value : [value]) : [];
      if (attribute === 'type') {
        for (const v of values) {
          if (typeof v === 'string' && !Object.hasOwn(ruleset.eventTypes, v)) problem([...path, 'value'], 'eventType.unknown', { type: v });
        }
      } else if (knownAttribute(attribute)) {
        const allowed = attributes.get(attribute);
        for (const v of values) {
          if (allowed && typeof v === 'string' && !allowed.has(v)) problem([...path, 'value'], 'attribute.valueUndeclared', { value: v, attribute, allowed: [...allowed] });
        }
      }
    }
  });

  // Grades descend; downgrade grades and floors name real grades.
  const grades = ruleset.grades;
  grades.forEach((g, i) => {
    unique(`grade:${g.grade}`, ['grades', i, 'grade'], 'grade');
    if (i > 0 && g.min >= grades[i - 1]!.min) {
      problem(['grades', i, 'min'], 'grade.notBelow', { grade: g.grade, min: g.min, above: grades[i - 1]!.grade, aboveMin: grades[i - 1]!.min });
    }
  });
  const gradeNames = new Set(grades.map((g) => g.grade));
  const d = ruleset.downgrades;
  if (d) {
    d.fromGrades.forEach((g, i) => {
      if (!gradeNames.has(g)) problem(['downgrades', 'fromGrades', i], 'grade.unknown', { grade: g });
    });
    for (const [g, floor] of Object.entries(d.floors)) {
      const line = grades.find((x) => x.grade === g);
      const above = grades[grades.findIndex((x) => x.grade === g) - 1];
      if (!line) problem(['downgrades', 'floors', g], 'grade.unknown', { grade: g });
      else if (floor < line.min || (above && floor >= above.min)) {
        problem(['downgrades', 'floors', g], 'downgrades.floorOutside', { grade: g, floor });
      }
    }
    reading(d.reading, ['downgrades', 'reading']);
    d.rules.forEach((r, i) => unique(r.id, ['downgrades', 'rules', i, 'id'], 'downgradeRule'));
    d.repeats.forEach((r, i) => unique(r.id, ['downgrades', 'repeats', i, 'id'], 'downgradeRule'));
  }
  if (ruleset.baseRule) reading(ruleset.baseRule.reading, ['baseRule', 'reading']);
  reading(ruleset.windows?.reading, ['windows', 'reading']);
  if (grades.length && !ruleset.gradeCitation) problem(['gradeCitation'], 'grades.noCitation', {});
  if (d && !grades.length) problem(['downgrades'], 'downgrades.noGrades', {});
  if (ruleset.effectiveTo !== undefined && ruleset.effectiveTo < ruleset.effectiveFrom) {
    problem(['effectiveTo'], 'ruleset.periodReversed', { from: ruleset.effectiveFrom, to: ruleset.effectiveTo });
  }
  for (const key of ['recordFields', 'projectFields'] as const) {
    for (const [name, spec] of Object.entries(ruleset[key] ?? {})) problems.push(...fieldProblems(spec, [key, name]));
  }
  problems.push(...pointsProblems(ruleset), ...baseProblems(ruleset), ...vetoProblems(ruleset), ...notAgainProblems(ruleset), ...capProblems(ruleset), ...windowProblems(ruleset), ...keepOneProblems(ruleset), ...perProblems(ruleset), ...eligibilityProblems(ruleset), ...parameterProblems(ruleset), ...factPathProblems(ruleset));
  return problems;
}

/** A declared record or project field: a kind of value it can hold, with values for a choice. */
function fieldProblems(spec: AttributeSpec, path: [string, string]): Problem[] {
  const problems: Problem[] = [];
  if (spec.type === 'enum' && !spec.values) problems.push(problemAt(jsonPath([...path, 'values']), 'field.enumWithoutValues', { name: path[1] }));
  if (spec.type === 'project') problems.push(problemAt(jsonPath([...path, 'type']), 'field.projectType', {}));
  return problems;
}

/** How deep a ruleset may nest; the shipped ones reach 12. Deeper input would exhaust the stack. */
const MAX_DEPTH = 100;

/** A value on the way down, with the key it has in its parent: the path is written out only for the one found too deep. */
interface Nested {
  value: object;
  key: string | number | null;
  parent: Nested | null;
  depth: number;
}

/**
 * The path to a value nested deeper than `limit`, found without recursion, or `undefined`. Only
 * objects and lists are walked (a number or a string nests nothing), and no path is copied on
 * the way: this runs on every load, which the editor makes on every edit.
 */
function deepestPath(json: unknown, limit: number): Path | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const stack: Nested[] = [{ value: json, key: null, parent: null, depth: 0 }];
  while (stack.length) {
    const nested = stack.pop()!;
    if (nested.depth > limit) {
      const path: Path = [];
      for (let at: Nested | null = nested; at && at.key !== null; at = at.parent) path.unshift(at.key);
      return path;
    }
    const depth = nested.depth + 1;
    if (Array.isArray(nested.value)) {
      nested.value.forEach((value: unknown, key) => {
        if (value !== null && typeof value === 'object') stack.push({ value, key, parent: nested, depth });
      });
    } else {
      for (const [key, value] of Object.entries(nested.value)) if (value !== null && typeof value === 'object') stack.push({ value, key, parent: nested, depth });
    }
  }
  return undefined;
}

/**
 * Validates a parsed ruleset (schema, then references) and compiles it for evaluation.
 * Throws a `CreditRulesError` (`RULESET_INVALID`, `RULESET_REFERENCE`) naming every problem.
 */
export function loadRuleset(json: unknown, options: { file?: string } = {}): CompiledRuleset {
  const deepest = deepestPath(json, MAX_DEPTH);
  if (deepest) {
    throw errorSaying('RULESET_INVALID', 'ruleset.tooDeep', { depth: MAX_DEPTH }, {
      file: options.file,
      problems: [problemAt(jsonPath(deepest), 'ruleset.tooDeep', { depth: MAX_DEPTH })],
    });
  }
  if (!validateRulesetSchema(json)) {
    throw errorSaying('RULESET_INVALID', 'ruleset.schema', {}, {
      file: options.file,
      problems: schemaProblems(validateRulesetSchema.errors, json, schemas.ruleset),
    });
  }
  const problems = checkReferences(json);
  if (problems.length) {
    throw errorSaying('RULESET_REFERENCE', 'ruleset.references', {}, { file: options.file, problems });
  }
  return compileRuleset(json);
}
