/**
 * Comparing versions in the engine: `policyDiff` says what changed in policy terms, clause by
 * clause; `caseImpact` says what it does to each case. Expected scores are worked out by hand
 * from the cases' records and notes (rulesets/cases/enterprise), not copied from the engine.
 */
import { describe, expect, it } from 'vitest';
import {
  caseImpact, loadRuleset, policyDiff, type CaseImpact, type EntityEvent, type EntityRecord, type Ruleset, type SampleCase,
} from '../engine/index.js';
import { readJson, shippedCases } from './support/load.js';

const official = readJson<Ruleset>('rulesets/enterprise.json');
const n4 = readJson<Ruleset>('rulesets/enterprise-versions/enterprise-n4.json');
const cases = shippedCases('enterprise');

/** A deep copy of the official ruleset, changed by `edit`. */
function variant(edit: (r: Ruleset) => void): Ruleset {
  const copy = structuredClone(official);
  edit(copy);
  return copy;
}

const clause = (r: Ruleset, id: string) => r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).find((c) => c.id === id)!;
const item = (r: Ruleset, id: string) => r.indicators.flatMap((i) => i.items).find((t) => t.id === id)!;
const messages = (old: Ruleset, now: Ruleset): string[] => policyDiff(old, now).filter((c) => c.section !== 'meta').map((c) => c.message);

/** The standard record of the cases: licence, one landscaping project P1 (full scores, 80 = AA). */
function record(id: string, events: EntityEvent[]): EntityRecord {
  return {
    id, kind: 'enterprise', name: id,
    licence: { landscapingScope: true, validUntil: '2035-12-31' },
    projects: [{ id: 'P1', permitDate: '2019-03-01', completionDate: '2020-12-31', contractAmount: 2_000_000 }],
    events,
  };
}

const caseSubjects = (ids: readonly string[]) =>
  cases.filter(({ file }) => ids.includes(file.slice(0, 3))).map(({ case: c }: { case: SampleCase }) => ({ record: c.record, asOf: c.asOf, name: c.name }));

/** id → [old score, old grade, new score, new grade] of the rows whose score or grade changed. */
const moved = (impact: CaseImpact) => Object.fromEntries(impact.rows.filter((r) => r.scoreChanged || r.gradeChanged).map((r) => [r.id, [r.old!.score, r.old!.grade, r.new!.score, r.new!.grade]]));

