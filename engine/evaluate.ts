/** Evaluating records against a compiled ruleset: validate, match (compiled), score. */
import type { CompiledRuleset } from './compile.js';
import { today } from './dates.js';
import { CreditRulesError } from './errors.js';
import { matchCompiled } from './match.js';
import { validateRecord } from './records.js';
import { scoreRecord } from './score.js';
import type { EntityRecord, Result } from './types.js';

export interface EvaluateOptions {
  /** The evaluation date; else the record's `asOf`, else today. */
  asOf?: string;
  /** Explain every point (default true). Off is faster. */
  trace?: boolean;
  /** Validate the record first (default true). Off only for records already validated. */
  validate?: boolean;
}

/** Evaluates one record. Throws `RECORD_INVALID` (with every problem) for an invalid record. */
export function evaluate(compiled: CompiledRuleset, record: unknown, options: EvaluateOptions = {}): Result {
  let warnings: string[] = [];
  if (options.validate !== false) {
    const check = validateRecord(record, compiled);
    if (!check.valid) {
      const id = record !== null && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string' ? (record as { id: string }).id : undefined;
      throw new CreditRulesError('RECORD_INVALID', 'the record is invalid', { recordId: id, problems: check.problems });
    }
    warnings = check.warnings;
  }
  const valid = record as EntityRecord;
  const asOf = options.asOf ?? valid.asOf ?? today();
  const result = scoreRecord(compiled, valid, asOf, matchCompiled(compiled, valid, asOf), options.trace !== false);
  if (warnings.length) result.warnings = warnings;
  return result;
}

/** One outcome of `evaluateMany`: a result, or the error that kept the record from one. */
export type Outcome = { ok: true; result: Result } | { ok: false; error: CreditRulesError; index: number };

/** Evaluates many records; an invalid one yields its error and the others are still scored. */
export function evaluateMany(compiled: CompiledRuleset, records: Iterable<unknown>, options: EvaluateOptions = {}): Outcome[] {
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
