/**
 * Finds where a value sits in JSON text, so a problem the engine reports by JSON path
 * (`$.grades[2].min`) can be marked at its place in the JSON view.
 */

/** Offsets of a value in the text: `start` inclusive, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** Splits `$.a[0]["b c"].d` into its keys and indices. */
export function parsePathKey(key: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const pattern = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key.startsWith('$') ? key.slice(1) : key))) {
    if (match[1] !== undefined) parts.push(match[1]);
    else if (match[2] !== undefined) parts.push(Number(match[2]));
    else parts.push(JSON.parse(match[3]!) as string);
  }
  return parts;
}

/**
 * The range of the value at `path` in `text` (of the deepest part of the path that exists), or
 * `null` when the text is not JSON.
 */
export function locateValue(text: string, path: readonly (string | number)[]): TextRange | null {
  try {
    return scan(text, path);
  } catch (error) {
    if (error instanceof SyntaxAt) return null;
    throw error;
  }
}

/**
 * The offset where JSON text first goes wrong (the text's length when it ends too soon), or -1
 * when it is JSON. The browser's own message does not always say where.
 */
export function syntaxErrorOffset(text: string): number {
  try {
    scan(text, []);
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Reads JSON text strictly (as JSON.parse does), throwing `SyntaxAt` where it first goes
 * wrong, and returns the range of the value at `path`, or of the deepest part of it that exists.
 */
function scan(text: string, path: readonly (string | number)[]): TextRange {
  let i = 0;
  let found: TextRange = { start: 0, end: 0 };
  let foundDepth = -1;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  /** A value; `depth` is how much of `path` leads to it, or -1 when it is off the path. */
  const value = (depth: number): void => {
    space();
    const start = i;
    const c = text[i];
    const target = depth >= 0 && depth < path.length ? path[depth] : undefined;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) i++;
      else {
        for (let index = 0; ; index++) {
          let onPath = target === index;
          if (c === '{') {
            space();
            if (text[i] !== '"') fail();
            const key = i;
            string();
            onPath = typeof target === 'string' && target === JSON.parse(text.slice(key, i));
            space();
            if (text[i] !== ':') fail();
            i++;
          }
          value(onPath ? depth + 1 : -1);
          space();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === close) {
            i++;
            break;
          }
          fail();
        }
      }
    } else if (c === '"') string();
    else {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text);
      const word = number ? undefined : ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (number) i += number[0].length;
      else if (word) i += word.length;
      else fail();
    }
    if (depth > foundDepth) {
      found = { start, end: i };
      foundDepth = depth;
    }
  };
  value(0);
  space();
  if (i < text.length) fail();
  return found;
}
