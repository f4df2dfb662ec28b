/**
 * Operators of the condition language. The first ten are json-rules-engine's defaults,
 * with its fact-value validators; the date and presence operators are ours, registered
 * the same way in the reference engine so both paths share one definition.
 */
import { isIsoDate } from './dates.js';

export interface OperatorDef {
  /** What the operator means, for the editor. */
  label: string;
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

const definitions: Record<string, OperatorDef> = {
  equal: { label: '等于', validate: always, test: (a, b) => a === b, value: 'any' },
  notEqual: { label: '不等于', validate: always, test: (a, b) => a !== b, value: 'any' },
  in: { label: '属于', validate: always, test: (a, b) => b.indexOf(a) > -1, value: 'array' },
  notIn: { label: '不属于', validate: always, test: (a, b) => b.indexOf(a) === -1, value: 'array' },
  contains: { label: '包含', validate: Array.isArray, test: (a, b) => a.indexOf(b) > -1, value: 'any' },
  doesNotContain: { label: '不包含', validate: Array.isArray, test: (a, b) => a.indexOf(b) === -1, value: 'any' },
  lessThan: { label: '小于', validate: numeric, test: (a, b) => a < b, value: 'number' },
  lessThanInclusive: { label: '小于等于', validate: numeric, test: (a, b) => a <= b, value: 'number' },
  greaterThan: { label: '大于', validate: numeric, test: (a, b) => a > b, value: 'number' },
  greaterThanInclusive: { label: '大于等于', validate: numeric, test: (a, b) => a >= b, value: 'number' },
  dateBefore: { label: '早于', validate: isIsoDate, test: (a, b) => a < b, value: 'date' },
  dateOnOrBefore: { label: '不晚于', validate: isIsoDate, test: (a, b) => a <= b, value: 'date' },
  dateAfter: { label: '晚于', validate: isIsoDate, test: (a, b) => a > b, value: 'date' },
  dateOnOrAfter: { label: '不早于', validate: isIsoDate, test: (a, b) => a >= b, value: 'date' },
  missing: { label: '未填写', validate: always, test: (a, b) => (a === null || a === undefined) === b, value: 'boolean' },
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
