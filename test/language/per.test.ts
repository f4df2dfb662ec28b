/**
 * Points per quantity (engine/mechanisms/per.ts): a clause's points times a number read from the
 * event or the record, in whole steps or as it is, above a threshold; the caps after it; its
 * trace line, its load-time checks, its policy change. Every expected value is worked out by hand
 * in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type Clause, type Per, type Result, type Ruleset, type TraceEntry } from '../../engine/index.js';
import { applicant, cite, compile, problemsOf, subsidyRuleset } from './subsidy.js';

type Ev = Parameters<typeof applicant>[0][number];

/**
 * The subsidy table with an item S3 "研发投入": each investment event pays `points` 万元 per
 * quantity of its `amount` (万元) as `per` says, the clause at most `cap`.
 */
function withInvestment(per: Per, points = 3, cap?: number): Ruleset {
  const ruleset = subsidyRuleset();
  ruleset.eventTypes.investment = { label: '研发投入', attributes: { amount: { label: '投入金额', type: 'number' }, level: { label: '级别', type: 'enum', values: ['national', 'province', 'city'] } } };
  const clause: Clause = {
    id: 'S3.1.1',
    label: '研发投入',
    citation: cite('第五条', '研发投入每满 100 万元奖励 3 万元,单个企业最高 20 万元'),
    when: { fact: 'event', path: 'type', operator: 'equal', value: 'investment' },
    points,
    per,
  };
  if (cap !== undefined) clause.cap = cap;
  ruleset.indicators.push({ id: 'S3', label: '研发奖励', items: [{ id: 'S3.1', label: '研发投入', kind: 'bonus', citation: cite('第五条', '研发投入奖励'), clauses: [clause] }] });
  return ruleset;
}

/** The subsidy table with a check item S4: registered capital pays `points` per quantity, the item at most 5, the clause at most `cap`. */
function withCapital(per: Per, points = 1, cap?: number): Ruleset {
  const ruleset = subsidyRuleset();
  const clause: Clause = {
    id: 'S4.1.1',
    label: '注册资本',
    citation: cite('第六条', '注册资本每满 1000 万元奖励 1 万元,最高 5 万元'),
    when: { fact: 'record', path: 'registeredCapital', operator: 'greaterThan', value: 0 },
    points,
    per,
  };
  if (cap !== undefined) clause.cap = cap;
  ruleset.indicators.push({ id: 'S4', label: '规模奖励', items: [{ id: 'S4.1', label: '注册资本', kind: 'check', full: 5, citation: cite('第六条', '最高 5 万元'), clauses: [clause] }] });
  return ruleset;
}

const investment = (id: string, amount?: number): Ev => ({ id, type: 'investment', date: '2025-03-01', ...(amount === undefined ? {} : { amount }) });
const asOf = '2025-06-30';
const scored = (ruleset: Ruleset, events: Ev[], extra = {}): Result => evaluate(compile(ruleset), applicant(events, extra), { asOf });
const itemScore = (result: Result, id: string): number | undefined => result.indicators.flatMap((i) => i.items).find((t) => t.id === id)?.score;
const lines = (result: Result, item: string): TraceEntry[] => result.trace!.filter((l) => l.item === item);

