/**
 * `diff --format xlsx`: the report's tables as sheets of one workbook (the versions and summary,
 * policy changes, moved cases with why they moved, grade transitions, the grade distribution,
 * cases near a grade line, cases under a downgrade), in the chosen language. Numbers stay numbers.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Locale } from '../../messages/codes.js';
import { reportTables, summaryLine, versionRows, wordsOf, type Cell, type Report, type ReportTable } from './diffReport.js';

const bold = { fontWeight: 'bold' } as const;

function data(rows: Cell[][], header?: string[]): SheetData {
  const body = rows.map((row) => row.map((v) => (v === null || v === '' ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, wrap: v.includes('\n') })));
  return header ? [header.map((h) => ({ value: h, type: String, ...bold })), ...body] : body;
}

/** Column widths from the longest line of each column (a Chinese character counts twice), within bounds. */
function widths(table: ReportTable): { width: number }[] {
  const len = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  return table.columns.map((c, i) => ({ width: Math.min(80, Math.max(6, len(c.title), ...table.rows.map((r) => len(String(r[i] ?? '')))) + 2) }));
}

/** The workbook as bytes. */
export async function renderDiffXlsx(report: Report, lang: Locale): Promise<Buffer> {
  const w = wordsOf(lang);
  const t = reportTables(report, lang);
  const overview: Cell[][] = [[w.title], [], ...versionRows(report, lang), [], [summaryLine(report, lang)]];
  const sheet = (table: ReportTable) => ({ data: data(table.rows, table.columns.map((c) => c.title)), sheet: table.sheet, columns: widths(table), stickyRowsCount: 1 });
  const sheets = [
    { data: data(overview), sheet: w.title, columns: [{ width: 14 }, { width: 24 }, { width: 10 }, { width: 24 }, { width: 60 }] },
    sheet(t.policy), sheet(t.moved), sheet(t.transitions), sheet(t.distribution), sheet(t.near), sheet(t.computed),
  ];
  return writeXlsxFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBuffer();
}
