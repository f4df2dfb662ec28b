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
 * `null` when the text is not JSON enough to tell.
 */
export function locateValue(text: string, path: readonly (string | number)[]): TextRange | null {
  let i = 0;
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skip = (): void => {
    space();
    const c = text[i];
    if (c === '"') string();
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          string();
          space();
          i++; // ':'
        }
        skip();
        space();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  const find = (depth: number): TextRange => {
    space();
    const start = i;
    const target = path[depth];
    const c = text[i];
    if (depth < path.length && c === '{' && typeof target === 'string') {
      i++;
      space();
      while (text[i] !== '}' && i < text.length) {
        space();
        const key = string();
        space();
        i++; // ':'
        if (key === target) return find(depth + 1);
        skip();
        space();
        if (text[i] === ',') i++;
        space();
      }
    } else if (depth < path.length && c === '[' && typeof target === 'number') {
      i++;
      for (let index = 0; ; index++) {
        space();
        if (text[i] === ']' || i >= text.length) break;
        if (index === target) return find(depth + 1);
        skip();
        space();
        if (text[i] === ',') i++;
      }
    }
    i = start;
    skip();
    return { start, end: i };
  };
  try {
    return find(0);
  } catch {
    return null;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The offset where JSON text first goes wrong (the text's length when it ends too soon), or -1
 * when it is JSON. The browser's own message does not always say where.
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
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
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
