/**
 * Reading whole JSON files: a missing file, a directory, an oversized file, text that is not
 * UTF-8, an empty file, a syntax error (with line and column) and absurd nesting all become a
 * `CreditRulesError` naming the file and the fix, never an exception from Node or V8.
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { CreditRulesError, errorSaying, jsonPath, problemAt, problemFrom } from '../errors.js';
import type { FileRole, ProblemCode, ProblemExplanation, ProblemParamsByCode } from '../messages/codes.js';
import { findSyntaxError, shortPath, type JsonSyntax } from '../syntax.js';

const MIB = 1024 * 1024;

/**
 * Files above this size are not read whole: V8 needs several times a file's size to parse it.
 * `CREDIT_RULES_MAX_JSON_BYTES` lowers it (tests, small machines).
 */
export function maxJsonBytes(): number {
  const fromEnv = Number(process.env.CREDIT_RULES_MAX_JSON_BYTES);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : 256 * MIB;
}

/** Deeper JSON than this is refused: no ruleset or record comes near it, and validators recurse. */
export const MAX_DEPTH = 256;

/** How a file is named in messages: as the user wrote it. */
export const STDIN = '<stdin>';

/**
 * A problem with a whole file (missing, a folder, too big, empty): there is no JSON path to
 * name, so the fix follows the message on its one line. `path` places it when there is one.
 */
export function fileError<C extends ProblemCode>(errorCode: 'FILE_UNREADABLE' | 'JSON_INVALID', file: string, code: C, params: ProblemParamsByCode[C], path?: string): CreditRulesError {
  const problem = problemAt(path ?? '$', code, params);
  if (path !== undefined) return new CreditRulesError(errorCode, problem.message, { file, problems: [problem] });
  return new CreditRulesError(errorCode, `${problem.message} — ${problem.fix}`, { file, explanation: { code, params } as ProblemExplanation });
}

/** Why Node could not open or read a path, in words, with what to do. */
export function ioError(file: string, error: unknown, what: FileRole): CreditRulesError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return fileError('FILE_UNREADABLE', file, 'file.missing', { what, cwd: process.cwd() });
  if (code === 'EISDIR') return fileError('FILE_UNREADABLE', file, 'file.directory', { what, json: false });
  if (code === 'EACCES' || code === 'EPERM') return fileError('FILE_UNREADABLE', file, 'file.permission', {});
  const message = error instanceof Error ? error.message : String(error);
  return fileError('FILE_UNREADABLE', file, 'file.unreadable', { what, reason: code ?? message });
}

/** `stat` that throws a coded error naming the path. */
export function statPath(file: string, what: FileRole): Stats {
  try {
    return statSync(file);
  } catch (error) {
    throw ioError(file, error, what);
  }
}

/** Decodes UTF-8 (dropping a BOM), refusing other encodings rather than garbling Chinese text. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('JSON_INVALID', file, 'file.notUtf8', {});
  }
}

/** Whether a file's first character that is not blank (nor a byte order mark) is "[": a JSON array, to be streamed. */
export function startsWithArray(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw ioError(file, error, 'file');
  }
  try {
    const buffer = Buffer.alloc(4096);
    for (let read; (read = readSync(fd, buffer)) > 0;) {
      const first = buffer.subarray(0, read).find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf);
      if (first !== undefined) return first === 0x5b;
    }
    return false;
  } catch (error) {
    throw ioError(file, error, 'file');
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses JSON text. A syntax error becomes `JSON_INVALID` with line, column and the JSON path
 * reached. `line` is the line of the file the text is (NDJSON); without it the text is the whole file.
 */
export function parseJson(text: string, file: string, line = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findSyntaxError(text);
    const said: JsonSyntax = found ?? (error instanceof RangeError ? { code: 'json.parserTooDeep', params: {} } : { code: 'json.parser', params: { reason: (error as Error).message } });
    // A line of NDJSON is placed by its caller (`file:line`); it only needs the column.
    const at = !found ? {} : line > 0 ? { column: found.column } : { line: found.line, column: found.column };
    throw errorSaying('JSON_INVALID', 'json.invalid', at, {
      file,
      problems: [problemFrom(found?.path ?? '$', said)],
    });
  }
}

/** The path of the first value nested deeper than `max`, found without recursion; undefined if none. */
export function tooDeep(value: unknown, max = MAX_DEPTH): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  // Depth-first with one frame per open container: memory grows with depth, not with size.
  const frames: { keys: (string | number)[]; values: unknown[]; next: number }[] = [];
  const open = (v: object): void => {
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    frames.push({ keys, values: Array.isArray(v) ? v : Object.values(v), next: 0 });
  };
  open(value);
  while (frames.length) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.values.length) {
      frames.pop();
      continue;
    }
    const child = frame.values[frame.next++];
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= max) {
      return shortPath(jsonPath(frames.map((f) => f.keys[f.next - 1]!)));
    }
    open(child);
  }
  return undefined;
}

/**
 * Reads a whole JSON file (a ruleset, a case, a records array): checks it is a file of a
 * sensible size, decodes UTF-8, parses with located errors, refuses absurd nesting.
 */
export function readJsonFile(file: string, what: FileRole): unknown {
  const stats = statPath(file, what);
  if (stats.isDirectory()) throw fileError('FILE_UNREADABLE', file, 'file.directory', { what, json: true });
  const limit = maxJsonBytes();
  if (stats.size > limit) {
    throw fileError('FILE_UNREADABLE', file, 'file.tooLarge', { bytes: stats.size, limit });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw ioError(file, error, what);
  }
  return parseJsonDocument(decodeUtf8(bytes, file), file);
}

/** Parses a whole JSON document: refuses an empty text and values nested deeper than `MAX_DEPTH`. */
export function parseJsonDocument(text: string, file: string): unknown {
  if (text.trim() === '') throw fileError('JSON_INVALID', file, 'file.empty', {});
  return refuseDeep(parseJson(text, file), file);
}

/** Parses one line of NDJSON as `parseJsonDocument` does a file; a line too short to nest that deep is not walked. */
export function parseJsonLine(text: string, file: string, line: number): unknown {
  const value = parseJson(text, file, line);
  return text.length > 2 * MAX_DEPTH ? refuseDeep(value, `${file}:${line}`) : value;
}

function refuseDeep(value: unknown, where: string): unknown {
  const deep = tooDeep(value);
  if (deep) {
    throw fileError('JSON_INVALID', where, 'file.tooDeep', { depth: MAX_DEPTH }, deep);
  }
  return value;
}

/** Writes a file whole or not at all: into a temporary file beside it, then renamed over it. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw fileError('FILE_UNREADABLE', file, 'file.unwritable', { reason: code ?? String(error) });
  }
}
