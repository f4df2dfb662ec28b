/** Levels (engine/mechanisms/levels.ts): the first level whose condition holds, its trace line, its load-time checks, its policy changes. */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type Clause, type Ruleset } from '../../engine/index.js';
import { applicant, compile, problemsOf, subsidyRuleset } from './subsidy.js';
import { conductRuleset, withCheckItem } from './conduct.js';

/** The award clause S1.1.1 of a fresh copy of the subsidy ruleset, changed by `edit`. */
function withAwardClause(edit: (clause: Clause) => void): Ruleset {
  const ruleset = subsidyRuleset();
  edit(ruleset.indicators[0]!.items[0]!.clauses[0]!);
  return ruleset;
}

const award = (id: string, level: string, date = '2025-03-01') => ({ id, type: 'award', date, level, subject: id });
const scored = (ruleset: Ruleset, events: ReturnType<typeof award>[]) => evaluate(compile(ruleset), applicant(events), { asOf: '2025-06-30' });

// A second level that also holds for a national award: "provincial or above".
const overlapping = (clause: Clause): void => {
  clause.levels = [
    { id: 'L-national', label: '国家级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'national' }, points: 100 },
    { id: 'L-province-up', label: '省级及以上', when: { fact: 'event', path: 'level', operator: 'in', value: ['national', 'province'] }, points: 50 },
  ];
};

describe('levels: the first that holds', () => {
  it('scores an event once, by the first level in the order written whose condition holds', () => {
    const result = scored(withAwardClause(overlapping), [award('n1', 'national'), award('p1', 'province'), award('c1', 'city')]);
    // n1 holds for both levels: 100, not 150; p1 only the second: 50; c1 none: nothing.
    expect(result.score).toBe(150);
    const lines = result.trace!.filter((line) => line.code === 'clause.points');
    expect(lines.map((line) => [line.events, line.rule, line.points])).toEqual([[['n1'], 'L-national', 100], [['p1'], 'L-province-up', 50]]);
  });

  it('written the other way round, the broader level comes first and takes the national award', () => {
    const reversed = withAwardClause((clause) => {
      overlapping(clause);
      clause.levels!.reverse();
    });
    expect(scored(reversed, [award('n1', 'national')]).score).toBe(50);
  });

  it('the trace names the level: its id as the rule, its label after the clause', () => {
    const [line] = scored(subsidyRuleset(), [award('p1', 'province')]).trace!.filter((l) => l.code === 'clause.points');
    expect(line).toMatchObject({ clause: 'S1.1.1', rule: 'S1.1.1-province', points: 50, params: { clause: 'S1.1.1', label: '获奖', level: '省级', points: 50, unit: '万元' } });
    expect(line!.message).toBe('S1.1.1 获奖(省级):p1(2025-03-01) 加 50 万元');
  });

  it('a clause with points is a single level: no rule, no level label', () => {
    const result = evaluate(compile(subsidyRuleset()), applicant([{ id: 'f1', type: 'platform', date: '2025-02-01', subject: 'X' }]), { asOf: '2025-06-30' });
    const [line] = result.trace!.filter((l) => l.code === 'clause.points');
    expect(line).toMatchObject({ clause: 'S2.1.1', rule: undefined, points: 30, params: { level: undefined } });
  });
});

describe('levels are checked at load', () => {
  const at = '$.indicators[0].items[0].clauses[0]';

  it('refuses points and levels together, and a clause with neither', () => {
    expect(problemsOf(withAwardClause((c) => void (c.points = 10)))).toEqual({ code: 'RULESET_REFERENCE', problems: [[`${at}.points`, 'clause.pointsAndLevels', 'clause S1.1.1 has both "points" and "levels"']] });
    expect(problemsOf(withAwardClause((c) => void delete c.levels))).toEqual({ code: 'RULESET_REFERENCE', problems: [[at, 'clause.noPoints', 'clause S1.1.1 has no points']] });
  });

  it('refuses a level after one without a condition, which no event would reach', () => {
    const open = withAwardClause((c) => void delete c.levels![1]!.when);
    expect(problemsOf(open)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [[`${at}.levels[2]`, 'level.unreachable', 'level S1.1.1-city is never reached: level S1.1.1-province before it has no condition, so every event stops there']],
    });
    // Last, a level without a condition is the clause's "otherwise": accepted.
    expect(problemsOf(withAwardClause((c) => void delete c.levels![2]!.when))).toBeUndefined();
  });

  it('refuses levels on a clause of a check item, which has no event to give a level: it scored the first level whatever its condition', () => {
    // An age band as levels on a record check ("35 or under 50, 36 to 45 40") gave a 40-year-old 50.
    const ruleset = withCheckItem(conductRuleset());
    const clause = ruleset.indicators.at(-1)!.items[0]!.clauses[0]!;
    delete clause.points;
    clause.levels = [
      { id: 'K1.1-a', label: '一档', when: { fact: 'record', path: 'staffed', operator: 'equal', value: true }, points: 3 },
      { id: 'K1.1-b', label: '二档', points: 1 },
    ];
    const at = `$.indicators[${ruleset.indicators.length - 1}].items[0].clauses[0].levels`;
    expect(problemsOf(ruleset)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [[at, 'level.onCheck', 'clause K1.1 of a check item has "levels": a check clause scores its "points" when its condition holds, and levels are for events']],
    });
  });
});

describe('levels in a policy diff', () => {
  const older = subsidyRuleset();

  it('a level\'s points, a level added and one removed', () => {
    const newer = withAwardClause((c) => {
      c.levels![1]!.points = 60;
      c.levels!.splice(2, 1, { id: 'S1.1.1-county', label: '县级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'city' }, points: 5 });
    });
    const changes = policyDiff(older, newer).map((c) => [c.code, c.path, c.message]);
    expect(changes).toEqual([
      ['points', '$.indicators[0].items[0].clauses[0].levels[1].points', 'S1.1.1-province 获奖 · 省级: 每次加 50 万元 → 60 万元'],
      ['level.added', '$.indicators[0].items[0].clauses[0].levels[2]', '新增 S1.1.1-county 获奖 · 县级: 每次加 5 万元'],
      ['level.removed', '$.indicators[0].items[0].clauses[0].levels[2]', '删除 S1.1.1-city 获奖 · 市级'],
    ]);
  });

  it('levels that became points each time', () => {
    const newer = withAwardClause((c) => {
      delete c.levels;
      c.points = 20;
    });
    const [change] = policyDiff(older, newer);
    expect(change).toMatchObject({ code: 'clause.scoring', field: 'points', path: '$.indicators[0].items[0].clauses[0].levels', new: 20 });
    expect(change!.en).toContain('20');
  });
});
