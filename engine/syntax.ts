/**
 * Where a JSON text goes wrong. `JSON.parse` in Node 20 does not always say where (and never
 * the line), so when it fails we scan the text ourselves, without recursion, to find the line,
 * the column, the JSON path reached so far and what was expected there.
 */
import { jsonPath } from './errors.js';
import type { JsonFound, ProblemParamsByCode } from './messages/codes.js';
import { en } from './messages/en.js';

/** The catalogue codes of a syntax error. */
export type SyntaxCode = Extract<keyof ProblemParamsByCode, `json.${string}`>;

/** What is wrong, as a catalogue code and its params (one of the `json.` problems). */
export type JsonSyntax = { [C in SyntaxCode]: { code: C; params: ProblemParamsByCode[C] } }[SyntaxCode];

/** The first syntax error of a JSON text: where, and what is wrong as a code, params and (in English) `message`. */
export type SyntaxProblem = JsonSyntax & {
  line: number;
  column: number;
  /** The JSON path of the value being read when the error was found (`$[3].events[0]`). */
  path: string;
  message: string;
};

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

/** A control character as messages name it: `U+000A`. */
export const controlChar = (c: number): string => `U+${c.toString(16).padStart(4, '0').toUpperCase()}`;

/** What stands at `offset`, as the reader sees it: the end, a control character, a string, a word, or one character. */
function foundAt(text: string, offset: number): JsonFound {
  if (offset >= text.length) return { kind: 'end' };
  const c = text.codePointAt(offset)!;
  if (c < 0x20) return { kind: 'control', char: controlChar(c) };
  const rest = text.slice(offset, offset + 40);
  const token = /^"[^"\n]{0,30}"?|^[A-Za-z_$][\w$]{0,30}/.exec(rest)?.[0] ?? String.fromCodePoint(c);
  return token.startsWith('"') ? { kind: 'string', text: token } : { kind: 'token', text: token };
}

/** Scans a JSON string from `start` (at its opening quote); returns the offset after it, or an error. */
function scanString(text: string, start: number): { end: number } | { offset: number; error: JsonSyntax } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { offset: start, error: { code: 'json.stringUnclosed', params: {} } };
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1 };
    if (c < 0x20) return { offset: i, error: { code: 'json.controlInString', params: { found: foundAt(text, i) } } };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, error: { code: 'json.unicodeEscape', params: {} } };
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, error: { code: 'json.badEscape', params: { escape: e ?? '' } } };
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
  const fail = (offset: number, error: JsonSyntax): SyntaxProblem => {
    const parts = stack.flatMap((f): (string | number)[] => (f.kind === 'array' ? [f.index] : f.key === undefined ? [] : [f.key]));
    const message = (en.problem[error.code] as (p: JsonSyntax['params']) => { message: string })(error.params).message;
    return { ...lineAndColumn(text, offset), path: shortPath(jsonPath(parts)), ...error, message };
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
        if ('offset' in s) return fail(s.offset, s.error);
        i = s.end;
        mode = 'after';
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail(i, { code: 'json.badNumber', params: { found: foundAt(text, i) } });
        i += m[0].length;
        mode = 'after';
      } else {
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (!literal) {
          const why = c === "'" ? 'singleQuote' : c === ']' || c === '}' ? 'trailingComma' : undefined;
          return fail(i, { code: 'json.valueExpected', params: { found: foundAt(text, i), ...(why ? { why } : {}) } });
        }
        i += literal.length;
        mode = 'after';
      }
    } else if (mode === 'key') {
      if (text[i] !== '"') {
        const c = text[i];
        const why = c === '}' ? 'trailingComma' : c === "'" ? 'singleQuote' : c !== undefined && /[A-Za-z_$]/.test(c) ? 'unquoted' : undefined;
        return fail(i, { code: 'json.nameExpected', params: { found: foundAt(text, i), ...(why ? { why } : {}) } });
      }
      const s = scanString(text, i);
      if ('offset' in s) return fail(s.offset, s.error);
      (stack[stack.length - 1] as { key: string | undefined }).key = JSON.parse(text.slice(i, s.end)) as string;
      i = s.end;
      skipSpace();
      if (text[i] !== ':') return fail(i, { code: 'json.colonExpected', params: { found: foundAt(text, i) } });
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < text.length) return fail(i, { code: 'json.afterValue', params: { found: foundAt(text, i) } });
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
        if (c === undefined) return fail(i, { code: 'json.unclosed', params: { container: top.kind, close } });
        return fail(i, { code: 'json.separatorExpected', params: { found: foundAt(text, i), close, commaMissing: c === '"' || c === '{' || c === '[' } });
      }
    }
  }
}
