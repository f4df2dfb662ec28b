/**
 * Explanations are data: every trace line and policy change carries a code and params, and
 * its sentences come from the catalogues of engine/messages. What they say is checked against
 * what the engine said before the sentences moved there (test/fixtures, captured at 56045a8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, explain, explainChange, loadRuleset, policyDiff, type PolicyChange, type Ruleset, type TraceEntry } from '../engine/index.js';
import { policyLines, traceLines, type PolicyChangeText, type TraceLineText } from './support/explanations.js';
import { readJson, root, shippedCases, shippedRuleset } from './support/load.js';
import { policyVariants } from './support/policy-variants.js';

/** The enterprise ruleset, changed by `edit`. */
function changed(edit: (r: Ruleset) => void): Ruleset {
  const copy = readJson<Ruleset>('rulesets/enterprise.json');
  edit(copy);
  return copy;
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(root, 'test', 'fixtures', name), 'utf8')) as T;

/**
 * Lines whose words changed on purpose since the capture: [run, line, field, now]. An
 * indicator's event condition without words of its own was named in Chinese in the English
 * line too ("E2 工程质量的事件条件"); it is said in English now.
 */
const CHANGED_ON_PURPOSE: [run: string, line: number, field: keyof TraceLineText, now: string][] = [
  ['an indicator condition without words › 100', 3, 'en', 'ev1 (2020-10-10) not counted: does not meet the event condition of E2 工程质量'],
];

describe('the trace, said from its codes by the catalogues', () => {
  const before = fixture<Record<string, TraceLineText[]>>('trace-lines.json');
  for (const [run, line, field, now] of CHANGED_ON_PURPOSE) before[run]![line]![field] = now;
  const after = traceLines();

  it('says every line of every shipped case as the engine said it before, in Chinese and English', () => {
    // Cases added after the capture (their results are checked by hand-worked values in cases.test) are not in it.
    expect(Object.keys(after).filter((run) => Object.hasOwn(before, run))).toEqual(Object.keys(before));
    let lines = 0;
    for (const [run, expected] of Object.entries(before)) {
      expect(after[run], run).toEqual(expected);
      lines += expected.length;
    }
    // 3,650 lines of the shipped cases, 49 of the changed rulesets.
    expect(lines).toBe(3699);
  });
});

/**
 * Policy changes whose words changed on purpose since the capture: [run, change, now]. A clause
 * that became a veto without `vetoes` was said to zero its item (E2.1); it zeroes its indicator, E2.
 * The base rule's project is said in the ruleset's words (`baseRule.label`), else as a plain 项目,
 * no longer the construction-only 工程项目.
 */
const POLICY_CHANGED_ON_PURPOSE: [run: string, change: number, now: string, label?: string][] = [
  ['clause points to levels and back, vetoes', 0, 'E2.1.3 一般质量事故: 效果 计分 → 整项不得分(E2)'],
  ['base rule', 1, 'INT-2 近2年无园林绿化工程项目: 无竣工日期的项目期限 24 个月 → 12 个月'],
  ['base rule', 2, 'INT-2 近2年无园林绿化工程项目: 取消项目条件'],
  ['base rule without a reading', 0, 'INT-2 近期无园林绿化工程项目的基本分: 回溯期限 24 个月 → 12 个月', '近期无园林绿化工程项目的基本分'],
  ['base rule without a reading', 1, 'INT-2 近期无园林绿化工程项目的基本分: 所依理解 INT-2 → (无)', '近期无园林绿化工程项目的基本分'],
];

/**
 * Policy changes added on purpose since the capture: [run, index, change]. The shipped rulesets
 * now state where their windows end, each citing its own note 6: project-lead's quotes it with
 * its own prefix (企业计分表备注,比照适用), so the two tables' window citations differ.
 */
