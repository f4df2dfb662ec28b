/**
 * A table of results as a spreadsheet: the same rows and columns written as CSV or as an Excel
 * workbook (.xlsx, by write-excel-file), headers in the reader's language. Any view can export
 * its rows with it: the case results, the impact of a change, a registry's results.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Locale } from '../i18n.js';
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';

/** A cell: a number stays a number in Excel; `null` is an empty cell. */
export type CellValue = string | number | boolean | null;

/** A column: its header, as a key of the editor's messages (`export.score`) or words per language, and its value for a row. */
export interface ExportColumn<Row> {
  header: string | ((locale: Locale) => string);
  value: (row: Row) => CellValue;
  /** Width in characters in the workbook. */
  width?: number;
}

/** A table ready to write: header row and value rows. */
export interface ExportTable {
  header: string[];
  rows: CellValue[][];
  /** Words for true and false in the table's language. */
  yes: string;
  no: string;
  widths: number[];
}

const CATALOGUES: Record<Locale, unknown> = { 'zh-CN': zhCN, en };

/** The message at a dotted key of a locale's catalogue; the key itself when there is none. */
export function message(key: string, locale: Locale): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), CATALOGUES[locale]);
  return typeof found === 'string' ? found : key;
}

/** The rows under their columns, headers in `locale`. */
export function exportTable<Row>(rows: readonly Row[], columns: readonly ExportColumn<Row>[], locale: Locale): ExportTable {
  const header = columns.map((c) => (typeof c.header === 'function' ? c.header(locale) : message(c.header, locale)));
  return {
    header,
    rows: rows.map((row) => columns.map((c) => c.value(row))),
    yes: message('export.yes', locale),
    no: message('export.no', locale),
    widths: columns.map((c, i) => c.width ?? Math.min(40, Math.max(8, header[i]!.length * 2))),
  };
}

/** A text a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading apostrophe. */
const inert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const csvCell = (value: CellValue, table: ExportTable): string => {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? table.yes : table.no;
  if (typeof value === 'number') return String(value);
  const text = inert(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV (RFC 4180, CRLF) with a byte-order mark, so Excel reads its Chinese as UTF-8. */
export function toCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map((cell) => csvCell(cell, table)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The table as an .xlsx workbook of one sheet named `sheet`, the header row bold and kept in view. */
export function toXlsx(table: ExportTable, sheet: string): Promise<Blob> {
  const cell = (value: CellValue) => (value === null ? null : typeof value === 'boolean' ? { value: value ? table.yes : table.no } : typeof value === 'string' ? { value: inert(value) } : { value });
  const data = [table.header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...table.rows.map((row) => row.map(cell))];
  // Excel limits sheet names to 31 characters, without []:*?/\.
  return writeXlsxFile(data, { sheet: sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), columns: table.widths.map((width) => ({ width })), stickyRowsCount: 1 }).toBlob();
}
