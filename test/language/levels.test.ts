/** Levels (engine/mechanisms/levels.ts): the first level whose condition holds, its trace line, its load-time checks, its policy changes. */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type Clause, type EntityRecord, type Ruleset } from '../../engine/index.js';
import { applicant, compile, problemsOf, subsidyRuleset } from './subsidy.js';
import { clean, conductRuleset, scoredAt, withCheckItem } from './conduct.js';

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
});

/**
 * The conduct table with a check item A1 "年龄" read from the record's `age`: 35 or under 50,
 * 36 to 45 40, over 45 nothing ("35周岁以下50分, 36至45周岁40分").
 */
function withAgeBands(): Ruleset {
  const ruleset = withCheckItem(conductRuleset());
  ruleset.recordFields = { ...ruleset.recordFields, age: { label: '年龄', type: 'number' } };
  const age = (operator: string, value: number) => ({ fact: 'record', path: 'age', operator, value });
  ruleset.indicators.push({
    id: 'A',
    label: '年龄',
    items: [{
      id: 'A1', label: '年龄', kind: 'check', full: 50, citation: { clause: '第二条', text: '35周岁以下50分, 36至45周岁40分' },
      clauses: [{
        id: 'A1.1', label: '年龄', citation: { clause: '第二条', text: '35周岁以下50分, 36至45周岁40分' },
        when: age('greaterThanInclusive', 18),
        levels: [
          { id: 'A1.1-35', label: '35周岁以下', when: age('lessThanInclusive', 35), points: 50 },
          { id: 'A1.1-45', label: '36至45周岁', when: age('lessThanInclusive', 45), points: 40 },
        ],
      }],
    }],
  });
  return ruleset;
}

describe('levels on a check clause: the first whose record condition holds', () => {
  const ageScore = (age: number) => {
    const result = scoredAt(withAgeBands(), clean([], { age } as Partial<EntityRecord>), '2024-06-30');
    const item = result.indicators.find((i) => i.id === 'A')!.items[0]!;
    return { score: item.score, lines: result.trace!.filter((l) => l.item === 'A1') };
  };

  it('a 40-year-old gets 40, a 35-year-old 50, a 46-year-old nothing', () => {
    // Once refused at load (it scored the first level whatever its condition: 50 for everyone).
    expect(ageScore(40).score).toBe(40);
    expect(ageScore(35).score).toBe(50);
    expect(ageScore(36).score).toBe(40);
    expect(ageScore(45).score).toBe(40);
    expect(ageScore(46).score).toBe(0);
  });

  it('the trace names the level as for an event: its id the rule, its label after the clause\'s', () => {
    const [line] = ageScore(40).lines;
    expect(line).toMatchObject({ code: 'check.met', clause: 'A1.1', rule: 'A1.1-45', points: 40, params: { level: '36至45周岁' } });
    expect(line!.message).toBe('A1.1 年龄(36至45周岁):符合,得 40 分');
    expect(line!.en).toBe('A1.1 年龄(36至45周岁): met, 40 points');
  });

  it('the clause holding with no level holding is not met: the item says none is', () => {
    expect(ageScore(46).lines.map((l) => [l.code, l.message])).toEqual([['check.unmet', 'A1 年龄:不符合“年龄”,得 0 分']]);
  });

  it('a level\'s condition on an event is refused on a check clause, as the clause\'s own is', () => {
    const ruleset = withAgeBands();
    ruleset.indicators.at(-1)!.items[0]!.clauses[0]!.levels![0]!.when = { fact: 'event', path: 'type', operator: 'equal', value: 'penalty' };
    const problems = problemsOf(ruleset);
    expect(problems?.problems.map((p) => [p[0], p[1]])).toEqual([[`$.indicators[${ruleset.indicators.length - 1}].items[0].clauses[0].levels[0].when.fact`, 'fact.unavailable']]);
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