describe('policyDiff', () => {
  it('finds nothing between a ruleset and itself, or its copy in the versions folder', () => {
    expect(policyDiff(official, structuredClone(official))).toEqual([]);
    expect(policyDiff(official, readJson<Ruleset>('rulesets/enterprise-versions/enterprise.json'))).toEqual([]);
  });

  it('says a changed deduction in the regulation\'s terms, with its clause id', () => {
    const changes = policyDiff(official, variant((r) => (clause(r, 'E2.1.3').points = -5)));
    expect(changes).toEqual([
      {
        section: 'clause', kind: 'changed', path: '$.indicators[1].items[0].clauses[2].points', clause: 'E2.1.3', label: '一般质量事故',
        field: 'points', old: -4, new: -5, unit: '分',
        code: 'points', params: { old: -4, new: -5, kind: 'deduction', unit: '分' },
        message: 'E2.1.3 一般质量事故: 每次扣 4 分 → 5 分', en: 'E2.1.3 一般质量事故: deducts 4 points each time → 5 points',
        // The citation still quotes 每次扣 4 分.
        citationHint: expect.objectContaining({ path: '$.indicators[1].items[0].clauses[2].points', value: 5, zh: '依据原文写的是“4 分”,与这里的 5 分不符:请核对这个数,或一并修改原文' }),
      },
    ]);
  });

  it('gives a changed number the hint of its citation only while the citation does not write it', () => {
    const hinted = (now: Ruleset) => policyDiff(official, now).filter((c) => c.citationHint).map((c) => [c.clause, c.field, c.citationHint!.path]);
    expect(hinted(variant((r) => (clause(r, 'E2.1.1').window = { months: 48 })))).toEqual([['E2.1.1', 'window.months', '$.indicators[1].items[0].clauses[0].window.months']]);
    expect(hinted(variant((r) => {
      clause(r, 'E2.1.3').points = -5;
      clause(r, 'E2.1.3').citation.text = clause(r, 'E2.1.3').citation.text.replace('每次扣 4 分', '每次扣 5 分');
    }))).toEqual([]);
    expect(hinted(n4)).toEqual([]); // its 12 months are the note of INT-3, the reading the clauses follow
  });

  it('says caps, maxima, base scores, grade lines, windows and bonus points', () => {
    const now = variant((r) => {
      item(r, 'E2.1').cap = 25;
      item(r, 'E2.2').max = 10;
      item(r, 'E3.1').base = 16;
      r.grades.find((g) => g.grade === 'AA+')!.min = 86;
      clause(r, 'E4.1').window = { months: 12 };
      clause(r, 'E2.2.2').points = 1.5;
      clause(r, 'E5.1').cap = 2;
      clause(r, 'E2.2.3').levels!.find((l) => l.id === 'E2.2.3-gold')!.points = 3.5;
    });
    expect(messages(official, now)).toEqual([
      'E2.1 工程质量: 累计扣分上限 20 分 → 25 分',
      'E2.2 质量评优: 加分上限 8 分 → 10 分',
      'E2.2.2 市级优秀园林工程奖: 每次加 1 分 → 1.5 分',
      'E2.2.3-gold 省级优秀园林工程奖、省级优质工程 · 省级金奖: 每次加 3 分 → 3.5 分',
      'E3.1 安全生产: 基本分 18 分 → 16 分',
      'E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月',
      'E5.1 履约检查通报批评: 本条扣分上限 1 分 → 2 分',
      'AA+ 级分数线 85 → 86',
    ]);
  });

  it('says parameters, downgrade floors and the recalculation period', () => {
    const now = variant((r) => {
      r.parameters.announcementMonths!.value = 6;
      r.parameters.mutualRecognitionRegions!.value = ['宁波', '温州'];
      r.downgrades!.floors.B = 45;
      r.downgrades!.floors['AA+'] = 86;
      r.downgrades!.recalcMonths = 12;
      r.downgrades!.repeats[0]!.withinMonths = 24;
      r.downgrades!.rules.find((d) => d.id === 'D1.1')!.effect = 'lowest';
      r.baseRule!.lookbackMonths = 36;
    });
    expect(messages(official, now)).toEqual([
      'D3 降级后得分: 降为 B 级后得分 40 分 → 45 分',
      'D3 降级后得分: 降为 AA+ 级后得分 该级分数线 → 86 分',
      'D4 重新计算: 降级满 6 个月 → 满 12 个月后按计分表重新计算',
      'D1.1 违法违规受到行政处罚: 降一级 → 直接降为最低等级',
      'D2.1-repeat 一年内连续发生2起以上一般等级事故: 期间 12 个月 → 24 个月',
      'N5 通报批评公示期限(未特别说明时): 3 个月 → 6 个月',
      'INT-12 信用信息互认互查地区: (无) → 宁波、温州',
      'INT-2 近2年无园林绿化工程项目: 回溯期限 24 个月 → 36 个月',
    ]);
  });

  it('says added and removed clauses, and changed conditions and citations without dumping JSON', () => {
    const now = variant((r) => {
      const quality = item(r, 'E2.1');
      quality.clauses = quality.clauses.filter((c) => c.id !== 'E2.1.1');
      quality.clauses.push({ ...structuredClone(clause(r, 'E2.1.3')), id: 'E2.1.6', label: '质量问题整改不力', points: -2, window: { months: 24 } });
      clause(r, 'E2.1.4').when = { fact: 'event', path: 'type', operator: 'equal', value: 'qualityAccident' };
      clause(r, 'E7.1').citation = { ...clause(r, 'E7.1').citation, text: '新的原文' };
      r.readings.find((x) => x.id === 'INT-4')!.note = '新的说明';
    });
    const list = messages(official, now);
    expect(list).toEqual([
      'E2.1.4 较大质量事故: 条件已修改',
      '新增 E2.1.6 质量问题整改不力: 每次扣 2 分,期限 24 个月',
      'E7.1 列入住房城乡建设部不良记录(或黑名单): 依据原文已修改',
      '删除 E2.1.1 质量投诉未及时处理',
      'INT-4 6.1.3“整个第5项不得分”: 理解说明已修改',
    ]);
    expect(list.join('\n')).not.toMatch(/[{}]/);
  });

  it('says a field it does not know by name rather than drop it', () => {
    const now = variant((r) => {
      (clause(r, 'E2.1.3') as unknown as Record<string, unknown>).note = '新字段';
      (r as unknown as Record<string, unknown>).publishedBy = '市局';
    });
    expect(messages(official, now)).toEqual(['E2.1.3 一般质量事故: note 已修改']);
    expect(policyDiff(official, now).filter((c) => c.section === 'meta').map((c) => c.message)).toEqual(['publishedBy 已修改']);
  });

  it('says the N4 reading: the honour windows E4.1 and E4.2 become 12 months', () => {
    const changes = policyDiff(official, n4);
    expect(changes.filter((c) => c.section !== 'meta').map((c) => c.message)).toEqual([
      'E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月',
      'E4.2 省园林优秀管理奖、省级AAA级守合同重信用: 期限 36 个月 → 12 个月',
      'INT-3 荣誉的计算期限: 理解说明已修改',
    ]);
    expect(changes.filter((c) => c.field === 'window.months').map((c) => [c.clause, c.old, c.new, c.unit])).toEqual([['E4.1', 24, 12, '个月'], ['E4.2', 36, 12, '个月']]);
    expect(changes.filter((c) => c.section === 'meta').map((c) => c.message)).toContain('状态 正式 → 草案');
    expect(changes.filter((c) => c.section === 'meta').map((c) => c.message)).toContain('版本 2021.1 → 2021.1-n4');
  });
});

