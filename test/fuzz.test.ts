/**
 * Fuzzing the engine's two doors with malformed input: thousands of mutated records into
 * `evaluate()` and mutated rulesets into `loadRuleset()`. Each must be scored (a finite score,
 * a grade) or rejected with a `CreditRulesError` of a known code; any other exception, a
 * non-finite score or a polluted prototype is a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditRulesError, evaluate, loadRuleset, schemas, type CompiledRuleset, type ErrorCode } from '../engine/index.js';
import { acceptRecordSchema, validateRecordSchema } from '../engine/schemas.js';
import { matchCompiled } from '../engine/match.js';
import { recordFits, validateRecord } from '../engine/records.js';

const ROOT = join(import.meta.dirname, '..');
const rulesetText = readFileSync(join(ROOT, 'rulesets/enterprise.json'), 'utf8');
const compiled = loadRuleset(JSON.parse(rulesetText));

/** Valid records to mutate: the CLI fixtures and the records of the sample cases. */
const seeds: unknown[] = (() => {
  const fixtures = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/records/three.json'), 'utf8')) as unknown[];
  const caseDir = join(ROOT, 'rulesets/cases/enterprise');
  const cases = readdirSync(caseDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      try {
        return [(JSON.parse(readFileSync(join(caseDir, f), 'utf8')) as { record: unknown }).record];
      } catch {
        return [];
      }
    });
  return [...fixtures, ...cases].filter((r) => r !== undefined);
})();

type Json = unknown;
type Key = string | number;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A value, short, for a failure message. */
function show(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 300);
  } catch {
    // Too deep for JSON.stringify, or a value it cannot write (a BigInt, an object without a prototype).
    return Array.isArray(value) ? `[…deep array…]` : `(${typeof value})`;
  }
}

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** An own property, even for `__proto__` (as JSON.parse creates it), never the prototype setter. */
function setOwn(target: Record<Key, unknown>, key: Key, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every path to a value inside `root` (not the root itself). */
function paths(root: Json): Key[][] {
  const out: Key[][] = [];
  const stack: [Json, Key[]][] = [[root, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object' || path.length > 12) continue;
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      out.push(at);
      stack.push([child, at]);
    }
  }
  return out;
}

function parentOf(root: Json, path: Key[]): Record<Key, unknown> | undefined {
  let at: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<Key, unknown>)[key];
  }
  return at !== null && typeof at === 'object' ? (at as Record<Key, unknown>) : undefined;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Values a careless or hostile producer might write anywhere, arrays nested up to `maxDepth`. */
const junkOf = (maxDepth: number): fc.Arbitrary<unknown> => fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, -0, 0.1 + 0.2, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2,
    '', ' ', '2021-02-30', '2021-13-01', '2021-2-3', '0000-00-00', '2020-02-29', '2021-02-29', '9999-12-31', '2021-06-30T00:00:00Z',
    'general', 'especiallyMajor', 'enterprise', 'projectLead', 'P1', 'AA+', 'E2.1.3', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
    [], {}, [null], { type: 'qualityAccident' },
  ),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 3 }),
  fc.integer({ min: 2, max: maxDepth }).map(nested),
  fc.constantFrom(...PROTO_KEYS).map((key) => {
    const polluter: Record<string, unknown> = {};
    setOwn(polluter, key, { polluted: true, prototype: { polluted: true } });
    return polluter;
  }),
);

/** Junk for records and rulesets: arrays nested as deep as JSON.parse allows. */
const junk = junkOf(20_000);

