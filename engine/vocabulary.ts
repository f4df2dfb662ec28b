/**
 * An event against the ruleset's event types: a type the ruleset declares and uses, each
 * attribute present when required and of its declared kind. `eventFits` is the fast yes
 * (code generated per ruleset); `checkVocabulary` explains a no.
 */
import { canGenerate } from './codegen.js';
import type { CompiledEventType, CompiledRuleset } from './compile.js';
import { isIsoDate } from './dates.js';
import { jsonPath, problemAt, quoted, type Problem } from './errors.js';
import type { FieldSpecParams, Locale } from './messages/codes.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import type { AttributeSpec, EntityEvent } from './types.js';

/** Whether a present attribute value is of its declared kind. */
export function valueFits(spec: AttributeSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'enum':
      return spec.values?.includes(value as string) ?? false;
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'date':
      return isIsoDate(value);
    default:
      return typeof value === 'string';
  }
}

/** `valueFits` as a JavaScript expression of the variable `v`. */
function fitsSource(spec: AttributeSpec, v: string): string {
  switch (spec.type) {
    case 'enum':
      return spec.values?.length ? spec.values.map((value) => `${v} === ${JSON.stringify(value)}`).join(' || ') : 'false';
    case 'boolean':
      return `typeof ${v} === "boolean"`;
    case 'number':
      return `typeof ${v} === "number"`;
    case 'date':
      return `D(${v})`;
    default:
      return `typeof ${v} === "string"`;
  }
}

/** A declared attribute or field as a problem names it: its name, label and kind, its values and how staff read them. */
export function fieldSpecParams(name: string, spec: AttributeSpec): FieldSpecParams {
  const params: FieldSpecParams = { name, label: spec.label, type: spec.type };
  if (spec.values) {
    params.values = spec.values;
    params.valueLabels = spec.values.map((v) => spec.valueLabels?.[v] ?? v);
  }
  return params;
}

/** An event's type and attribute values against the ruleset's event types: its problems, and its warnings in `locale`. */
export function checkVocabulary(compiled: CompiledRuleset, event: EntityEvent, i: number, problems: Problem[], warnings: string[], locale: Locale = 'en'): void {
  const type = compiled.eventTypes.get(event.type);
  const words = { type: event.type, ruleset: compiled.ruleset.id };
  const said = locale === 'en' ? en.warning : zhCN.warning;
  if (!type) {
    warnings.push(`${jsonPath(['events', i, 'type'])}: ${said['event.typeUnknown'](words)}`);
    return;
  }
  if (!type.used) warnings.push(`${jsonPath(['events', i, 'type'])}: ${said['event.typeUnused'](words)}`);
  for (const [name, spec] of type.attributes) {
    const present = Object.hasOwn(event, name) && event[name] !== null;
    if (present ? valueFits(spec, event[name]) : !spec.required) continue;
    const path = jsonPath(['events', i, name]);
    if (!present) {
      problems.push(problemAt(path, 'event.attributeRequired', { ...fieldSpecParams(name, spec), eventType: event.type, eventTypeLabel: type.type.label }));
      continue;
    }
    problems.push(problemAt(path, 'event.attributeInvalid', { ...fieldSpecParams(name, spec), eventType: event.type, found: quoted(event[name]) }));
  }
}

/**
 * The local variable `vocabularySource` reads an event type's attribute into: the attribute's
 * own value, or `undefined`, as a condition's read of the `event` fact at that path gives it.
 */
export const attributeLocal = (index: number): string => `x${index}`;

/**
 * An event type's vocabulary test as statements on the event `e` (with `H` as Object.hasOwn
 * and `D` as isIsoDate in scope) that run `fail` when `checkVocabulary` would find a problem
 * with an event of that type. Each attribute, in the order of `attributes`, is read once
 * into `attributeLocal(i)`.
 */
export function vocabularySource({ attributes }: CompiledEventType, fail: string): string {
  return attributes.map(([attribute, spec], i) => {
    const [key, v] = [JSON.stringify(attribute), attributeLocal(i)];
    // An own `undefined` is present (and not of any kind), as in checkVocabulary.
    return `const own${i} = H(e, ${key}), ${v} = own${i} ? e[${key}] : undefined;\nif (!own${i} || ${v} === null) {${spec.required ? fail : ''}} else if (!(${fitsSource(spec, v)})) ${fail}`;
  }).join('\n');
}

/**
 * True exactly when `checkVocabulary` finds nothing to say of an event: one generated
 * function for the ruleset, a `switch` on the type with each attribute's test inlined.
 * `undefined` where code generation is not allowed (`checkVocabulary` then runs on every event).
 */
export function generateEventFits(eventTypes: ReadonlyMap<string, CompiledEventType>): ((event: EntityEvent) => boolean) | undefined {
  if (!canGenerate()) return undefined;
  const cases = [...eventTypes].map(([name, type]) => {
    if (!type.used) return `case ${JSON.stringify(name)}: return false;`;
    return `case ${JSON.stringify(name)}: {\n${vocabularySource(type, 'return false;')}\nreturn true;\n}`;
  });
  const source = `return function eventFits(e) {\nswitch (e.type) {\n${cases.join('\n')}\ndefault: return false;\n}\n};`;
  return (new Function('H', 'D', source) as (h: typeof Object.hasOwn, d: typeof isIsoDate) => (event: EntityEvent) => boolean)(Object.hasOwn, isIsoDate);
}
