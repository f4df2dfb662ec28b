/** The library entry points around `evaluate`: many records at once, trusted records, dates. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, evaluate, evaluateMany } from '../engine/index.js';
import { shippedCases, shippedRuleset } from './support/load.js';

const { compiled } = shippedRuleset('enterprise');
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

  it("takes --as-of over the record's own asOf", () => {
    expect(evaluate(compiled, first, { asOf: '2030-01-01' }).asOf).toBe('2030-01-01');
    expect(evaluate(compiled, first).asOf).toBe(first!.asOf);
  });

  it('refuses a record of another kind of entity', () => {
    expect(() => evaluate(compiled, { id: 'L', kind: 'projectLead', title: 'senior', experienceProjects: 3 })).toThrow(CreditRulesError);
  });
});