/** An event the ruleset may or may not know, with attributes that may or may not fit. */
const randomEvent: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constantFrom('ev1', 'ev2')),
    type: fc.oneof(fc.constantFrom(...Object.keys(compiled.ruleset.eventTypes)), fc.string(), junk),
    date: fc.oneof(fc.constantFrom('2019-06-12', '2020-02-29', '2021-06-30', '2021-02-30'), junk),
    project: fc.oneof(fc.constantFrom('P1', 'P2', 'P99'), junk),
    severity: fc.oneof(fc.constantFrom('general', 'larger', 'major', 'especiallyMajor', 'huge'), junk),
    award: fc.constantFrom('county', 'city', 'luban', 'galactic'),
    level: fc.constantFrom('county', 'province', 'ministry'),
    announceMonths: fc.oneof(fc.integer({ min: -5, max: 1000 }), junk),
    until: fc.oneof(fc.constantFrom('2022-01-31', '2021-02-30'), junk),
    concealed: fc.oneof(fc.boolean(), junk),
    behaviour: fc.oneof(fc.constantFrom('b1', 'b2'), junk),
  },
  { requiredKeys: ['type', 'date'] },
);

/** The document being mutated, and what was done to it (for a readable counterexample). */
interface Doc {
  value: Json;
  log: string[];
}
type Mutation = (root: Doc) => void;

const pathText = (path: Key[]): string => '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

/** One change to a JSON document: set, delete, add keys (prototype keys too), copy leaves; `extra` adds kinds. */
function mutations(values: fc.Arbitrary<unknown>, extra: fc.Arbitrary<Mutation>[] = []): fc.Arbitrary<Mutation> {
  return fc.oneof(
    // Set any value anywhere to junk: wrong types, bad dates, deep nesting.
    fc.tuple(fc.nat(), values).map(([n, value]): Mutation => (root) => {
      const all = paths(root.value);
      const path = all[n % Math.max(1, all.length)];
      const parent = path && parentOf(root.value, path);
      root.log.push(`set ${path ? pathText(path) : '$'} = ${show(value)}`);
      if (parent) setOwn(parent, path.at(-1)!, value);
      else root.value = value;
    }),
    // Delete a key or an array element (required fields go missing).
    fc.nat().map((n): Mutation => (root) => {
      const all = paths(root.value);
      const path = all[n % Math.max(1, all.length)];
      const parent = path && parentOf(root.value, path);
      if (!parent) return;
      root.log.push(`delete ${pathText(path)}`);
      if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
      else delete parent[path.at(-1)!];
    }),
    // Add a key to an object: a prototype key, a known field name, or anything.
    fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...PROTO_KEYS, 'type', 'date', 'project', 'id', 'kind', 'extra'), fc.string()), values).map(
      ([n, key, value]): Mutation => (root) => {
        const objects = [[], ...paths(root.value)].filter((p) => {
          const v = p.length ? parentOf(root.value, p)?.[p.at(-1)!] : root.value;
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        const path = objects[n % Math.max(1, objects.length)];
        if (!path) return;
        const target = (path.length ? parentOf(root.value, path)![path.at(-1)!] : root.value) as Record<Key, unknown>;
        root.log.push(`add ${pathText([...path, key])} = ${show(value)}`);
        setOwn(target, key, value);
      },
    ),
    // Copy one leaf's value over another (duplicate ids, references that point elsewhere).
    fc.tuple(fc.nat(), fc.nat()).map(([from, to]): Mutation => (root) => {
      const all = paths(root.value);
      if (!all.length) return;
      const source = all[from % all.length]!;
      const target = all[to % all.length]!;
      const value = parentOf(root.value, source)?.[source.at(-1)!];
      const parent = parentOf(root.value, target);
      if (parent && (value === null || typeof value !== 'object')) {
        root.log.push(`copy ${pathText(source)} to ${pathText(target)} = ${show(value)}`);
        setOwn(parent, target.at(-1)!, value);
      }
    }),
    ...extra,
  );
}

const recordMutation = mutations(junk, [
  randomEvent.map((event): Mutation => (root) => {
    const record = root.value as { events?: unknown };
    if (record !== null && typeof record === 'object' && Array.isArray(record.events)) {
      root.log.push(`add event ${show(event)}`);
      record.events.push(event);
    }
  }),
]);

