/**
 * The streaming JSON array reader (engine/jsonArray.ts) against JSON.parse: the same values for
 * any array, written with any whitespace and escapes, cut into chunks anywhere (between the
 * bytes of one character too); an error exactly when JSON.parse refuses the text, at the
 * line and column the whole-text scanner (cli/syntax.ts) names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSyntaxError } from '../engine/syntax.js';
import { CreditRulesError } from '../engine/errors.js';
import { jsonArrayValues, type JsonArrayOptions } from '../engine/jsonArray.js';
import { prng as random } from '../editor/model/prng.js';

async function* chunksOf<T>(parts: readonly T[]): AsyncGenerator<T> {
  yield* parts;
}

interface Read {
  values: unknown[];
  error?: CreditRulesError;
}

async function read(parts: readonly (string | Uint8Array)[], options?: JsonArrayOptions): Promise<Read> {
  const values: unknown[] = [];
  try {
    for await (const element of jsonArrayValues(chunksOf(parts), options)) {
      expect(element.index).toBe(values.length);
      values.push(element.value);
    }
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    return { values, error };
  }
  return { values };
}

/** `text` cut at the given positions (any order, repeats allowed). */
function cut<T extends string | Uint8Array>(text: T, at: readonly number[]): T[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const parts: T[] = [];
  let from = 0;
  for (const p of [...points, text.length]) {
    parts.push(text.slice(from, p) as T);
    from = p;
  }
  return parts;
}

// One fast-check integer drives every choice of a serialisation through a seeded generator.
const SPACES = ['', ' ', '\n', '\r\n', '\t', '  \n  '];

/** JSON text of `value` with random whitespace between tokens and random escapes in strings. */
function write(value: unknown, next: () => number): string {
  const space = (): string => SPACES[Math.floor(next() * SPACES.length)]!;
  const string = (s: string): string => {
    let out = '"';
    for (const ch of s) {
      const plain = JSON.stringify(ch).slice(1, -1);
      const r = next();
      const hex = ch.length === 1 ? ch.charCodeAt(0).toString(16).padStart(4, '0') : '';
      if (r < 0.1 && hex) out += `\\u${r < 0.05 ? hex.toUpperCase() : hex}`; // \u00E9 and \u00e9
      else if (r < 0.15 && ch === '/') out += '\\/';
      else out += plain;
    }
    return `${out}"`;
  };
  if (typeof value === 'string') return string(value);
  if (Array.isArray(value)) return `[${space()}${value.map((v) => write(v, next)).join(`${space()},${space()}`)}${space()}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${string(k)}${space()}:${space()}${write(v, next)}`);
    return `{${space()}${entries.join(`${space()},${space()}`)}${space()}}`;
  }
  return JSON.stringify(value);
}

const arrays = fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 });
const textArrays = fc.array(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { maxLength: 6 });

