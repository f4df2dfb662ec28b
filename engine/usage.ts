/** Mistakes in calling the library, as coded `USAGE` errors rather than a TypeError from inside. */
import type { CompiledRuleset } from './compile.js';
import { isIsoDate } from './dates.js';
import { CreditRulesError, problemAt } from './errors.js';
import type { ProblemCode, ProblemParamsByCode } from './messages/codes.js';

/** A `USAGE` error said by its catalogue code: its message is its one problem's. */
export function usage<C extends ProblemCode>(code: C, params: ProblemParamsByCode[C]): CreditRulesError {
  const problem = problemAt('', code, params);
  return new CreditRulesError('USAGE', problem.message, { problems: [problem] });
}

/** Throws unless `compiled` is what `loadRuleset` returns (the most likely slip: the ruleset JSON itself). */
export function checkCompiled(compiled: unknown): asserts compiled is CompiledRuleset {
  if (!((compiled as CompiledRuleset | null)?.eventTypes instanceof Map)) {
    throw usage('usage.notCompiled', {});
  }
}

/** Throws unless `date` is a real calendar date written YYYY-MM-DD. */
export function checkDate(date: unknown): asserts date is string {
  if (!isIsoDate(date)) {
    throw usage('usage.notADate', { value: JSON.stringify(date) ?? String(date) });
  }
}
