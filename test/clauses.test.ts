/**
 * Every clause of the enterprise table, one occurrence at a time: its points, and its window
 * on both sides of the edge (the last day that counts is the end of the month in which it
 * lapses, N6; the next day it no longer counts). The numbers here are the regulation's,
 * written out by hand, not read from the ruleset: a wrong point, window or month-end rule
 * in the data or the engine fails a row.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, loadRuleset } from '../engine/index.js';
import type { EntityEvent, EntityRecord } from '../engine/index.js';
import { shippedCases, shippedRuleset } from './support/load.js';

const { compiled } = shippedRuleset('enterprise');

/** A clean enterprise with a recent landscaping project: 8 + 20 + 20 + 0 + 8 + 12 + 12 = 80. */
function record(events: EntityEvent[]): EntityRecord {
  return {
    id: 'T',
    kind: 'enterprise',
    licence: { landscapingScope: true },
    projects: [{ id: 'P1', permitDate: '2018-06-01', completionDate: '2025-12-31', contractAmount: 2_000_000 }],
    events,
  };
}
const clean = { E1: 8, E2: 20, E3: 20, E4: 0, E5: 8, E6: 12, E7: 12 } as const;
type IndicatorId = keyof typeof clean;

const DATE = '2019-01-15';
// The last day an event of 2019-01-15 counts, by its validity.
const LAST = { 3: '2019-04-30', 6: '2019-07-31', 12: '2020-01-31', 24: '2021-01-31', 36: '2022-01-31', 60: '2024-01-31', until: '2020-03-31' } as const;
const NEXT = { 3: '2019-05-01', 6: '2019-08-01', 12: '2020-02-01', 24: '2021-02-01', 36: '2022-02-01', 60: '2024-02-01', until: '2020-04-01' } as const;

type Row = [clause: string, event: Omit<EntityEvent, 'date'>, indicator: IndicatorId, scoreWhenCounted: number, validity: keyof typeof LAST];

