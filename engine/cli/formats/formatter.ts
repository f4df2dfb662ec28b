/** What every output format does: text before, one piece per record in input order, text after. */
import type { CreditRulesError } from '../../errors.js';
import type { Result } from '../../types.js';
import type { Where } from '../source.js';

export type FormatName = 'json' | 'table' | 'csv';
export const FORMATS: readonly FormatName[] = ['json', 'table', 'csv'];

export interface Formatter {
  /** Whether results must carry their trace (only JSON shows it). */
  readonly needsTrace: boolean;
  begin(): string;
  /** A scored record. `record` is the valid input it came from. */
  result(result: Result, record: Record<string, unknown>): string;
  /** A record that got no score; its error is reported on standard error. */
  invalid(where: Where, record: unknown, error: CreditRulesError): string;
  end(): string;
}
