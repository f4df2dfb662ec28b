/**
 * Operators of the condition language. The first ten are json-rules-engine's defaults,
 * with its fact-value validators; the date and presence operators are ours, registered
 * the same way in the reference engine so both paths share one definition.
 */
import { isIsoDate } from './dates.js';
import type { OperatorName } from './messages/codes.js';

/** An operator's meaning. What it is called in each language is the catalogues' (`catalogues[locale].operator[name]`). */
export interface OperatorDef {
  /** json-rules-engine's factValueValidator: the operator is false unless this holds. */
  validate: (factValue: unknown) => boolean;
  test: (factValue: any, value: any) => boolean;
  /** The kind of `value` the operator takes, checked when a ruleset loads. */
  value: 'any' | 'array' | 'number' | 'date' | 'boolean';
}

/** An operator as conditions evaluate it: `holds` never throws (conditions.ts says why). */
export interface Operator extends OperatorDef {
  /** `validate`, then `test`; false where either throws (`in` whose value is not a list, `<` on an object with no primitive value). */
  holds: (factValue: unknown, value: unknown) => boolean;
}

const always = (): boolean => true;
const numeric = (factValue: unknown): boolean => Number.parseFloat(factValue as string).toString() !== 'NaN';

const definitions: Readonly<Record<OperatorName, OperatorDef>> = {
  equal: { validate: always, test: (a, b) => a === b, value: 'any' },
  notEqual: { validate: always, test: (a, b) => a !== b, value: 'any' },
  in: { validate: always, test: (a, b) => b.indexOf(a) > -1, value: 'array' },
  notIn: { validate: always, test: (a, b) => b.indexOf(a) === -1, value: 'array' },
  contains: { validate: Array.isArray, test: (a, b) => a.indexOf(b) > -1, value: 'any' },
  doesNotContain: { validate: Array.isArray, test: (a, b) => a.indexOf(b) === -1, value: 'any' },
  lessThan: { validate: numeric, test: (a, b) => a < b, value: 'number' },
  lessThanInclusive: { validate: numeric, test: (a, b) => a <= b, value: 'number' },
  greaterThan: { validate: numeric, test: (a, b) => a > b, value: 'number' },
  greaterThanInclusive: { validate: numeric, test: (a, b) => a >= b, value: 'number' },
  dateBefore: { validate: isIsoDate, test: (a, b) => a < b, value: 'date' },
  dateOnOrBefore: { validate: isIsoDate, test: (a, b) => a <= b, value: 'date' },
  dateAfter: { validate: isIsoDate, test: (a, b) => a > b, value: 'date' },
  dateOnOrAfter: { validate: isIsoDate, test: (a, b) => a >= b, value: 'date' },
  missing: { validate: always, test: (a, b) => (a === null || a === undefined) === b, value: 'boolean' },
};

/** `validate` and `test` of `def`, never throwing: one function per operator, so each call site sees one shape. */
function total(def: OperatorDef): Operator {
  const { validate, test } = def;
  const holds = (factValue: unknown, value: unknown): boolean => {
    try {
      return validate(factValue) && test(factValue, value);
    } catch {
      return false;
    }
  };
  return { ...def, holds };
}

/** The operators, by name: json-rules-engine's own, then the date and presence operators. */
export const operators: Readonly<Record<string, Operator>> = Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, total(def)]));

/** The operators json-rules-engine does not have built in. */
export const customOperatorNames = ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter', 'missing'] as const;
