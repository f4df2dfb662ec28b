/** Choosing the output format of `evaluate`. */
import type { CompiledRuleset } from '../../compile.js';
import type { Locale } from '../../messages/codes.js';
import { csvFormatter } from './csv.js';
import type { FormatName, Formatter } from './formatter.js';
import { jsonFormatter } from './json.js';
import { tableFormatter } from './table.js';

/** `locale`: the language of the table's own words (the CSV's and JSON's are fixed). */
export function createFormatter(format: FormatName, compiled: CompiledRuleset, options: { trace: boolean; locale?: Locale }): Formatter {
  if (format === 'table') return tableFormatter(compiled, options.locale);
  if (format === 'csv') return csvFormatter(compiled);
  return jsonFormatter(options);
}