const KNOWN_CODES: readonly ErrorCode[] = ['USAGE', 'FILE_UNREADABLE', 'JSON_INVALID', 'RULESET_INVALID', 'RULESET_REFERENCE', 'RECORD_INVALID', 'CASE_INVALID', 'NO_RULESET_IN_FORCE'];

/** Scored properly, or refused with one of `codes`; anything else fails the property. */
function scoredOrRejected(ruleset: CompiledRuleset, record: unknown, asOf: string | undefined, log: readonly string[] = [], codes: readonly ErrorCode[] = ['RECORD_INVALID']): 'scored' | 'rejected' {
  let result;
  try {
    result = evaluate(ruleset, record, { asOf, trace: true });
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw new Error(`evaluate threw ${String(error)} after: ${log.join('; ') || show(record)}`, { cause: error });
    expect(KNOWN_CODES).toContain(error.code);
    expect(codes).toContain(error.code);
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(problem.path).toMatch(/^\$/);
    return 'rejected';
  }
  expect(Number.isFinite(result.score)).toBe(true);
  expect(Number.isFinite(result.computedScore)).toBe(true);
  expect(result.grade === null || typeof result.grade === 'string').toBe(true);
  for (const indicator of result.indicators) expect(Number.isFinite(indicator.score)).toBe(true);
  for (const entry of result.trace ?? []) expect(Number.isFinite(entry.points)).toBe(true);
  return 'scored';
}

const asOf = fc.option(fc.constantFrom('2018-01-01', '2020-02-29', '2021-06-30', '2021-12-31', '2024-02-29', '2030-01-01'), { nil: undefined });

function notPolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
}

/**
 * Values at the edges of the record schema's limits, read from the schema: numbers on and
 * beside each bound, strings as long as each length limit, one shorter and one longer, in
 * code points (𝒜 is two UTF-16 units); keys refused; numbers JSON cannot carry but a library
 * caller can pass.
 */
function schemaEdges(): unknown[] {
  const text = JSON.stringify(schemas.record);
  const limits = (key: string): number[] => text.match(new RegExp(`"${key}":(\\d+)`, 'g'))!.map((m) => Number(m.split(':')[1]));
  const numbers = [...limits('minimum'), ...limits('maximum')].flatMap((n) => [n, -n, n - 1, n + 1, n - 0.5, n + 0.5]);
  const strings = [...limits('minLength'), ...limits('maxLength')].flatMap((n) => [n - 1, n, n + 1].flatMap((k) => ['a'.repeat(Math.max(0, k)), '𝒜'.repeat(Math.max(0, k))]));
  return [...numbers, ...strings, '__proto__', 'constructor', 'prototype', NaN, Infinity, -0];
}

/** Every property name the record schema declares, at any level. */
function schemaPropertyNames(): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) for (const name of Object.keys(properties)) names.add(name);
    Object.values(node).forEach(walk);
  };
  walk(schemas.record);
  return [...names];
}

