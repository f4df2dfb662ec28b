/**
 * The catalogues' words beyond trace lines and problems: error headlines, warnings, the
 * operators' names, sizes and the command line's tables, each worded in zh-CN and en; and the
 * engine saying them in either language (an error's report, the period warning, a record's
 * warnings).
 */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, operators, periodWarning, validateRecord, type Ruleset } from '../../engine/index.js';
import type { HeadlineCode, HeadlineParamsByCode, WarningCode, WarningParamsByCode } from '../../engine/messages/codes.js';
import { en } from '../../engine/messages/en.js';
import { zhCN } from '../../engine/messages/zh-CN.js';
import { readJson, shippedRuleset } from '../support/load.js';

const CJK = /\p{Script=Han}/u;

/** One example of each headline's params: a code without one is a type error. */
const HEADLINES: { readonly [C in HeadlineCode]: HeadlineParamsByCode[C] } = {
  'ruleset.tooDeep': { depth: 100 },
  'ruleset.schema': {},
  'ruleset.references': {},
  'record.invalid': {},
  'case.schema': {},
  'case.record': { ruleset: 'enterprise' },
  'forecast.records': { count: 3 },
  'versions.empty': { date: '2021-06-30' },
  'versions.notOneRuleset': {},
  'versions.unknown': { id: 'enterprise', version: '9' },
  'versions.outsidePeriod': { id: 'enterprise', version: '2021.1', status: 'official', from: '2021-02-19', date: '2020-01-01' },
  'versions.noneInForce': { id: 'enterprise', date: '2020-01-01' },
  'json.invalid': { line: 4, column: 3 },
  'json.limit': { problem: { code: 'json.tooDeep', params: { depth: 256 } }, line: 1, column: 257 },
  'json.notUtf8': { line: 2, column: 3 },
};

const WARNINGS: { readonly [C in WarningCode]: WarningParamsByCode[C] } = {
  'period.outside': { id: 'enterprise', version: '2021.1', from: '2021-02-19', date: '2020-02-29' },
  'event.typeUnknown': { type: 'treePlanting', ruleset: 'enterprise' },
  'event.typeUnused': { type: 'award', ruleset: 'enterprise' },
};

describe('every code is worded in both languages', () => {
  it('headlines: the English as the errors have always said it, a Chinese sentence', () => {
    expect(Object.keys(en.headline).sort()).toEqual(Object.keys(HEADLINES).sort());
    expect(Object.keys(zhCN.headline).sort()).toEqual(Object.keys(HEADLINES).sort());
    for (const code of Object.keys(HEADLINES) as HeadlineCode[]) {
      expect((en.headline[code] as (p: unknown) => string)(HEADLINES[code]), code).toMatch(/^[a-z"]/);
      expect((zhCN.headline[code] as (p: unknown) => string)(HEADLINES[code]), code).toMatch(CJK);
    }
    expect(en.headline['versions.outsidePeriod'](HEADLINES['versions.outsidePeriod'])).toBe('version 2021.1 (official, in force 2021-02-19 on) of ruleset enterprise is not in force on 2020-01-01');
    expect(zhCN.headline['versions.outsidePeriod'](HEADLINES['versions.outsidePeriod'])).toBe('规则集 enterprise 的版本 2021.1(正式,2021-02-19 起) 在 2020-01-01 不生效');
    expect(en.headline['json.invalid']({ line: 4, column: 3 })).toBe('not valid JSON at line 4, column 3');
    expect(en.headline['json.invalid']({ column: 3 })).toBe('not valid JSON at column 3');
    expect(zhCN.headline['json.invalid']({ line: 4, column: 3 })).toBe('JSON 格式有误(第 4 行第 3 列)');
    expect(en.headline['json.limit'](HEADLINES['json.limit'])).toBe('is nested more than 256 levels deep (at line 1, column 257)');
    expect(zhCN.headline['json.limit'](HEADLINES['json.limit'])).toBe('嵌套超过 256 层;规则集、案例和记录都不会这样,请检查文件是怎样生成的(第 1 行第 257 列)');
  });

  it('warnings', () => {
    expect(Object.keys(en.warning).sort()).toEqual(Object.keys(WARNINGS).sort());
    expect(Object.keys(zhCN.warning).sort()).toEqual(Object.keys(WARNINGS).sort());
    for (const code of Object.keys(WARNINGS) as WarningCode[]) expect((zhCN.warning[code] as (p: unknown) => string)(WARNINGS[code]), code).toMatch(CJK);
    expect(zhCN.warning['event.typeUnknown'](WARNINGS['event.typeUnknown'])).toBe('规则集 enterprise 没有事件类型“treePlanting”,它不计分');
  });

  it('the operators: each has its name in both, and nothing else does', () => {
    expect(Object.keys(zhCN.operator).sort()).toEqual(Object.keys(operators).sort());
    expect(Object.keys(en.operator).sort()).toEqual(Object.keys(operators).sort());
    expect([zhCN.operator.dateOnOrBefore, en.operator.dateOnOrBefore]).toEqual(['不晚于', 'is on or before']);
    expect([zhCN.operator.greaterThanInclusive, en.operator.greaterThanInclusive]).toEqual(['大于等于', 'is at least']);
    // The operators themselves carry meaning only, no words.
    expect(Object.values(operators).some((op) => 'label' in op)).toBe(false);
  });

  it('sizes, one helper per language', () => {
    expect([en.size(512), en.size(300 * 1024 * 1024)]).toEqual(['512 bytes', '300.0 MB']);
    expect([zhCN.size(512), zhCN.size(16 * 1024 * 1024)]).toEqual(['512 字节', '16.0 MB']);
  });

  it("the command line's table words", () => {
    const downgraded = { eligible: true, downgraded: true, grade: 'A', computedGrade: 'AA' };
    expect([zhCN.cli.grade(downgraded), en.cli.grade(downgraded)]).toEqual(['A 降级(计分表 AA)', 'A downgraded (table AA)']);
    const ineligible = { eligible: false, downgraded: false, grade: null, computedGrade: null };
    expect([zhCN.cli.grade(ineligible), en.cli.grade(ineligible)]).toEqual(['— 不予定级', '— not graded']);
    const counts = { total: 4, scored: 3, downgraded: 1, invalid: 1 };
    expect(zhCN.cli.summary(counts)).toBe('共 4 条记录，已评分 3 条，其中 1 条由降级决定(得分为降级后等级的最低分;括号内为计分表本身的等级)，无效 1 条（原因见标准错误输出）');
    expect(en.cli.summary(counts)).toBe("4 records, 3 scored, 1 of them decided by a downgrade (the score is the lowest of the grade downgraded to; the table's own grade in brackets), 1 invalid (why: see standard error)");
    expect([zhCN.cli.place({ line: 2 }), en.cli.place({ item: 3 })]).toEqual(['第 2 行', 'item 3']);
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(en.cli)).toEqual(keys(zhCN.cli));
  });

  it("diff's report words: the same in both, from the catalogues", () => {
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(en.report)).toEqual(keys(zhCN.report));
    expect(keys(en.report).length).toBeGreaterThan(80);
    expect([zhCN.report.summary(159, 13, 2, 146), en.report.summary(159, 13, 2, 146)]).toEqual(['共 159 个案例，得分或等级变化 13 个，等级变化 2 个，不变 146 个', '159 cases: 13 move in score or grade, 2 change grade, 146 unchanged']);
  });
});

