/** Evaluating records against a compiled ruleset: validate, match (compiled), score. */
import type { CompiledRuleset } from './compile.js';
import { today } from './dates.js';
import { CreditRulesError, errorSaying, problemAt } from './errors.js';
import { matchCompiled, type Matches } from './match.js';
import { recordFits, recordIdOf, validateRecord } from './records.js';
import { scoreRecord } from './score.js';
import { checkCompiled, checkDate, usage } from './usage.js';
import { periodWarning } from './review/versions.js';
import type { EntityRecord, Result } from './types.js';

export interface EvaluateOptions {
  /** The evaluation date; else the record's `asOf`, else today. */
  asOf?: string;
  /** Explain every point (default true). Off is faster. */
  trace?: boolean;
  /** Validate the record first (default true). Off only for records already validated. */
  validate?: boolean;
}

/** Whether a record fits at a glance (`recordFits`); false too when reading it throws. */
function fitsAtAGlance(compiled: CompiledRuleset, record: unknown): record is EntityRecord {
  try {
    return recordFits(record, compiled);
  } catch {
    return false;
  }
}

/** Its matches, each event checked as it is matched; undefined when one does not pass or reading it throws. */
function checkedMatch(compiled: CompiledRuleset, record: EntityRecord, asOf: string): Matches | undefined {
  try {
    return matchCompiled(compiled, record, asOf, true);
  } catch {
    return undefined;
  }
}

/**
 * Validates a record in full: an invalid one, or one whose reading throws (a getter of an
 * embedding app's object), is a `RECORD_INVALID` error with every problem. Returns the warnings.
 */
function validateInFull(compiled: CompiledRuleset, record: unknown): string[] {
  let check;
  try {
    check = validateRecord(record, compiled);
  } catch (error) {
    const problem = problemAt('$', 'usage.recordUnreadable', { reason: error instanceof Error ? error.message : String(error) });
    throw new CreditRulesError('RECORD_INVALID', problem.message, { recordId: recordIdOf(record), problems: [problem] });
  }
  if (!check.valid) throw errorSaying('RECORD_INVALID', 'record.invalid', {}, { recordId: recordIdOf(record), problems: check.problems });
  return check.warnings;
}

/** Evaluates one record. Throws `RECORD_INVALID` (with every problem) for an invalid record, `USAGE` for a bad ruleset argument or date. */
export function evaluate(compiled: CompiledRuleset, record: unknown, options: EvaluateOptions = {}): Result {
  options ??= {};
  checkCompiled(compiled);
  if (options.asOf !== undefined) checkDate(options.asOf);
  const validate = options.validate !== false;
  // Most records fit at a glance and have their events checked as they are matched; the
  // others, and those whose events do not pass, are validated in full (which throws for an invalid one).
  const glance = validate && fitsAtAGlance(compiled, record);
  let warnings = validate && !glance ? validateInFull(compiled, record) : undefined;
  const valid = record as EntityRecord;
  const asOf = options.asOf ?? valid.asOf ?? today();
  let matches = glance ? checkedMatch(compiled, valid, asOf) : undefined;
  if (glance && !matches) warnings = validateInFull(compiled, record);
  matches ??= matchCompiled(compiled, valid, asOf);
  const result = scoreRecord(compiled, valid, asOf, matches, options.trace !== false);
  const outside = periodWarning(compiled.ruleset, asOf);
  if (outside) warnings = [...(warnings ?? []), outside];
  if (warnings?.length) result.warnings = warnings;
  return result;
}

/** One outcome of `evaluateMany`: a result, or the error that kept the record from one. */
export type Outcome = { ok: true; result: Result } | { ok: false; error: CreditRulesError; index: number };

/** Evaluates many records; an invalid one yields its error and the others are still scored. */
export function evaluateMany(compiled: CompiledRuleset, records: Iterable<unknown>, options: EvaluateOptions = {}): Outcome[] {
  checkCompiled(compiled);
  if (options?.asOf !== undefined) checkDate(options.asOf);
  if (typeof (records as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function') {
    throw usage('usage.recordsNotAList', {});
  }
  const outcomes: Outcome[] = [];
  let index = 0;
  for (const record of records) {
    try {
      outcomes.push({ ok: true, result: evaluate(compiled, record, options) });
    } catch (error) {
      if (!(error instanceof CreditRulesError)) throw error;
      outcomes.push({ ok: false, error, index });
    }
    index++;
  }
  return outcomes;
}
