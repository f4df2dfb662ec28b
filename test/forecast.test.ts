/**
 * Forecasts of shipped cases, worked out by hand from their notes; versions; the library's
 * errors; the README's console session, run as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, CreditRulesError, evaluate, explain, forecast, loadRuleset, type Ruleset, type TraceEntry } from '../engine/index.js';
import { runInProcess } from './support/inProcessCli.js';
import { readJson, root, shippedRuleset } from './support/load.js';
import { applicant, subsidyRuleset } from './language/subsidy.js';

const { json, compiled } = shippedRuleset('enterprise');
const sample = (file: string) => readJson<{ asOf: string; record: Record<string, unknown> }>(`rulesets/cases/enterprise/${file}`);

describe('the forecast of a shipped case', () => {
  const c145 = sample('145-vetoes-quality-and-wage-safety-lapsed.json');
  const f = forecast(compiled, c145.record, { asOf: c145.asOf });

  it('gives each date the score or grade changes on, with the trace lines new that day', () => {
    expect(f.steps.map((s) => [s.date, s.score, s.grade, s.change])).toEqual([
      ['2024-06-30', 46, 'B', 0],
      // The E2.1.5 veto of 2019-06-15 counts five years, to the end of 2024-06: E2 gets its 21 points back.
      ['2024-07-01', 65, 'A', 19],
      ['2024-08-01', 79.5, 'A', 14.5],
      ['2025-02-01', 82.5, 'AA', 3],
      ['2026-02-01', 81.5, 'AA', -1],
      ['2026-03-01', 81, 'AA', -0.5],
      ['2026-04-01', 77, 'A', -4],
      // P1, permitted 2023-01-01 without a completion date, runs to 2025-01-01 (N3); 24 months later it is no recent project.
      ['2027-01-02', 67, 'A', -10],
    ]);
    expect(f.complete).toBe(true);
    const first = f.steps[1]!.reasons as TraceEntry[];
    expect(first.map((r) => [r.code, r.clause, r.events])).toEqual([
      ['window.lapsed', 'E2.1.5', ['qa1']],
      ['window.lapsed', 'E4.2', ['h1']],
    ]);
    expect(first[0]!.message).toBe('E2.1.5 重大以上质量事故:qa1(2019-06-15) 不计:有效期已过(计至 2024-06-30)');
    expect(first[0]!.en).toBe(explain(first[0]!, 'en'));
    expect(first[0]!.text).toBe(json.indicators[1]!.items[0]!.clauses.find((c) => c.id === 'E2.1.5')!.citation.text);
    expect(f.steps.at(-1)!.reasons.map((r) => r.code)).toEqual(Array(5).fill('item.startBase'));
  });

  it('says when each higher grade comes back, or why never', () => {
    expect(f.restore.map((r) => [r.grade, r.date, r.note.code])).toEqual([
      ['A', '2024-07-01', 'restore.reached'],
      ['AA', '2025-02-01', 'restore.reached'],
      ['AA+', null, 'restore.never'],
      ['AAA', null, 'restore.never'],
    ]);
    const never = f.restore[2]!;
    expect(never.note.message).toBe('AA+ 级(85 分以上):不会恢复,因为 2027-01-02 起不再有变化,得分停在 67 分');
    expect(never.note.en).toBe('AA+ (85 points or more): never, because nothing changes any more from 2027-01-02 and the score stays at 67');
    // The base score on five items, and the blacklisting without an end date.
    expect(never.standing.map((l) => [l.code, l.clause])).toEqual([
      ['item.startBase', 'E2.1'], ['item.startBase', 'E3.1'], ['item.startBase', 'E5'], ['item.startBase', 'E6.1'], ['item.startBase', 'E7'],
      ['clause.points', 'E7.2'],
    ]);
  });

  it('names the one event whose absence gives a higher grade today: the veto, not the lapsed especially major safety accident', () => {
    expect(f.without.map((w) => [w.event, w.score, w.grade, w.gain])).toEqual([['qa1', 67, 'A', 21]]);
    expect(f.without[0]!.lines.map((l) => l.code)).toEqual(['veto']);
    expect(f.without[0]!.note.message).toBe('若没有 qa1(2019-06-15 工程质量事故),2024-06-30 得分 67 分(多 21 分),等级 A');
  });

  it('ends the timeline at --until and says it is not the last change; what restores a grade still looks further', () => {
    const cut = forecast(compiled, c145.record, { asOf: c145.asOf, until: '2025-01-31' });
    expect(cut.steps.map((s) => s.date)).toEqual(['2024-06-30', '2024-07-01', '2024-08-01']);
    expect(cut.complete).toBe(false);
    expect(cut.restore.map((r) => r.date)).toEqual(['2024-07-01', '2025-02-01', null, null]);
  });

  it('shows a downgrade running its six months (D4) and the table deciding again', () => {
    const c153 = sample('153-d2-bribery-before-6-months.json');
    const d = forecast(compiled, c153.record, { asOf: c153.asOf });
    expect(d.steps.slice(0, 2).map((s) => [s.date, s.score, s.grade, s.downgraded])).toEqual([
      ['2023-12-29', 40, 'B', true],
      ['2023-12-30', 74.5, 'A', false],
    ]);
    expect(d.steps[1]!.reasons.map((r) => r.code)).toContain('downgrade.expired');
    // The licence is valid until 2023-12-30: E1 is lost the day after, a condition on asOf.
    expect(d.steps[2]!.date).toBe('2023-12-31');
    expect(d.steps[2]!.reasons.map((r) => (r as TraceEntry).clause)).toEqual(['E1']);
    expect(d.without.map((w) => [w.event, w.grade])).toEqual([['br1', 'AA']]);
  });
});

describe('a folder of versions', () => {
  // A second version from 2022-01-01 whose E4.2 honours count 6 months instead of 36, and a third from 2023-01-01 with 12.
  const v1: Ruleset = { ...structuredClone(json), effectiveTo: '2021-12-31' };
  const v2: Ruleset = structuredClone(json);
  Object.assign(v2, { version: `${json.version}-b`, effectiveFrom: '2022-01-01', supersedes: json.version });
  const e42 = v2.indicators.find((i) => i.id === 'E4')!.items[0]!.clauses.find((c) => c.id === 'E4.2')!;
  e42.window = { months: 6 };
  const v3: Ruleset = structuredClone(v2);
  Object.assign(v3, { version: `${json.version}-c`, effectiveFrom: '2023-01-01', supersedes: v2.version });
  v3.indicators.find((i) => i.id === 'E4')!.items[0]!.clauses.find((c) => c.id === 'E4.2')!.window = { months: 24 };
  v2.effectiveTo = '2022-12-31';
  const versions = [loadRuleset(v1), loadRuleset(v2), loadRuleset(v3)];
  const record = { id: 'V', kind: 'enterprise', licence: { landscapingScope: true, validUntil: '2035-12-31' }, projects: [{ id: 'P1', permitDate: '2020-01-01' }], events: [{ id: 'h1', type: 'honour', date: '2021-03-01', honour: 'provinceManagementAward' }] };

  it('takes the version in force on each date, and says when another comes into force', () => {
    const f = forecast(versions, record, { asOf: '2021-06-30' });
    // The honour of 2021-03-01 stops counting when the 6-month version comes in, counts again under the 24-month one, to 2023-03-31.
    expect(f.steps.map((s) => [s.date, s.ruleset.version, s.change])).toEqual([
      ['2021-06-30', json.version, 0],
      ['2022-01-01', `${json.version}-b`, -2],
      ['2023-01-01', `${json.version}-c`, 2],
      ['2023-04-01', `${json.version}-c`, -2],
      ...f.steps.slice(4).map((s) => [s.date, `${json.version}-c`, s.change]),
    ]);
    const v = f.steps[1]!;
    expect(v.reasons[0]).toMatchObject({ code: 'forecast.version', params: { from: '2022-01-01', version: `${json.version}-b` } });
    expect(v.reasons[0]!.message).toBe(`自 2022-01-01 起适用 ${json.id} ${json.version}-b 版(正式)`);
    expect(v.reasons.slice(1).map((r) => r.code)).toEqual(['window.lapsed']);
    const inForce = (date: string) => versions.find((c) => c.ruleset.effectiveFrom <= date && date <= (c.ruleset.effectiveTo ?? '9999-12-31'))!;
    f.steps.forEach((step, k) => {
      expect(inForce(step.date).ruleset.version).toBe(step.ruleset.version);
      expect(evaluate(inForce(step.date), record, { asOf: step.date }).score).toBe(step.score);
      const before = addDays(step.date, -1);
      if (k > 0) expect(evaluate(inForce(before), record, { asOf: before }).score).toBe(f.steps[k - 1]!.score);
    });
  });
});

describe('conditions on the evaluation date, in a ruleset of another kind', () => {
  it('finds where a test of asOf against an event attribute, a parameter or a constant turns', () => {
    const ruleset = subsidyRuleset();
    ruleset.parameters.closes = { label: '截止日期', type: 'date', value: '2026-03-15', citation: { clause: '第五条', text: '2026年3月15日后不再奖励' } };
    const [award, platform] = [ruleset.indicators[0]!.items[0]!.clauses[0]!, ruleset.indicators[1]!.items[0]!.clauses[0]!];
    // An award counts while its application date has not passed, and only until the parameter's date.
    award.when = { all: [award.when, { fact: 'event', path: 'appliedOn', operator: 'dateOnOrAfter', value: { fact: 'asOf' } }, { fact: 'asOf', operator: 'dateOnOrBefore', value: { fact: 'parameters', path: 'closes' } }] };
    // A platform counts from a constant date on.
    platform.when = { all: [platform.when, { fact: 'asOf', operator: 'dateAfter', value: '2025-08-31' }] };
    const compiled = loadRuleset(ruleset);
    const record = applicant([
      { id: 'a1', type: 'award', date: '2025-03-01', level: 'national', appliedOn: '2025-10-20' },
      { id: 'a2', type: 'award', date: '2025-04-01', level: 'city', appliedOn: '2026-06-30' },
      { id: 'p1', type: 'platform', date: '2025-05-01' },
    ]);
    const f = forecast(compiled, record, { asOf: '2025-06-30' });
    expect(f.steps.map((s) => [s.date, s.score])).toEqual([
      ['2025-06-30', 110],
      ['2025-09-01', 140],
      ['2025-10-21', 40],
      ['2026-03-16', 30],
      ['2026-06-01', 0],
    ]);
    // Every day of the two years agrees.
    for (let date = '2025-06-30'; date <= '2027-06-30'; date = addDays(date, 1)) {
      expect(evaluate(compiled, record, { asOf: date }).score, date).toBe(f.steps.findLast((s) => s.date <= date)!.score);
    }
  });
});

describe('eligibility that depends on the evaluation date', () => {
  it('says, on the day it is regained, the line that no longer holds', () => {
    const ruleset = subsidyRuleset();
    ruleset.eligibility = {
      citation: { clause: '第二条', text: '2025年9月1日起受理申报' },
      requirements: [{ id: 'open', label: '已开始受理', when: { fact: 'asOf', operator: 'dateOnOrAfter', value: '2025-09-01' }, reason: '2025年9月1日起方可申报(第二条)' }],
    };
    const compiled = loadRuleset(ruleset);
    const f = forecast(compiled, applicant([{ id: 'p1', type: 'platform', date: '2025-05-01' }]), { asOf: '2025-06-30' });
    expect(f.steps.map((s) => [s.date, s.score, s.eligible])).toEqual([
      ['2025-06-30', 30, false],
      ['2025-09-01', 30, true],
      ['2026-06-01', 0, true],
    ]);
    expect(f.steps[1]!.reasons.map((r) => [r.code, r.message, r.en])).toEqual([
      ['forecast.gone', '此后不再:第二条 不具备评价资格,不评定等级:2025年9月1日起方可申报(第二条)', 'no longer: 第二条 not eligible for evaluation, no grade: 2025年9月1日起方可申报(第二条)'],
    ]);
  });
});

describe('errors', () => {
  it('refuses an invalid record with its problems, and bad arguments as usage errors', () => {
    expect(() => forecast(compiled, { id: 'X', kind: 'enterprise', events: [{ type: 'qualityAccident', date: '2021-02-30' }] }, { asOf: '2021-06-30' })).toThrow(
      expect.objectContaining({ code: 'RECORD_INVALID' }),
    );
    expect(() => forecast(json as never, {}, {})).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => forecast(compiled, { id: 'X', kind: 'enterprise' }, { asOf: '2021-06-30', until: '2021-01-01' })).toThrow(CreditRulesError);
    expect(() => forecast(compiled, { id: 'X', kind: 'enterprise' }, { asOf: 'tomorrow' })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('forecasts a record whose windows would end after 9999-12-31 up to the last date there is', () => {
    const record = { id: 'F', kind: 'enterprise', licence: { landscapingScope: true }, projects: [{ id: 'P1', permitDate: '2020-01-01' }], events: [{ id: 'e', type: 'qualityAccident', date: '9999-01-15', severity: 'general', project: 'P1' }] };
    const f = forecast(compiled, record, { asOf: '2021-06-30' });
    expect(f.steps.find((s) => s.date === '9999-01-15')?.change).toBe(-4);
    expect(f.steps.every((s) => s.date <= '9999-12-31')).toBe(true);
  });
});

describe("the README's forecast", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## When a grade comes back'));
  const block = /```console\n\$ npx credit-rules (.+)\n([\s\S]*?)```/.exec(section)!;

  it('is what the command prints', async () => {
    const { output, status } = await runInProcess(block[1]!.split(/\s+/), root);
    expect(status).toBe(0);
    expect(output).toBe(block[2]);
  });
});