const windowCitation: PolicyChangeText = { path: '$.windows.citation', clause: 'N6', label: '计算期限', field: 'citation', message: 'N6 计算期限: 依据原文已修改' };
const POLICY_ADDED_ON_PURPOSE: [run: string, at: number, change: PolicyChangeText][] = [
  ['enterprise → project-lead', 6, windowCitation],
  ['project-lead → enterprise', 6, windowCitation],
];

describe('policy changes, said from their codes by the catalogues', () => {
  it('says every change of every pair of versions as the engine said it before', () => {
    const before = fixture<Record<string, PolicyChangeText[]>>('policy-changes.json');
    for (const [run, change, now, label] of POLICY_CHANGED_ON_PURPOSE) Object.assign(before[run]![change]!, { message: now }, label === undefined ? {} : { label });
    for (const [run, at, change] of POLICY_ADDED_ON_PURPOSE) before[run]!.splice(at, 0, change);
    const after = policyLines();
    // Cases added after the capture (their results are checked by hand-worked values in cases.test) are not in it.
    expect(Object.keys(after).filter((run) => Object.hasOwn(before, run))).toEqual(Object.keys(before));
    for (const [name, expected] of Object.entries(before)) expect(after[name], name).toEqual(expected);
  });
});

describe('explain', () => {
  const { compiled: enterprise } = shippedRuleset('enterprise');
  const cases = shippedCases('enterprise');

  it('says a line from its code and params alone, as its message and en say it, after a trip through JSON too', () => {
    const codes = new Set<string>();
    for (const { case: c } of cases) {
      for (const entry of evaluate(enterprise, c.record, { asOf: c.asOf }).trace!) {
        codes.add(entry.code);
        const read = JSON.parse(JSON.stringify(entry)) as TraceEntry;
        expect([explain(read, 'zh-CN'), explain(read, 'en')]).toEqual([entry.message, entry.en]);
      }
    }
    // The codes the shipped enterprise cases reach.
    expect([...codes].sort()).toEqual([
      'bonus.max', 'check.met', 'check.unmet', 'clause.cap', 'clause.points', 'clause.zero', 'downgrade.afterAsOf', 'downgrade.beforePublication', 'downgrade.expired',
      'downgrade.floor', 'downgrade.gradeNotConcerned', 'downgrade.noChange', 'downgrade.notACase', 'downgrade.step', 'event.unmatched', 'item.cap', 'item.floor',
      'item.start', 'item.startBase', 'keep.highest', 'keep.notAgain', 'keep.oncePer', 'multiplier.extra', 'veto', 'window.afterAsOf', 'window.lapsed',
    ]);
  });

  it('gives a line its params as plain data: ids, labels, numbers, dates and events', () => {
    const c = cases.find(({ file }) => file.startsWith('090'))!.case;
    const lines = evaluate(enterprise, c.record, { asOf: c.asOf }).trace!.filter((t) => t.code === 'multiplier.extra');
    expect(lines[0]).toMatchObject({ kind: 'points', code: 'multiplier.extra', clause: 'E7.7', params: { clause: 'E7.7', label: '隐瞒不报加倍扣分', factor: 2, unit: '分' } });
    expect(typeof lines[0]!.params).toBe('object');
    const start = evaluate(enterprise, cases.find(({ file }) => file.startsWith('007'))!.case.record, { asOf: '2021-06-30' }).trace!.find((t) => t.code === 'item.startBase')!;
    expect(start.params).toEqual({ item: 'E2.1', label: '工程质量', points: 18, unit: '分', clause: 'INT-2', months: 24, project: '园林绿化工程项目', projectEn: 'landscaping project' });
  });

  it('says a change from its code and params alone, its label the engine’s in the language', () => {
    for (const { older, newer } of policyVariants) {
      for (const change of policyDiff(older, newer)) {
        const read = JSON.parse(JSON.stringify(change)) as PolicyChange;
        expect([explain(read, 'zh-CN'), explain(read, 'en')]).toEqual([change.message, change.en]);
      }
    }
    const floor = policyDiff(readJson<Ruleset>('rulesets/enterprise.json'), changed((r) => (r.downgrades!.floors.B = 45))).find((c) => c.code === 'downgrades.floor')!;
    expect(explainChange(floor, 'en')).toEqual({ label: 'score after a downgrade', what: 'score after a downgrade to B: 40 points → 45 points', line: 'D3 score after a downgrade: score after a downgrade to B: 40 points → 45 points' });
    expect(explainChange(floor, 'zh-CN')).toEqual({ label: '降级后得分', what: '降为 B 级后得分 40 分 → 45 分', line: 'D3 降级后得分: 降为 B 级后得分 40 分 → 45 分' });
  });

  it('says the base score without the regulation’s words for a project when the base rule has none', () => {
    const plain = changed((r) => {
      delete r.baseRule!.label;
      delete r.baseRule!.labelEn;
    });
    const line = evaluate(loadRuleset(plain), cases.find(({ file }) => file.startsWith('007'))!.case.record, { asOf: '2021-06-30' }).trace!.find((t) => t.code === 'item.startBase')!;
    expect([line.message, line.en]).toEqual(['E2.1 工程质量:近 24 个月无项目(INT-2),按基本分 18 分起算', 'E2.1 工程质量: no project in the last 24 months (INT-2): starts from the base score, 18']);
  });
});