describe('caseImpact of one changed deduction: E2.1.3 一般质量事故 −4 → −5', () => {
  const older = loadRuleset(official);
  const newer = loadRuleset(variant((r) => (clause(r, 'E2.1.3').points = -5)));
  const accident = (id: string, date: string): EntityEvent => ({ id, type: 'qualityAccident', date, severity: 'general', project: 'P1' });
  // Worked by hand. Full scores 8 + 20 + 20 + 0 + 8 + 12 + 12 = 80.
  const own = [
    // Two general accidents: 80 − 8 = 72 (A) → 80 − 10 = 70 (A), −2.
    { record: record('TWO', [accident('a1', '2020-03-01'), accident('a2', '2020-09-01')]), asOf: '2021-06-30' },
    // Provincial quality project +4 and one general accident: E2 20 − 4 + 4 = 20 → 80 (AA); −5 → 79 (A): AA → A, 1 below the AA line.
    { record: record('EDGE', [accident('a1', '2021-01-05'), { id: 'w1', type: 'qualityAward', date: '2020-05-01', award: 'provinceQuality', project: 'P1' }]), asOf: '2021-06-30' },
    // Five general accidents: −20 hits the cap of 20; −25 is capped at 20 too → 60 (A) both.
    { record: record('CAP', ['2019-01-10', '2019-06-10', '2020-01-10', '2020-06-10', '2021-01-10'].map((d, i) => accident(`a${i}`, d))), asOf: '2021-06-30' },
  ];
  // Shipped cases with a general quality accident (their notes give the old score):
  //   021: counts on the window's last day, 76 A → 75 A. 022: lapsed the day before, 80 AA both.
  //   024: larger 8 + larger 8 + general 4 = 20 = cap; 21 is capped too: 60 A both.
  //   091: E2 16 → 15 (behaviour B-Q still counts there, so E7 still skips it): 74 A → 73 A.
  //   108: no project, base 18 − 4 = 14 → 13: 59.7 B → 58.7 B.
  //   138: downgrade expired, the table decides: E2 22 → 21: 83.9 AA → 82.9 AA.
  //   110, 122, 123, 124, 133: a downgrade decides within 6 months; only the table score moves, by −1.
  const shipped = caseSubjects(['021', '022', '024', '091', '108', '110', '122', '123', '124', '133', '138']);
  const impact = caseImpact(older, newer, [...own, ...shipped]);

  it('moves exactly the cases worked out by hand, by the points worked out by hand', () => {
    expect(moved(impact)).toEqual({
      TWO: [72, 'A', 70, 'A'],
      EDGE: [80, 'AA', 79, 'A'],
      C021: [76, 'A', 75, 'A'],
      C091: [74, 'A', 73, 'A'],
      C108: [59.7, 'B', 58.7, 'B'],
      C138: [83.9, 'AA', 82.9, 'AA'],
    });
    expect(impact).toMatchObject({ total: 14, compared: 14, invalid: 0, changed: 6, gradeChanged: 1, computedOnly: 5 });
  });

  it('sorts the grade changes first, then by the size of the change, then in input order', () => {
    expect(impact.rows.slice(0, 6).map((r) => [r.id, r.change, r.gradeChanged])).toEqual([
      ['EDGE', -1, true], ['TWO', -2, false], ['C021', -1, false], ['C091', -1, false], ['C108', -1, false], ['C138', -1, false],
    ]);
    expect(impact.rows.find((r) => r.id === 'CAP')).toMatchObject({ change: 0, scoreChanged: false, gradeChanged: false });
  });

  it('counts grade transitions and finds the cases within 1 point of a line under the new version', () => {
    expect(impact.transitions).toEqual([{ from: 'AA', to: 'A', count: 1 }]);
    // EDGE 79 (AA line −1), C022 80 (on the AA line), C024 and CAP 60 (on the A line), C108 58.7 is 1.3 below: not near.
    expect(impact.nearLines.map((r) => [r.id, r.nearLine])).toEqual([
      ['EDGE', { grade: 'AA', min: 80, distance: -1 }],
      ['C022', { grade: 'AA', min: 80, distance: 0 }],
      ['CAP', { grade: 'A', min: 60, distance: 0 }],
      ['C024', { grade: 'A', min: 60, distance: 0 }],
    ]);
    expect(impact.nearLineWithin).toBe(1);
  });

  it('keeps the cases a downgrade decides apart: their table score moves, their result does not', () => {
    const computed = impact.rows.filter((r) => r.computedOnly).map((r) => [r.id, r.old!.score, r.old!.computedScore, r.new!.computedScore]);
    expect(computed).toEqual([
      ['C110', 85, 76, 75],
      ['C122', 40, 72, 71],
      ['C123', 80, 72, 71],
      ['C124', 60, 72, 71],
      ['C133', 60, 58, 57],
    ]);
  });

  it('keeps an invalid record with its error and compares the others', () => {
    const result = caseImpact(older, newer, [{ record: { id: 'BAD', kind: 'enterprise', events: [{ type: 'qualityAccident', date: '2021-02-30' }] } }, own[0]!]);
    expect(result).toMatchObject({ total: 2, compared: 1, invalid: 1, changed: 1 });
    const bad = result.rows.find((r) => r.id === 'BAD')!;
    expect(bad.errors?.old?.code).toBe('RECORD_INVALID');
    expect(bad.old).toBeUndefined();
  });
});

