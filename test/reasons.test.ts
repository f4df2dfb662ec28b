/**
 * Why a case moved (`moveReasons`, and the rows of `caseImpact`): each kind of reason caused by
 * a ruleset changed here, on a record whose scores are worked out by hand. The standard record
 * (licence, one landscaping project) scores 8 + 20 + 20 + 0 + 8 + 12 + 12 = 80, AA.
 */
import { describe, expect, it } from 'vitest';
import { caseImpact, evaluate, explainReason, loadRuleset, moveReasons, policyDiff, type EntityEvent, type EntityRecord, type MoveReason, type Ruleset } from '../engine/index.js';
import { readJson } from './support/load.js';

const official = readJson<Ruleset>('rulesets/enterprise.json');
const variant = (edit: (r: Ruleset) => void): Ruleset => {
  const copy = structuredClone(official);
  edit(copy);
  return copy;
};
const clause = (r: Ruleset, id: string) => r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).find((c) => c.id === id)!;
const item = (r: Ruleset, id: string) => r.indicators.flatMap((i) => i.items).find((t) => t.id === id)!;

function record(events: EntityEvent[], extra: Partial<EntityRecord> = {}): EntityRecord {
  return {
    id: 'R1', kind: 'enterprise', name: 'R1',
    licence: { landscapingScope: true, validUntil: '2035-12-31' },
    projects: [{ id: 'P1', permitDate: '2019-03-01', completionDate: '2020-12-31', contractAmount: 2_000_000 }],
    events, ...extra,
  };
}
const accident = (id: string, date: string): EntityEvent => ({ id, type: 'qualityAccident', date, severity: 'general', project: 'P1' });

/** The reasons `record` moves from the official ruleset to `newer` on `asOf`. */
function reasons(newer: Ruleset, rec: EntityRecord, asOf = '2021-03-01'): MoveReason[] {
  const [a, b] = [loadRuleset(official), loadRuleset(newer)];
  return moveReasons(evaluate(a, rec, { asOf }), evaluate(b, rec, { asOf }), policyDiff(official, newer));
}

describe('why a case moved', () => {
  it("an event's points: E2.1.3 −4 → −6", () => {
    const r = reasons(variant((x) => (clause(x, 'E2.1.3').points = -6)), record([accident('ev1', '2019-06-12')]));
    expect(r.map((x) => [x.code, x.params])).toEqual([['move.points', { clause: 'E2.1.3', label: '一般质量事故', event: 'ev1', date: '2019-06-12', unit: '分', old: -4, new: -6 }]]);
    expect(r[0]!.message).toBe('E2.1.3 一般质量事故:ev1(2019-06-12) 扣 4 分 → 扣 6 分');
    expect(r[0]!.en).toBe('E2.1.3 一般质量事故: ev1 (2019-06-12) −4 → −6');
    expect(explainReason(r[0]!, 'en')).toBe(r[0]!.en);
  });

  it('a cap that now bites, and one that no longer does', () => {
    // Two general accidents: 4 + 4 = 8 deducted; a cap of 6 cuts 2.
    const rec = record([accident('ev1', '2019-06-12'), accident('ev2', '2019-08-01')]);
    const capped = variant((x) => (item(x, 'E2.1').cap = 6));
    const bites = reasons(capped, rec);
    expect(bites.map((x) => [x.code, x.params])).toEqual([['move.limit', { kind: 'item.cap', id: 'E2.1', label: '工程质量', new: { limit: 6, cut: 2 }, unit: '分' }]]);
    expect(bites[0]!.message).toBe('E2.1 工程质量:扣分上限 6 分现起作用,2 分不计');
    // Back again: the old side has the cut, the new one not.
    const [a, b] = [loadRuleset(capped), loadRuleset(official)];
    const lapses = moveReasons(evaluate(a, rec, { asOf: '2021-03-01' }), evaluate(b, rec, { asOf: '2021-03-01' }), policyDiff(capped, official));
    expect(lapses.map((x) => x.code)).toEqual(['move.limit']);
    expect(lapses[0]!.params).toMatchObject({ old: { limit: 6, cut: 2 } });
    expect(lapses[0]!.params).not.toHaveProperty('new');
  });

  it('a window edge crossed: 60 → 12 months, an accident of 2019-06-12 lapses at the end of June 2020', () => {
    const r = reasons(variant((x) => (clause(x, 'E2.1.3').window = { months: 12 })), record([accident('ev1', '2019-06-12')]));
    expect(r.map((x) => [x.code, x.params])).toEqual([['move.window', { clause: 'E2.1.3', label: '一般质量事故', event: 'ev1', date: '2019-06-12', unit: '分', counted: false, points: -4, until: '2020-06-30' }]]);
  });

  it('a grade line moved across the score: AA 80 → 81 on a record of 80', () => {
    const newer = variant((x) => (x.grades.find((g) => g.grade === 'AA')!.min = 81));
    const r = reasons(newer, record([]));
    expect(r.map((x) => [x.code, x.params])).toEqual([['move.gradeLine', { grade: 'AA', old: 80, new: 81, score: 80, unit: '分' }]]);
    expect(r[0]!.message).toBe('AA 线 80 → 81(计分表得分 80 分)');
    // The same line moved on a record of 76 (one accident) crosses nothing: no reason.
    expect(reasons(newer, record([accident('ev1', '2019-06-12')]))).toEqual([]);
  });

  it("an item's start: E2.1's full score 20 → 22", () => {
    const r = reasons(variant((x) => (item(x, 'E2.1').full = 22)), record([]));
    expect(r.map((x) => [x.code, x.params])).toEqual([['move.start', { item: 'E2.1', label: '工程质量', old: 20, new: 22, oldBase: false, newBase: false, unit: '分' }]]);
  });

  it('a downgrade that lapses: A no longer among the grades downgraded', () => {
    // Published AA, a penalty after publication: AA → A under the official table; AA not concerned in the new one.
    const rec = record([{ id: 'ev1', type: 'administrativePenalty', date: '2021-03-10' }], { publishedRating: { grade: 'AA', score: 82.5, date: '2020-12-01' } });
    const r = reasons(variant((x) => (x.downgrades!.fromGrades = ['AAA', 'AA+', 'A'])), rec, '2021-06-30');
    expect(r.map((x) => x.code)).toEqual(['move.downgrade']);
    expect(r[0]!.params).toMatchObject({ clause: 'D1', rule: 'D1.1', event: 'ev1', holds: false, from: 'AA', to: 'A' });
  });

  it('caseImpact gives every moved row its reasons and none to the rest', () => {
    const newer = loadRuleset(variant((x) => (clause(x, 'E2.1.3').points = -6)));
    const impact = caseImpact(loadRuleset(official), newer, [
      { record: { ...record([accident('ev1', '2019-06-12')]), id: 'MOVES' }, asOf: '2021-03-01' },
      { record: { ...record([]), id: 'STAYS' }, asOf: '2021-03-01' },
    ]);
    expect(impact.rows.find((r) => r.id === 'MOVES')!.reasons!.map((r) => r.message)).toEqual(['E2.1.3 一般质量事故:ev1(2019-06-12) 扣 4 分 → 扣 6 分']);
    expect(impact.rows.find((r) => r.id === 'STAYS')!.reasons).toBeUndefined();
  });
});
