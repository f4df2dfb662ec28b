/**
 * The JSON path of the key or value at an offset of JSON text (`$.indicators[1].items[0]`), so
 * the JSON view can say, on hover, which field of the form the text under the pointer is.
 * Lenient: text after the offset is not read, so a half-typed document still answers.
 */

type Frame = { kind: 'object'; key: string | null; afterColon: boolean } | { kind: 'array'; index: number };

/** The path at `offset`, as keys and indices; `null` outside any value. */
export function pathAtOffset(text: string, offset: number): (string | number)[] | null {
  const stack: Frame[] = [];
  const path = (): (string | number)[] => stack.flatMap((f): (string | number)[] => (f.kind === 'array' ? [f.index] : f.key !== null ? [f.key] : []));
  let i = 0;
  while (i < text.length && i <= offset) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (i === offset && c !== '"') return path();
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const isKey = top?.kind === 'object' && !top.afterColon;
      if (isKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
      }
      if (offset <= j) return path();
      i = j + 1;
      continue;
    }
    if (c === '{') stack.push({ kind: 'object', key: null, afterColon: false });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && top?.kind === 'object') top.afterColon = true;
    else if (c === ',' && top) {
      if (top.kind === 'array') top.index++;
      else {
        top.key = null;
        top.afterColon = false;
      }
    }
    i++;
  }
  return stack.length ? path() : null;
}
