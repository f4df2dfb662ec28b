/**
 * Messages on standard error: each error names its file (with the NDJSON line), the record id,
 * the JSON path and the fix, through `CreditRulesError.describe()`. A flood is capped so a
 * million bad records cannot bury the summary.
 */
import type { Writable } from 'node:stream';
import { CreditRulesError } from '../errors.js';
import type { CliWords, Locale } from '../messages/codes.js';
import { en } from '../messages/en.js';
import { zhCN } from '../messages/zh-CN.js';
import type { Progress } from './progress.js';
import type { Where } from './source.js';

/** How a place in the input is written: `file:line` for NDJSON, `file` otherwise. */
export function placeName(where: Where): string {
  return where.line !== undefined ? `${where.file}:${where.line}` : where.file;
}

/** A path inside one record as a path inside the file: `$.events[0]` of item 3 is `$[3].events[0]`. */
export function pathInFile(path: string, where: Where): string {
  return where.index !== undefined && path.startsWith('$') ? `$[${where.index}]${path.slice(1)}` : path;
}

/** The same error, placed: the file (and line), the record id, and paths from the file's root. */
export function locate(error: CreditRulesError, where: Where, recordId?: string): CreditRulesError {
  const file = error.file && error.file !== where.file ? error.file : placeName(where);
  return error.placed({
    file,
    recordId: recordId ?? error.recordId,
    problems: error.problems.map((p) => ({ ...p, path: pathInFile(p.path, where) })),
  });
}

/** A record's warning (`$.events[2].type: …`) placed in its file: `warning: file:3, record E-1: $.events[2].type: …` (in Chinese, the zh-CN catalogue's words). */
export function warningLine(where: Where, recordId: string | undefined, text: string, locale: Locale = 'en'): string {
  const colon = text.indexOf(': ');
  const message = text.startsWith('$') && colon !== -1 ? `${pathInFile(text.slice(0, colon), where)}${text.slice(colon)}` : text;
  return (locale === 'en' ? en : zhCN).cli.warning({ place: placeName(where), ...(recordId ? { recordId } : {}), text: message });
}

/** Prints errors and warnings, at most `limit` of each, then counts the rest. */
export class Reporter {
  errors = 0;
  warnings = 0;
  internalErrors = 0;

  constructor(
    private readonly stream: Writable = process.stderr,
    private readonly progress?: Progress,
    readonly limit = 100,
    /** The language of the messages: English unless the command line asks for another (`--lang`). */
    readonly locale: Locale = 'en',
  ) {}

  /** Writes a line (or lines) as is. */
  print(text: string): void {
    this.progress?.clear();
    this.stream.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  error(error: CreditRulesError): void {
    this.errors++;
    if (this.errors <= this.limit) this.print(error.describe(this.locale));
    else if (this.errors === this.limit + 1) this.print(this.words.moreErrors({ limit: this.limit }));
  }

  /** A bug of ours met on one record: one line, no stack, and the run goes on (exit 70 at the end). */
  internal(error: unknown, where: Where, recordId: string | undefined): void {
    this.internalErrors++;
    const place = [placeName(where), where.index !== undefined ? `$[${where.index}]` : undefined, recordId ? `record ${recordId}` : undefined].filter(Boolean).join(', ');
    if (this.internalErrors <= this.limit) this.print(internalError(error, place));
    else if (this.internalErrors === this.limit + 1) this.print(`… more internal errors follow; only the first ${this.limit} are shown`);
  }

  warning(where: Where, recordId: string | undefined, text: string): void {
    this.warnings++;
    if (this.warnings <= this.limit) this.print(warningLine(where, recordId, text, this.locale));
    else if (this.warnings === this.limit + 1) this.print(this.words.moreWarnings({ limit: this.limit }));
  }

  /** The command line's words in the messages' language. */
  get words(): CliWords {
    return (this.locale === 'en' ? en : zhCN).cli;
  }
}

/** One line for a bug of ours: no stack trace unless CREDIT_RULES_DEBUG is set. */
export function internalError(error: unknown, context?: string): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = process.env.CREDIT_RULES_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
  return `credit-rules: internal error${context ? ` (${context})` : ''}: ${message}, please report it with the command and input that caused it${stack}`;
}
