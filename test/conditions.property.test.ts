/**
 * The compiled conditions (generated JavaScript, and the closures used where code
 * generation is not allowed) against json-rules-engine itself, on random conditions and
 * random facts: they must agree on every one where json-rules-engine decides. Where it
 * throws instead (`in` on a value that is not a list…), the test that cannot be evaluated
 * does not hold (conditions.ts): both compiled forms must still agree, and never throw.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCondition } from '../engine/conditions.js';
import { generatePredicate } from '../engine/codegen.js';
import { referenceEngine, referenceHits } from './support/reference.js';
import { NamedConditions } from '../engine/namedConditions.js';
import type { Condition } from '../engine/types.js';
import { CreditRulesError, loadRuleset, type Ruleset } from '../engine/index.js';
import { readJson } from './support/load.js';

/** Plain JSON with no primitive form: `String()` and `<` throw on it (an own `toString` that is not a function). */
const noPrimitive = fc.constantFrom<unknown>({ toString: 1 }, { valueOf: 'x', toString: null }, [{ toString: 1 }]);
const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'general', 'larger', '', '12abc', '2021-02-28', '2021-02-30', '2020-07-31'),
  fc.integer({ min: -5, max: 20 }),
  fc.constantFrom(0.3, 1.5, 1_000_000),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.record({ y: scalar }, { noNullPrototype: true }), noPrimitive);
const event = fc.dictionary(fc.constantFrom('type', 'severity', 'n', 'date', 'list', 'x', 'region'), value, { maxKeys: 6, noNullPrototype: true });
const facts = fc.record({
  event,
  project: fc.oneof(fc.constant(null), fc.record({ landscaping: fc.boolean(), contractAmount: fc.integer({ min: 0, max: 3_000_000 }) }, { noNullPrototype: true })),
  record: fc.record({ licence: fc.oneof(fc.constant(undefined), fc.record({ validUntil: fc.constantFrom('2020-01-01', '2021-06-30', 'x') }, { noNullPrototype: true })) }, { noNullPrototype: true }),
  asOf: fc.constantFrom('2021-06-30', '2020-02-29'),
  parameters: fc.record({ list: fc.array(scalar, { maxLength: 3 }), threshold: fc.integer({ min: 0, max: 2_000_000 }), from: fc.constantFrom('2020-01-01', '2021-01-01'), any: value }, { noNullPrototype: true }),
}, { noNullPrototype: true });

const list = fc.array(scalar, { maxLength: 3 });
const operatorValue: Record<string, fc.Arbitrary<unknown>> = {
  equal: scalar, notEqual: scalar, contains: fc.oneof(scalar, noPrimitive), doesNotContain: scalar,
  // Not only lists: a number here was generated as `5.indexOf` (a SyntaxError); a string is json-rules-engine's substring test.
  in: fc.oneof(list, list, scalar), notIn: fc.oneof(list, list, scalar),
  lessThan: fc.integer({ min: -5, max: 20 }), lessThanInclusive: fc.integer({ min: -5, max: 20 }),
  greaterThan: fc.integer({ min: -5, max: 20 }), greaterThanInclusive: fc.integer({ min: -5, max: 20 }),
  dateBefore: fc.constantFrom('2021-02-28', '2020-07-31'), dateOnOrBefore: fc.constantFrom('2021-02-28', '2020-07-31'),
  dateAfter: fc.constantFrom('2021-02-28', '2020-07-31'), dateOnOrAfter: fc.constantFrom('2021-02-28', '2020-07-31'),
  missing: fc.boolean(),
};
/** Values that name a fact, among them facts that are not what the operator expects (a number for `in`, an object for `<`). */
const oddFact = fc.constantFrom({ fact: 'event', path: 'n' }, { fact: 'event', path: 'x' }, { fact: 'event', path: 'nowhere' }, { fact: 'parameters', path: 'any' });
const factReference: Record<string, fc.Arbitrary<unknown>> = {
  in: fc.oneof(fc.constant({ fact: 'parameters', path: 'list' }), fc.constant({ fact: 'parameters', path: 'threshold' }), oddFact),
  notIn: fc.oneof(fc.constant({ fact: 'parameters', path: 'list' }), oddFact),
  contains: oddFact,
  lessThan: oddFact,
  greaterThanInclusive: fc.oneof(fc.constant({ fact: 'parameters', path: 'threshold' }), oddFact),
  dateOnOrAfter: fc.oneof(fc.constantFrom({ fact: 'parameters', path: 'from' }, { fact: 'asOf' }), oddFact),
  equal: fc.constant({ fact: 'event', path: 'region' }),
};