describe('jsonArrayValues reads what JSON.parse reads', () => {
  it('any array, any whitespace and escapes, a BOM or not, cut into string chunks anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(textArrays, fc.integer(), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (array, seed, at, bom) => {
        const text = write(array, random(seed));
        const expected = JSON.parse(text) as unknown[];
        const got = await read(cut((bom ? '\uFEFF' : '') + text, at));
        expect(got.error).toBeUndefined();
        expect(got.values).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('the same as UTF-8 bytes cut anywhere, inside a character too', async () => {
    await fc.assert(
      fc.asyncProperty(arrays, fc.integer(), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (array, seed, at, bom) => {
        const text = write(array, random(seed));
        const bytes = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
        const got = await read(cut(new Uint8Array(bytes), at));
        expect(got.error).toBeUndefined();
        expect(got.values).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('every single cut of a text with escapes, nesting and Chinese, as text and as bytes', async () => {
    const text = '\uFEFF [ {"name":"台州\\"园林\\\\","x":[1,{"y":"]}\\u0041\\/"}],"n":-1.5e+3} ,\r\n"尾" ,true,null, 0 ,[] ,{}]\n';
    const expected = JSON.parse(text.slice(1));
    const bytes = new Uint8Array(Buffer.from(text));
    for (let p = 0; p <= text.length; p++) expect((await read(cut(text, [p]))).values).toEqual(expected);
    for (let p = 0; p <= bytes.length; p++) expect((await read(cut(bytes, [p]))).values).toEqual(expected);
  });

  it('refuses exactly the texts JSON.parse refuses, at the line and column of the first error', async () => {
    const alphabet = fc.constantFrom('[', ']', '{', '}', '"', ',', ':', '\\', ' ', '\n', '0', '1', '-', '.', 'e', 't', 'n', 'x', 'u');
    const edit = fc.record({ at: fc.nat(), insert: fc.option(alphabet, { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(arrays, fc.integer(), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 6 }), async (array, seed, edits, at) => {
        let text = write(array, random(seed));
        for (const e of edits) {
          const p = e.at % (text.length + 1);
          text = e.insert === undefined ? text.slice(0, p) + text.slice(p + 1) : text.slice(0, p) + e.insert + text.slice(p);
        }
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          expected = undefined;
        }
        const got = await read(cut(text, at));
        if (Array.isArray(expected)) {
          expect(got.error).toBeUndefined();
          expect(got.values).toEqual(expected);
          return;
        }
        expect(got.error?.code).toBe('JSON_INVALID');
        expect(got.error?.problems[0]?.path).toMatch(/^\$/);
        // A text that is not a list is refused at its first character; one that is, where it first goes wrong.
        const found = text.trimStart().startsWith('[') ? findSyntaxError(text) : undefined;
        if (found) expect(got.error?.message).toBe(`not valid JSON at line ${found.line}, column ${found.column}`);
        // Every element before the one that goes wrong was read.
        const index = /^\$\[(\d+)\]/.exec(got.error?.problems[0]?.path ?? '')?.[1];
        if (index !== undefined) expect(got.values).toHaveLength(Number(index));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('jsonArrayValues errors', () => {
  const problem = async (parts: (string | Uint8Array)[], options?: JsonArrayOptions): Promise<[string, string, string, unknown[]]> => {
    const got = await read(parts, options);
    return [got.error?.message ?? '', got.error?.problems[0]?.path ?? '', got.error?.problems[0]?.message ?? '', got.values];
  };

  it('names the element, the path inside it, the line and the column', async () => {
    expect(await problem(['[{"id":"A"},\n {"id":"B", "events":[{"date": 2021-01-01}]}]'])).toEqual([
      'not valid JSON at line 2, column 36', '$[1].events[0].date', '"-" where "," or "}" was expected', [{ id: 'A' }],
    ]);
    expect(await problem(['[1,', '2,]'])).toEqual(['not valid JSON at line 1, column 6', '$[2]', '"]" where a value was expected; remove the trailing comma before it', [1, 2]]);
    expect(await problem(['[1 2]'])).toEqual(['not valid JSON at line 1, column 4', '$[1]', '"2" where "," or "]" was expected', [1]]);
    // A byte order mark is not a column: the same place as without it.
    expect((await problem(['\uFEFF[1 2]']))[0]).toBe('not valid JSON at line 1, column 4');
    expect((await problem([new Uint8Array(Buffer.from('\uFEFF[{"a":1,}]'))]))[0]).toBe('not valid JSON at line 1, column 9');
    expect(await problem(['[{"a":1}{"b":2}]'])).toEqual(['not valid JSON at line 1, column 9', '$[1]', '"{" where "," or "]" was expected; a comma is missing before it', [{ a: 1 }]]);
    expect(await problem(['[1]', ' [2]'])).toEqual(['not valid JSON at line 1, column 5', '$', '"[" after the end of the list; one file holds one value (use .ndjson for one record per line)', [1]]);
    expect(await problem(['{"id":"A"}'])).toEqual(['not valid JSON at line 1, column 1', '$', '"{" where a list "[" was expected', []]);
    expect(await problem(['[{"a":"', 'open'])).toEqual(['not valid JSON at line 1, column 7', '$[0].a', 'a string is not closed (missing ")', []]);
    expect(await problem(['[1, 2'])).toEqual(['not valid JSON at line 1, column 6', '$', 'the text ends inside the list (missing "]")', [1, 2]]);
    expect(await problem([' \n '])).toEqual(['not valid JSON at line 2, column 2', '$', 'the text is empty: a list "[…]" was expected', []]);
  });

  it('refuses bytes that are not UTF-8 where they stand, after the elements before them', async () => {
    const gbk = Buffer.from([0xd6, 0xd0]); // 中 in GBK
    const got = await problem([Buffer.from('[1,\n"a'), gbk, Buffer.from('"]')]);
    expect(got).toEqual(['not UTF-8 text (saved as GBK or another encoding?) at line 2, column 3', '$[1]', 'not UTF-8 text (saved as GBK or another encoding?)', [1]]);
    // A character cut off at the very end is not UTF-8 either.
    expect((await problem([Buffer.from('["'), Buffer.from([0xe4, 0xb8])]))[2]).toBe('not UTF-8 text (saved as GBK or another encoding?)');
  });

  it('keeps an element within its depth and length, so one element cannot take the memory or the stack', async () => {
    const deep = `[${'['.repeat(10_000)}`;
    expect(await problem([deep])).toEqual(['is nested more than 256 levels deep (at line 1, column 257)', '$[0]', 'is nested more than 256 levels deep', []]);
    expect(await problem([`[[[1]], [[[2]]]]`], { maxDepth: 2 })).toEqual(['is nested more than 3 levels deep (at line 1, column 11)', '$[1]', 'is nested more than 3 levels deep', [[[1]]]]);
    const long = await problem(['["ab", "', 'x'.repeat(50), '"]'], { maxElementLength: 40 });
    expect(long.slice(1)).toEqual(['$[1]', 'has an element more than 40 characters long', ['ab']]);
  });
});