const rows: Row[] = [
  ['E2.1.1', { type: 'qualityComplaint' }, 'E2', 19, 60],
  ['E2.1.2', { type: 'qualityCriticism' }, 'E2', 18.5, 3],
  ['E2.1.2', { type: 'qualityCriticism', announceMonths: 6 }, 'E2', 18.5, 6],
  ['E2.1.3', { type: 'qualityAccident', severity: 'general' }, 'E2', 16, 60],
  ['E2.1.4', { type: 'qualityAccident', severity: 'larger' }, 'E2', 12, 60],
  ['E2.1.5', { type: 'qualityAccident', severity: 'major' }, 'E2', 0, 60],
  ['E2.1.5', { type: 'qualityAccident', severity: 'especiallyMajor' }, 'E2', 0, 60],
  ['E2.2.1', { type: 'qualityAward', award: 'county' }, 'E2', 20.5, 24],
  ['E2.2.2', { type: 'qualityAward', award: 'city' }, 'E2', 21, 24],
  ['E2.2.3', { type: 'qualityAward', award: 'provinceGold' }, 'E2', 23, 36],
  ['E2.2.3', { type: 'qualityAward', award: 'provinceSilver' }, 'E2', 22, 36],
  ['E2.2.3', { type: 'qualityAward', award: 'provinceBronze' }, 'E2', 21, 36],
  ['E2.2.3', { type: 'qualityAward', award: 'provinceQuality' }, 'E2', 24, 36],
  ['E2.2.4', { type: 'qualityAward', award: 'ministry' }, 'E2', 26, 60],
  ['E2.2.4', { type: 'qualityAward', award: 'luban' }, 'E2', 26, 60],
  ['E3.1.1', { type: 'safetyCriticism' }, 'E3', 18.5, 3],
  ['E3.1.2', { type: 'safetyAccident', severity: 'general' }, 'E3', 16, 60],
  ['E3.1.3', { type: 'safetyAccident', severity: 'larger' }, 'E3', 12, 60],
  ['E3.1.4', { type: 'safetyAccident', severity: 'major' }, 'E3', 0, 60],
  ['E3.2.1', { type: 'safetyAward', level: 'county' }, 'E3', 20.5, 24],
  ['E3.2.2', { type: 'safetyAward', level: 'city' }, 'E3', 21, 24],
  ['E3.2.3', { type: 'safetyAward', level: 'province' }, 'E3', 22, 36],
  ['E3.2.4', { type: 'safetyAward', level: 'ministry' }, 'E3', 23, 60],
  ['E4.1', { type: 'honour', honour: 'cityBackbone' }, 'E4', 1, 24],
  ['E4.1', { type: 'honour', honour: 'cityGoingOut' }, 'E4', 1, 24],
  ['E4.1', { type: 'honour', honour: 'cityTopTen' }, 'E4', 1, 24],
  ['E4.1', { type: 'honour', honour: 'provinceContractAA' }, 'E4', 1, 24],
  ['E4.2', { type: 'honour', honour: 'provinceManagementAward' }, 'E4', 2, 36],
  ['E4.2', { type: 'honour', honour: 'provinceContractAAA' }, 'E4', 2, 36],
  ['E5.1', { type: 'contractCriticism' }, 'E5', 7.5, 12],
  ['E5.2', { type: 'contractEvaluation', stage: 'inProgress', rating: 'fairlyGood' }, 'E5', 7.7, 24],
  ['E5.2', { type: 'contractEvaluation', stage: 'inProgress', rating: 'average' }, 'E5', 7.4, 24],
  ['E5.2', { type: 'contractEvaluation', stage: 'inProgress', rating: 'poor' }, 'E5', 7, 24],
  ['E5.3', { type: 'contractEvaluation', stage: 'completion', rating: 'fairlyGood' }, 'E5', 7.7, 24],
  ['E5.3', { type: 'contractEvaluation', stage: 'completion', rating: 'average' }, 'E5', 7.4, 24],
  ['E5.3', { type: 'contractEvaluation', stage: 'completion', rating: 'poor' }, 'E5', 7, 24],
  ['E5.4', { type: 'contractEvaluationMissing', project: 'P1' }, 'E5', 6.5, 24],
  ['E6.1.1', { type: 'wageViolation' }, 'E6', 9, 24],
  ['E6.1.2', { type: 'wagePetition' }, 'E6', 8, 24],
  ['E6.1.3', { type: 'wageMassIncident' }, 'E6', 0, 24],
  ['E6.2', { type: 'reliefCommendation', by: 'countyConstruction' }, 'E6', 13, 24],
  ['E6.2', { type: 'reliefCommendation', by: 'county' }, 'E6', 14, 24],
  ['E6.2', { type: 'reliefCommendation', by: 'city' }, 'E6', 15, 24],
  ['E6.2', { type: 'reliefCommendation', by: 'province' }, 'E6', 16, 24],
  ['E7.1', { type: 'listing', authority: 'ministry', list: 'badRecord', until: '2020-03-10' }, 'E7', 7, 'until'],
  ['E7.1', { type: 'listing', authority: 'ministry', list: 'blacklist', until: '2020-03-10' }, 'E7', 7, 'until'],
  ['E7.2', { type: 'listing', authority: 'province', list: 'badRecord', until: '2020-03-10' }, 'E7', 9, 'until'],
  ['E7.2', { type: 'listing', authority: 'province', list: 'blacklist', until: '2020-03-10' }, 'E7', 9, 'until'],
  ['E7.2', { type: 'listing', authority: 'city', list: 'blacklist', until: '2020-03-10' }, 'E7', 9, 'until'],
  ['E7.3', { type: 'listing', authority: 'city', list: 'badRecord', until: '2020-03-10' }, 'E7', 10, 'until'],
  ['E7.3', { type: 'listing', authority: 'county', list: 'blacklist', until: '2020-03-10' }, 'E7', 10, 'until'],
  ['E7.4', { type: 'listing', authority: 'county', list: 'badRecord', until: '2020-03-10' }, 'E7', 11, 'until'],
  ['E7.5', { type: 'employeeListing', person: 'p', authority: 'ministry', until: '2020-03-10' }, 'E7', 10.5, 'until'],
  ['E7.5', { type: 'employeeListing', person: 'p', authority: 'province', until: '2020-03-10' }, 'E7', 11, 'until'],
  ['E7.5', { type: 'employeeListing', person: 'p', authority: 'city', until: '2020-03-10' }, 'E7', 11.5, 'until'],
  ['E7.6', { type: 'employeeCriticism', person: 'p', authority: 'ministry' }, 'E7', 11, 3],
  ['E7.6', { type: 'employeeCriticism', person: 'p', authority: 'province' }, 'E7', 11.2, 3],
  ['E7.6', { type: 'employeeCriticism', person: 'p', authority: 'city' }, 'E7', 11.5, 3],
  ['E7.7', { type: 'listing', authority: 'ministry', list: 'badRecord', until: '2020-03-10', concealed: true }, 'E7', 2, 'until'],
  ['E7.7', { type: 'employeeCriticism', person: 'p', authority: 'province', concealed: true }, 'E7', 10.4, 3],
];