describe.sequential('fuzz: malformed records into evaluate()', () => {
  it('scores or rejects with RECORD_INVALID every mutation of a valid record (4,000 runs)', () => {
    const tally = { scored: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(recordMutation, { minLength: 1, maxLength: 4 }), asOf, (seed, changes, date) => {
        const root: Doc = { value: clone(seeds[seed]), log: [] };
        for (const change of changes) change(root);
        tally[scoredOrRejected(compiled, root.value, date, root.log)]++;
        notPolluted();
      }),
      { numRuns: 4000 },
    );
    // Both outcomes must really occur, or the mutations are not doing their job.
    expect(tally.scored).toBeGreaterThan(200);
    expect(tally.rejected).toBeGreaterThan(200);
  }, 120_000);

  it("has the record schema's fast path agree with Ajv on every mutation (4,000 runs)", () => {
    const edges = fc.oneof(junk, fc.constantFrom(...schemaEdges()));
    // Every property the schema names, added to any object of the record with an edge value.
    const addNamed = fc.tuple(fc.nat(), fc.constantFrom(...schemaPropertyNames()), edges).map(([n, key, value]): Mutation => (root) => {
      const objects = [[], ...paths(root.value)].map((p) => (p.length ? parentOf(root.value, p)?.[p.at(-1)!] : root.value)).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
      const target = objects[n % Math.max(1, objects.length)] as Record<Key, unknown> | undefined;
      if (!target) return;
      root.log.push(`add ${key} = ${show(value)}`);
      setOwn(target, key, value);
    });
    const tally = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(mutations(edges, [addNamed]), { minLength: 0, maxLength: 4 }), (seed, changes) => {
        const root: Doc = { value: clone(seeds[seed]), log: [] };
        for (const change of changes) change(root);
        const accepted = acceptRecordSchema(root.value);
        expect(accepted, root.log.join('; ')).toBe(validateRecordSchema(root.value));
        tally[accepted ? 'accepted' : 'refused']++;
      }),
      { numRuns: 4000 },
    );
    expect(tally.accepted).toBeGreaterThan(400);
    expect(tally.refused).toBeGreaterThan(400);
  }, 120_000);

  it("has the record's quick check say yes exactly when validateRecord finds no problem and no warning (4,000 runs)", () => {
    // Duplicate ids, references to no project, unknown types and values, a wrong kind or grade:
    // the mutations make each, and `evaluate` trusts a yes without the full check. The quick
    // check is the record's at a glance, then its events' as the checking matchers match them.
    const tally = { fits: 0, checked: 0 };
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(recordMutation, { minLength: 0, maxLength: 3 }), (seed, changes) => {
        const root: Doc = { value: clone(seeds[seed]), log: [] };
        for (const change of changes) change(root);
        const check = validateRecord(root.value, compiled);
        const fits = recordFits(root.value, compiled) && matchCompiled(compiled, root.value, '2021-06-30', true) !== undefined;
        expect(fits, root.log.join('; ')).toBe(check.valid && check.warnings.length === 0);
        tally[fits ? 'fits' : 'checked']++;
      }),
      { numRuns: 4000 },
    );
    expect(tally.fits).toBeGreaterThan(400);
    expect(tally.checked).toBeGreaterThan(400);
  }, 120_000);

  it("has the record schema's fast path agree with Ajv on every property of every object set to every edge value", () => {
    const values = [...schemaEdges(), [], {}, null, true, false, 0, 1, 'x', '2021-02-30', '2021-02-28', ['2021-01-01'], { id: 'x' }, undefined];
    const base = { id: 'R', kind: 'enterprise', licence: { landscapingScope: true }, publishedRating: { grade: 'A', date: '2021-01-01' }, projects: [{ id: 'P1', permitDate: '2020-01-01' }], events: [{ type: 'qualityComplaint', date: '2020-01-01' }] };
    const objects: [string, (r: typeof base) => Record<string, unknown>][] = [
      ['record', (r) => r], ['licence', (r) => r.licence], ['publishedRating', (r) => r.publishedRating], ['project', (r) => r.projects[0]!], ['event', (r) => r.events[0]!],
    ];
    let checks = 0;
    for (const [name, at] of objects) {
      for (const key of [...schemaPropertyNames(), 'other', '__proto__', 'constructor']) {
        for (const value of values) {
          const record = clone(base);
          setOwn(at(record), key, value);
          expect(acceptRecordSchema(record), `${name}.${key} = ${show(value)}`).toBe(validateRecordSchema(record));
          checks++;
        }
      }
    }
    expect(checks).toBeGreaterThan(5000);
  });

  it("has the record schema's fast path agree with Ajv on the longest lists allowed and one more", () => {
    const event = { type: 'qualityComplaint', date: '2020-01-01' };
    for (const [key, max, item] of [['events', schemas.record.properties.events.maxItems, event], ['projects', schemas.record.properties.projects.maxItems, { id: 'P', permitDate: '2020-01-01' }]] as const) {
      for (const length of [max, max + 1]) {
        const record = { id: 'R', kind: 'enterprise', [key]: Array.from({ length }, () => item) };
        expect(acceptRecordSchema(record)).toBe(length === max);
        expect(validateRecordSchema(record)).toBe(length === max);
      }
    }
  });

  it('scores or rejects anything at all given as a record (2,000 runs)', () => {
    fc.assert(
      fc.property(junk, asOf, (record, date) => {
        expect(acceptRecordSchema(record)).toBe(validateRecordSchema(record));
        scoredOrRejected(compiled, record, date);
        notPolluted();
      }),
      { numRuns: 2000 },
    );
  });

  it('scores or rejects JSON text cut and spliced from valid records (1,000 runs)', () => {
    // What a broken export produces: parse whatever still parses, as the CLI would.
    const texts = seeds.map((s) => JSON.stringify(s));
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), (i, at, len, insert) => {
        const text = texts[i]!;
        const start = at % text.length;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text.slice(0, start) + insert + text.slice(start + (len % 8)));
        } catch {
          return;
        }
        scoredOrRejected(compiled, parsed, undefined);
        notPolluted();
      }),
      { numRuns: 1000 },
    );
  });
});

