/**
 * A small deduction table for the language's own tests, written for them (not a Taizhou
 * table): points out of 40 (Q 20, C1 10, C2 10) plus a bonus of at most 3, a base score, a
 * veto, a clause cap, a multiplier, "not deducted again", grades A/B/C and downgrades. Tests
 * take a fresh copy and change what they test. A `clean` record, with a project permitted
 * 2023-06-01 and completed 2025-06-01, has no base score from 2023-06-01 to 2027-06-01: 40.
 */
import { evaluate, type Condition, type EntityRecord, type Item, type Result, type Ruleset } from '../../engine/index.js';
import { applicant, cite, compile } from './subsidy.js';

const type = (value: string): Condition => ({ fact: 'event', path: 'type', operator: 'equal', value });
const accident = (severity: string): Condition => ({ all: [type('accident'), { fact: 'event', path: 'severity', operator: 'equal', value: severity }] });

export function conductRuleset(): Ruleset {
  return {
    id: 'conduct-test',
    title: '诚信评价(测试用)',
    version: '1',
    status: 'official',
    effectiveFrom: '2020-01-01',
    entityKind: 'applicant',
    source: { document: '测试〔2024〕2号', title: '测试用诚信评价办法', date: '2020-01-01' },
    readings: [],
    notes: [],
    parameters: {
      announcementMonths: { label: '公示期限(未写明时)', value: 3, unit: '个月', citation: cite('第九条', '通报批评未写明公示期限的,按 3 个月计') },
    },
    conditions: {},
    eventTypes: {
      accident: { label: '质量事故', attributes: { severity: { label: '事故等级', type: 'enum', values: ['general', 'major'], required: true } } },
      criticism: { label: '通报批评', attributes: { announceMonths: { label: '公示期限(月)', type: 'number' }, case: { label: '案由', type: 'string' } } },
      listing: { label: '列入重点关注名单', attributes: { until: { label: '列入截止日期', type: 'date' } } },
      penalty: { label: '行政处罚', attributes: { case: { label: '案由', type: 'string' }, concealed: { label: '隐瞒不报', type: 'boolean' } } },
      award: { label: '表彰', attributes: {} },
      suspension: { label: '暂扣许可证', attributes: {} },
    },
    baseRule: { citation: cite('第四条', '近 2 年无工程项目的,按基本分计;未竣工的工程项目按施工许可之日起 1 年计'), lookbackMonths: 24, projectDefaultMonths: 12 },
    indicators: [
      {
        id: 'Q',
        label: '工程质量',
        items: [
          {
            id: 'Q1',
            label: '质量事故',
            kind: 'deduction',
            full: 20,
            base: 10,
            cap: 12,
            citation: cite('第五条', '满分 20 分,基本分 10 分,扣完 12 分为止'),
            clauses: [
              { id: 'Q1.1', label: '一般质量事故', citation: cite('第五条第一项', '近 1 年发生一般质量事故的,每次扣 5 分'), when: accident('general'), window: { months: 12 }, points: -5 },
              { id: 'Q1.2', label: '重大质量事故', citation: cite('第五条第二项', '近 1 年发生重大质量事故的,本指标不得分'), when: accident('major'), window: { months: 12 }, effect: 'veto' },
            ],
          },
        ],
      },
      {
        id: 'C',
        label: '诚信行为',
        items: [
          {
            id: 'C1',
            label: '通报批评',
            kind: 'deduction',
            full: 10,
            cap: 10,
            citation: cite('第六条', '满分 10 分,扣完为止'),
            clauses: [
              {
                id: 'C1.1',
                label: '通报批评',
                citation: cite('第六条第一项', '在公示期内的通报批评,每次扣 2 分,最多扣 4 分'),
                when: type('criticism'),
                window: { monthsAttribute: 'announceMonths', defaultParameter: 'announcementMonths' },
                points: -2,
                cap: 4,
              },
              { id: 'C1.2', label: '列入重点关注名单', citation: cite('第六条第二项', '列入重点关注名单且在列入期内的,扣 3 分'), when: type('listing'), window: { untilAttribute: 'until' }, points: -3 },
            ],
          },
          {
            id: 'C2',
            label: '行政处罚',
            kind: 'deduction',
            full: 10,
            citation: cite('第七条', '满分 10 分'),
            multiplier: { label: '隐瞒不报', citation: cite('第七条第二项', '隐瞒不报的,加倍扣分'), when: { fact: 'event', path: 'concealed', operator: 'equal', value: true }, factor: 2 },
            notAgain: { label: '不重复扣分', citation: cite('第七条第三项', '同一案由已作通报批评扣分的,不再扣分'), attribute: 'case', items: ['C1'] },
            clauses: [{ id: 'C2.1', label: '行政处罚', citation: cite('第七条第一项', '近 2 年受到行政处罚的,每次扣 3 分'), when: type('penalty'), window: { months: 24 }, points: -3 }],
          },
        ],
      },
      {
        id: 'H',
        label: '表彰',
        items: [
          {
            id: 'H1',
            label: '表彰加分',
            kind: 'bonus',
            max: 3,
            citation: cite('第八条', '获表彰的,每次加 2 分,最高 3 分'),
            clauses: [{ id: 'H1.1', label: '表彰', citation: cite('第八条', '获表彰的,每次加 2 分,最高 3 分'), when: type('award'), window: { months: 12 }, points: 2 }],
          },
        ],
      },
    ],
    grades: [
      { grade: 'A', min: 36 },
      { grade: 'B', min: 28 },
      { grade: 'C', min: 0 },
    ],
    gradeCitation: cite('第十条', '36 分以上为 A 级,28 分以上为 B 级,其余为 C 级(以上均含本数)'),
    downgrades: {
      citation: cite('第十一条', '已公布等级的,公布后发生下列情形之一的,降低等级'),
      fromGrades: ['A', 'B'],
      floors: { C: 10 },
      floorCitation: cite('第十二条', '降级的,按降级后等级的最低分计,降为 C 级的按 10 分计'),
      recalcMonths: 12,
      recalcCitation: cite('第十三条', '降级满 12 个月后,按计分表重新评价'),
      rules: [
        { id: 'D1', label: '发生重大质量事故', citation: cite('第十一条第一项', '发生重大质量事故的,直接降为 C 级'), when: accident('major'), effect: 'lowest' },
        { id: 'D2', label: '受到行政处罚', citation: cite('第十一条第二项', '受到行政处罚的,降一级'), when: type('penalty'), effect: 'oneGrade' },
        { id: 'D3', label: '许可证被暂扣', citation: cite('第十一条第三项', '许可证被暂扣的,降一级'), when: type('suspension'), effect: 'oneGrade' },
      ],
      repeats: [
        { id: 'D4', label: '一年内两次一般质量事故', citation: cite('第十一条第四项', '12 个月内发生两次一般质量事故的,降一级'), when: accident('general'), count: 2, withinMonths: 12, effect: 'oneGrade' },
      ],
    },
  };
}