describe('per quantity on events: whole steps', () => {
  it('counts the whole steps of each event, rounded down (每满)', () => {
    // 250 → 2 full hundreds → 2 × 3 = 6; 99.999 → 0 → 0; 100 → 1 → 3. Total 9.
    const result = scored(withInvestment({ path: 'amount', step: 100 }), [investment('i1', 250), investment('i2', 99.999), investment('i3', 100)]);
    expect(itemScore(result, 'S3.1')).toBe(9);
    expect(lines(result, 'S3.1').map((l) => [l.code, l.events, l.points])).toEqual([['clause.points', ['i1'], 6], ['clause.zero', ['i2'], 0], ['clause.points', ['i3'], 3]]);
  });

  it('says quantity × points on the event\'s own line, in both languages', () => {
    const [line] = lines(scored(withInvestment({ path: 'amount', step: 100 }), [investment('i1', 250)]), 'S3.1');
    expect(line!.params).toEqual({ clause: 'S3.1.1', label: '研发投入', level: undefined, event: 'i1', date: '2025-03-01', points: 6, unit: '万元', per: { of: '投入金额', quantity: 250, step: 100, up: false, units: 2, each: 3 } });
    expect(line!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 加 6 万元(投入金额 250,按每满 100 计:2 × 3 万元)');
    expect(line!.en).toBe('S3.1.1 研发投入: i1 (2025-03-01) +6 万元 (投入金额 250, per whole 100: 2 × 3 万元)');
  });

  it('rounds up with round: up (不足一个按一个计)', () => {
    // 250 → 3 hundreds begun → 9; 100 → exactly 1 → 3; 0.001 → 1 → 3. Total 15.
    const result = scored(withInvestment({ path: 'amount', step: 100, round: 'up' }), [investment('i1', 250), investment('i2', 100), investment('i3', 0.001)]);
    expect(lines(result, 'S3.1').map((l) => l.points)).toEqual([9, 3, 3]);
    expect(lines(result, 'S3.1')[0]!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 加 9 万元(投入金额 250,按每 100 计(不足 100 按 100 计):3 × 3 万元)');
  });

  it('steps of a decimal size are exact: 0.3 in steps of 0.1 is 3 steps, not 2', () => {
    // In floating point 0.3 / 0.1 is 2.9999999999999996; counted in thousandths it is 300 / 100 = 3 → 3 × 3 = 9.
    expect(itemScore(scored(withInvestment({ path: 'amount', step: 0.1 }), [investment('i1', 0.3)]), 'S3.1')).toBe(9);
  });

  it('counts only what exceeds `above` (每超过), and nothing below it', () => {
    // above 100, steps of 50: 250 → 150 → 3 steps → 9; 120 → 20 → 0; 90 → below → 0 (never negative).
    const result = scored(withInvestment({ path: 'amount', above: 100, step: 50 }), [investment('i1', 250), investment('i2', 120), investment('i3', 90)]);
    expect(lines(result, 'S3.1').map((l) => [l.code, l.points])).toEqual([['clause.points', 9], ['clause.zero', 0], ['clause.zero', 0]]);
    expect(lines(result, 'S3.1')[0]!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 加 9 万元(投入金额 250,超过 100 的部分按每满 50 计:3 × 3 万元)');
    expect(lines(result, 'S3.1')[0]!.en).toBe('S3.1.1 研发投入: i1 (2025-03-01) +9 万元 (投入金额 250, above 100, per whole 50: 3 × 3 万元)');
  });

  it('counts only what falls short of `below` (每减少…增加), and nothing at or over it', () => {
    // below 100, steps of 10: 75 → 25 → 2 full steps → 6; 100 → 0; 130 → 0 (never negative); missing → 0, not 100 short.
    const result = scored(withInvestment({ path: 'amount', below: 100, step: 10 }), [investment('i1', 75), investment('i2', 100), investment('i3', 130), investment('i4')]);
    expect(lines(result, 'S3.1').map((l) => [l.code, l.points])).toEqual([['clause.points', 6], ['clause.zero', 0], ['clause.zero', 0], ['clause.zero', 0]]);
    expect(lines(result, 'S3.1')[0]!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 加 6 万元(投入金额 75,低于 100 的部分按每满 10 计:2 × 3 万元)');
  });

  it('a missing quantity counts 0, and the line says so', () => {
    const [line] = lines(scored(withInvestment({ path: 'amount', step: 100 }), [investment('i1')]), 'S3.1');
    expect(line).toMatchObject({ code: 'clause.zero', points: 0, params: { per: { quantity: null, units: 0 } } });
    expect(line!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 计 0 万元(投入金额未填写,按 0 计,按每满 100 计:0 × 3 万元)');
  });

  it('the clause\'s cap limits the sum of the products (最高)', () => {
    // 250 → 6, 1000 → 30: 36, at most 20: 16 not counted.
    const result = scored(withInvestment({ path: 'amount', step: 100 }, 3, 20), [investment('i1', 250), investment('i2', 1000)]);
    expect(itemScore(result, 'S3.1')).toBe(20);
    const cap = lines(result, 'S3.1').find((l) => l.code === 'clause.cap');
    expect(cap).toMatchObject({ points: -16, params: { sum: 36, cap: 20, cut: 16 } });
  });

  it('per the level of the event, with levels', () => {
    const ruleset = withInvestment({ path: 'amount', step: 100 });
    const clause = ruleset.indicators.at(-1)!.items[0]!.clauses[0]!;
    delete clause.points;
    clause.levels = [
      { id: 'S3.1.1-n', label: '国家级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'national' }, points: 5 },
      { id: 'S3.1.1-o', label: '其他', points: 2 },
    ];
    // National 300 → 3 × 5 = 15; other 300 → 3 × 2 = 6.
    const result = scored(ruleset, [{ ...investment('i1', 300), level: 'national' }, investment('i2', 300)]);
    expect(lines(result, 'S3.1').map((l) => [l.rule, l.points])).toEqual([['S3.1.1-n', 15], ['S3.1.1-o', 6]]);
  });
});

describe('per quantity without a step: the quantity as it is, exact to 0.001', () => {
  it('multiplies by the quantity itself (每…积 0.5 分)', () => {
    // 0.5 per 万元: 37 → 18.5; 2.5 → 1.25. Total 19.75.
    const result = scored(withInvestment({ path: 'amount' }, 0.5), [investment('i1', 37), investment('i2', 2.5)]);
    expect(lines(result, 'S3.1').map((l) => l.points)).toEqual([18.5, 1.25]);
    expect(itemScore(result, 'S3.1')).toBe(19.75);
    expect(lines(result, 'S3.1')[0]!.message).toBe('S3.1.1 研发投入:i1(2025-03-01) 加 18.5 万元(投入金额 37:37 × 0.5 万元)');
  });

  it('rounds a product finer than 0.001 half away from 0', () => {
    // 0.333 × 2.5 = 0.8325 → 0.833; 0.333 × 0.001 = 0.000333 → 0.
    const result = scored(withInvestment({ path: 'amount' }, 0.333), [investment('i1', 2.5), investment('i2', 0.001)]);
    expect(lines(result, 'S3.1').map((l) => l.points)).toEqual([0.833, 0]);
  });
});

describe('per quantity on a check clause: read from the record', () => {
  it('scores the clause\'s points per whole step of the record\'s number, within the item\'s full score', () => {
    // 3500 → 3 full thousands → 3; 9000 → 9, the item's full score 5 keeps 5.
    expect(itemScore(scored(withCapital({ path: 'registeredCapital', step: 1000 }), [], { registeredCapital: 3500 }), 'S4.1')).toBe(3);
    const big = scored(withCapital({ path: 'registeredCapital', step: 1000 }), [], { registeredCapital: 9000 });
    expect(itemScore(big, 'S4.1')).toBe(5);
    expect(lines(big, 'S4.1').map((l) => [l.code, l.points])).toEqual([['check.met', 9], ['check.max', -4]]);
    expect(lines(big, 'S4.1')[0]!.message).toBe('S4.1.1 注册资本:符合,得 9 万元(注册资本(万元) 9000,按每满 1000 计:9 × 1 万元)');
    expect(lines(big, 'S4.1')[0]!.en).toBe('S4.1.1 注册资本: met, 9 万元 (注册资本(万元) 9000, per whole 1000: 9 × 1 万元)');
  });

  it('a check clause\'s own cap limits it, as a clause on events is limited', () => {
    // 9000 → 9, the clause at most 4: 5 not counted; the item's full score 5 is not reached.
    const result = scored(withCapital({ path: 'registeredCapital', step: 1000 }, 1, 4), [], { registeredCapital: 9000 });
    expect(itemScore(result, 'S4.1')).toBe(4);
    expect(lines(result, 'S4.1').map((l) => [l.code, l.points])).toEqual([['check.met', 9], ['clause.cap', -5]]);
  });

  it('a clause that holds and counts 0 is met with 0, not "none met"', () => {
    const result = scored(withCapital({ path: 'registeredCapital', step: 1000 }), [], { registeredCapital: 999 });
    expect(itemScore(result, 'S4.1')).toBe(0);
    expect(lines(result, 'S4.1').map((l) => [l.code, l.points])).toEqual([['check.met', 0]]);
  });
});

describe('per is checked at load', () => {
  const at = '$.indicators[2].items[0].clauses[0].per';

  it('refuses a path that names no number, with the number it probably means', () => {
    expect(problemsOf(withInvestment({ path: 'level', step: 100 }))).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [[`${at}.path`, 'per.notNumber', '"level" is not a number attribute of the event types']],
    });
    expect(problemsOf(withInvestment({ path: 'amont', step: 100 }))?.problems).toEqual([[`${at}.path`, 'attribute.unknown', expect.stringContaining('"amount"')]]);
    const capital = problemsOf(withCapital({ path: 'registeredCapitl', step: 1000 }));
    expect(capital?.problems).toEqual([[`$.indicators[2].items[0].clauses[0].per.path`, 'per.notNumber', '"registeredCapitl" is not a number field of the record; did you mean "registeredCapital"?']]);
  });

  it('refuses round without a step, a step finer than 0.001, a step of 0, a veto with per', () => {
    expect(problemsOf(withInvestment({ path: 'amount', round: 'up' }))?.problems).toEqual([[`${at}.round`, 'per.roundWithoutStep', '"round" says how part of a step counts, and "per" has no "step"']]);
    expect(problemsOf(withInvestment({ path: 'amount', step: 0.0001 }))?.problems.map((p) => [p[0], p[1]])).toEqual([[`${at}.step`, 'points.inexact']]);
    expect(problemsOf(withInvestment({ path: 'amount', step: 0 }))?.code).toBe('RULESET_INVALID');
    expect(problemsOf(withInvestment({ path: 'amount', above: 1, below: 2 }))?.problems.map((p) => [p[0], p[1]])).toEqual([[`${at}.below`, 'per.aboveAndBelow']]);
    const veto = withInvestment({ path: 'amount', step: 100 });
    const clause = veto.indicators.at(-1)!.items[0]!.clauses[0]!;
    delete clause.points;
    clause.effect = 'veto';
    expect(problemsOf(veto)?.problems).toEqual([[at, 'per.onVeto', 'clause S3.1.1 is a veto: it has no points to count per quantity']]);
  });
});

describe('per in a policy diff', () => {
  it('says a per added and a step changed', () => {
    const older = withInvestment({ path: 'amount', step: 100 });
    const none = structuredClone(older);
    delete none.indicators.at(-1)!.items[0]!.clauses[0]!.per;
    const [added] = policyDiff(none, older);
    expect(added).toMatchObject({ code: 'clause.per', path: `$.indicators[2].items[0].clauses[0].per`, message: 'S3.1.1 研发投入: 按数量计分 (无) → 投入金额(amount)每满 100' });
    const [step] = policyDiff(older, withInvestment({ path: 'amount', step: 50, round: 'up' }));
    expect(step).toMatchObject({ code: 'clause.per', message: 'S3.1.1 研发投入: 按数量计分 投入金额(amount)每满 100 → 投入金额(amount)每 50(不足按 50 计)' });
    expect(step!.en).toBe('S3.1.1 研发投入: points per quantity: 投入金额 (amount), per whole 100 → 投入金额 (amount), per 50 or part of it');
  });

  it('a clause added says what it counts per', () => {
    const older = subsidyRuleset();
    const newer = withCapital({ path: 'registeredCapital', step: 1000 }, 1, 4);
    const added = policyDiff(older, newer).find((c) => c.code === 'clause.added');
    expect(added?.message).toContain('按注册资本(万元)(registeredCapital)每满 1000 计');
    expect(added?.en).toContain('counted per 注册资本(万元) (registeredCapital), per whole 1000');
  });
});
