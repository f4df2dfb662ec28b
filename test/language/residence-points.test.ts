/**
 * A residence-points scheme typed into the language (residence-points.json): three indicators
 * of Shanghai's 居住证积分 table (沪府发〔2017〕98号, 积分指标体系 as public summaries reproduce
 * it; not checked against the gazette): age (5 from 56 to 60, 2 more per year under 56, at most
 * 30), education (levels on the record), social insurance (3 per full year of contributions).
 * It needs points per quantity (`per`, with `below` and `step`) and levels on a check clause,
 * and no engine code of its own. Each case was worked out by hand from the text, in its comment,
 * before the engine ran it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, loadRuleset, sensitivity, type EntityRecord, type Result, type Ruleset, type SampleCase } from '../../engine/index.js';
import { readJson } from '../support/load.js';

const json = readJson('test/language/residence-points.json') as Ruleset;
const compiled = loadRuleset(json);

function scored(id: string, fields: Partial<Record<'age' | 'education' | 'socialInsuranceMonths', unknown>>): Result {
  return evaluate(compiled, { id, kind: 'applicant', ...fields } as EntityRecord, { asOf: '2024-06-30' });
}

const items = (result: Result): Record<string, number> => Object.fromEntries(result.indicators.flatMap((i) => i.items).map((t) => [t.id, t.score]));

const CASES = [
    // age 30: 5 + (56 − 30) × 2 = 57, at most 30; 本科+学士 90; 62 months: 5 full years × 3 = 15. 135 ≥ 120: 达标.
    ['R1', { age: 30, education: 'bachelorDegree', socialInsuranceMonths: 62 }, { A1: 30, E1: 90, S1: 15 }, 135, '达标'],
    // age 50: 5 + 6 × 2 = 17; 大专 50; 36 months: 3 × 3 = 9. 76.
    ['R2', { age: 50, education: 'college', socialInsuranceMonths: 36 }, { A1: 17, E1: 50, S1: 9 }, 76, '未达标'],
    // age 58: 5 (not under 56); 博士 110; 11 months: no full year, 0. 115: 5 short.
    ['R3', { age: 58, education: 'doctor', socialInsuranceMonths: 11 }, { A1: 5, E1: 110, S1: 0 }, 115, '未达标'],
    // age 44: 5 + 12 × 2 = 29; 硕士 100; 120 months: 10 × 3 = 30. 159.
    ['R4', { age: 44, education: 'master', socialInsuranceMonths: 120 }, { A1: 29, E1: 100, S1: 30 }, 159, '达标'],
    // age 61: over 60, 0; no education, 0; 600 months: 50 × 3 = 150, at most the provisional 120. 120: on the line.
    ['R5', { age: 61, socialInsuranceMonths: 600 }, { A1: 0, E1: 0, S1: 120 }, 120, '达标'],
    // age 43: 5 + 13 × 2 = 31, at most 30; 本科 (no degree) 60; no months: 0. 90.
    ['R6', { age: 43, education: 'bachelor', socialInsuranceMonths: 0 }, { A1: 30, E1: 60, S1: 0 }, 90, '未达标'],
    // age 56: 5 (56 is not under 56); 本科 60; 12 months: 1 × 3 = 3. 68.
    ['R7', { age: 56, education: 'bachelor', socialInsuranceMonths: 12 }, { A1: 5, E1: 60, S1: 3 }, 68, '未达标'],
] as const;

describe('residence points: hand-worked cases', () => {
  it.each(CASES)('%s', (id, fields, expectedItems, score, grade) => {
    const result = scored(id, fields);
    expect(items(result)).toEqual(expectedItems);
    expect(result.score).toBe(score);
    expect(result.grade).toBe(grade);
  });

  it('the trace says each quantity × points, and the maximum that cuts', () => {
    const r1 = scored('R1', { age: 30, education: 'bachelorDegree', socialInsuranceMonths: 62 });
    expect(r1.trace!.map((l) => l.message)).toEqual([
      'A1.1 56—60周岁:符合,得 5 分',
      'A1.2 每减少1岁:符合,得 52 分(年龄(周岁) 30,低于 56 的部分按每满 1 计:26 × 2 分)',
      'A1 年龄:累计 57 分,最高计 30 分,超出的 27 分不计',
      'E1.1 教育背景(大学本科学历和学士学位):符合,得 90 分',
      'S1.1 缴纳城镇职工社会保险费:符合,得 15 分(社会保险累计缴费月数 62,按每满 12 计:5 × 3 分)',
    ]);
    const r5 = scored('R5', { age: 61, socialInsuranceMonths: 600 });
    expect(r5.trace!.map((l) => l.message)).toEqual([
      'A1 年龄:不符合“56—60周岁”“每减少1岁”,得 0 分',
      'E1 教育背景:不符合“教育背景”,得 0 分',
      'S1.1 缴纳城镇职工社会保险费:符合,得 150 分(社会保险累计缴费月数 600,按每满 12 计:50 × 3 分)',
      'S1 社会保险:累计 150 分,最高计 120 分,超出的 30 分不计',
    ]);
  });
});

describe('residence points: which numbers the cases pin', () => {
  const asCase = ([id, fields, , score, grade]: (typeof CASES)[number]): SampleCase =>
    ({ name: id, asOf: '2024-06-30', record: { id, kind: 'applicant', ...fields }, expected: { score, grade } }) as unknown as SampleCase;

  it("moves a per's step and threshold a step each way: the seven cases notice every move", () => {
    const report = sensitivity(json, CASES.map(asCase));
    const per = (kind: string) => report.unpinned.concat(report.inert).filter((u) => u.kind === kind);
    expect(report.numbers).toBeGreaterThanOrEqual(2);
    expect(per('perStep')).toEqual([]);
    expect(per('perBelow')).toEqual([]);
  });

  it('with R1 alone, a social-insurance step of 11 months goes unnoticed, and the age threshold either way (its 57 points are cut to 30)', () => {
    const report = sensitivity(json, [asCase(CASES[0])]);
    const step = report.unpinned.find((u) => u.kind === 'perStep' && u.owner === 'S1.1');
    // 62 months by 11: 5 steps, 15 points as by 12; by 13: 4 steps, 12 points: noticed.
    expect(step).toMatchObject({ owner: 'S1.1', value: 12, unnoticed: [11], path: '$.indicators[2].items[0].clauses[0].per.step' });
    expect(report.unpinned.find((u) => u.kind === 'perBelow')).toMatchObject({ owner: 'A1.2', value: 56, unnoticed: [55, 57] });
  });
});