/** References a ruleset makes, as paths to the strings that name something else. */
function referencePaths(ruleset: Json): Key[][] {
  const names = new Set(['condition', 'vetoes', 'defaultParameter', 'monthsAttribute', 'untilAttribute', 'oncePer', 'attribute', 'reading', 'path', 'fact', 'operator']);
  return paths(ruleset).filter((p) => {
    const key = p.at(-1);
    const parentKey = p.at(-2);
    return (typeof key === 'string' && names.has(key)) || parentKey === 'items' || parentKey === 'fromGrades' || (key === 'value' && typeof parentOf(ruleset, p)?.value === 'string');
  });
}

const rulesetBase = JSON.parse(rulesetText) as Json;
const referenceSites = referencePaths(rulesetBase);

const rulesetMutation = mutations(junk, [
  // A reference that no longer resolves.
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('E99', 'noSuchCondition', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'E2.1'), fc.string())).map(
    ([n, name]): Mutation => (root) => {
      const path = referenceSites[n % referenceSites.length]!;
      const parent = parentOf(root.value, path);
      root.log.push(`reference ${pathText(path)} = ${JSON.stringify(name)}`);
      if (parent) setOwn(parent, path.at(-1)!, name);
    },
  ),
  // A condition wrapped in `not` many times over: within the engine's depth limit, and beyond it.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3000 })).map(([n, depth]): Mutation => (root) => {
    const conditions = (root.value as { conditions?: Record<string, unknown> }).conditions;
    if (!conditions || typeof conditions !== 'object') return;
    const names = Object.keys(conditions);
    const name = names[n % Math.max(1, names.length)];
    if (name === undefined) return;
    let wrapped = conditions[name];
    for (let i = 0; i < depth; i++) wrapped = { not: wrapped };
    root.log.push(`wrap $.conditions.${name} in ${depth} × not`);
    conditions[name] = wrapped;
  }),
  // A number a policy officer might mistype.
  fc.tuple(fc.nat(), fc.oneof(fc.double(), fc.constantFrom(-4, 0, 0.0001, 1e9, 100.5, 33.3333, Number.NaN))).map(([n, value]): Mutation => (root) => {
    const numbers = paths(root.value).filter((p) => typeof parentOf(root.value, p)?.[p.at(-1)!] === 'number');
    const path = numbers[n % Math.max(1, numbers.length)];
    const parent = path && parentOf(root.value, path);
    if (parent) {
      root.log.push(`number ${pathText(path)} = ${value}`);
      setOwn(parent, path.at(-1)!, value);
    }
  }),
]);