function indicators(events: EntityEvent[], asOf: string): Record<string, number> {
  const result = evaluate(compiled, record(events), { asOf });
  return Object.fromEntries(result.indicators.map((i) => [i.id, i.score]));
}

describe('each clause: points, and the window on both sides of its month-end edge', () => {
  it.each(rows)('%s %o → %s %d', (clause, attributes, indicator, counted, validity) => {
    const event = { id: 'ev1', date: DATE, ...attributes } as EntityEvent;
    expect(indicators([event], LAST[validity])).toEqual({ ...clean, [indicator]: counted });
    expect(indicators([event], NEXT[validity])).toEqual(clean);
    expect(indicators([event], '2019-01-14')).toEqual(clean); // not yet: dated after the evaluation
  });

  it('names the clause in the trace of every scored row', () => {
    for (const [clause, attributes, , , validity] of rows) {
      const result = evaluate(compiled, record([{ id: 'ev1', date: DATE, ...attributes } as EntityEvent]), { asOf: LAST[validity] });
      expect(result.trace!.some((t) => t.clause === clause && t.events?.includes('ev1'))).toBe(true);
    }
  });
});

describe('the trace says why a matched event does not count', () => {
  const skipped = (events: EntityEvent[], asOf: string) => evaluate(compiled, record(events), { asOf }).trace!.filter((t) => t.kind === 'lapsed' && t.events?.includes('ev1'));

  it.each(rows)('%s %o: after its window, and before its date', (clause, attributes, indicator, _counted, validity) => {
    const event = { id: 'ev1', date: DATE, ...attributes } as EntityEvent;
    const lapsed = skipped([event], NEXT[validity]);
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({ indicator, points: 0 });
    expect(lapsed[0]!.message).toContain(`ev1(${DATE}) 不计:有效期已过(计至 ${LAST[validity]})`);
    // E7.7 doubles another clause's points; the clause that lapsed is that one.
    if (clause !== 'E7.7') expect(lapsed[0]!.clause).toBe(clause);
    expect(skipped([event], '2019-01-14').map((t) => t.message)).toEqual([expect.stringContaining('不计:晚于评价日期 2019-01-14')]);
    expect(skipped([event], LAST[validity])).toEqual([]);
  });
});

describe('the trace of what belongs to no indicator', () => {
  it('names the unmet condition of a check item', () => {
    const expired = { ...record([]), licence: { landscapingScope: true, validUntil: '2019-12-31' } };
    const entry = evaluate(compiled, expired, { asOf: '2020-01-01' }).trace!.find((t) => t.clause === 'E1')!;
    expect(entry).toMatchObject({ kind: 'start', points: 0, indicator: 'E1' });
    expect(entry.message).toBe('E1 营业执照:不符合“经营范围包含园林绿化工程施工且在有效期内”,得 0 分');
  });

  it('scores a downgrade at the lowest score of the new grade: its grade line, which moves with it, and 40 for B (D3)', () => {
    const { json } = shippedRuleset('enterprise');
    const published = { ...record([{ id: 'ev1', type: 'administrativePenalty', date: '2021-01-15' } as EntityEvent]), publishedRating: { grade: 'AAA', date: '2020-12-01' } };
    const scored = (lines: Record<string, number>, record: EntityRecord = published) => {
      const ruleset = loadRuleset({ ...json, grades: json.grades.map((g) => ({ ...g, min: lines[g.grade] ?? g.min })) });
      const result = evaluate(ruleset, record, { asOf: '2021-03-01' });
      return [result.grade, result.score, result.trace!.find((t) => t.clause === 'D3')!.message];
    };
    expect(scored({})).toEqual(['AA+', 85, 'D3 降级后得分为 AA+ 级最低分 85 分(计分表得分 80 分)']);
    expect(scored({ 'AA+': 84 })).toEqual(['AA+', 84, 'D3 降级后得分为 AA+ 级最低分 84 分(计分表得分 80 分)']);
    expect(scored({ 'AA+': 86.5 })).toEqual(['AA+', 86.5, 'D3 降级后得分为 AA+ 级最低分 86.5 分(计分表得分 80 分)']);
    const bribery = { ...published, events: [{ id: 'ev1', type: 'bribery', date: '2021-01-15' } as EntityEvent] };
    expect(scored({}, bribery).slice(0, 2)).toEqual(['B', 40]);
  });

  it('files downgrades under no indicator or item', () => {
    const published = { ...record([{ id: 'ev1', type: 'qualityAccident', severity: 'general', date: '2020-03-01' } as EntityEvent]), publishedRating: { grade: 'AA', date: '2020-01-01' } };
    const result = evaluate(compiled, published, { asOf: '2020-04-01' });
    const downgrades = result.trace!.filter((t) => t.kind === 'downgrade');
    expect(downgrades.map((t) => t.clause)).toEqual(expect.arrayContaining(['D1']));
    for (const t of downgrades) expect([t.indicator, t.item]).toEqual([undefined, undefined]);
  });
});

