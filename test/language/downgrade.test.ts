/** Downgrades (engine/downgrade.ts): after publication, one grade or to the lowest, repeats, the floor score, the months they hold; their lines, load-time checks, policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Downgrades, type EntityRecord, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, linesOf, scoredAt, type Ev } from './conduct.js';
import { problemsOf } from './subsidy.js';

/** The conduct table with its downgrades changed by `edit`. */
function withDowngrades(edit: (d: Downgrades) => void): Ruleset {
  const ruleset = conductRuleset();
  edit(ruleset.downgrades!);
  return ruleset;
}

/** A record whose grade A was published on 2024-01-01 (or `grade`, or none), with `events`. */
const published = (events: Ev[], grade: string | null = 'A'): EntityRecord => clean(events, grade ? { publishedRating: { grade, date: '2024-01-01' } } : {});
const penalty = (id: string, date: string) => ({ id, type: 'penalty', date });
const accident = (id: string, date: string, severity = 'general') => ({ id, type: 'accident', date, severity });
const suspension = (id: string, date: string) => ({ id, type: 'suspension', date });
const outcome = (ruleset: Ruleset, record: EntityRecord, asOf: string) => {
  const { score, grade, computedScore, computedGrade, downgraded } = scoredAt(ruleset, record, asOf);
  return { score, grade, computedScore, computedGrade, downgraded };
};

describe('a downgrade after publication', () => {
  it('one grade down (D2): the score is the grade line of B, 28, as B has no floor of its own', () => {
    const result = scoredAt(conductRuleset(), published([penalty('p1', '2024-03-01')]), '2024-06-30');
    expect(result).toMatchObject({ score: 28, grade: 'B', computedScore: 37, computedGrade: 'A', downgraded: true });
    expect(result.downgrade).toEqual({ from: 'A', to: 'B', since: '2024-03-01', until: '2025-03-01', steps: [{ clause: 'D2', event: 'p1', date: '2024-03-01', from: 'A', to: 'B' }] });
    const [step] = linesOf(result, 'downgrade.step');
    expect(step).toMatchObject({ kind: 'downgrade', clause: '第十一条第二项', rule: 'D2', points: 0, events: ['p1'], params: { from: 'A', to: 'B' } });
    expect(step!.message).toBe('第十一条第二项 受到行政处罚:p1(2024-03-01),信用等级 A → B');
    expect(step!.en).toBe('第十一条第二项 受到行政处罚: p1 (2024-03-01); credit grade A → B');
    const [floor] = linesOf(result, 'downgrade.floor');
    expect(floor).toMatchObject({ clause: '第十二条', params: { grade: 'B', floor: 28, computed: 37 } });
    expect(floor!.message).toBe('第十二条 降级后得分为 B 级最低分 28 分(计分表得分 37 分)');
    expect(floor!.en).toBe('第十二条 downgraded: the score is the lowest of B, 28 (table score 37)');
  });

  it('straight to the lowest (D1), at the lowest grade\'s own floor of 10', () => {
    // The major accident also vetoes Q: the table gives 20.
    expect(outcome(conductRuleset(), published([accident('a1', '2024-03-10', 'major')]), '2024-06-30')).toEqual({ score: 10, grade: 'C', computedScore: 20, computedGrade: 'C', downgraded: true });
  });

  it('step by step, from the latest; at the lowest, no lower', () => {
    const result = scoredAt(conductRuleset(), published([penalty('p1', '2024-03-01'), penalty('p2', '2024-05-01'), penalty('p3', '2024-06-01')]), '2024-06-30');
    expect(result).toMatchObject({ score: 10, grade: 'C', computedScore: 31 });
    expect(result.downgrade).toMatchObject({ from: 'A', to: 'C', since: '2024-05-01', until: '2025-05-01' });
    expect(linesOf(result, 'downgrade.step').map((l) => [l.events![0], l.params])).toEqual([
      ['p1', expect.objectContaining({ from: 'A', to: 'B' })],
      ['p2', expect.objectContaining({ from: 'B', to: 'C' })],
    ]);
    const [none] = linesOf(result, 'downgrade.noChange');
    expect(none!.message).toBe('第十一条第二项 受到行政处罚:p3(2024-06-01),等级已为 C,不再降低');
  });
});

