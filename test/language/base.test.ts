/** The base score (engine/mechanisms/base.ts): where the lookback starts and a project ends, month-end, the start line, load-time checks, policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Ruleset } from '../../engine/index.js';
import { conductRuleset, itemScores, linesOf, scoredAt } from './conduct.js';
import { applicant, problemsOf } from './subsidy.js';

// Lookback 24 months; a project without a completion date runs 12 months from its permit.
// Only Q1 has a base (10 of 20): with the base the table scores 30, without it 40.
type ProjectData = { permitDate: string; completionDate?: string; landscaping?: boolean };
const withProject = (project: ProjectData) => applicant([], { projects: [{ id: 'P1', ...project }] });
const scoreAt = (project: ProjectData | undefined, asOf: string, ruleset: Ruleset = conductRuleset()) =>
  scoredAt(ruleset, project ? withProject(project) : applicant([]), asOf);

describe('whether the base applies (asOf 2024-06-30: the lookback starts 2022-06-30)', () => {
  it('no project: each item with a base starts from it, and the start line says why', () => {
    const result = scoreAt(undefined, '2024-06-30');
    expect(result).toMatchObject({ score: 30, baseApplied: true });
    expect(itemScores(result)).toEqual({ Q1: 10, C1: 10, C2: 10, H1: 0 });
    const [line] = linesOf(result, 'item.startBase');
    expect(line).toMatchObject({ kind: 'start', clause: 'Q1', rule: '第四条', item: 'Q1', points: 10, params: { item: 'Q1', label: '质量事故', points: 10, unit: '分', clause: '第四条', months: 24 } });
    // The rule names no project of its own: the engine's plain word, not one regulation's.
    expect(line!.message).toBe('Q1 质量事故:近 24 个月无项目(第四条),按基本分 10 分起算');
    expect(line!.en).toBe('Q1 质量事故: no project in the last 24 months (第四条): starts from the base score, 10');
    // The items without a base start from their full score.
    expect(linesOf(result, 'item.start').map((l) => [l.item, l.points])).toEqual([['C1', 10], ['C2', 10]]);
  });

  it('a project completed on the first day of the lookback counts; one completed the day before does not', () => {
    expect(scoreAt({ permitDate: '2021-01-01', completionDate: '2022-06-30' }, '2024-06-30')).toMatchObject({ score: 40, baseApplied: false });
    expect(scoreAt({ permitDate: '2021-01-01', completionDate: '2022-06-29' }, '2024-06-30')).toMatchObject({ score: 30, baseApplied: true });
  });

  it('a project without completion ends 12 months after its permit', () => {
    expect(scoreAt({ permitDate: '2021-06-30' }, '2024-06-30').baseApplied).toBe(false);
    expect(scoreAt({ permitDate: '2021-06-29' }, '2024-06-30').baseApplied).toBe(true);
  });

  it('a project permitted after the evaluation date does not count yet; one permitted on it does', () => {
    expect(scoreAt({ permitDate: '2024-07-01' }, '2024-06-30').baseApplied).toBe(true);
    expect(scoreAt({ permitDate: '2024-06-30' }, '2024-06-30').baseApplied).toBe(false);
  });

  it('month-end: 2024-02-29 looks back to 2022-02-28', () => {
    expect(scoreAt({ permitDate: '2021-01-01', completionDate: '2022-02-28' }, '2024-02-29').baseApplied).toBe(false);
    expect(scoreAt({ permitDate: '2021-01-01', completionDate: '2022-02-27' }, '2024-02-29').baseApplied).toBe(true);
  });

  it('only projects its condition takes, named as the rule names them', () => {
    const landscaping = conductRuleset();
    landscaping.baseRule = { ...landscaping.baseRule!, label: '园林绿化工程项目', labelEn: 'landscaping project', projectCondition: { fact: 'project', path: 'landscaping', operator: 'equal', value: true } };
    const other = scoreAt({ permitDate: '2024-01-01', landscaping: false }, '2024-06-30', landscaping);
    expect(other.baseApplied).toBe(true);
    const [line] = linesOf(other, 'item.startBase');
    expect(line!.message).toBe('Q1 质量事故:近 24 个月无园林绿化工程项目(第四条),按基本分 10 分起算');
    expect(line!.en).toBe('Q1 质量事故: no landscaping project in the last 24 months (第四条): starts from the base score, 10');
    expect(scoreAt({ permitDate: '2024-01-01', landscaping: true }, '2024-06-30', landscaping).baseApplied).toBe(false);
  });
});

describe('the base is checked at load', () => {
  it('on an item that is not a deduction, or above the full score', () => {
    const wrong = conductRuleset();
    const [q1, , , h1] = wrong.indicators.flatMap((i) => i.items);
    q1!.base = 25;
    h1!.base = 1;
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.indicators[0].items[0].base', 'base.aboveFull', 'base score 25 is above the full score 20'],
        ['$.indicators[2].items[0].base', 'base.notDeduction', 'bonus item H1 has a base score, which only a deduction item starts from'],
      ],
    });
  });
});

describe('the base in a policy diff', () => {
  const older = conductRuleset();

  it('an item\'s base, the lookback and a project\'s default length', () => {
    const newer = conductRuleset();
    newer.indicators[0]!.items[0]!.base = 12;
    newer.baseRule = { ...newer.baseRule!, lookbackMonths: 36, projectDefaultMonths: 6 };
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message])).toEqual([
      ['item.base', '$.indicators[0].items[0].base', 'Q1 质量事故: 基本分 10 分 → 12 分'],
      ['baseRule.lookbackMonths', '$.baseRule.lookbackMonths', '第四条 近期无项目的基本分: 回溯期限 24 个月 → 36 个月'],
      ['baseRule.projectDefaultMonths', '$.baseRule.projectDefaultMonths', '第四条 近期无项目的基本分: 无竣工日期的项目期限 12 个月 → 6 个月'],
    ]);
    expect(policyDiff(older, newer).map((c) => c.en)).toEqual([
      'Q1 质量事故: base score: 10 points → 12 points',
      '第四条 base score without a recent project: looks back: 24 months → 36 months',
      '第四条 base score without a recent project: a project without completion runs: 12 months → 6 months',
    ]);
  });

  it('names the rule by its own words for a project, when it has them and follows no reading', () => {
    const named = (r: Ruleset): Ruleset => ({ ...r, baseRule: { ...r.baseRule!, label: '建设工程项目', labelEn: 'building project' } });
    const newer = named(conductRuleset());
    newer.baseRule!.lookbackMonths = 36;
    const [change] = policyDiff(named(older), newer);
    expect([change!.label, change!.engineLabel, change!.message, change!.en]).toEqual([
      '近期无建设工程项目的基本分',
      { code: 'baseRule', params: { project: '建设工程项目', projectEn: 'building project' } },
      '第四条 近期无建设工程项目的基本分: 回溯期限 24 个月 → 36 个月',
      '第四条 base score without a recent building project: looks back: 24 months → 36 months',
    ]);
  });

  it('the rule removed, and added back', () => {
    const without = conductRuleset();
    delete without.baseRule;
    expect(policyDiff(older, without).map((c) => [c.code, c.path, c.message])).toEqual([['baseRule.removed', '$.baseRule', '删除基本分规定(第四条)']]);
    expect(policyDiff(without, older).map((c) => [c.code, c.message])).toEqual([['baseRule.added', '新增基本分规定(第四条): 回溯 24 个月']]);
  });
});