const leaf: fc.Arbitrary<Condition> = fc
  .tuple(
    fc.constantFrom(...Object.keys(operatorValue)),
    fc.constantFrom<[string, string | undefined]>(
      ['event', 'type'], ['event', 'severity'], ['event', 'n'], ['event', 'date'], ['event', 'list'], ['event', 'x.y'], ['event', 'region'],
      ['event', undefined], ['project', 'landscaping'], ['project', 'contractAmount'], ['project', undefined],
      ['record', 'licence.validUntil'], ['asOf', undefined], ['nope', 'a'], ['event', 'constructor'],
    ),
    fc.boolean(),
  )
  .chain(([operator, [fact, path], useReference]) =>
    (useReference && factReference[operator] ? factReference[operator]! : operatorValue[operator]!).map((v) => ({
      fact, operator, value: v, ...(path === undefined ? {} : { path }),
    })),
  );

const inTaizhou: Condition = { any: [{ fact: 'event', path: 'region', operator: 'missing', value: true }, { fact: 'event', path: 'region', operator: 'equal', value: '台州' }] };

/**
 * Named conditions in layers above two random tests, each naming both of the layer below.
 * Written out, the top is 2^5 tests: the generated code calls the upper layers as shared
 * functions and inlines the lower ones, and a test of the event's type in a leaf makes
 * those functions differ by event type.
 */
const LAYERS = 6;
const layerName = (k: number, i: number): string => `layer${k}${i ? 'b' : 'a'}`;
const layerNames = Array.from({ length: LAYERS }, (_, k) => [layerName(k, 0), layerName(k, 1)]).flat();
const named: fc.Arbitrary<Record<string, Condition>> = fc
  .tuple(leaf, leaf, fc.array(fc.constantFrom('all', 'any', 'not'), { minLength: 2 * LAYERS, maxLength: 2 * LAYERS }))
  .map(([a, b, kinds]) => {
    const conditions: Record<string, Condition> = { inTaizhou, [layerName(0, 0)]: a, [layerName(0, 1)]: b };
    for (let k = 1; k < LAYERS; k++) {
      for (const i of [0, 1]) {
        const both = [{ condition: layerName(k - 1, i) }, { condition: layerName(k - 1, 1 - i) }];
        const kind = kinds[2 * k + i]!;
        conditions[layerName(k, i)] = kind === 'all' ? { all: both } : kind === 'any' ? { any: both } : { not: { all: both } };
      }
    }
    return conditions;
  });

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constantFrom('inTaizhou', ...layerNames).map((name) => ({ condition: name })),
    fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { maxLength: 3 }).map((any) => ({ any })),
    tie('condition').map((not) => ({ not })),
  ),
}));

/** The conditions that hold, by index, as each compiled form decides them. */
function compiledHits(conditions: readonly Condition[], named: Record<string, Condition>, f: { event: Record<string, unknown>; parameters: Record<string, unknown> }): { generated: number[]; closures: number[]; folded: number[] } {
  const graph = NamedConditions.of(named); // one graph for all the conditions: its shared functions and predicates serve each
  const hits = (predicates: ((facts: typeof f) => boolean)[]): number[] => predicates.flatMap((p, i) => (p(f) ? [i] : []));
  // Generated again with the parameters and the event's type known, as a compiled
  // ruleset's matchers are: the parts they decide are folded at generation.
  const eventType = typeof f.event.type === 'string' ? f.event.type : undefined;
  return {
    generated: hits(conditions.map((c) => generatePredicate(c, graph))),
    closures: hits(conditions.map((c) => compileCondition(c, graph))),
    folded: hits(conditions.map((c) => generatePredicate(c, named, { parameters: f.parameters, eventType }))),
  };
}

/** The conditions json-rules-engine holds, by index, and those it cannot decide (it throws on them). */
async function referenceDecisions(conditions: readonly Condition[], named: Record<string, Condition>, f: Record<string, unknown>): Promise<{ hits: number[]; undecided: Set<number> }> {
  try {
    return { hits: await referenceHits(referenceEngine(conditions, named), f), undecided: new Set() };
  } catch {
    // One throwing test fails json-rules-engine's whole run: ask it condition by condition.
    const hits: number[] = [];
    const undecided = new Set<number>();
    for (const [i, c] of conditions.entries()) {
      try {
        if ((await referenceHits(referenceEngine([c], named), f)).length) hits.push(i);
      } catch {
        undecided.add(i);
      }
    }
    return { hits, undecided };
  }
}

