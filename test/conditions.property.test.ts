/**
 * The compiled conditions (generated JavaScript, and the closures used where code
 * generation is not allowed) against json-rules-engine itself, on random conditions and
 * random facts: they must agree on every one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCondition } from '../engine/conditions.js';
import { generatePredicate } from '../engine/codegen.js';
import { referenceEngine, referenceHits } from './support/reference.js';
import type { Condition } from '../engine/types.js';

const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'general', 'larger', '', '12abc', '2021-02-28', '2021-02-30', '2020-07-31'),
  fc.integer({ min: -5, max: 20 }),
  fc.constantFrom(0.3, 1.5, 1_000_000),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.record({ y: scalar }, { noNullPrototype: true }));
const event = fc.dictionary(fc.constantFrom('type', 'severity', 'n', 'date', 'list', 'x', 'region'), value, { maxKeys: 6, noNullPrototype: true });
const facts = fc.record({
  event,
  project: fc.oneof(fc.constant(null), fc.record({ landscaping: fc.boolean(), contractAmount: fc.integer({ min: 0, max: 3_000_000 }) }, { noNullPrototype: true })),
  record: fc.record({ licence: fc.oneof(fc.constant(undefined), fc.record({ validUntil: fc.constantFrom('2020-01-01', '2021-06-30', 'x') }, { noNullPrototype: true })) }, { noNullPrototype: true }),
  asOf: fc.constantFrom('2021-06-30', '2020-02-29'),
  parameters: fc.record({ list: fc.array(scalar, { maxLength: 3 }), threshold: fc.integer({ min: 0, max: 2_000_000 }), from: fc.constantFrom('2020-01-01', '2021-01-01') }, { noNullPrototype: true }),
}, { noNullPrototype: true });

const operatorValue: Record<string, fc.Arbitrary<unknown>> = {
  equal: scalar, notEqual: scalar, contains: scalar, doesNotContain: scalar,
  in: fc.array(scalar, { maxLength: 3 }), notIn: fc.array(scalar, { maxLength: 3 }),
  lessThan: fc.integer({ min: -5, max: 20 }), lessThanInclusive: fc.integer({ min: -5, max: 20 }),
  greaterThan: fc.integer({ min: -5, max: 20 }), greaterThanInclusive: fc.integer({ min: -5, max: 20 }),
  dateBefore: fc.constantFrom('2021-02-28', '2020-07-31'), dateOnOrBefore: fc.constantFrom('2021-02-28', '2020-07-31'),
  dateAfter: fc.constantFrom('2021-02-28', '2020-07-31'), dateOnOrAfter: fc.constantFrom('2021-02-28', '2020-07-31'),
  missing: fc.boolean(),
};
const factReference: Record<string, fc.Arbitrary<unknown>> = {
  in: fc.constant({ fact: 'parameters', path: 'list' }),
  greaterThanInclusive: fc.constant({ fact: 'parameters', path: 'threshold' }),
  dateOnOrAfter: fc.constantFrom({ fact: 'parameters', path: 'from' }, { fact: 'asOf' }),
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

const named: Record<string, Condition> = {
  inTaizhou: { any: [{ fact: 'event', path: 'region', operator: 'missing', value: true }, { fact: 'event', path: 'region', operator: 'equal', value: '台州' }] },
};

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constant({ condition: 'inTaizhou' }),
    fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { maxLength: 3 }).map((any) => ({ any })),
    tie('condition').map((not) => ({ not })),
  ),
}));

describe('compiled conditions agree with json-rules-engine', () => {
  it('on random conditions and facts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 6 }), fc.array(facts, { minLength: 1, maxLength: 4 }), async (conditions, factSets) => {
        const engine = referenceEngine(conditions, named);
        const generated = conditions.map((c) => generatePredicate(c, named));
        const closures = conditions.map((c) => compileCondition(c, named));
        for (const f of factSets) {
          const expected = await referenceHits(engine, f);
          const fromGenerated = generated.flatMap((p, i) => (p(f) ? [i] : []));
          const fromClosures = closures.flatMap((p, i) => (p(f) ? [i] : []));
          // Generated again with the parameters and the event's type known, as a compiled
          // ruleset's matchers are: the parts they decide are folded at generation.
          const eventType = typeof f.event.type === 'string' ? f.event.type : undefined;
          const folded = conditions.map((c) => generatePredicate(c, named, { parameters: f.parameters, eventType }));
          const fromFolded = folded.flatMap((p, i) => (p(f) ? [i] : []));
          expect(fromGenerated).toEqual(expected);
          expect(fromClosures).toEqual(expected);
          expect(fromFolded).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
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