describe('how long a downgrade holds (12 months after the latest)', () => {
  const record = published([penalty('p1', '2024-03-01')]);

  it('through the day before 12 months have passed; from that day the table decides again', () => {
    expect(outcome(conductRuleset(), record, '2025-02-28')).toMatchObject({ score: 28, grade: 'B', downgraded: true });
    const again = scoredAt(conductRuleset(), record, '2025-03-01');
    expect(again).toMatchObject({ score: 37, grade: 'A', downgraded: false });
    const [line] = linesOf(again, 'downgrade.expired');
    expect(line).toMatchObject({ clause: '第十三条', params: { months: 12, since: '2024-03-01', until: '2025-03-01' } });
    expect(line!.message).toBe('第十三条 自 2024-03-01 降级已满 12 个月(2025-03-01 起),按计分表重新计算得分和等级');
    expect(line!.en).toBe('第十三条 12 months have passed since the downgrade of 2024-03-01 (from 2025-03-01): score and grade from the table again');
  });

  it('counted from the latest downgrade', () => {
    const twice = published([penalty('p1', '2024-03-01'), penalty('p2', '2024-05-01')]);
    expect(outcome(conductRuleset(), twice, '2025-04-30')).toMatchObject({ score: 10, grade: 'C' });
    expect(outcome(conductRuleset(), twice, '2025-05-01')).toMatchObject({ score: 34, grade: 'B', downgraded: false });
  });
});

describe('a repeat (D4: a second general accident within 12 months, one grade)', () => {
  it('exactly 12 months after the first is within; a day later is not', () => {
    const within = scoredAt(conductRuleset(), published([accident('a1', '2024-02-01'), accident('a2', '2025-02-01')]), '2025-02-28');
    expect(within).toMatchObject({ score: 28, grade: 'B', computedScore: 30, downgraded: true });
    expect(linesOf(within, 'downgrade.step').map((l) => [l.clause, l.rule, l.events![0], l.message])).toEqual([
      ['第十一条第四项', 'D4', 'a2', '第十一条第四项 一年内两次一般质量事故:a2(2025-02-01),信用等级 A → B'],
    ]);
    expect(outcome(conductRuleset(), published([accident('a1', '2024-02-01'), accident('a2', '2025-02-02')]), '2025-02-28')).toMatchObject({ score: 30, grade: 'B', downgraded: false });
  });

  it('its count is data: three within 12 months', () => {
    const three = withDowngrades((d) => void (d.repeats[0]!.count = 3));
    expect(outcome(three, published([accident('a1', '2024-02-01'), accident('a2', '2024-03-01')]), '2024-06-30')).toMatchObject({ score: 30, downgraded: false });
    expect(outcome(three, published([accident('a1', '2024-02-01'), accident('a2', '2024-03-01'), accident('a3', '2024-04-01')]), '2024-06-30')).toMatchObject({ score: 28, grade: 'B', downgraded: true });
  });
});

describe('what is not downgraded, and why (an event only the downgrades concern: D3 suspension)', () => {
  const said = (record: EntityRecord, code: string, asOf = '2024-06-30') => {
    const result = scoredAt(conductRuleset(), record, asOf);
    return { downgraded: result.downgraded, lines: linesOf(result, code).map((l) => l.message) };
  };

  it('on the day of publication, not after it; the day after, one grade', () => {
    expect(said(published([suspension('s1', '2024-01-01')]), 'downgrade.beforePublication')).toEqual({
      downgraded: false,
      lines: ['第十一条第三项 许可证被暂扣:s1(2024-01-01) 不晚于信用等级公布日 2024-01-01,不降级'],
    });
    expect(outcome(conductRuleset(), published([suspension('s1', '2024-01-02')]), '2024-06-30')).toMatchObject({ score: 28, grade: 'B' });
  });

  it('after the evaluation date, from a grade downgrades do not apply to, with no published grade', () => {
    expect(said(published([suspension('s1', '2024-07-01')]), 'downgrade.afterAsOf').lines).toEqual(['第十一条第三项 许可证被暂扣:s1(2024-07-01) 晚于评价日期 2024-06-30,不降级']);
    expect(said(published([suspension('s1', '2024-03-01')], 'C'), 'downgrade.gradeNotConcerned').lines).toEqual(['第十一条第三项 许可证被暂扣:s1(2024-03-01) 已公布的信用等级 C 不在降级范围(A、B)内']);
    expect(said(published([suspension('s1', '2024-03-01')], null), 'downgrade.noPublished').lines).toEqual(['第十一条第三项 许可证被暂扣:s1(2024-03-01) 本记录没有已公布的信用等级,无级可降']);
  });
});