describe('the engine says them in either language', () => {
  const enterprise = readJson<Ruleset>('rulesets/enterprise.json');

  it("an error's report: the headline, and each problem as the Chinese catalogue says it", () => {
    const broken = structuredClone(enterprise) as unknown as Record<string, unknown>;
    broken.status = 'maybe';
    let error: CreditRulesError | undefined;
    try {
      loadRuleset(broken, { file: 'x.json' });
    } catch (e) {
      error = e as CreditRulesError;
    }
    expect(error?.headline).toEqual({ code: 'ruleset.schema', params: {} });
    expect(error!.message).toBe('the ruleset does not match schemas/ruleset.schema.json');
    expect(error!.describe()).toBe(`RULESET_INVALID: x.json: the ruleset does not match schemas/ruleset.schema.json\n  $.status: ${error!.problems[0]!.message} — ${error!.problems[0]!.fix}`);
    expect(error!.describe('zh-CN')).toBe(`RULESET_INVALID: x.json:规则集不符合 schemas/ruleset.schema.json\n  $.status: ${error!.problems[0]!.zh}`);
    expect(error!.problems[0]!.zh).toMatch(CJK);
  });

  it('the period warning', () => {
    const meta = enterprise;
    expect(periodWarning(meta, '2021-06-30')).toBeUndefined();
    expect(periodWarning(meta, '2020-02-29')).toBe('evaluated on 2020-02-29, outside the period of ruleset enterprise 2021.1 (in force from 2021-02-19): the score is what this version gives, which may not be the rule in force on that date');
    expect(periodWarning(meta, '2020-02-29', 'zh-CN')).toBe('评价日 2020-02-29 不在规则集 enterprise 2021.1 的有效期(2021-02-19 起)内:得分是这个版本给出的,未必是该日有效的规则');
  });

  it("a record's warnings (an event type the ruleset does not know)", () => {
    const record = { id: 'E-1', kind: 'enterprise', events: [{ type: 'treePlanting', date: '2021-01-01' }] };
    const { compiled } = shippedRuleset('enterprise');
    expect(validateRecord(record, compiled).warnings).toEqual(['$.events[0].type: event type "treePlanting" is not used by ruleset enterprise; it scores nothing']);
    expect(validateRecord(record, compiled, 'zh-CN').warnings).toEqual(['$.events[0].type: 规则集 enterprise 没有事件类型“treePlanting”,它不计分']);
  });
});
