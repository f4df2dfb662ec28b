/**
 * `--format table`: a table for the terminal with the ruleset's Chinese indicator names,
 * aligned by display width (a Chinese character takes two columns). Column widths come from
 * the first rows; a long stream keeps them, so the table is printed as it goes.
 */
import type { CompiledRuleset } from '../../compile.js';
import type { CreditRulesError } from '../../errors.js';
import type { Result } from '../../types.js';
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

/** The grade cell: the grade, with what the table computed when a downgrade decides. */
function gradeCell(result: Result): string {
  if (!result.eligible) return '— 不予定级';
  if (result.downgraded) return `${result.grade ?? '—'} 降级(计分表 ${result.computedGrade ?? '—'})`;
  return result.grade ?? '—';
}

export function tableFormatter(compiled: CompiledRuleset): Formatter {
  const indicators = compiled.ruleset.indicators;
  const columns: Column[] = [
    { title: '标识', align: 'left', max: 20 },
    { title: '名称', align: 'left', max: NAME_WIDTH },
    { title: '得分', align: 'right' },
    { title: '等级', align: 'left' },
    { title: '评价日', align: 'left' },
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
      return row([result.id, name, String(result.score), gradeCell(result), result.asOf, ...indicators.map((i) => String(scores.get(i.id) ?? '—'))]);
    },
    invalid: (where: Where, record: unknown, _error: CreditRulesError) => {
      invalid++;
      const id = recordIdOf(record) ?? (where.line !== undefined ? `第 ${where.line} 行` : where.index !== undefined ? `第 ${where.index + 1} 条` : '—');
      const name = record !== null && typeof record === 'object' && typeof (record as { name?: unknown }).name === 'string' ? (record as { name: string }).name : '';
      return row([id, name, '—', '✗ 无效', '', ...indicators.map(() => '')]);
    },
    end: () => {
      const rest = widths ? '' : fixWidths();
      const parts = [`共 ${scored + invalid} 条记录`, `已评分 ${scored} 条`];
      if (downgraded) parts.push(`其中 ${downgraded} 条由降级决定(得分为降级后等级的最低分;括号内为计分表本身的等级)`);
      if (invalid) parts.push(`无效 ${invalid} 条（原因见标准错误输出）`);
      return `${rest}\n${parts.join('，')}\n`;
    },
  };
}