describe('the trace says why an event no clause counted scores nothing', () => {
  const unmatched = (record: EntityRecord) => evaluate(compiled, record, { asOf: '2021-06-30' }).trace!.filter((t) => t.kind === 'unmatched');
  const accident = { id: 'ev1', type: 'qualityAccident', severity: 'general', date: '2021-01-10' } as EntityEvent;

  it('an event from a region that is neither Taizhou nor on the mutual-recognition list (INT-12)', () => {
    const lines = unmatched(record([{ ...accident, region: '台州市' }]));
    expect(lines.map((t) => [t.indicator, t.points, t.events, t.message])).toEqual([
      [undefined, 0, ['ev1'], 'ev1(2021-01-10) 不计:不符合“台州的事件,或互认互查地区名单中地区的事件(INT-12)”'],
    ]);
    expect(evaluate(compiled, record([{ ...accident, region: '台州市' }]), { asOf: '2021-06-30' }).score).toBe(80);
  });

  it("an event of a project that is not landscaping, under the indicator whose condition it fails (N1)", () => {
    const withPark = { ...record([{ ...accident, project: 'P2' }]), projects: [...record([]).projects!, { id: 'P2', permitDate: '2020-01-01', landscaping: false }] };
    expect(unmatched(withPark).map((t) => [t.indicator, t.message])).toEqual([['E2', 'ev1(2021-01-10) 不计:不符合“园林绿化工程项目的事件(备注1)”']]);
  });

  it('nothing for an event a clause counted, or one it counted but whose window is over', () => {
    expect(unmatched(record([accident]))).toEqual([]);
    expect(unmatched(record([{ ...accident, date: '2015-01-10' }]))).toEqual([]);
  });
});

describe('the trace names what decides, in the words of the table', () => {
  const trace = (r: EntityRecord) => evaluate(compiled, r, { asOf: '2021-06-30' }).trace!;

  it('the base score: the lookback in months, and the reading it follows (INT-2)', () => {
    const noProject = { ...record([]), projects: [] };
    expect(trace(noProject).find((t) => t.clause === 'E2.1')!.message).toBe('E2.1 工程质量:近 24 个月无园林绿化工程项目(INT-2),按基本分 18 分起算');
  });

  it('"highest only": the event that does not count is named, not "this item"', () => {
    const relief = (id: string, by: string): EntityEvent => ({ id, type: 'reliefCommendation', by, relief: 'R1', date: '2021-02-01' }) as EntityEvent;
    const skipped = trace(record([relief('r1', 'county'), relief('r2', 'province')])).filter((t) => t.kind === 'skipped');
    expect(skipped.map((t) => t.message)).toEqual(['E6.2 同一次抢险救灾只计最高级别:r1(2021-02-01) 不计:同一抢险救灾活动“R1”只计最高的 r2(4 分),r1 的 2 分不计']);
  });

  it('reads top to bottom in the order of the table: a veto with its indicator, an item\'s start before what it leaves out', () => {
    const events = [
      { id: 'q1', type: 'qualityAccident', severity: 'major', date: '2021-02-01', behaviour: 'B1' },
      { id: 'e1', type: 'employeeCriticism', person: 'p', authority: 'city', date: '2021-03-01', behaviour: 'B1' },
      { id: 'p1', type: 'administrativePenalty', date: '2021-04-01' },
    ] as EntityEvent[];
    const lines = evaluate(compiled, { ...record(events), publishedRating: { grade: 'AA', score: 82, date: '2021-01-01' } }, { asOf: '2021-06-30' }).trace!;
    const order = lines.map((t) => `${t.indicator ?? '-'} ${t.kind} ${t.clause}`);
    expect(order).toEqual([
      'E1 start E1',
      'E2 start E2.1',
      'E2 veto E2.1.5',
      'E3 start E3.1',
      'E5 start E5',
      'E6 start E6.1',
      'E7 start E7',
      'E7 skipped E7.8',
      '- downgrade D2',
      '- downgrade D1',
      '- downgrade D3',
    ]);
  });

  it('says an event no clause counted under the indicator whose condition it fails, and one from another region with the record', () => {
    const events = [
      { id: 'park', type: 'qualityAccident', severity: 'general', date: '2021-02-01', project: 'P2' },
      { id: 'away', type: 'safetyCriticism', date: '2021-03-01', region: '杭州' },
    ] as EntityEvent[];
    const withPark = { ...record(events), projects: [...record([]).projects!, { id: 'P2', permitDate: '2020-01-01', landscaping: false }] };
    const order = evaluate(compiled, withPark, { asOf: '2021-06-30' }).trace!.map((t) => `${t.indicator ?? '-'} ${t.kind} ${t.events?.join() ?? ''}`.trim());
    expect(order).toEqual(['E1 start', 'E2 start', 'E2 unmatched park', 'E3 start', 'E5 start', 'E6 start', 'E7 start', '- unmatched away']);
  });

  it("a veto that follows a reading says so: E6.1.3's “第 5 项” read as item 6 (INT-4)", () => {
    const mass = { id: 'm1', type: 'wageMassIncident', date: '2021-02-01' } as EntityEvent;
    expect(trace(record([mass])).find((t) => t.kind === 'veto')!.message).toBe('E6.1.3 拖欠民工工资引发群体性事件:m1(2021-02-01),整个“社会责任”(E6,按 INT-4 的理解)不得分,扣去其余 12 分');
  });
});

