/**
 * Reduction items (kind `reduction`, engine/mechanisms/cap.ts): an item that takes from the
 * total of the items before it in its indicator, at most its `max`, never below 0 (学法减分).
 * Values worked out by hand beside each assertion.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type Item, type Result, type Ruleset } from '../../engine/index.js';
import { applicant, cite, compile, problemsOf, subsidyRuleset } from './subsidy.js';

type Ev = Parameters<typeof applicant>[0][number];

/** The subsidy table with a reduction item S1.2 after S1.1 (awards): each penalty takes `points`, at most `max`. */
function withReduction(edit: (item: Item) => void = () => {}): Ruleset {
  const ruleset = subsidyRuleset();
  ruleset.eventTypes.penalty = { label: '违规', attributes: {} };
  const item: Item = {
    id: 'S1.2', label: '违规核减', kind: 'reduction', max: 60, citation: cite('第七条', '违规的,每次核减奖励 40 万元,累计最多核减 60 万元'),
    clauses: [{ id: 'S1.2.1', label: '违规', citation: cite('第七条', '违规的,每次核减奖励 40 万元'), when: { fact: 'event', path: 'type', operator: 'equal', value: 'penalty' }, points: -40 }],
  };
  edit(item);
  ruleset.indicators[0]!.items.push(item);
  return ruleset;
}

const award = (id: string, level: string): Ev => ({ id, type: 'award', date: '2025-03-01', level });
const penalty = (id: string): Ev => ({ id, type: 'penalty', date: '2025-04-01' });
const scored = (ruleset: Ruleset, events: Ev[]): Result => evaluate(compile(ruleset), applicant(events), { asOf: '2025-06-30' });
const s1 = (result: Result) => result.indicators.find((i) => i.id === 'S1')!;

describe('a reduction takes from the items before it', () => {
  it('takes its points from the indicator\'s total', () => {
    // A national award 100, one penalty −40: S1 = 60; S2 untouched.
    const result = scored(withReduction(), [award('n1', 'national'), penalty('p1')]);
    expect(s1(result).score).toBe(60);
    expect(s1(result).items.map((t) => [t.id, t.score])).toEqual([['S1.1', 100], ['S1.2', -40]]);
    expect(result.score).toBe(60);
  });

  it('at most its max', () => {
    // 100 + 50 awarded; two penalties would take 80, at most 60: 150 − 60 = 90.
    const result = scored(withReduction(), [award('n1', 'national'), award('p1', 'province'), penalty('x1'), penalty('x2')]);
    expect(s1(result).score).toBe(90);
    const cap = result.trace!.find((l) => l.code === 'reduction.max');
    expect(cap).toMatchObject({ item: 'S1.2', points: 20, params: { total: 80, limit: 60, cut: 20 } });
    expect(cap!.message).toBe('S1.2 违规核减:累计减 80 万元,最多减 60 万元,超出的 20 万元不减');
  });

  it('never below 0: no more than the items before it hold', () => {
    // A city award 10; a penalty takes 40, of which only the 10 awarded: 0.
    const result = scored(withReduction(), [award('c1', 'city'), penalty('p1')]);
    expect(s1(result).score).toBe(0);
    expect(s1(result).items.map((t) => t.score)).toEqual([10, -10]);
    const floor = result.trace!.find((l) => l.code === 'reduction.floor');
    expect(floor).toMatchObject({ item: 'S1.2', points: 30, params: { restored: 30 } });
    expect(floor!.message).toBe('S1.2 违规核减:减至 0 万元为止,不减未记的数(30 万元不减)');
    // Nothing before it: it takes nothing.
    expect(s1(scored(withReduction(), [penalty('p1')])).score).toBe(0);
  });

  it('only the items before it in its indicator: not those after it, not other indicators', () => {
    // Put first, the reduction has nothing before it: S1 = 0 + 100; the platform award of S2 is not reduced.
    const ruleset = withReduction();
    ruleset.indicators[0]!.items.reverse();
    const result = scored(ruleset, [award('n1', 'national'), penalty('p1'), { id: 'f1', type: 'platform', date: '2025-02-01' }]);
    expect(s1(result).score).toBe(100);
    expect(result.score).toBe(130);
  });

  it('without a max, takes all the items before it hold', () => {
    const result = scored(withReduction((item) => void delete item.max), [award('n1', 'national'), penalty('x1'), penalty('x2')]);
    // 100 − 80 = 20.
    expect(s1(result).score).toBe(20);
  });
});

describe('reductions are checked at load and compared', () => {
  const at = '$.indicators[0].items[1]';

  it('refuses positive points, a cap and a full score', () => {
    expect(problemsOf(withReduction((item) => void (item.clauses[0]!.points = 40)))?.problems).toEqual([[`${at}.clauses[0].points`, 'points.sign', 'reduction points must be negative or 0, found 40']]);
    expect(problemsOf(withReduction((item) => void (item.cap = 60)))?.problems.map((p) => [p[0], p[1]])).toEqual([[`${at}.cap`, 'cap.onReduction']]);
    expect(problemsOf(withReduction((item) => void (item.full = 60)))?.problems.map((p) => [p[0], p[1]])).toEqual([[`${at}.full`, 'full.onReduction']]);
  });

  it('a policy diff says a reduction\'s points as taken off, and its max', () => {
    const older = withReduction();
    const newer = withReduction((item) => {
      item.max = 80;
      item.clauses[0]!.points = -30;
    });
    expect(policyDiff(older, newer).map((c) => c.message)).toEqual(['S1.2 违规核减: 减分上限 60 万元 → 80 万元', 'S1.2.1 违规: 每次减 40 万元 → 30 万元']);
  });
});
