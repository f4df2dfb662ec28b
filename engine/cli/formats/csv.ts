/**
 * `--format csv`: one row per scored record for spreadsheets. RFC 4180 (CRLF, fields quoted
 * when they hold a quote, comma or line break), UTF-8 with a BOM so Excel reads Chinese right.
 */
import type { CompiledRuleset } from '../../compile.js';
import type { Formatter } from './formatter.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** A field as RFC 4180 writes it. */
export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Text from a record (id, name) that a spreadsheet would run as a formula (=, +, -, @ first)
 * is written after an apostrophe, which Excel shows as plain text (OWASP's CSV injection advice).
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvFormatter(compiled: CompiledRuleset): Formatter {
  const indicators = compiled.ruleset.indicators.map((i) => i.id);
  // The evaluation date comes last, so the columns before it keep their places.
  const header = ['id', 'name', 'score', 'grade', 'computedScore', 'downgraded', 'eligible', ...indicators, 'asOf'];
  return {
    needsTrace: false,
    begin: () => BOM + header.map(csvField).join(',') + CRLF,
    result: (result, record) => {
      const scores = new Map(result.indicators.map((i) => [i.id, i.score]));
      const name = typeof record.name === 'string' ? record.name : '';
      const row = [csvText(result.id), csvText(name), result.score, result.grade, result.computedScore, result.downgraded, result.eligible, ...indicators.map((id) => scores.get(id)), result.asOf];
      return row.map(csvField).join(',') + CRLF;
    },
    invalid: () => '',
    end: () => '',
  };
}
