/**
 * Where a JSON text goes wrong. `JSON.parse` in Node 20 does not always say where (and never
 * the line), so when it fails we scan the text ourselves, without recursion, to find the line,
 * the column, the JSON path reached so far and what was expected there.
 */
import { jsonPath } from './errors.js';

/** The first syntax error of a JSON text. */
export interface SyntaxProblem {
  line: number;
  column: number;
  /** The JSON path of the value being read when the error was found (`$[3].events[0]`). */
  path: string;
  message: string;
}

/** A JSON path short enough to read: the start and the end of a very deep one. */
export function shortPath(path: string): string {
  return path.length > 80 ? `${path.slice(0, 40)}…${path.slice(-36)}` : path;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** What stands at `offset`, quoted as the reader sees it: a string, a word, or one character. */
function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const c = text.codePointAt(offset)!;
  if (c < 0x20) return `control character U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
  const rest = text.slice(offset, offset + 40);
  const token = /^"[^"\n]{0,30}"?|^[A-Za-z_$][\w$]{0,30}/.exec(rest)?.[0] ?? String.fromCodePoint(c);
  return token.startsWith('"') ? `the string ${token}` : `"${token}"`;
}

/** Scans a JSON string from `start` (at its opening quote); returns the offset after it, or an error. */
function scanString(text: string, start: number): { end: number } | { offset: number; message: string } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { offset: start, message: 'a string is not closed (missing ")' };
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1 };
    if (c < 0x20) return { offset: i, message: `${describeAt(text, i)} inside a string; write it escaped (\\n, \\t …)` };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'a \\u escape needs four hex digits' };
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, message: `"\\${e ?? ''}" is not a JSON escape` };
      i += 2;
      continue;
    }
    i++;
  }
}

/**
 * Finds the first syntax error of `text`, or `undefined` when it is valid JSON. Depth is
 * unbounded: containers live on an explicit stack, not on the call stack.
 */
export function findSyntaxError(text: string): SyntaxProblem | undefined {
  type Frame = { kind: 'array'; index: number } | { kind: 'object'; key: string | undefined };
  const stack: Frame[] = [];
  let i = 0;
  const fail = (offset: number, message: string): SyntaxProblem => {
    const parts = stack.flatMap((f): (string | number)[] => (f.kind === 'array' ? [f.index] : f.key === undefined ? [] : [f.key]));
    return { ...lineAndColumn(text, offset), path: shortPath(jsonPath(parts)), message };
  };
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };
  // mode: 'value' expects a value, 'key' a property name, 'after' a separator or a closing bracket.
  let mode: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipSpace();
    if (mode === 'value') {
      const c = text[i];
      if (c === '{') {
        i++;
        skipSpace();
        if (text[i] === '}') {
          i++;
          mode = 'after';
        } else {
          stack.push({ kind: 'object', key: undefined });
          mode = 'key';
        }
      } else if (c === '[') {
        i++;
        skipSpace();
        if (text[i] === ']') {
          i++;
          mode = 'after';
        } else stack.push({ kind: 'array', index: 0 });
      } else if (c === '"') {
        const s = scanString(text, i);
        if ('offset' in s) return fail(s.offset, s.message);
        i = s.end;
        mode = 'after';
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail(i, `${describeAt(text, i)} does not start a number`);
        i += m[0].length;
        mode = 'after';
      } else {
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (!literal) {
          const what = c === undefined ? 'the text ends where a value was expected' : `${describeAt(text, i)} where a value was expected`;
          const hint = c === "'" ? '; JSON strings take double quotes' : c === ']' || c === '}' ? '; remove the trailing comma before it' : '';
          return fail(i, what + hint);
        }
        i += literal.length;
        mode = 'after';
      }
    } else if (mode === 'key') {
      if (text[i] !== '"') {
        const c = text[i];
        const hint = c === '}' ? '; remove the trailing comma before it' : c === "'" ? '; JSON property names take double quotes' : c !== undefined && /[A-Za-z_$]/.test(c) ? '; put the property name in double quotes' : '';
        return fail(i, `${c === undefined ? 'the text ends' : describeAt(text, i)} where a property name in double quotes was expected${hint}`);
      }
      const s = scanString(text, i);
      if ('offset' in s) return fail(s.offset, s.message);
      (stack[stack.length - 1] as { key: string | undefined }).key = JSON.parse(text.slice(i, s.end)) as string;
      i = s.end;
      skipSpace();
      if (text[i] !== ':') return fail(i, `${describeAt(text, i)} where ":" was expected after a property name`);
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < text.length) return fail(i, `${describeAt(text, i)} after the end of the JSON value; one file holds one value (use an array, or .ndjson for one record per line)`);
        return undefined;
      }
      const c = text[i];
      const close = top.kind === 'array' ? ']' : '}';
      if (c === ',') {
        i++;
        if (top.kind === 'array') {
          top.index++;
          mode = 'value';
        } else mode = 'key';
      } else if (c === close) {
        i++;
        stack.pop();
      } else {
        const missing = c === undefined ? `the text ends inside ${top.kind === 'array' ? 'an array' : 'an object'} (missing "${close}")` : `${describeAt(text, i)} where "," or "${close}" was expected`;
        return fail(i, missing + (c === '"' || c === '{' || c === '[' ? '; a comma is missing before it' : ''));
      }
    }
  }
}
