/** Amounts (engine/mechanisms/points.ts): points per occurrence, exact to 0.001, of the sign the item's kind takes; the points lines, the load-time checks, the policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt, withItem } from './conduct.js';
import { problemsOf } from './subsidy.js';

const penalty = (id: string, date: string) => ({ id, type: 'penalty', date });

describe('points per occurrence', () => {
  it('each occurrence takes its points, summed exactly: three of −0.1 leave 9.7, not 9.700000000000001', () => {
    const tenth = withItem('C2', (t) => void (t.clauses[0]!.points = -0.1));
    const result = scoredAt(tenth, clean([penalty('p1', '2024-01-10'), penalty('p2', '2024-02-10'), penalty('p3', '2024-03-10')]), '2024-06-30');
    expect(itemScores(result).C2).toBe(9.7);
    expect(result.score).toBe(39.7);
    const lines = linesOf(result, 'clause.points');
    expect(lines.map((l) => [l.events, l.points])).toEqual([[['p1'], -0.1], [['p2'], -0.1], [['p3'], -0.1]]);
    // The trace's points add up to the table's score: 40 from the three items' starts.
    expect(result.trace!.reduce((sum, l) => sum + l.points * 1000, 0) / 1000).toBe(39.7);
  });

  it('the line of a deduction and of a bonus, in zh-CN and en', () => {
    const result = scoredAt(conductRuleset(), clean([penalty('p1', '2024-01-10'), { id: 'w1', type: 'award', date: '2024-03-01' }]), '2024-06-30');
    expect(result.score).toBe(39);
    const [taken, added] = [linesOf(result, 'clause.points')[0]!, linesOf(result, 'clause.points')[1]!];
    expect(taken).toMatchObject({ kind: 'points', clause: 'C2.1', item: 'C2', indicator: 'C', rule: undefined, points: -3, text: '近 2 年受到行政处罚的,每次扣 3 分' });
    expect(taken.params).toEqual({ clause: 'C2.1', label: '行政处罚', level: undefined, event: 'p1', date: '2024-01-10', points: -3, unit: '分' });
    expect(taken.message).toBe('C2.1 行政处罚:p1(2024-01-10) 扣 3 分');
    expect(taken.en).toBe('C2.1 行政处罚: p1 (2024-01-10) −3');
    expect(added.message).toBe('H1.1 表彰:w1(2024-03-01) 加 2 分');
    expect(added.en).toBe('H1.1 表彰: w1 (2024-03-01) +2');
  });

  it('a clause of 0 points says so and takes nothing', () => {
    const zero = withItem('C2', (t) => void (t.clauses[0]!.points = 0));
    const result = scoredAt(zero, clean([penalty('p1', '2024-01-10')]), '2024-06-30');
    expect(itemScores(result).C2).toBe(10);
    const [line] = linesOf(result, 'clause.zero');
    expect(line).toMatchObject({ points: 0, events: ['p1'] });
    expect([line!.message, line!.en]).toEqual(['C2.1 行政处罚:p1(2024-01-10) 不计分', 'C2.1 行政处罚: p1 (2024-01-10) no points']);
  });
});

describe('amounts are checked at load', () => {
  it('the sign of its item\'s kind, three decimals at most, a full score where the kind needs one', () => {
    const wrong = conductRuleset();
    const [q1, c1, c2, h1] = wrong.indicators.flatMap((i) => i.items);
    q1!.full = 20.0005;
    c1!.clauses[0]!.points = 2;
    delete c2!.full;
    h1!.clauses[0]!.points = -1;
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.indicators[0].items[0].full', 'points.inexact', '20.0005 has more than three decimals'],
        ['$.indicators[1].items[0].clauses[0].points', 'points.sign', 'deduction points must be negative or 0, found 2'],
        ['$.indicators[1].items[1].full', 'item.noFull', 'deduction item C2 has no full score'],
        ['$.indicators[2].items[0].clauses[0].points', 'points.sign', 'bonus points must be positive or 0, found -1'],
      ],
    });
  });

  it('more than a table of points gives, unless the ruleset counts in another unit', () => {
    const large = withItem('H1', (t) => void (t.max = 20000));
    expect(problemsOf(large)!.problems).toEqual([['$.indicators[2].items[0].max', 'points.tooLarge', '20000 points is more than a table of points gives (at most 10000)']]);
    large.unit = '元';
    expect(problemsOf(large)).toBeUndefined();
  });
});

describe('amounts in a policy diff', () => {
  const older = conductRuleset();
  const said = (newer: Ruleset) => policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en]);

  it('a clause\'s points each time and an item\'s full score', () => {
    const newer = withItem('C2', (t) => {
      t.clauses[0]!.points = -4;
      t.full = 12;
    });
    expect(said(newer)).toEqual([
      ['item.full', '$.indicators[1].items[1].full', 'C2 行政处罚: 满分 10 分 → 12 分', 'C2 行政处罚: full score: 10 points → 12 points'],
      ['points', '$.indicators[1].items[1].clauses[0].points', 'C2.1 行政处罚: 每次扣 3 分 → 4 分', 'C2.1 行政处罚: deducts 3 points each time → 4 points'],
    ]);
  });

  it('in the ruleset\'s unit', () => {
    const before = withItem('H1', () => undefined);
    before.unit = '万元';
    const after = withItem('H1', (t) => void (t.clauses[0]!.points = 5));
    after.unit = '万元';
    expect(policyDiff(before, after).map((c) => c.message)).toEqual(['H1.1 表彰: 每次加 2 万元 → 5 万元']);
  });
});
