/** What a regulation other than Taizhou's needs: a unit, no grades, its own entity kind and fields, a period, hints. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, citationHints, evaluate, rulesetHints, type Ruleset } from '../../engine/index.js';
import { readJson } from '../support/load.js';
import { applicant, compile, subsidyRuleset } from './subsidy.js';

const awards = [
  { id: 'a1', type: 'award', date: '2025-03-01', level: 'national' },
  { id: 'a2', type: 'award', date: '2025-04-01', level: 'city' },
  { id: 'p1', type: 'platform', date: '2025-05-01' },
];

describe('a subsidy schedule in 万元, without grades', () => {
  it('sums amounts above a table of points, with a null grade', () => {
    const result = evaluate(compile(subsidyRuleset()), applicant(awards), { asOf: '2025-06-30' });
    expect(result).toMatchObject({ score: 140, grade: null, computedScore: 140, computedGrade: null, eligible: true });
    expect(result.indicators.map((i) => [i.id, i.score])).toEqual([['S1', 110], ['S2', 30]]);
  });

  it('writes its unit in the citation hints: 55 against a text that says 50 万元', () => {
    const ruleset = subsidyRuleset();
    ruleset.indicators[0]!.items[0]!.clauses[0]!.levels![1]!.points = 55;
    const hints = citationHints(ruleset);
    expect(hints.map((h) => [h.path, h.value, h.zh])).toEqual([
      ['$.indicators[0].items[0].clauses[0].levels[1].points', 55, '依据原文写的是“100 万元”、“50 万元”、“10 万元”,与这里的 55 万元不符:请核对这个数,或一并修改原文'],
    ]);
    expect(citationHints(subsidyRuleset())).toEqual([]);
  });
});

describe('an entity kind and the fields the ruleset declares', () => {
  it('scores records of its own kind and refuses others', () => {
    const compiled = compile(subsidyRuleset());
    expect(() => evaluate(compiled, { ...applicant([]), kind: 'enterprise' }, { asOf: '2025-06-30' })).toThrow(CreditRulesError);
  });

  it('checks a declared record field: present when required, of its kind', () => {
    const ruleset = subsidyRuleset();
    ruleset.recordFields!.registeredCapital!.required = true;
    const compiled = compile(ruleset);
    const problems = (record: unknown) => {
      try {
        evaluate(compiled, record, { asOf: '2025-06-30' });
        return [];
      } catch (error) {
        return (error as CreditRulesError).problems.map((p) => `${p.path}: ${p.message}`);
      }
    };
    expect(problems(applicant([]))).toEqual(['$.registeredCapital: the record needs "registeredCapital" (注册资本(万元))']);
    expect(problems(applicant([], { registeredCapital: 'many' }))).toEqual(['$.registeredCapital: "many" is not a valid registeredCapital (注册资本(万元))']);
    expect(problems(applicant([], { registeredCapital: 500 }))).toEqual([]);
  });
});

describe('the effective period', () => {
  it('warns of an evaluation outside the period of a single ruleset, and says why it still scores', () => {
    const compiled = compile(subsidyRuleset());
    expect(evaluate(compiled, applicant(awards), { asOf: '2025-06-30' }).warnings).toBeUndefined();
    expect(evaluate(compiled, applicant([]), { asOf: '2030-01-01' }).warnings).toEqual([
      'evaluated on 2030-01-01, outside the period of ruleset subsidy-test 1 (in force from 2024-01-01 to 2026-12-31): the score is what this version gives, which may not be the rule in force on that date',
    ]);
  });
});

describe('hints for values that switch a clause off or cannot be reached', () => {
  const enterprise = readJson<Ruleset>('rulesets/enterprise.json');
  it('has none on the shipped rulesets', () => {
    expect(rulesetHints(enterprise)).toEqual([]);
    expect(rulesetHints(readJson<Ruleset>('rulesets/project-lead.json'))).toEqual([]);
  });

  it('0 points, a 0-month window, an AAA line of 101', () => {
    const r = structuredClone(enterprise);
    r.indicators[1]!.items[0]!.clauses[2]!.points = 0;
    r.indicators[1]!.items[0]!.clauses[0]!.window = { months: 0 };
    r.grades[0]!.min = 101;
    expect(rulesetHints(r).map((h) => [h.code, h.path, h.zh])).toEqual([
      ['zeroMonths', '$.indicators[1].items[0].clauses[0].window.months', 'E2.1.1 的期限为 0 个月,只计评价日所在月份的事件'],
      ['zeroPoints', '$.indicators[1].items[0].clauses[2].points', 'E2.1.3 的分值为 0,这一条不再扣分或加分'],
      ['unreachableGrade', '$.grades[0].min', 'AAA 级分数线 101 分高于本表最高可得的 100 分,没有主体能达到'],
    ]);
  });

  it('a 0-month period that windows fall back on, naming each clause that does', () => {
    const r = structuredClone(enterprise);
    r.parameters.announcementMonths!.value = 0;
    const users: string[] = [];
    for (const indicator of r.indicators) for (const item of indicator.items) for (const clause of item.clauses) if (clause.window?.defaultParameter === 'announcementMonths') users.push(clause.id);
    expect(users.length).toBeGreaterThan(1);
    expect(rulesetHints(r).map((h) => [h.code, h.path, h.zh])).toEqual([
      ['zeroMonths', '$.parameters.announcementMonths.value', `${users.join('、')} 未写明期限的事件按 0 个月计,只计评价日所在月份的事件`],
    ]);
  });
});
