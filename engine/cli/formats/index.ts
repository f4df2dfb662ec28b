/** Choosing the output format of `evaluate`. */
import type { CompiledRuleset } from '../../compile.js';
import { csvFormatter } from './csv.js';
import type { FormatName, Formatter } from './formatter.js';
import { jsonFormatter } from './json.js';
import { tableFormatter } from './table.js';

export function createFormatter(format: FormatName, compiled: CompiledRuleset, options: { trace: boolean }): Formatter {
  if (format === 'table') return tableFormatter(compiled);
  if (format === 'csv') return csvFormatter(compiled);
  return jsonFormatter(options);
}
