/**
 * The shipped enterprise sample cases, worked out by hand from the regulation: every one
 * passes, together they exercise every clause, and the json-rules-engine reference path
 * gives each the same result as the compiled path.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, runCases, validateCase } from '../engine/index.js';
import { bothPaths } from './support/reference.js';
import { shippedCases, shippedRuleset } from './support/load.js';

const { compiled } = shippedRuleset('enterprise');
const cases = shippedCases('enterprise');

describe('enterprise sample cases', () => {
  it('are at least 40, each valid against the case schema', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const { file, case: c } of cases) expect([file, validateCase(c)]).toEqual([file, []]);
  });

  it('all pass, with no clause left unexercised', () => {
    const report = runCases(compiled, cases);
    const failures = report.outcomes.filter((o) => !o.passed).map((o) => `${o.file}: ${o.differences.join('; ')}`);
    expect(failures).toEqual([]);
    expect(report.unexercised).toEqual([]);
  });

  it('refuse expected points finer than 0.001, and compare points exactly', () => {
    const [base] = cases;
    const finer = structuredClone(base!.case);
    finer.expected.score += 0.0004;
    finer.expected.indicators = { ...finer.expected.indicators, E2: 20.0004 };
    expect(validateCase(finer).map((p) => p.path)).toEqual(['$.expected.score', '$.expected.indicators.E2']);
    const report = runCases(compiled, [{ file: 'finer.json', case: finer }]);
    expect(report.outcomes[0]!.differences).toEqual([`score ${base!.case.expected.score}, expected ${finer.expected.score}`, 'E2 20, expected 20.0004']);
  });

  it('count a clause exercised by an event it scores, not by one outside its window', () => {
    const [base] = cases;
    const at = (date: string) => ({ ...base!, case: { ...base!.case, asOf: '2021-06-30', record: { ...base!.case.record, events: [{ id: 'ev1', type: 'qualityComplaint', date }] } } });
    const exercised = (date: string): boolean => !runCases(compiled, [at(date)]).unexercised.includes('E2.1.1');
    expect(exercised('2016-06-15')).toBe(true); // E2.1.1 counts 5 years, to 2021-06-30
    expect(exercised('2016-05-15')).toBe(false); // lapsed at the end of May 2021: the trace says so, but scores nothing
  });

  it('trace points add up to the table score of every case', () => {
    for (const { file, case: c } of cases) {
      const result = evaluate(compiled, c.record, { asOf: c.asOf });
      const sum = result.trace!.reduce((total, entry) => total + Math.round(entry.points * 1000), 0) / 1000;
      expect([file, sum]).toEqual([file, result.computedScore]);
    }
  });

  it('the json-rules-engine reference path agrees on every case', async () => {
    const { reference, fast } = await bothPaths(compiled, cases);
    expect(reference).toEqual(fast);
  });
});
