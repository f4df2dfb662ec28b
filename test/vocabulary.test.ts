/**
 * The generated fast check of an event against a ruleset's event types says yes exactly when
 * the explaining check finds nothing to say: random events of every declared type, each
 * attribute present, absent, null, or of another kind, and types no rule uses or none declares.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVocabulary } from '../engine/vocabulary.js';
import type { EntityEvent } from '../engine/types.js';
import type { Problem } from '../engine/errors.js';
import { shippedRuleset } from './support/load.js';

/** A value of every kind the attributes declare, and a few they don't. */
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, 1.5, -1, '', '2021-02-28', '2021-02-29', '2020-02-29', '2021-13-01', 'P1', {}, []),
  fc.string({ maxLength: 12 }),
);

describe.each(['enterprise', 'project-lead'])('the %s ruleset: eventFits', (name) => {
  const { compiled } = shippedRuleset(name);
  const fits = compiled.eventFits!;
  const types = [...compiled.eventTypes.keys(), 'undeclaredType', '__proto__', 'constructor'];
  const attributes = [...new Set([...compiled.eventTypes.values()].flatMap((t) => t.attributes.map(([a]) => a)))];
  const values = [...compiled.eventTypes.values()].flatMap((t) => t.attributes.flatMap(([, spec]) => spec.values ?? []));
  const value = fc.oneof(anyValue, fc.constantFrom<unknown>(...values));
  const event = fc.record({ type: fc.constantFrom(...types), date: fc.constant('2021-03-01'), attributes: fc.dictionary(fc.constantFrom(...attributes), value) })
    .map(({ type, date, attributes }) => ({ type, date, ...attributes }) as EntityEvent);

  it('is generated', () => expect(fits).toBeTypeOf('function'));

  it('says yes exactly when checkVocabulary has no problem or warning (3,000 runs)', () => {
    let yes = 0;
    fc.assert(
      fc.property(event, (e) => {
        const problems: Problem[] = [];
        const warnings: string[] = [];
        checkVocabulary(compiled, e, 0, problems, warnings);
        expect(fits(e)).toBe(problems.length === 0 && warnings.length === 0);
        if (fits(e)) yes++;
      }),
      { numRuns: 3000, seed: 2026 },
    );
    expect(yes).toBeGreaterThan(100); // the runs reach both answers
  });

  it('reads only own attributes, as checkVocabulary does', () => {
    const [type, { attributes }] = [...compiled.eventTypes].find(([, t]) => t.used && t.attributes.some(([, spec]) => spec.required))!;
    const [required, spec] = attributes.find(([, s]) => s.required)!;
    const inherited = Object.assign(Object.create({ [required]: spec.values?.[0] ?? 'P1' }) as object, { type, date: '2021-03-01' }) as EntityEvent;
    expect(fits(inherited)).toBe(false);
  });
});
