/**
 * `--format table`: a table for the terminal with the ruleset's indicator names, its own words
 * in `--lang` (the catalogues' `cli`), aligned by display width (a Chinese character takes two
 * columns). Column widths come from the first rows; a long stream keeps them, so the table is
 * printed as it goes.
 */
import type { CompiledRuleset } from '../../compile.js';
import type { CreditRulesError } from '../../errors.js';
import type { Locale } from '../../messages/codes.js';
import { en } from '../../messages/en.js';
import { zhCN } from '../../messages/zh-CN.js';
import { recordIdOf } from '../../records.js';
import type { Where } from '../source.js';
import type { Formatter } from './formatter.js';
import { displayWidth, pad, truncate } from './width.js';

/** Rows read before the column widths are fixed. */
const MEASURED_ROWS = 500;
const NAME_WIDTH = 32;
const GAP = '  ';

interface Column {
  title: string;
  align: 'left' | 'right';
  max?: number;
}

export function tableFormatter(compiled: CompiledRuleset, locale: Locale = 'zh-CN'): Formatter {
  const words = (locale === 'en' ? en : zhCN).cli;
  const indicators = compiled.ruleset.indicators;
  const columns: Column[] = [
    { title: words.columns.id, align: 'left', max: 20 },
    { title: words.columns.name, align: 'left', max: NAME_WIDTH },
    { title: words.columns.score, align: 'right' },
    { title: words.columns.grade, align: 'left' },
    { title: words.columns.asOf, align: 'left' },
    ...indicators.map((i): Column => ({ title: i.label, align: 'right' })),
  ];
  let widths: number[] | undefined;
  let pending: string[][] = [];
  let scored = 0;
  let invalid = 0;
  let downgraded = 0;

  const cell = (text: string, i: number): string => {
    const column = columns[i]!;
    // A line break or an escape sequence in a name would break the row or drive the terminal.
    const shown = text.replace(/\p{Cc}/gu, ' ');
    return column.max ? truncate(shown, column.max) : shown;
  };
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths![i]!, columns[i]!.align)).join(GAP).trimEnd() + '\n';
  const fixWidths = (): string => {
    widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...pending.map((row) => displayWidth(row[i]!))));
    const head = line(columns.map((c) => c.title)) + widths.map((w) => '─'.repeat(w)).join(GAP) + '\n';
    const body = pending.map(line).join('');
    pending = [];
    return head + body;
  };
  const row = (cells: string[]): string => {
    const fitted = cells.map(cell);
    if (widths) return line(fitted);
    pending.push(fitted);
    return pending.length >= MEASURED_ROWS ? fixWidths() : '';
  };

  return {
    needsTrace: false,
    begin: () => '',
    result: (result, record) => {
      scored++;
      if (result.downgraded) downgraded++;
      const scores = new Map(result.indicators.map((i) => [i.id, i.score]));
      const name = typeof record.name === 'string' ? record.name : '';
      return row([result.id, name, String(result.score), words.grade(result), result.asOf, ...indicators.map((i) => String(scores.get(i.id) ?? '—'))]);
    },
    invalid: (where: Where, record: unknown, _error: CreditRulesError) => {
      invalid++;
      const id = recordIdOf(record) ?? words.place(where.line !== undefined ? { line: where.line } : where.index !== undefined ? { item: where.index + 1 } : {});
      const name = record !== null && typeof record === 'object' && typeof (record as { name?: unknown }).name === 'string' ? (record as { name: string }).name : '';
      return row([id, name, '—', words.invalid, '', ...indicators.map(() => '')]);
    },
    end: () => {
      const rest = widths ? '' : fixWidths();
      return `${rest}\n${words.summary({ total: scored + invalid, scored, downgraded, invalid })}\n`;
    },
  };
}