describe('the trace says why an event only the downgrades concern changed no grade', () => {
  const published = (events: EntityEvent[], rating = { grade: 'AA', score: 82, date: '2021-03-01' }): EntityRecord => ({ ...record(events), publishedRating: rating });
  /** The lines naming ev1, as [kind, clause, rule, message]. */
  const lines = (r: EntityRecord, asOf = '2021-06-30') =>
    evaluate(compiled, r, { asOf }).trace!.filter((t) => t.events?.includes('ev1')).map((t) => [t.kind, t.clause, t.rule, t.message]);
  const fraud = { id: 'ev1', type: 'bidFraud', date: '2021-04-01' } as EntityEvent;
  const penalty = { id: 'ev1', type: 'administrativePenalty', date: '2021-04-01' } as EntityEvent;

  it('bid fraud that is not serious: not a case of D2 (情节严重), and the grade stands', () => {
    const r = published([{ ...fraud, serious: false }]);
    expect(lines(r)).toEqual([['unmatched', 'D2', 'D2.3', 'D2 以他人名义投标、串通投标等骗取中标,情节严重:ev1(2021-04-01) 不符合本条的降级条件,不降级']]);
    expect(evaluate(compiled, r, { asOf: '2021-06-30' }).grade).toBe('AA');
    expect(evaluate(compiled, r, { asOf: '2021-06-30' }).trace!.find((t) => t.events?.includes('ev1'))!.en).toBe("D2 以他人名义投标、串通投标等骗取中标,情节严重: ev1 (2021-04-01) does not meet this rule's condition: no downgrade");
    // Serious, it lowers the grade straight to B, and says so instead.
    expect(lines(published([{ ...fraud, serious: true }]))).toEqual([['downgrade', 'D2', 'D2.3', 'D2 以他人名义投标、串通投标等骗取中标,情节严重:ev1(2021-04-01),信用等级 AA → B']]);
  });

  it('a penalty on the day of publication, or before it, lowers nothing (INT-6); the day after, it does', () => {
    expect(lines(published([{ ...penalty, date: '2021-03-01' }]))).toEqual([['skipped', 'D1', 'D1.1', 'D1 违法违规受到行政处罚:ev1(2021-03-01) 不晚于信用等级公布日 2021-03-01(INT-6),不降级']]);
    expect(lines(published([{ ...penalty, date: '2021-03-02' }]))).toEqual([['downgrade', 'D1', 'D1.1', 'D1 违法违规受到行政处罚:ev1(2021-03-02),信用等级 AA → A']]);
  });

  it('a penalty after the evaluation date, or without a published grade, or from a grade downgrades do not apply to', () => {
    expect(lines(published([{ ...penalty, date: '2021-07-01' }]))).toEqual([['lapsed', 'D1', 'D1.1', 'D1 违法违规受到行政处罚:ev1(2021-07-01) 晚于评价日期 2021-06-30,不降级']]);
    expect(lines(record([penalty]))).toEqual([['skipped', 'D1', 'D1.1', 'D1 违法违规受到行政处罚:ev1(2021-04-01) 本记录没有已公布的信用等级,无级可降']]);
    expect(lines(published([penalty], { grade: 'B', score: 50, date: '2021-03-01' }))).toEqual([
      ['skipped', 'D1', 'D1.1', 'D1 违法违规受到行政处罚:ev1(2021-04-01) 已公布的信用等级 B 不在降级范围(AAA、AA+、AA、A)内'],
    ]);
  });

  it('says it in English too', () => {
    const line = evaluate(compiled, published([{ ...penalty, date: '2021-03-01' }]), { asOf: '2021-06-30' }).trace!.find((t) => t.events?.includes('ev1'))!;
    expect(line.en).toBe("D1 违法违规受到行政处罚: ev1 (2021-03-01) not after the grade's publication on 2021-03-01 (INT-6): no downgrade");
  });

  it('no such line for an event the table scores: its table lines explain it', () => {
    const accident = { id: 'ev1', type: 'qualityAccident', severity: 'general', date: '2021-01-10' } as EntityEvent;
    expect(lines(record([accident])).map(([kind]) => kind)).toEqual(['points']);
  });
});

