/** Eligibility (engine/mechanisms/eligibility.ts): scored but not graded, the reasons in order, the trace line, the load-time check, its policy changes. */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type Ruleset } from '../../engine/index.js';

type Requirement = NonNullable<Ruleset['eligibility']>['requirements'][number];
import { applicant, compile, problemsOf, subsidyRuleset } from './subsidy.js';

const capital: Requirement = {
  id: 'capital',
  label: '注册资本不少于 100 万元',
  when: { fact: 'record', path: 'registeredCapital', operator: 'greaterThanInclusive', value: 100 },
  reason: '注册资本不足 100 万元(第二条)',
};
const declared: Requirement = {
  id: 'declared',
  label: '已填报注册资本',
  when: { fact: 'record', path: 'registeredCapital', operator: 'missing', value: false },
  reason: '未填报注册资本(第二条)',
};

/** The subsidy ruleset with grades (A from 0) and eligibility of `requirements`. */
function eligibleRuleset(requirements = [capital]): Ruleset {
  const ruleset = subsidyRuleset();
  ruleset.grades = [{ grade: 'A', min: 0 }];
  ruleset.gradeCitation = { clause: '第五条', text: '奖励对象评为 A 级' };
  ruleset.eligibility = { citation: { clause: '第二条', text: '注册资本不少于 100 万元的企业方可申报' }, requirements };
  return ruleset;
}

const award = { id: 'a1', type: 'award', date: '2025-03-01', level: 'province', subject: 'P' };
const scored = (ruleset: Ruleset, registeredCapital?: number) =>
  evaluate(compile(ruleset), applicant([award], registeredCapital === undefined ? {} : ({ registeredCapital } as object)), { asOf: '2025-06-30' });

describe('eligibility', () => {
  it('an entity that meets every requirement is graded, with no reasons and no line', () => {
    const result = scored(eligibleRuleset(), 150);
    expect(result).toMatchObject({ score: 50, grade: 'A', eligible: true });
    expect(result.ineligibleReasons).toBeUndefined();
    expect(result.trace!.some((line) => line.code === 'eligibility.failed')).toBe(false);
  });

  it('one that fails is still scored, but not graded; the trace gives the reason under the citation', () => {
    const result = scored(eligibleRuleset(), 50);
    expect(result).toMatchObject({ score: 50, computedScore: 50, grade: null, computedGrade: null, eligible: false, ineligibleReasons: ['注册资本不足 100 万元(第二条)'] });
    const line = result.trace!.find((l) => l.code === 'eligibility.failed')!;
    expect(line).toMatchObject({ kind: 'skipped', clause: '第二条', points: 0, params: { clause: '第二条', reasons: ['注册资本不足 100 万元(第二条)'] } });
    expect(line.message).toBe('第二条 不具备评价资格,不评定等级:注册资本不足 100 万元(第二条)');
  });

  it('every failed requirement, in the order written', () => {
    const result = scored(eligibleRuleset([declared, capital]));
    expect(result.ineligibleReasons).toEqual(['未填报注册资本(第二条)', '注册资本不足 100 万元(第二条)']);
  });

  it('refuses two requirements with one id at load', () => {
    expect(problemsOf(eligibleRuleset([capital, { ...declared, id: 'capital' }]))).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [['$.eligibility.requirements[1].id', 'eligibility.duplicate', 'duplicate requirement id "capital" (also requirements[0])']],
    });
  });
});

describe('eligibility in a policy diff', () => {
  it('added, a requirement added, its reason changed, removed', () => {
    const without = subsidyRuleset();
    const one = eligibleRuleset();
    without.grades = one.grades;
    without.gradeCitation = one.gradeCitation;
    expect(policyDiff(without, one).map((c) => [c.code, c.path, c.message])).toEqual([['eligibility.added', '$.eligibility', '新增定级条件(第二条): 注册资本不少于 100 万元']]);
    const two = eligibleRuleset([{ ...capital, reason: '注册资本不足(第二条)' }, declared]);
    expect(policyDiff(one, two).map((c) => [c.code, c.path])).toEqual([
      ['requirement.reason', '$.eligibility.requirements[0].reason'],
      ['requirement.added', '$.eligibility.requirements[1]'],
    ]);
    expect(policyDiff(one, without).map((c) => c.code)).toEqual(['eligibility.removed']);
  });
});