describe('compiled conditions agree with json-rules-engine', () => {
  it('on random conditions and facts, wherever json-rules-engine decides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 6 }), named, fc.array(facts, { minLength: 1, maxLength: 4 }), async (conditions, named, factSets) => {
        for (const f of factSets) {
          const { hits, undecided } = await referenceDecisions(conditions, named, f);
          const decided = (indices: number[]): number[] => indices.filter((i) => !undecided.has(i));
          const compiled = compiledHits(conditions, named, f);
          expect(decided(compiled.generated)).toEqual(hits);
          expect(decided(compiled.closures)).toEqual(hits);
          expect(decided(compiled.folded)).toEqual(hits);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('and with each other on every input, those json-rules-engine throws on too, never throwing', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 6 }), named, fc.array(facts, { minLength: 1, maxLength: 4 }), (conditions, named, factSets) => {
        for (const f of factSets) {
          const compiled = compiledHits(conditions, named, f);
          expect(compiled.generated).toEqual(compiled.closures);
          expect(compiled.folded).toEqual(compiled.closures);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('say a test that cannot be evaluated does not hold, where json-rules-engine throws', async () => {
    const facts = { event: { type: 'a', n: 5, x: { toString: 1 }, list: ['a'] }, parameters: { n: 5, list: ['a'] } };
    const cases: [Condition, boolean][] = [
      [{ fact: 'event', path: 'type', operator: 'in', value: { fact: 'event', path: 'n' } }, false],
      [{ not: { fact: 'event', path: 'type', operator: 'in', value: { fact: 'event', path: 'n' } } }, true],
      [{ fact: 'event', path: 'type', operator: 'notIn', value: { fact: 'event', path: 'nowhere' } }, false],
      [{ fact: 'event', path: 'type', operator: 'in', value: 5 }, false],
      [{ fact: 'event', path: 'type', operator: 'in', value: { fact: 'parameters', path: 'n' } }, false],
      [{ fact: 'event', path: 'x', operator: 'lessThan', value: 3 }, false],
      [{ fact: 'event', path: 'n', operator: 'lessThan', value: { fact: 'event', path: 'x' } }, false],
      [{ fact: 'event', path: 'x', operator: 'in', value: 'abc' }, false],
    ];
    for (const [c, holds] of cases) {
      await expect(referenceHits(referenceEngine([c]), facts), JSON.stringify(c)).rejects.toThrow(TypeError);
      const decisions = [
        compileCondition(c)(facts),
        generatePredicate(c)(facts),
        generatePredicate(c, {}, { parameters: facts.parameters }),
        generatePredicate(c, {}, { parameters: facts.parameters, eventType: 'a' }),
      ].map((d) => (typeof d === 'function' ? d(facts) : d));
      expect(decisions, JSON.stringify(c)).toEqual([holds, holds, holds, holds]);
    }
  });

  it('generate `in` with a number, known at generation, as code that runs (it read `5.indexOf`, a SyntaxError)', () => {
    const c: Condition = { fact: 'event', path: 'n', operator: 'in', value: { fact: 'parameters', path: 'n' } };
    for (const n of [5, -1, 0.5]) {
      const generated = generatePredicate(c, {}, { parameters: { n } });
      expect([generated({ event: { n } }), generated({ event: {} })]).toEqual([false, false]);
      expect(generatePredicate({ not: c }, {}, { parameters: { n } })({ event: { n } })).toBe(true);
    }
  });

  it('load a ruleset whose `in` names a number parameter, or refuse it with a problem: never an internal SyntaxError', () => {
    const ruleset = readJson<Ruleset>('rulesets/enterprise.json');
    ruleset.parameters.five = { ...ruleset.parameters.homeRegion!, value: 5 };
    const clause = ruleset.indicators[1]!.items[0]!.clauses[0]!;
    clause.when = { all: [clause.when, { not: { fact: 'event', path: 'severity', operator: 'in', value: { fact: 'parameters', path: 'five' } } }] };
    let outcome: unknown;
    try {
      outcome = loadRuleset(ruleset);
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(CreditRulesError);
  });

  it('negates a test whose fact is known at generation as a whole (the event type, under a not)', async () => {
    // Found by the property above: `not (type equal region)` generated for type "a" read `!"a" === region`.
    const conditions: Condition[] = [{ not: { fact: 'event', path: 'type', operator: 'equal', value: { fact: 'event', path: 'region' } } }, { not: { fact: 'event', path: 'type', operator: 'in', value: ['b'] } }];
    const facts = { event: { type: 'a' } };
    expect(await referenceHits(referenceEngine(conditions), facts)).toEqual([0, 1]);
    expect(conditions.map((c) => generatePredicate(c, {}, { eventType: 'a' })(facts))).toEqual([true, true]);
  });

  it('on the empty sets json-rules-engine treats specially', async () => {
    const conditions: Condition[] = [{ any: [] }, { all: [] }, { not: { any: [] } }];
    const hits = await referenceHits(referenceEngine(conditions), { event: {} });
    expect(hits).toEqual([0, 1]);
    expect(conditions.map((c) => generatePredicate(c)({ event: {} }))).toEqual([true, true, false]);
  });

  it('reads no inherited property through a path', () => {
    const predicate = generatePredicate({ fact: 'event', path: 'constructor', operator: 'missing', value: true });
    expect(predicate({ event: { type: 'x' } })).toBe(true);
    expect(compileCondition({ fact: 'event', path: 'toString', operator: 'missing', value: true })({ event: {} })).toBe(true);
  });
});