describe('caseImpact of the N4 honours reading on the shipped enterprise cases', () => {
  const impact = caseImpact(loadRuleset(official), loadRuleset(n4), cases.map(({ case: c }) => ({ record: c.record, asOf: c.asOf, name: c.name })));

  // Read by hand from the cases' honour events. Under N4 an honour counts through the end of
  // the month 12 months after its date (INT-1): on D = 2021-06-30, honours dated from 2020-06-01.
  //   053 cityBackbone 2020-03-01 lapses (+1 of 2 left: cityGoingOut 2020-09-01): E4 2 → 1, 82 → 81.
  //   054 cityTopTen 2020-05-05 and provinceManagementAward 2019-12-12 lapse; provinceContractAA 2020-06-06 stays: E4 2 → 1, 82 → 81.
  //   055 provinceContractAAA 2018-06-01 (3y, last month) lapses: E4 2 → 0, 82 → 80.
  //   056 cityTopTen 2019-06-01 (2y, last month) lapses: E4 1 → 0, 81 → 80.
  //   103 provinceContractAAA 2019-12-20 lapses: E4 2 → 0, 90 AAA → 88 AA+.
  //   137 cityTopTen 2020-04-01 lapses: E4 1 → 0, 88.7 → 87.7.
  //   138 provinceManagementAward 2019-01-15 lapses: E4 2 → 0, 83.9 → 81.9 (its downgrade has expired).
  //   139 cityGoingOut 2020-03-03 lapses: E4 1 → 0, 64.5 → 63.5.
  // Cases 140–155 evaluate on other dates:
  //   140 (D 2024-02-29) cityTopTen 2022-02-28 counts to 2024-02-29, under N4 to 2023-02-28: E4 1 → 0, 77.5 → 76.5.
  //   144 (D 2024-06-30) provinceContractAAA 2022-04-01 and cityBackbone 2023-01-01 lapse (3 capped at 2): E4 2 → 0, 41.5 → 39.5.
  //   145 (D 2024-06-30) provinceManagementAward 2021-06-15 (3y, last month) lapses: E4 2 → 0, 46 → 44.
  //   148 (D 2024-09-30) cityTopTen 2023-05-05 lapses, cityGoingOut 2024-01-20 stays: E4 2 → 1, 85 AA+ → 84 AA.
  //   154 (D 2023-12-30) cityTopTen 2022-02-10 lapses: E4 1 → 0, 74.5 → 73.5.
  //   141 (D 2024-03-01): its cityTopTen 2022-02-28 has lapsed under both.
  // Unchanged: 099 (宁波 honour never counts; 台州 2020-07-01 counts under both), 101 and 102
  // (2021-01-08), 104 and 156 (2020-11-11), 157–159 (no honours), 113 (2020-06-01: exactly 12 months, counts to 2021-06-30).
  // 132 (D 2021-07-10): provinceContractAAA 2020-03-03 lapses, table 82 → 80, but the second
  // downgrade (2021-04-20) still decides: 80 AA under both. 153 (D 2023-12-29): the same honour
  // as 154 lapses, table 84.5 → 83.5, but the bribery downgrade decides: 40 B under both.
  it('moves exactly the cases whose honours are between 12 and 24/36 months old', () => {
    expect(moved(impact)).toEqual({
      C103: [90, 'AAA', 88, 'AA+'],
      C055: [82, 'AA', 80, 'AA'],
      C138: [83.9, 'AA', 81.9, 'AA'],
      C053: [82, 'AA', 81, 'AA'],
      C054: [82, 'AA', 81, 'AA'],
      C056: [81, 'AA', 80, 'AA'],
      C137: [88.7, 'AA+', 87.7, 'AA+'],
      C139: [64.5, 'A', 63.5, 'A'],
      C140: [77.5, 'A', 76.5, 'A'],
      C144: [41.5, 'B', 39.5, 'B'],
      C145: [46, 'B', 44, 'B'],
      C148: [85, 'AA+', 84, 'AA'],
      C154: [74.5, 'A', 73.5, 'A'],
    });
    // Grade changes first, then the largest change.
    expect(impact.rows.slice(0, 13).map((r) => r.id)).toEqual(['C103', 'C148', 'C055', 'C138', 'C144', 'C145', 'C053', 'C054', 'C056', 'C137', 'C139', 'C140', 'C154']);
    expect(impact).toMatchObject({ total: 159, compared: 159, changed: 13, gradeChanged: 2, computedOnly: 2 });
    expect(impact.transitions).toEqual([{ from: 'AAA', to: 'AA+', count: 1 }, { from: 'AA+', to: 'AA', count: 1 }]);
    expect(impact.rows.filter((r) => r.computedOnly).map((r) => [r.id, r.old!.computedScore, r.new!.computedScore, r.new!.score, r.new!.grade])).toEqual([
      ['C132', 82, 80, 80, 'AA'],
      ['C153', 84.5, 83.5, 40, 'B'],
    ]);
    // Why each moved: the items whose score differs (E4 is one item, 企业荣誉); the rest have none.
    expect(Object.fromEntries(impact.rows.filter((r) => r.items).map((r) => [r.id, r.items]))).toEqual({
      C103: [{ id: 'E4', old: 2, new: 0 }], C055: [{ id: 'E4', old: 2, new: 0 }], C138: [{ id: 'E4', old: 2, new: 0 }], C132: [{ id: 'E4', old: 2, new: 0 }],
      C053: [{ id: 'E4', old: 2, new: 1 }], C054: [{ id: 'E4', old: 2, new: 1 }], C056: [{ id: 'E4', old: 1, new: 0 }], C137: [{ id: 'E4', old: 1, new: 0 }], C139: [{ id: 'E4', old: 1, new: 0 }],
      C140: [{ id: 'E4', old: 1, new: 0 }], C144: [{ id: 'E4', old: 2, new: 0 }], C145: [{ id: 'E4', old: 2, new: 0 }], C148: [{ id: 'E4', old: 2, new: 1 }],
      C153: [{ id: 'E4', old: 1, new: 0 }], C154: [{ id: 'E4', old: 1, new: 0 }],
    });
  });

  it('leaves the other honours cases alone', () => {
    for (const id of ['C099', 'C101', 'C102', 'C104', 'C113', 'C141']) {
      const row = impact.rows.find((r) => r.id === id)!;
      expect([id, row.change, row.old!.computedScore === row.new!.computedScore]).toEqual([id, 0, true]);
    }
  });
});