describe('points in a unit of the ruleset’s own', () => {
  const wan = loadRuleset(changed((r) => (r.unit = '万元')));
  const lines = (file: string) => {
    const c = shippedCases('enterprise').find((x) => x.file.startsWith(file))!.case;
    return evaluate(wan, c.record, { asOf: c.asOf }).trace!;
  };

  it('says every number of points in it, in Chinese where it said 分 and in English after the number', () => {
    const said = (file: string, code: string) => lines(file).filter((t) => t.code === code).map((t) => [t.message, t.en]);
    expect(said('001', 'item.start')[0]).toEqual(['E2.1 工程质量:满分 20 万元', 'E2.1 工程质量: full score 20 万元']);
    expect(said('001', 'check.met')[0]).toEqual(['E1 经营范围包含园林绿化工程施工且在有效期内:符合,得 8 万元', 'E1 经营范围包含园林绿化工程施工且在有效期内: met, 8 万元']);
    expect(said('021', 'clause.points')).toEqual([['E2.1.3 一般质量事故:ev1(2016-06-15) 扣 4 万元', 'E2.1.3 一般质量事故: ev1 (2016-06-15) −4 万元']]);
    expect(said('007', 'item.startBase')[0]).toEqual(['E2.1 工程质量:近 24 个月无园林绿化工程项目(INT-2),按基本分 18 万元起算', 'E2.1 工程质量: no landscaping project in the last 24 months (INT-2): starts from the base score, 18 万元']);
    expect(said('025', 'item.cap')).toEqual([['E2.1 工程质量:累计扣 24 万元,扣完 20 万元为止,超出的 4 万元不扣', 'E2.1 工程质量: 24 万元 deducted in all, deductions stop at 20 万元; the 4 万元 over are not deducted']]);
    expect(said('071', 'item.floor')).toEqual([['E5 合同履行:本项扣至 0 万元为止,不计负数(1.5 万元不扣)', 'E5 合同履行: the item stops at 0, never below (1.5 万元 not deducted)']]);
  });

  it('says the unit in a policy change too, and a change of unit', () => {
    const older = readJson<Ruleset>('rulesets/enterprise.json');
    const newer = changed((r) => {
      r.unit = '万元';
      r.indicators[1]!.items[0]!.clauses[2]!.points = -5;
    });
    expect(policyDiff(older, newer).map((c) => [c.message, c.en, c.unit])).toEqual([
      ['分值单位 分 → 万元', 'points counted in 分 → 万元', undefined],
      ['E2.1.3 一般质量事故: 每次扣 4 万元 → 5 万元', 'E2.1.3 一般质量事故: deducts 4 万元 each time → 5 万元', '万元'],
    ]);
  });
});
