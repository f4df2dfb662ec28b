/** The library entry points around `evaluate`: many records at once, trusted records, dates. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, evaluate, evaluateMany, validateRecord } from '../engine/index.js';
import type { CompiledRuleset } from '../engine/index.js';
import { shippedCases, shippedRuleset } from './support/load.js';

const { compiled, json } = shippedRuleset('enterprise');
const [first, second] = shippedCases('enterprise').slice(0, 2).map((c) => ({ ...c.case.record, asOf: c.case.asOf }));

describe('evaluateMany', () => {
  it('scores the valid records beside an invalid one, which yields its coded error and index', () => {
    const broken = { ...first!, id: 'BROKEN', events: [{ type: 'qualityAccident', date: '2021-02-30', severity: 'general' }] };
    const outcomes = evaluateMany(compiled, [first, broken, second]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = outcomes[1]!;
    if (failed.ok) throw new Error('expected a failure');
    expect(failed.index).toBe(1);
    expect(failed.error).toBeInstanceOf(CreditRulesError);
    expect(failed.error.code).toBe('RECORD_INVALID');
    expect(failed.error.recordId).toBe('BROKEN');
    expect(failed.error.problems.map((p) => p.path)).toEqual(['$.events[0].date']);
    expect(outcomes[0]).toEqual({ ok: true, result: evaluate(compiled, first) });
  });
});

describe('evaluate', () => {
  it('gives a trusted record (validate: false) the same result as a validated one', () => {
    for (const record of [first, second]) expect(evaluate(compiled, record, { validate: false })).toEqual(evaluate(compiled, record));
  });

  it('quotes a wrong attribute value briefly, whatever it is: a deep list, a huge text, a BigInt', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const quoted = (severity: unknown): string => {
      const record = { id: 'Q', kind: 'enterprise', events: [{ type: 'qualityAccident', date: '2021-01-10', severity }] };
      try {
        evaluate(compiled, record);
      } catch (error) {
        if (error instanceof CreditRulesError) return error.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
        throw error;
      }
      throw new Error('expected RECORD_INVALID');
    };
    expect(quoted(deep)).toBe('$.events[0].severity: a list is not a valid severity (等级) of an event of type qualityAccident');
    expect(quoted('x'.repeat(1_000_000))).toBe(`$.events[0].severity: "${'x'.repeat(57)}..." is not a valid severity (等级) of an event of type qualityAccident`);
    expect(quoted(10n)).toBe('$.events[0].severity: bigint is not a valid severity (等级) of an event of type qualityAccident');
    expect(quoted({ a: 1 })).toBe('$.events[0].severity: an object is not a valid severity (等级) of an event of type qualityAccident');
  });

  it("takes --as-of over the record's own asOf", () => {
    expect(evaluate(compiled, first, { asOf: '2030-01-01' }).asOf).toBe('2030-01-01');
    expect(evaluate(compiled, first).asOf).toBe(first!.asOf);
  });

  it('shares, frozen, the indicators and items left at their start, and only those', () => {
    const quiet = evaluate(compiled, { id: 'Q', kind: 'enterprise', projects: [{ id: 'P1', permitDate: '2020-01-01' }] }, { asOf: '2021-06-30' });
    const accident = evaluate(compiled, { id: 'A', kind: 'enterprise', projects: [{ id: 'P1', permitDate: '2020-01-01' }], events: [{ type: 'qualityAccident', date: '2021-01-10', severity: 'general', project: 'P1' }] }, { asOf: '2021-06-30' });
    const [quietE2, accidentE2] = [quiet, accident].map((r) => r.indicators.find((i) => i.id === 'E2')!);
    expect(accidentE2!.score).toBeLessThan(quietE2!.score);
    expect(accidentE2).not.toBe(quietE2);
    expect(Object.isFrozen(accidentE2)).toBe(false);
    const [quietE3, accidentE3] = [quiet, accident].map((r) => r.indicators.find((i) => i.id === 'E3')!);
    expect(accidentE3).toBe(quietE3);
    expect(Object.isFrozen(quietE3)).toBe(true);
    expect(Object.isFrozen(quietE3!.items)).toBe(true);
    expect(() => {
      (quietE3 as { score: number }).score = 0;
    }).toThrow(TypeError);
  });

  it('refuses a record of another kind of entity', () => {
    expect(() => evaluate(compiled, { id: 'L', kind: 'projectLead', title: 'senior', experienceProjects: 3 })).toThrow(CreditRulesError);
  });
});

/** The code of the error `run` throws, and its fix; fails the test when it throws something else or nothing. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    return `${error.code}: ${error.problems[0]?.fix ?? ''}`;
  }
  throw new Error('expected a CreditRulesError');
}

describe('a slip in calling the library is a coded error, not a TypeError from inside', () => {
  const raw = json as unknown as CompiledRuleset;

  it('says to compile the ruleset JSON first', () => {
    const fix = 'USAGE: pass what loadRuleset(json) returns, not the ruleset JSON itself';
    expect(codeOf(() => evaluate(raw, first))).toBe(fix);
    expect(codeOf(() => evaluate(null as unknown as CompiledRuleset, first))).toBe(fix);
    expect(codeOf(() => evaluateMany(raw, [first]))).toBe(fix);
    expect(codeOf(() => validateRecord(first, raw))).toBe(fix);
  });

  it('refuses an evaluation date that is not a real date', () => {
    for (const asOf of ['garbage', '2021-02-30', '', new Date('2021-06-30')]) {
      expect(codeOf(() => evaluate(compiled, first, { asOf: asOf as string }))).toMatch(/^USAGE: write a real calendar date as YYYY-MM-DD/);
      expect(codeOf(() => evaluateMany(compiled, [first], { asOf: asOf as string }))).toMatch(/^USAGE/);
    }
  });

  it('takes null options as none, and a lone record or nothing as not a list', () => {
    expect(evaluate(compiled, first, null as unknown as undefined)).toEqual(evaluate(compiled, first));
    expect(codeOf(() => evaluateMany(compiled, first as unknown as unknown[]))).toMatch(/^USAGE: pass an array/);
    expect(codeOf(() => evaluateMany(compiled, null as unknown as unknown[]))).toMatch(/^USAGE: pass an array/);
  });

  it('turns a record whose reading throws into RECORD_INVALID, and evaluateMany goes on', () => {
    const trap = { id: 'TRAP', kind: 'enterprise', get events(): never { throw new Error('not loaded'); } };
    expect(codeOf(() => evaluate(compiled, trap))).toBe('RECORD_INVALID: pass plain data, as JSON.parse makes it');
    expect(evaluateMany(compiled, [trap, first]).map((o) => o.ok)).toEqual([false, true]);
    // An event attribute that only the event's type checks (its vocabulary), as it is matched.
    const event = { type: 'qualityAccident', date: '2021-03-01', get severity(): never { throw new Error('not loaded'); } };
    expect(codeOf(() => evaluate(compiled, { id: 'TRAP', kind: 'enterprise', events: [event] }))).toBe('RECORD_INVALID: pass plain data, as JSON.parse makes it');
  });
});