/** The conduct table with item `id` (Q1, C1, C2, H1) changed by `edit`. */
export function withItem(id: string, edit: (item: Item) => void): Ruleset {
  const ruleset = conductRuleset();
  edit(ruleset.indicators.flatMap((i) => i.items).find((t) => t.id === id)!);
  return ruleset;
}

/**
 * `ruleset` with a check item K1 (indicator K, last): 3 for a record `certified`, 4 for one
 * `staffed`, at most its full score of 5.
 */
export function withCheckItem(ruleset: Ruleset): Ruleset {
  ruleset.recordFields = { certified: { label: '通过认证', type: 'boolean' }, staffed: { label: '配备专职人员', type: 'boolean' } };
  const holds = (path: string): Condition => ({ fact: 'record', path, operator: 'equal', value: true });
  ruleset.indicators.push({
    id: 'K',
    label: '管理',
    items: [{
      id: 'K1', label: '管理制度', kind: 'check', full: 5, citation: cite('第三条', '通过认证的得 3 分,配备专职人员的得 4 分,最高 5 分'),
      clauses: [
        { id: 'K1.1', label: '通过认证', citation: cite('第三条', '通过认证的得 3 分'), when: holds('certified'), points: 3 },
        { id: 'K1.2', label: '配备专职人员', citation: cite('第三条', '配备专职人员的得 4 分'), when: holds('staffed'), points: 4 },
      ],
    }],
  });
  return ruleset;
}

/** An event as the tests write it. */
export type Ev = Parameters<typeof applicant>[0][number];

/** A record with `events` and a project permitted 2023-06-01, completed 2025-06-01 (no base score until 2027-06-01). */
export function clean(events: Ev[] = [], extra: Partial<EntityRecord> = {}): EntityRecord {
  return applicant(events, { projects: [{ id: 'P1', permitDate: '2023-06-01', completionDate: '2025-06-01' }], ...extra });
}

/** `record` scored by `ruleset` at `asOf`, with its trace. */
export function scoredAt(ruleset: Ruleset, record: EntityRecord, asOf: string): Result {
  return evaluate(compile(ruleset), record, { asOf });
}

/** The trace lines of `result` with `code`. */
export function linesOf(result: Result, code: string): NonNullable<Result['trace']> {
  return result.trace!.filter((line) => line.code === code);
}

/** Each item's score by id. */
export function itemScores(result: Result): Record<string, number> {
  return Object.fromEntries(result.indicators.flatMap((i) => i.items.map((t) => [t.id, t.score])));
}
