/**
 * Generated functions kept across compilations. An editor compiles its draft on every edit,
 * and most edits (points, a full score, a window, a grade line) leave every condition as it
 * was: their predicates and matchers are then taken from here, already generated and already
 * optimized by the JavaScript engine, instead of written and parsed again.
 *
 * A function is kept under what it was generated from, written as JSON: its context (the
 * named conditions and parameters its code reads) and its own part (a condition; a matcher's
 * program and the conditions of its slots). JSON is exact only for plain JSON data, so a
 * ruleset holding anything else (NaN, a Date, `undefined` in a list: only a program can
 * pass them) is not cached at all. A few recent contexts are kept, each with a bounded
 * number of functions, so a long editing session or a service loading many versions holds
 * little.
 */

const CONTEXTS = 8;
const FUNCTIONS_PER_CONTEXT = 2000;
const contexts = new Map<string, Map<string, unknown>>();

/**
 * Short names of parts' keys, so a key made of many parts (a matcher's slots) is short to
 * write and to look up. Numbers are never given twice, also after the table is emptied:
 * a number always stands for the one key it was given to.
 */
const PARTS = 20000;
const partNumbers = new Map<string, number>();
let nextPart = 0;

/** A number standing for `key` (one number per key while it is kept; never the same number for another key). */
export function partNumber(key: string): number {
  let n = partNumbers.get(key);
  if (n === undefined) {
    if (partNumbers.size >= PARTS) partNumbers.clear();
    n = nextPart++;
    partNumbers.set(key, n);
  }
  return n;
}

/** Whether `value` is plain JSON data, which `JSON.stringify` writes exactly (no NaN, Date, `undefined`, hole or function). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i])) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** `value` as a key: its JSON, or `undefined` when JSON would not write it exactly. */
export function jsonKey(value: unknown): string | undefined {
  return isPlainJson(value) ? JSON.stringify(value) : undefined;
}

/** The functions generated in one context, or `undefined` when the context cannot be a key (nothing is cached then). */
export class CodeCache {
  private constructor(private readonly functions: Map<string, unknown>) {}

  /** The cache for `context` (most recently used kept; the least recently used context dropped beyond a few). */
  static of(context: unknown): CodeCache | undefined {
    const key = jsonKey(context);
    if (key === undefined) return undefined;
    let functions = contexts.get(key);
    if (functions) contexts.delete(key);
    else functions = new Map();
    contexts.set(key, functions);
    if (contexts.size > CONTEXTS) contexts.delete(contexts.keys().next().value!);
    return new CodeCache(functions);
  }

  /** The function kept under `key`, else `generate()` kept under it (an undefined key keeps nothing). */
  get<T>(key: string | undefined, generate: () => T): T {
    if (key === undefined) return generate();
    if (this.functions.has(key)) return this.functions.get(key) as T;
    const made = generate();
    if (this.functions.size >= FUNCTIONS_PER_CONTEXT) this.functions.clear();
    this.functions.set(key, made);
    return made;
  }
}
