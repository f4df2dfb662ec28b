/**
 * Errors with a stable `code`. Every message says what is wrong, where (file, record id,
 * JSON path) and how to fix it; callers and tests rely on the code, not the wording.
 */
import type { HeadlineCode, HeadlineExplanation, HeadlineParamsByCode, Locale, ProblemCode, ProblemExplanation, ProblemParamsByCode } from './messages/codes.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

export type ErrorCode =
  | 'USAGE'
  | 'FILE_UNREADABLE'
  | 'JSON_INVALID'
  | 'RULESET_INVALID'
  | 'RULESET_REFERENCE'
  | 'RECORD_INVALID'
  | 'CASE_INVALID'
  | 'NO_RULESET_IN_FORCE';

/**
 * One problem found in a file, record or request. It says what is wrong as data, `code` and
 * `params` (engine/messages/codes.ts), and in words from the catalogues: `message` and `fix` in
 * English, `zh` in Chinese. The loader's, a record's, choosing a version, reading JSON, the
 * command line and the service say theirs so; a case file's schema problems have words only.
 */
export interface Problem {
  /** JSON path of the offending value (`$.events[2].date`). */
  path: string;
  message: string;
  fix?: string;
  /** The problem and its fix in Chinese, for policy staff (the editor shows it in zh-CN). */
  zh?: string;
  /** What is wrong, as a catalogue code (`points.sign`, `path.unknownField`…). */
  code?: ProblemCode;
  /** The params its sentences are made from. */
  params?: ProblemExplanation['params'];
}

/** A problem at `path` said by its catalogue code: `message` and `fix` from the en catalogue, `zh` from the zh-CN one. */
export function problemAt<C extends ProblemCode>(path: string, code: C, params: ProblemParamsByCode[C]): Problem {
  const words = en.problem[code](params);
  const problem: Problem = { path, message: words.message };
  if (words.fix !== undefined) problem.fix = words.fix;
  problem.zh = zhCN.problem[code](params).message;
  problem.code = code;
  problem.params = params;
  return problem;
}

/** `problemAt` for a code held with its params (a `ProblemExplanation`). */
export function problemFrom(path: string, said: ProblemExplanation): Problem {
  return problemAt(path, said.code, said.params as ProblemParamsByCode[typeof said.code]);
}

/** An error of this package: a code, where it happened, and the problems found. */
export class CreditRulesError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly recordId?: string;
  readonly problems: Problem[];
  /** What is wrong with a whole file (missing, empty, too big: no JSON path to hold a problem), as a catalogue code and params. */
  readonly explanation?: ProblemExplanation;
  /** The `message` as a catalogue code and params, when it has them. */
  readonly headline?: HeadlineExplanation;

  constructor(code: ErrorCode, message: string, where: ErrorPlace = {}) {
    super(message);
    this.name = 'CreditRulesError';
    this.code = code;
    this.file = where.file;
    this.recordId = where.recordId;
    this.problems = where.problems ?? [];
    if (where.explanation) this.explanation = where.explanation;
    if (where.headline) this.headline = where.headline;
  }

  /** The same error with another place (a file, a record id, problems placed in a file): its code, message and headline kept. */
  placed(where: Omit<ErrorPlace, 'headline'>): CreditRulesError {
    const { explanation, headline } = this;
    return new CreditRulesError(this.code, this.message, { ...(explanation ? { explanation } : {}), ...(headline ? { headline } : {}), ...where });
  }

  /**
   * The whole report, one problem a line, for a terminal or a log: in English (the default), or
   * in Chinese from the catalogues (the headline, a whole file's explanation, each problem's `zh`).
   */
  describe(locale: Locale = 'en'): string {
    const zh = locale === 'zh-CN';
    const record = this.recordId ? (zh ? zhCN : en).cli.record({ id: this.recordId }) : undefined;
    const where = [this.file, record].filter(Boolean).join(zh ? ',' : ', ');
    const head = `${this.code}: ${where ? `${where}${zh ? ':' : ': '}` : ''}${zh ? this.messageIn('zh-CN') : this.message}`;
    const lines = this.problems.map((p) => `  ${p.path}: ${zh && p.zh !== undefined ? p.zh : `${p.message}${p.fix ? ` — ${p.fix}` : ''}`}`);
    return [head, ...lines].join('\n');
  }

  /** The message in `locale`: from its headline or its whole file's explanation when it has one, else as written. */
  messageIn(locale: Locale): string {
    if (locale === 'en') return this.message;
    if (this.headline) return headlineText(this.headline, locale);
    if (this.explanation) return zhCN.problem[this.explanation.code](this.explanation.params as never).message;
    // A message that is its one problem's (a usage error, a record that cannot be read) is said as that problem is.
    const only = this.problems.length === 1 ? this.problems[0]! : undefined;
    if (only?.zh !== undefined && only.message === this.message) return only.zh;
    return this.message;
  }
}

/** Where an error happened and what it found. */
export interface ErrorPlace {
  file?: string;
  recordId?: string;
  problems?: Problem[];
  explanation?: ProblemExplanation;
  headline?: HeadlineExplanation;
}

/** A headline in words. */
export function headlineText(headline: HeadlineExplanation, locale: Locale): string {
  return (locale === 'en' ? en : zhCN).headline[headline.code](headline.params as never);
}

/** An error whose message is a catalogue headline: its English words are the `message`. */
export function errorSaying<C extends HeadlineCode>(code: ErrorCode, headline: C, params: HeadlineParamsByCode[C], where: Omit<ErrorPlace, 'headline'> = {}): CreditRulesError {
  const said = { code: headline, params } as HeadlineExplanation;
  return new CreditRulesError(code, headlineText(said, 'en'), { ...where, headline: said });
}

/**
 * A value as a message quotes it: short, and safe for any value (a list nested thousands
 * deep, a BigInt, a string of megabytes), where JSON.stringify would throw or flood.
 */
export function quoted(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Turns a JSON path array into `$.a[0].b`. */
export function jsonPath(parts: readonly (string | number)[]): string {
  let out = '$';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Turns ajv's instancePath (`/events/2/date`) into `$.events[2].date`. */
export function pointerToPath(pointer: string): string {
  if (!pointer) return '$';
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return jsonPath(parts);
}