describe.sequential('fuzz: malformed rulesets into loadRuleset()', () => {
  it('loads or rejects with RULESET_INVALID / RULESET_REFERENCE every mutation of the enterprise ruleset; a loaded one scores or rejects records (1,500 runs)', () => {
    const tally = { loaded: 0, rejected: 0 };
    const sample = seeds.slice(0, 3);
    fc.assert(
      fc.property(fc.array(rulesetMutation, { minLength: 1, maxLength: 3 }), asOf, (changes, date) => {
        const root: Doc = { value: clone(rulesetBase), log: [] };
        for (const change of changes) change(root);
        let mutated: CompiledRuleset;
        try {
          mutated = loadRuleset(root.value);
        } catch (error) {
          if (!(error instanceof CreditRulesError)) throw new Error(`loadRuleset threw ${String(error)} after: ${root.log.join('; ')}`, { cause: error });
          expect(['RULESET_INVALID', 'RULESET_REFERENCE']).toContain(error.code);
          expect(error.problems.length).toBeGreaterThan(0);
          tally.rejected++;
          return;
        }
        tally.loaded++;
        for (const record of sample) scoredOrRejected(mutated, clone(record), date, [`ruleset: ${root.log.join('; ')}`]);
        notPolluted();
      }),
      { numRuns: 1500 },
    );
    expect(tally.loaded).toBeGreaterThan(50);
    expect(tally.rejected).toBeGreaterThan(250);
  }, 120_000);

  it('rejects anything at all given as a ruleset with a coded error (1,000 runs)', () => {
    fc.assert(
      fc.property(junk, (json) => {
        try {
          loadRuleset(json);
          expect.unreachable('junk loaded as a ruleset');
        } catch (error) {
          if (!(error instanceof CreditRulesError)) throw new Error(`loadRuleset threw ${String(error)}`, { cause: error });
          expect(error.code).toBe('RULESET_INVALID');
        }
      }),
      { numRuns: 1000 },
    );
  });

  // Gaps this fuzz test found in the engine, kept as plain regressions once fixed.
  describe('regressions found by fuzzing', () => {
    const enterprise = (): Record<string, any> => clone(rulesetBase) as Record<string, any>;
    const rejectsWithCode = (load: () => unknown): void => {
      try {
        load();
      } catch (error) {
        expect(error).toBeInstanceOf(CreditRulesError);
        expect(['RULESET_INVALID', 'RULESET_REFERENCE']).toContain((error as CreditRulesError).code);
        return;
      }
      expect.unreachable('it loaded');
    };

    it('rejects a parameter reference whose path is not a string', () => {
      const ruleset = enterprise();
      ruleset.conditions.paramRef = { fact: 'event', path: 'announceMonths', operator: 'lessThan', value: { fact: 'parameters', path: 0 } };
      rejectsWithCode(() => loadRuleset(ruleset));
    });

    it('rejects an enum attribute without values (else a record with a wrong value crashes evaluate)', () => {
      const ruleset = enterprise();
      delete ruleset.eventTypes.qualityAccident.attributes.severity.values;
      let loaded: CompiledRuleset;
      try {
        loaded = loadRuleset(ruleset);
      } catch (error) {
        expect(error).toBeInstanceOf(CreditRulesError);
        return;
      }
      const record = { id: 'X', kind: 'enterprise', events: [{ type: 'qualityAccident', date: '2021-01-01', severity: 'huge' }] };
      expect(() => evaluate(loaded, record, { asOf: '2021-06-30' })).toThrow(CreditRulesError);
    });

    it('rejects a condition nested 5,000 deep with a CreditRulesError', () => {
      const ruleset = enterprise();
      let deep: unknown = { fact: 'event', path: 'type', operator: 'equal', value: 'bribery' };
      for (let i = 0; i < 5000; i++) deep = { not: deep };
      ruleset.conditions.deep = deep;
      rejectsWithCode(() => loadRuleset(ruleset));
    });

    it('rejects a condition value nested 20,000 deep with a CreditRulesError', () => {
      const ruleset = enterprise();
      ruleset.conditions.deepValue = { fact: 'event', path: 'announceMonths', operator: 'lessThan', value: nested(20_000) };
      rejectsWithCode(() => loadRuleset(ruleset));
    });
  });
});
