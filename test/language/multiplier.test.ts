/** Multipliers (engine/mechanisms/multiplier.ts): the occurrences whose event meets its condition count `factor` times, the extra on a line of its own; load-time checks, policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Item, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt } from './conduct.js';
import { problemsOf } from './subsidy.js';

type Multiplier = NonNullable<Item['multiplier']>;

/** The conduct table with C2's multiplier (concealed: twice) changed by `edit`, or removed. */
function withMultiplier(edit: ((m: Multiplier) => void) | 'none'): Ruleset {
  const ruleset = conductRuleset();
  const item = ruleset.indicators[1]!.items[1]!;
  if (edit === 'none') delete item.multiplier;
  else edit(item.multiplier!);
  return ruleset;
}

const penalty = (id: string, date: string, concealed?: boolean) => ({ id, type: 'penalty', date, ...(concealed === undefined ? {} : { concealed }) });
const asOf = '2024-06-30';

describe('a multiplier (C2: a concealed penalty counts twice)', () => {
  it('counts the event factor times: its own line, then the extra on a line of its own', () => {
    const result = scoredAt(conductRuleset(), clean([penalty('p1', '2024-06-01', true)]), asOf);
    expect(itemScores(result).C2).toBe(4);
    const c2 = result.trace!.filter((l) => l.item === 'C2').map((l) => [l.code, l.clause, l.points]);
    expect(c2).toEqual([['item.start', 'C2', 10], ['clause.points', 'C2.1', -3], ['multiplier.extra', '第七条第二项', -3]]);
    const [line] = linesOf(result, 'multiplier.extra');
    expect(line).toMatchObject({ kind: 'points', events: ['p1'], text: '隐瞒不报的,加倍扣分', params: { clause: '第七条第二项', label: '隐瞒不报', event: 'p1', date: '2024-06-01', factor: 2, points: -3, unit: '分' } });
    expect(line!.message).toBe('第七条第二项 隐瞒不报:p1(2024-06-01) 按 2 倍计,另扣 3 分');
    expect(line!.en).toBe('第七条第二项 隐瞒不报: p1 (2024-06-01) counts 2 times, another −3');
  });

  it('an event its condition does not hold for counts once', () => {
    const result = scoredAt(conductRuleset(), clean([penalty('p1', '2024-06-01', false), penalty('p2', '2024-06-02')]), asOf);
    expect(itemScores(result).C2).toBe(4);
    expect(linesOf(result, 'multiplier.extra')).toEqual([]);
  });

  it('exactly, whatever the factor: 3 × 1.5 = 4.5, 3 × 1.333 = 3.999', () => {
    expect(itemScores(scoredAt(withMultiplier((m) => void (m.factor = 1.5)), clean([penalty('p1', '2024-06-01', true)]), asOf)).C2).toBe(5.5);
    const third = scoredAt(withMultiplier((m) => void (m.factor = 1.333)), clean([penalty('p1', '2024-06-01', true)]), asOf);
    expect(itemScores(third).C2).toBe(6.001);
    expect(linesOf(third, 'multiplier.extra')[0]!.points).toBe(-0.999);
  });

  it('before the floor: two concealed penalties take 12 of 10', () => {
    const result = scoredAt(conductRuleset(), clean([penalty('p1', '2024-05-01', true), penalty('p2', '2024-06-01', true)]), asOf);
    expect(itemScores(result).C2).toBe(0);
    expect(linesOf(result, 'item.floor')[0]!.points).toBe(2);
  });
});

describe('a multiplier is checked at load', () => {
  it('its factor is exact like any amount', () => {
    expect(problemsOf(withMultiplier((m) => void (m.factor = 1.0005)))).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [['$.indicators[1].items[1].multiplier.factor', 'points.inexact', '1.0005 has more than three decimals']],
    });
  });
});

describe('a multiplier in a policy diff', () => {
  const older = conductRuleset();

  it('its factor and its condition', () => {
    const newer = withMultiplier((m) => {
      m.factor = 3;
      m.when = { fact: 'event', path: 'concealed', operator: 'notEqual', value: false };
    });
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en])).toEqual([
      ['multiplier.factor', '$.indicators[1].items[1].multiplier.factor', '第七条第二项 隐瞒不报: 倍数 2 倍 → 3 倍', '第七条第二项 隐瞒不报: factor 2 → 3'],
      ['condition.changed', '$.indicators[1].items[1].multiplier.when', '第七条第二项 隐瞒不报: 条件已修改', '第七条第二项 隐瞒不报: condition changed'],
    ]);
  });

  it('removed, and added back', () => {
    const without = withMultiplier('none');
    expect(policyDiff(older, without).map((c) => [c.code, c.path, c.message])).toEqual([['multiplier.removed', '$.indicators[1].items[1].multiplier', '删除 第七条第二项 隐瞒不报(C2 行政处罚)']]);
    expect(policyDiff(without, older).map((c) => [c.code, c.message, c.en])).toEqual([
      ['multiplier.added', '新增 第七条第二项 隐瞒不报: 按 2 倍计分(C2 行政处罚)', '第七条第二项 隐瞒不报 added: points count 2 times (C2 行政处罚)'],
    ]);
  });
});