describe('floors', () => {
  it('a grade\'s own floor, else its grade line', () => {
    const record = published([accident('a1', '2024-03-10', 'major')]);
    expect(outcome(withDowngrades((d) => void (d.floors.C = 5)), record, '2024-06-30').score).toBe(5);
    expect(outcome(withDowngrades((d) => void delete d.floors.C), record, '2024-06-30').score).toBe(0);
  });
});

describe('downgrades are checked at load', () => {
  it('grades that do not exist, a floor outside its grade', () => {
    const wrong = withDowngrades((d) => {
      d.fromGrades = ['A', 'Z'];
      d.floors = { C: 30, B: 20 };
    });
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.downgrades.fromGrades[1]', 'grade.unknown', 'no grade "Z"'],
        ['$.downgrades.floors.C', 'downgrades.floorOutside', 'floor 30 is outside grade C'],
        ['$.downgrades.floors.B', 'downgrades.floorOutside', 'floor 20 is outside grade B'],
      ],
    });
  });

  it('two rules with one id', () => {
    const twice = withDowngrades((d) => void (d.rules[1]!.id = 'D1'));
    expect(problemsOf(twice)!.problems.map(([path, code]) => [path, code])).toEqual([['$.downgrades.rules[1].id', 'id.duplicate']]);
  });
});

describe('downgrades in a policy diff', () => {
  const older = conductRuleset();

  it('the grades they apply to, a floor, the months they hold, a rule\'s effect, a repeat\'s count and period', () => {
    const newer = withDowngrades((d) => {
      d.fromGrades = ['A'];
      d.floors.C = 12;
      d.recalcMonths = 24;
      d.rules[1]!.effect = 'lowest';
      d.repeats[0]!.count = 3;
      d.repeats[0]!.withinMonths = 24;
    });
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message])).toEqual([
      ['downgrades.fromGrades', '$.downgrades.fromGrades', '第十一条 降级: 适用降级的等级 A、B → A'],
      ['downgrades.floor', '$.downgrades.floors.C', '第十二条 降级后得分: 降为 C 级后得分 10 分 → 12 分'],
      ['downgrades.recalcMonths', '$.downgrades.recalcMonths', '第十三条 重新计算: 降级满 12 个月 → 满 24 个月后按计分表重新计算'],
      ['downgradeRule.effect', '$.downgrades.rules[1].effect', 'D2 受到行政处罚: 降一级 → 直接降为最低等级'],
      ['repeat.count', '$.downgrades.repeats[0].count', 'D4 一年内两次一般质量事故: 次数 2 起 → 3 起'],
      ['repeat.withinMonths', '$.downgrades.repeats[0].withinMonths', 'D4 一年内两次一般质量事故: 期间 12 个月 → 24 个月'],
    ]);
    expect(policyDiff(older, newer).map((c) => c.en)).toEqual([
      '第十一条 downgrades: downgrades apply to A, B → A',
      '第十二条 score after a downgrade: score after a downgrade to C: 10 points → 12 points',
      '第十三条 recalculation: the table decides again 12 months after a downgrade → 24 months',
      'D2 受到行政处罚: one grade down → straight to the lowest grade',
      'D4 一年内两次一般质量事故: events: 2 → 3',
      'D4 一年内两次一般质量事故: within: 12 months → 24 months',
    ]);
  });

  it('a rule added and one removed', () => {
    const newer = withDowngrades((d) => void (d.rules = [d.rules[0]!, d.rules[1]!, { ...d.rules[2]!, id: 'D5', label: '许可证被吊销', effect: 'lowest' }]));
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message])).toEqual([
      ['downgradeRule.added', '$.downgrades.rules[2]', '新增 D5 许可证被吊销: 直接降为最低等级'],
      ['downgradeRule.removed', '$.downgrades.rules[2]', '删除 D3 许可证被暂扣'],
    ]);
  });
});
