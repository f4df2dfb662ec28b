/** Caps and maxima (engine/mechanisms/cap.ts): a clause's cap, a deduction item's cap and its floor at 0, a bonus maximum, a check's full score; their lines, load-time checks and policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, rulesetHints } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt, withCheckItem, withItem } from './conduct.js';
import { applicant, problemsOf } from './subsidy.js';

const accidents = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `a${k + 1}`, type: 'accident', date: `2024-0${k + 1}-10`, severity: 'general' }));
const criticisms = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `c${k + 1}`, type: 'criticism', date: `2024-0${k + 4}-01` }));
const awards = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `w${k + 1}`, type: 'award', date: `2024-0${k + 1}-01` }));
const asOf = '2024-06-30';

describe('a clause\'s cap (C1.1: 2 each, at most 4)', () => {
  it('cuts what the clause gives over its cap, on a line of its own', () => {
    const result = scoredAt(conductRuleset(), clean(criticisms(3)), asOf);
    expect(itemScores(result).C1).toBe(6);
    const [line] = linesOf(result, 'clause.cap');
    expect(line).toMatchObject({ kind: 'cap', clause: 'C1.1', item: 'C1', points: 2, params: { clause: 'C1.1', label: '通报批评', sum: -6, cap: 4, cut: 2, unit: '分' } });
    expect(line!.message).toBe('C1.1 通报批评:累计扣 6 分,以 4 分为限,超出的 2 分不计');
    expect(line!.en).toBe('C1.1 通报批评: 6 deducted in all, limited to 4; the 2 over the limit do not count');
  });

  it('reached exactly, cuts nothing and says nothing', () => {
    const result = scoredAt(conductRuleset(), clean(criticisms(2)), asOf);
    expect(itemScores(result).C1).toBe(6);
    expect(linesOf(result, 'clause.cap')).toEqual([]);
  });
});

describe('a deduction item\'s cap (Q1: at most 12) and its floor at 0', () => {
  it('loses at most its cap', () => {
    const result = scoredAt(conductRuleset(), clean(accidents(3)), asOf);
    expect(itemScores(result).Q1).toBe(8);
    const [line] = linesOf(result, 'item.cap');
    expect(line).toMatchObject({ kind: 'cap', clause: 'Q1', points: 3, params: { total: 15, limit: 12, cut: 3 } });
    expect(line!.message).toBe('Q1 质量事故:累计扣 15 分,扣完 12 分为止,超出的 3 分不扣');
    expect(line!.en).toBe('Q1 质量事故: 15 deducted in all, deductions stop at 12; the 3 over are not deducted');
  });

  it('from its base of 10, the 12 it may lose stop at 0: the cap, then the floor', () => {
    // No project: Q1 starts at its base, 10; 15 taken, 12 by the cap, 10 by the floor.
    const result = scoredAt(conductRuleset(), applicant(accidents(3)), asOf);
    expect(itemScores(result).Q1).toBe(0);
    const q1 = result.trace!.filter((l) => l.item === 'Q1').map((l) => [l.code, l.points]);
    expect(q1).toEqual([['item.startBase', 10], ['clause.points', -5], ['clause.points', -5], ['clause.points', -5], ['item.cap', 3], ['item.floor', 2]]);
    const [floor] = linesOf(result, 'item.floor');
    expect(floor!.message).toBe('Q1 质量事故:本项扣至 0 分为止,不计负分(2 分不扣)');
    expect(floor!.en).toBe('Q1 质量事故: the item stops at 0, never below (2 not deducted)');
  });

  it('without a cap, the floor alone: four penalties of 3 from 10', () => {
    const penalties = [1, 2, 3, 4].map((m) => ({ id: `p${m}`, type: 'penalty', date: `2024-0${m}-01` }));
    const result = scoredAt(conductRuleset(), clean(penalties), asOf);
    expect(itemScores(result).C2).toBe(0);
    expect(linesOf(result, 'item.cap')).toEqual([]);
    expect(linesOf(result, 'item.floor').map((l) => l.params)).toEqual([{ item: 'C2', label: '行政处罚', restored: 2, unit: '分' }]);
  });
});

describe('a bonus item\'s maximum (H1: 2 each, at most 3)', () => {
  it('adds at most its maximum', () => {
    const result = scoredAt(conductRuleset(), clean(awards(2)), asOf);
    expect(result.score).toBe(43);
    const [line] = linesOf(result, 'bonus.max');
    expect(line).toMatchObject({ kind: 'cap', points: -1, params: { total: 4, limit: 3, cut: 1 } });
    expect(line!.message).toBe('H1 表彰加分:累计 4 分,最高计 3 分,超出的 1 分不计');
    expect(line!.en).toBe('H1 表彰加分: 4 in all, at most 3 count; the 1 over do not count');
  });

  it('a half point over its maximum is cut; reached exactly, nothing is', () => {
    const result = scoredAt(withItem('H1', (t) => void (t.max = 3.5)), clean(awards(2)), asOf);
    expect(itemScores(result).H1).toBe(3.5);
    expect(linesOf(result, 'bonus.max').map((l) => l.params)).toEqual([{ item: 'H1', label: '表彰加分', total: 4, limit: 3.5, cut: 0.5, unit: '分' }]);
    const exactly = scoredAt(withItem('H1', (t) => void (t.max = 4)), clean(awards(2)), asOf);
    expect(itemScores(exactly).H1).toBe(4);
    expect(linesOf(exactly, 'bonus.max')).toEqual([]);
  });

  it('without one, a plain sum', () => {
    const result = scoredAt(withItem('H1', (t) => void delete t.max), clean(awards(3)), asOf);
    expect(itemScores(result).H1).toBe(6);
    expect(linesOf(result, 'bonus.max')).toEqual([]);
  });
});

describe('a check item\'s full score', () => {
  it('scores at most its full score', () => {
    const ruleset = withCheckItem(conductRuleset());
    const both = scoredAt(ruleset, clean([], { certified: true, staffed: true }), asOf);
    expect(itemScores(both).K1).toBe(5);
    expect(linesOf(both, 'check.max').map((l) => [l.points, l.message])).toEqual([[-2, 'K1 管理制度:累计 7 分,最高计 5 分,超出的 2 分不计']]);
    expect(itemScores(scoredAt(ruleset, clean([], { staffed: true }), asOf)).K1).toBe(4);
    // A cap on it means nothing: refused.
    ruleset.indicators[3]!.items[0]!.cap = 2;
    expect(problemsOf(ruleset)!.problems).toEqual([['$.indicators[3].items[0].cap', 'cap.onCheck', 'check item K1 has a "cap", which limits deductions']]);
  });
});

describe('caps are checked at load', () => {
  it('a cap on a bonus or a check, a maximum on a deduction: refused, naming the field that means it', () => {
    const wrong = conductRuleset();
    const [q1, , , h1] = wrong.indicators.flatMap((i) => i.items);
    q1!.max = 5;
    h1!.cap = 3;
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.indicators[0].items[0].max', 'max.notBonus', 'deduction item Q1 has a "max", which limits bonuses'],
        ['$.indicators[2].items[0].cap', 'cap.onBonus', 'bonus item H1 has a "cap", which limits deductions'],
      ],
    });
  });
});

describe('caps in a policy diff', () => {
  it('an item\'s cap, a clause\'s cap, a maximum removed', () => {
    const newer = conductRuleset();
    const [q1, c1, , h1] = newer.indicators.flatMap((i) => i.items);
    q1!.cap = 15;
    c1!.clauses[0]!.cap = 6;
    delete h1!.max;
    expect(policyDiff(conductRuleset(), newer).map((c) => [c.code, c.path, c.message, c.en])).toEqual([
      ['item.cap', '$.indicators[0].items[0].cap', 'Q1 质量事故: 累计扣分上限 12 分 → 15 分', 'Q1 质量事故: deductions up to: 12 points → 15 points'],
      ['clause.cap', '$.indicators[1].items[0].clauses[0].cap', 'C1.1 通报批评: 本条扣分上限 4 分 → 6 分', 'C1.1 通报批评: deductions from this clause up to: 4 points → 6 points'],
      ['item.max', '$.indicators[2].items[0].max', 'H1 表彰加分: 加分上限 3 分 → 不设', 'H1 表彰加分: bonus up to: 3 points → no limit'],
    ]);
  });
});

describe('a limit of 0', () => {
  it('a deduction or check item with a full score of 0, a bonus item with a maximum of 0: a hint at the value, in both languages; nothing for a limit above 0', () => {
    const ruleset = withCheckItem(conductRuleset());
    const [deduction, bonus] = [ruleset.indicators[0]!.items[0]!, ruleset.indicators.flatMap((i) => i.items).find((item) => item.kind === 'bonus')!];
    const check = ruleset.indicators.at(-1)!.items[0]!;
    expect(rulesetHints(ruleset).filter((h) => h.code === 'zeroLimit')).toEqual([]);
    [deduction.full, bonus.max, check.full] = [0, 0, 0];
    const hints = rulesetHints(ruleset).filter((h) => h.code === 'zeroLimit');
    const k = ruleset.indicators.length - 1;
    const bonusAt = ruleset.indicators.findIndex((i) => i.items.includes(bonus));
    expect(hints.map((h) => [h.path, h.en, h.zh])).toEqual([
      ['$.indicators[0].items[0].full', `${deduction.id} has a full score of 0: there is nothing for its clauses to take`, `${deduction.id} 的满分为 0,其中各条都不再扣分`],
      [`$.indicators[${bonusAt}].items[0].max`, `${bonus.id} gives at most 0: none of its clauses adds anything`, `${bonus.id} 最高加 0 分,其中各条都不再加分`],
      [`$.indicators[${k}].items[0].full`, 'K1 has a full score of 0: none of its clauses scores anything', 'K1 的满分为 0,其中各条都不再得分'],
    ]);
  });
});
