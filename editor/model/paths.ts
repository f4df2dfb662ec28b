/**
 * Immutable edits of JSON documents by path. An edit copies only the objects on the path,
 * so unchanged parts keep their identity: Vue skips their components and the undo history
 * holds whole documents at little cost.
 */
import { syntaxErrorOffset } from './jsonLocate.js';

/** A path into a JSON document: keys and array indices. */
export type JsonPath = readonly (string | number)[];

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at `path`, or `undefined` when any step is missing. */
export function getIn(document: unknown, path: JsonPath): unknown {
  let node = document;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isObject(node) && typeof key === 'string' && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * A copy of `document` with `value` at `path` (`undefined` removes the key). Missing objects on
 * the way are created; keys keep their order, a new key goes last.
 */
export function setIn<T>(document: T, path: JsonPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  if (Array.isArray(document) && typeof key === 'number') {
    const copy = document.slice();
    copy[key] = setIn(copy[key], rest, value);
    return copy as T;
  }
  const source: JsonObject = isObject(document) ? document : {};
  const child = setIn(source[key as string], rest, value);
  if (child === undefined && rest.length === 0) {
    if (!Object.hasOwn(source, key as string)) return document;
    const { [key as string]: _removed, ...others } = source;
    return others as T;
  }
  return { ...source, [key as string]: child } as T;
}

/** Deep equality of JSON values; shared subtrees are recognised by identity at once. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * `next` with every part that equals, in value and key order, the same part of `previous`
 * replaced by that part: a document parsed from edited text then shares what the edit did not
 * change, as one made by `setIn` does, and what is kept by identity (a field's value, a cached
 * walk of a part) stays.
 */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = previous.length === next.length;
    const out = next.map((item: unknown, i) => {
      const shared = shareUnchanged(previous[i], item);
      if (shared !== previous[i]) same = false;
      return shared;
    });
    return (same ? previous : out) as T;
  }
  if (!isObject(next) || !isObject(previous)) return next;
  const keys = Object.keys(next);
  const previousKeys = Object.keys(previous);
  let same = keys.length === previousKeys.length;
  const entries = keys.map((key, i) => {
    const before = Object.hasOwn(previous, key) ? previous[key] : undefined;
    const shared = shareUnchanged(before, next[key]);
    if (previousKeys[i] !== key || shared !== before) same = false;
    return [key, shared] as const;
  });
  return (same ? previous : Object.fromEntries(entries)) as T;
}

/** Every leaf path where `a` and `b` differ, as `pathKey` strings. */
export function changedPaths(a: unknown, b: unknown, prefix: (string | number)[] = [], out = new Set<string>()): Set<string> {
  if (a === b) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) changedPaths(a[i], b[i], [...prefix, i], out);
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) changedPaths(a[k], b[k], [...prefix, k], out);
    return out;
  }
  if (!jsonEqual(a, b)) out.add(pathKey(prefix));
  return out;
}

/** A path as a JSON path string, the engine's way: `$.indicators[1].items[0].cap`. */
export function pathKey(path: JsonPath): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

const interned = new Map<string, JsonPath>();

/**
 * The one frozen array for a path. A field's `path` prop written `[...path, 'full']` is a new
 * array on every render of its card, which makes Vue update the field (and set its input's
 * value again) though nothing in it changed: through here it is the same array each time.
 */
export function internPath(path: JsonPath): JsonPath {
  const key = pathKey(path);
  let same = interned.get(key);
  if (!same) interned.set(key, (same = Object.freeze([...path])));
  return same;
}

/** How a JSON file was written, so a save changes only what was edited. */
export interface JsonStyle {
  indent: number;
  finalNewline: boolean;
}

/** The style of a JSON text (two spaces and a final newline when it can't tell). */
export function detectStyle(text: string): JsonStyle {
  const indent = /\n( +)"/.exec(text)?.[1]?.length ?? 2;
  return { indent, finalNewline: text.length === 0 || text.endsWith('\n') };
}

/** A JSON document as text in the given style. */
export function formatJson(document: unknown, style: JsonStyle = { indent: 2, finalNewline: true }): string {
  return JSON.stringify(document, null, style.indent) + (style.finalNewline ? '\n' : '');
}

/** Where JSON text stops being JSON: a message, and its line and column (1-based) when known. */
export interface JsonSyntaxError {
  message: string;
  line: number;
  column: number;
}

/** Parses JSON text; a syntax error comes back with its line and column instead of a throw. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const found = syntaxErrorOffset(text);
    if (found < 0 && lineColumn) return { ok: false, error: { message, line: Number(lineColumn[1]), column: Number(lineColumn[2]) } };
    const position = /position (\d+)/.exec(message);
    const offset = found >= 0 ? found : position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    return { ok: false, error: { message, line, column } };
  }
}
