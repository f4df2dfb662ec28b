/**
 * `--format json`: a JSON array of results in input order, written as it goes: "[", then one
 * result per line joined by ",", then "]". Invalid records have no entry (records.md: no score);
 * their errors are on standard error.
 */
import type { Formatter } from './formatter.js';

export function jsonFormatter(options: { trace: boolean }): Formatter {
  let count = 0;
  return {
    needsTrace: options.trace,
    begin: () => '[\n',
    result: (result) => (count++ ? ',\n' : '') + JSON.stringify(result),
    invalid: () => '',
    end: () => (count ? '\n' : '') + ']\n',
  };
}