describe('the text of a trace line', () => {
  /** Every text a citation of the ruleset quotes. */
  function citedTexts(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) citedTexts(v, into);
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'citation' || key.endsWith('Citation')) into.add((v as { text: string }).text);
        else citedTexts(v, into);
      }
    }
    return into;
  }

  it('is the regulation text its clause cites, on every line of every shipped case but those of events no clause counted', () => {
    for (const name of ['enterprise', 'project-lead']) {
      const { compiled: ruleset, json } = shippedRuleset(name);
      const cited = citedTexts(json);
      for (const { case: c } of shippedCases(name)) {
        for (const entry of evaluate(ruleset, c.record, { asOf: c.asOf }).trace!) {
          if (entry.kind !== 'unmatched' || entry.rule) expect(cited.has(entry.text), `${c.name}: ${entry.message} — text “${entry.text}”`).toBe(true);
        }
      }
    }
  });
});

describe('the trace in English', () => {
  const numbers = (text: string): string[] => (text.match(/\d+(\.\d+)?/g) ?? []).sort();

  it('says every line of every shipped case in English too, with the same numbers as the Chinese', () => {
    const kinds = new Set<string>();
    for (const name of ['enterprise', 'project-lead']) {
      const { compiled: ruleset } = shippedRuleset(name);
      for (const { case: c } of shippedCases(name)) {
        for (const entry of evaluate(ruleset, c.record, { asOf: c.asOf }).trace!) {
          kinds.add(entry.kind);
          expect(entry.en, entry.message).not.toBe(entry.message);
          expect(numbers(entry.en), `${entry.message}\n${entry.en}`).toEqual(numbers(entry.message));
        }
      }
    }
    expect([...kinds].sort()).toEqual(['cap', 'downgrade', 'floor', 'lapsed', 'points', 'skipped', 'start', 'unmatched', 'veto']);
  });

  it('keeps the ruleset labels as written and says the rest in English', () => {
    const expired = { ...record([]), licence: { landscapingScope: true, validUntil: '2019-12-31' } };
    expect(evaluate(compiled, expired, { asOf: '2020-01-01' }).trace!.find((t) => t.clause === 'E1')!.en).toBe('E1 营业执照: none of “经营范围包含园林绿化工程施工且在有效期内” is met, 0 points');
    const accident = { id: 'ev1', type: 'qualityAccident', severity: 'general', date: '2021-01-10' } as EntityEvent;
    const lines = (events: EntityEvent[], asOf: string) => evaluate(compiled, record(events), { asOf }).trace!.filter((t) => t.events?.includes('ev1')).map((t) => t.en);
    expect(lines([accident], '2021-06-30')).toEqual(['E2.1.3 一般质量事故: ev1 (2021-01-10) −4']);
    expect(lines([{ ...accident, region: '台州市' }], '2021-06-30')).toEqual(['ev1 (2021-01-10) not counted: does not meet “台州的事件,或互认互查地区名单中地区的事件(INT-12)”']);
    expect(lines([accident], '2026-02-01')).toEqual(['E2.1.3 一般质量事故: ev1 (2021-01-10) not counted: its period is over (counted until 2026-01-31)']);
  });
});
