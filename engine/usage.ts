/** Mistakes in calling the library, as coded `USAGE` errors rather than a TypeError from inside. */
import type { CompiledRuleset } from './compile.js';
import { isIsoDate } from './dates.js';
import { CreditRulesError } from './errors.js';

export function usage(message: string, fix: string): CreditRulesError {
  return new CreditRulesError('USAGE', message, { problems: [{ path: '', message, fix }] });
}

/** Throws unless `compiled` is what `loadRuleset` returns (the most likely slip: the ruleset JSON itself). */
export function checkCompiled(compiled: unknown): asserts compiled is CompiledRuleset {
  if (!((compiled as CompiledRuleset | null)?.eventTypes instanceof Map)) {
    throw usage('the ruleset is not a compiled ruleset', 'pass what loadRuleset(json) returns, not the ruleset JSON itself');
  }
}

/** Throws unless `date` is a real calendar date written YYYY-MM-DD. */
export function checkDate(date: unknown): asserts date is string {
  if (!isIsoDate(date)) {
    throw usage(`the evaluation date ${JSON.stringify(date) ?? String(date)} is not a date`, 'write a real calendar date as YYYY-MM-DD, such as 2021-06-30');
  }
}
