/**
 * Conditions that read the evaluation date (the fact `asOf`), as a forecast needs them: such
 * a test compares the date with something else (a licence's `validUntil`, a parameter, a
 * constant), and its outcome can change only where the date passes that value, on the value
 * itself or the day after. The dates are those values, found in the record as each condition
 * reads them.
 */
import { resolvePath } from './conditions.js';
import type { CompiledRuleset } from './compile.js';
import { addDays, isIsoDate } from './dates.js';
import { forEachCondition, isFactReference } from './walk.js';
import type { EntityRecord, FactCondition, Ruleset } from './types.js';

/** What a test compares the evaluation date with: another fact (and its path), or a constant. */
type OtherSide = { fact: string; path?: string } | { value: unknown };

const comparisons = new WeakMap<Ruleset, OtherSide[]>();

/** The other side of every test of a ruleset that reads `asOf`. */
function asOfComparisons(ruleset: Ruleset): OtherSide[] {
  let found = comparisons.get(ruleset);
  if (found) return found;
  found = [];
  const sides = found;
  forEachCondition(ruleset, (condition) => {
    if (!('fact' in condition)) return;
    const test = condition as FactCondition;
    const value = test.value;
    const readsAsOf = (v: unknown): boolean => isFactReference(v) && v.fact === 'asOf';
    if (test.fact === 'asOf' && !readsAsOf(value)) sides.push(isFactReference(value) ? value : { value });
    else if (test.fact !== 'asOf' && readsAsOf(value)) sides.push({ fact: test.fact, path: test.path });
  });
  comparisons.set(ruleset, found);
  return found;
}

/** The values a fact and path give for a record: the record's, each project's, each event's, a parameter's. */
function valuesOf(compiled: CompiledRuleset, record: EntityRecord, side: { fact: string; path?: string }): unknown[] {
  const read = (of: unknown): unknown => (side.path && of !== null && typeof of === 'object' ? resolvePath(of, side.path) : of);
  switch (side.fact) {
    case 'record':
      return [read(record)];
    case 'project':
      return (record.projects ?? []).map(read);
    case 'event':
      return (record.events ?? []).map(read);
    case 'parameters':
      return [read(compiled.parameters)];
    default:
      return [];
  }
}

/** The dates from which a test on the evaluation date may hold or stop holding for this record. */
export function asOfChangeDates(compiled: CompiledRuleset, record: EntityRecord): string[] {
  const dates: string[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(add);
    else if (isIsoDate(value)) dates.push(value, addDays(value, 1));
  };
  for (const side of asOfComparisons(compiled.ruleset)) add('value' in side ? side.value : valuesOf(compiled, record, side));
  return dates;
}
