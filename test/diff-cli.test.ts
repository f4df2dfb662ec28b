/**
 * `credit-rules diff` through the built CLI: files, folders of versions and git revisions;
 * each format; --fail-on-grade-change; the time it takes on 100,000 records.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../engine/cli/formats/width.js';
import type { Ruleset } from '../engine/index.js';
import { cli, ensureBuilt, RULESET } from './cli-helpers.js';
import { generateRecords } from './support/generate.js';
import { readJson } from './support/load.js';

const N4 = 'rulesets/enterprise-versions/enterprise-n4.json';
const FOLDER = 'rulesets/enterprise-versions';
const CASES = 'rulesets/cases/enterprise';
const HONOURS_LINES = [
  'E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月',
  'E4.2 省园林优秀管理奖、省级AAA级守合同重信用: 期限 36 个月 → 12 个月',
];
/** The cases the N4 reading moves, the largest change first (worked out in test/diff.test.ts). */
const MOVED = ['C103', 'C148', 'C055', 'C138', 'C144', 'C145', 'C053', 'C054', 'C056', 'C137', 'C139', 'C140', 'C154'];

let tmp: string;
let minusFive: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-diff-'));
  const ruleset = readJson<Ruleset>(RULESET);
  ruleset.indicators[1]!.items[0]!.clauses.find((c) => c.id === 'E2.1.3')!.points = -5;
  ruleset.version = '2021.1-e2.1.3';
  minusFive = join(tmp, 'minus-five.json');
  writeFileSync(minusFive, JSON.stringify(ruleset));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The ids of the rows of the first table after "对案例的影响". */
function changedIds(table: string): string[] {
  // The table ends where why each case moved begins (or, with none, at the grade transitions).
  const end = table.indexOf('\n变化原因\n');
  const section = table.slice(table.indexOf('对案例的影响'), end >= 0 ? end : table.indexOf('\n等级变化'));
  return section.split('\n').slice(3).filter(Boolean).map((line) => line.split(/\s+/)[0]!);
}

describe('credit-rules diff OLD NEW --cases PATH', () => {
  it('prints the N4 honours change in policy terms and exactly the cases it moves', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    for (const line of HONOURS_LINES) expect(run.stdout).toContain(`  ${line}\n`);
    expect(run.stdout).toContain('政策变化（3 项）');
    expect(run.stdout).toContain('旧版本  enterprise 2021.1（正式，2021-02-19 起） rulesets/enterprise.json');
    expect(run.stdout).toContain('新版本  enterprise 2021.1-n4（草案，2021-02-19 起） rulesets/enterprise-versions/enterprise-n4.json');
    expect(run.stdout).toContain('对案例的影响：共 159 个案例，得分或等级变化 13 个，等级变化 2 个，不变 146 个，另有 2 个降级期内结果不变、计分表得分变化');
    expect(changedIds(run.stdout)).toEqual(MOVED);
    expect(run.stdout).toMatch(/\n等级变化\n {2}AAA → AA\+ {2}1 个\n {2}AA\+ → AA {2}1 个\n/);
    expect(run.stdout).toMatch(/C132 .* 80 AA（降级） +82 +80 +▼2 {2}E4 2→0\n/);
  });

  it('aligns the table by display width, Chinese taking two columns', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES]);
    const lines = run.stdout.slice(run.stdout.indexOf('标识')).split('\n');
    const header = lines[0]!;
    const end = displayWidth(header.slice(0, header.indexOf('变化') + 2));
    const rows = lines.slice(2, 2 + MOVED.length);
    for (const row of rows) expect([row, displayWidth(row.slice(0, row.search(/▼\d+(\.\d+)?/) + row.match(/▼\d+(\.\d+)?/)![0].length))]).toEqual([row, end]);
    expect(rows[0]).toMatch(/^C103 .* 2021-06-30 +90 {2}AAA +88 {2}AA\+ +▼2 {2}AAA → AA\+ {2}E4 2→0$/);
  });

  it('takes a folder of versions: the version in force, or the one named', () => {
    const same = cli(['diff', RULESET, FOLDER, '--cases', CASES]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('新版本  enterprise 2021.1（正式，2021-02-19 起） rulesets/enterprise-versions');
    expect(same.stdout).toContain('政策变化（0 项）\n  无：两个版本的计分规则相同');
    expect(same.stdout).toContain('得分或等级变化 0 个');
    const named = cli(['diff', FOLDER, FOLDER, '--new-version', '2021.1-n4', '--cases', CASES, '--format', 'json']);
    expect(named.status).toBe(0);
    const body = JSON.parse(named.stdout);
    expect([body.old.version, body.new.version, body.new.status]).toEqual(['2021.1', '2021.1-n4', 'draft']);
    expect(body.impact.rows.filter((r: { scoreChanged: boolean }) => r.scoreChanged).map((r: { id: string }) => r.id)).toEqual(MOVED);
    const none = cli(['diff', FOLDER, N4, '--cases', CASES, '--as-of', '2020-12-31']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^NO_RULESET_IN_FORCE: rulesets\/enterprise-versions: no version of ruleset enterprise is in force on 2020-12-31/);
  });

  it('reads REV:PATH with git show, and says clearly when it cannot', () => {
    const run = cli(['diff', `HEAD:${RULESET}`, N4, '--cases', CASES]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('旧版本  enterprise 2021.1（正式，2021-02-19 起） HEAD:rulesets/enterprise.json');
    for (const line of HONOURS_LINES) expect(run.stdout).toContain(line);
    expect(changedIds(run.stdout)).toEqual(MOVED);
    expect(cli(['diff', `HEAD:${RULESET}`, RULESET, '--cases', CASES]).stdout).toContain('政策变化（0 项）');

    const badRev = cli(['diff', 'no-such-rev:rulesets/enterprise.json', RULESET, '--cases', CASES]);
    expect(badRev.status).toBe(1);
    expect(badRev.stderr).toMatch(/^FILE_UNREADABLE: no-such-rev:rulesets\/enterprise\.json: no revision "no-such-rev" in this git repository — name a commit/);
    const badPath = cli(['diff', 'HEAD:rulesets/nothing.json', RULESET, '--cases', CASES]);
    expect(badPath.stderr).toMatch(/^FILE_UNREADABLE: HEAD:rulesets\/nothing\.json: revision HEAD has no rulesets\/nothing\.json — give the path from the repository root/);
    const mixedFolder = cli(['diff', 'HEAD:rulesets', RULESET, '--cases', CASES]);
    expect(mixedFolder.stderr).toMatch(/^FILE_UNREADABLE: HEAD:rulesets: .*not .* a folder of versions of one ruleset: it holds rulesets driver-licence-points \(driver-licence-points\.json\), enterprise \(enterprise\.json\), project-lead \(project-lead\.json\)/);
    const noGit = cli(['diff', `HEAD:${RULESET}`, RULESET, '--cases', CASES], { env: { PATH: join(tmp, 'no-bin') } });
    expect(noGit.status).toBe(1);
    expect(noGit.stderr).toMatch(/^FILE_UNREADABLE: HEAD:rulesets\/enterprise\.json: git is not installed \(or not on the PATH\)/);
  });

  it('--format json: the policy changes, the counts and every case', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'json']);
    expect(run.status).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.old).toMatchObject({ source: RULESET, id: 'enterprise', version: '2021.1', status: 'official' });
    expect(body.policy.filter((c: { section: string }) => c.section === 'clause').map((c: { message: string }) => c.message)).toEqual(HONOURS_LINES);
    expect(body.impact).toMatchObject({
      total: 159, compared: 159, changed: 13, gradeChanged: 2, computedOnly: 2, unreadable: 0,
      transitions: [{ from: 'AAA', to: 'AA+', count: 1 }, { from: 'AA+', to: 'AA', count: 1 }],
    });
    expect(body.impact.rows).toHaveLength(159);
    expect(body.impact.rows[0]).toMatchObject({ id: 'C103', asOf: '2021-06-30', old: { score: 90, grade: 'AAA' }, new: { score: 88, grade: 'AA+' }, change: -2, gradeChanged: true });
    expect(body.impact.nearLines).toContain('C104');
  });

  it('--format csv: one row per case, RFC 4180 with a BOM', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('\uFEFF类型,标识,名称,来源,评价日,原得分,原等级,新得分,新等级,变化,等级变化,')).toBe(true);
    const lines = run.stdout.split('\r\n');
    expect(lines).toHaveLength(3 + 159 + 2); // header, 3 policy changes, rows, and the empty string after the last CRLF
    expect(lines[4]).toMatch(/^案例,C103,[^,]+,rulesets\/cases\/enterprise\/103-exactly-90\.json,2021-06-30,90,AAA,88,AA\+,-2,AAA→AA\+,90,88,否,否,,,,E4 2→0,"E4\.2 /);
    expect(lines.find((l) => l.startsWith('案例,C138,'))).toMatch(/^案例,C138,"综合:降级已满6个月,按计分表重新计算",/);
  });

  it('--format csv: text a spreadsheet would run as a formula is written after an apostrophe', () => {
    const records = join(tmp, 'formula.json');
    const record = JSON.parse(readFileSync('test/fixtures/records/three.json', 'utf8'))[0];
    writeFileSync(records, JSON.stringify([{ ...record, id: '=C021', name: '=HYPERLINK("x")' }]));
    const row = cli(['diff', RULESET, minusFive, '--cases', records, '--format', 'csv', '--as-of', '2021-06-30']).stdout.split('\r\n')[2]!;
    expect(row.startsWith(`案例,'=C021,"'=HYPERLINK(""x"")",`)).toBe(true);
  });

  it('notices two sides with one version number: the same version, or a copy not renumbered', () => {
    expect(cli(['diff', RULESET, RULESET, '--cases', CASES]).stdout).toContain('\n注意：两边是同一版本（enterprise 2021.1），计分规则完全相同\n');
    const copy = join(tmp, 'copy.json');
    writeFileSync(copy, JSON.stringify({ ...(JSON.parse(readFileSync(minusFive, 'utf8')) as Ruleset), version: '2021.1' }));
    expect(cli(['diff', RULESET, copy, '--cases', CASES, '--format', 'markdown']).stdout).toContain('\n> 注意：两边的版本号都是 2021.1，请给新版本另编版本号，以免混淆\n');
    expect(cli(['diff', RULESET, minusFive, '--cases', CASES]).stdout).not.toContain('注意');
  });

  it('refuses, in one line, to compare the tables of two kinds of entity', () => {
    const run = cli(['diff', RULESET, 'rulesets/project-lead.json', '--cases', CASES]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^credit-rules: rulesets\/enterprise\.json scores enterprise records and rulesets\/project-lead\.json projectLead records: they are not versions of one table/);
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('--format markdown: headings, the policy lines as a list, tables', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'markdown', '--limit', '3']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# 规则集比较：enterprise 2021\.1 → enterprise 2021\.1-n4\n/);
    for (const line of HONOURS_LINES) expect(run.stdout).toContain(`- ${line}\n`);
    expect(run.stdout).toContain('| 标识 | 名称 | 评价日 | 原得分 | 原等级 | 新得分 | 新等级 | 变化 | 等级变化 |');
    expect(run.stdout).toMatch(/\n\| C103 \| .* \| 2021-06-30 \| 90 \| AAA \| 88 \| AA\+ \| ▼2 \| AAA → AA\+ \| E4 2→0 \| E4\.2 .*跨过期限边界.* \|\n/);
    expect(run.stdout).toContain('… 还有 10 个未列出');
    expect(run.stdout).toContain('| AAA | AA+ | 1 |');
  });

  it('--lang en: the table in English, the same cases and numbers, Chinese only in the data (labels, names)', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('old version  enterprise 2021.1 (official, from 2021-02-19) rulesets/enterprise.json\n');
    expect(run.stdout).toContain('new version  enterprise 2021.1-n4 (draft, from 2021-02-19) rulesets/enterprise-versions/enterprise-n4.json\n');
    expect(run.stdout).toContain('\nPolicy changes (3)\n  E4.1 市级荣誉、省级AA级守合同重信用: counts for 24 months → 12 months\n');
    expect(run.stdout).toContain('\nImpact on the cases — 159 cases: 13 move in score or grade, 2 change grade, 146 unchanged, 2 more whose table score moves while a downgrade keeps their result\n');
    const table = run.stdout.slice(run.stdout.indexOf('\nid '));
    const ids = table.slice(0, table.indexOf('\nwhy it moved\n')).split('\n').slice(3).filter(Boolean).map((line) => line.split(/\s+/)[0]!);
    expect(ids).toEqual(MOVED);
    expect(table).toMatch(/^\nid +name +evaluated on +old score +old grade +new score +new grade +change +grade change +items that moved\n/);
    expect(table).toMatch(/\nC103 .* 2021-06-30 +90 {2}AAA +88 {2}AA\+ +▼2 {2}AAA → AA\+ +E4 2→0\n/);
    expect(run.stdout).toMatch(/\n {2}C103 {2}E4\.2 .*: ev3 \(2019-12-20\) crosses the window edge: now outside it \(counted until 2020-12-31\), before \+2\n/);
    expect(run.stdout).toMatch(/\nGrade transitions\n {2}AAA → AA\+ {2}1 case\n {2}AA\+ → AA {2}1 case\n/);
    expect(run.stdout).toContain('\nCases whose table score moves while a downgrade keeps their result (6 months after the downgrade the new table decides)\n');
    expect(run.stdout).toMatch(/C132 .* 80 AA \(downgraded\) +82 +80 +▼2 {2}E4 2→0\n/);
    expect(run.stdout).toMatch(/\nCases within 1 of a grade line under the new version \(\d+\)\nid +name +evaluated on +new score +new grade +grade line +distance\n/);
    // Nothing of the report's own wording is left in Chinese: Chinese is only in the data (a title, a clause's label after its id, a case's name after its id).
    const own = run.stdout.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line) && !/^\s*(title |E\d[\d.]* |INT-\d+ |C\d{3} )/.test(line));
    expect(own).toEqual([]);
    // Chinese stays the default, and says the same.
    expect(cli(['diff', RULESET, N4, '--cases', CASES]).stdout).toContain('对案例的影响：共 159 个案例，得分或等级变化 13 个');
  });

  it('--lang en: markdown in English; the notices too', () => {
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'markdown', '--limit', '3', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Ruleset comparison: enterprise 2021\.1 → enterprise 2021\.1-n4\n\n\| {2}\| version \| status \| in force \| source \|\n/);
    expect(run.stdout).toContain('| old version | 2021.1 | official | from 2021-02-19 | rulesets/enterprise.json |\n');
    expect(run.stdout).toContain('\n## Policy changes (3)\n\n- E4.1 市级荣誉、省级AA级守合同重信用: counts for 24 months → 12 months\n');
    expect(run.stdout).toContain('\nVersion: title ');
    expect(run.stdout).toContain('\n## Impact on the cases\n\n159 cases: 13 move in score or grade, 2 change grade, 146 unchanged, 2 more whose table score moves while a downgrade keeps their result\n');
    expect(run.stdout).toContain('| id | name | evaluated on | old score | old grade | new score | new grade | change | grade change | items that moved | why it moved |');
    expect(run.stdout).toMatch(/\n\| C103 \| .* \| 2021-06-30 \| 90 \| AAA \| 88 \| AA\+ \| ▼2 \| AAA → AA\+ \| E4 2→0 \| E4\.2 .*crosses the window edge.* \|\n/);
    expect(run.stdout).toContain('… 10 more not listed (--limit 0 lists all, or use --format csv or json)\n');
    expect(run.stdout).toContain('\n## Grade transitions\n\n| old grade | new grade | cases |\n| --- | --- | ---: |\n| AAA | AA+ | 1 |\n');
    expect(run.stdout).toContain('\n## Cases whose table score moves while a downgrade keeps their result\n');
    expect(run.stdout).toMatch(/\n## Cases within 1 of a grade line under the new version \(\d+\)\n/);
    expect(cli(['diff', RULESET, RULESET, '--cases', CASES, '--format', 'markdown', '--lang', 'en']).stdout).toContain('\n> note: both sides are the same version (enterprise 2021.1) and score alike\n\n## Policy changes (0)\n\nnone: the two versions score alike.\n');
    expect(cli(['diff', RULESET, RULESET, '--cases', CASES, '--lang', 'en']).stdout).toContain('\nGrade transitions\n  none\n');
  });

  it('--fail-on-grade-change exits 3 when a grade moves, 0 when none does', () => {
    const n4 = cli(['diff', RULESET, N4, '--cases', CASES, '--fail-on-grade-change']);
    expect(n4.status).toBe(3);
    expect(n4.stderr).toBe('credit-rules: 2 cases change grade (--fail-on-grade-change)\n');
    expect(n4.stdout).toContain('AAA → AA+');
    // −4 → −5 per general quality accident moves eight shipped cases by a point; C142's 60 falls to 59, below the A line.
    const five = cli(['diff', RULESET, minusFive, '--cases', CASES, '--fail-on-grade-change']);
    expect(five.status).toBe(3);
    expect(five.stderr).toBe('credit-rules: 1 case change grade (--fail-on-grade-change)\n');
    expect(five.stdout).toContain('  E2.1.3 一般质量事故: 每次扣 4 分 → 5 分\n    ⚠ 依据原文写的是“4 分”,与这里的 5 分不符:请核对这个数,或一并修改原文\n');
    expect(changedIds(five.stdout)).toEqual(['C142', 'C021', 'C091', 'C108', 'C138', 'C143', 'C150', 'C152']);
    expect(five.stdout).toContain('另有 7 个降级期内结果不变');
    expect(cli(['diff', RULESET, RULESET, '--cases', CASES, '--fail-on-grade-change']).status).toBe(0);
  });

  it('--fail-on-grade-change: broken input exits 1 even when a grade also moves', () => {
    const c142 = readJson<{ record: Record<string, unknown>; asOf: string }>(join(CASES, '142-base-score-edge-exactly-60.json'));
    const file = join(tmp, 'grade-and-broken.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...c142.record, asOf: c142.asOf })}\n{"id": broken\n`);
    const moved = cli(['diff', RULESET, minusFive, '--cases', file, '--fail-on-grade-change', '--format', 'json']);
    expect(JSON.parse(moved.stdout).impact).toMatchObject({ gradeChanged: 1, compared: 1, unreadable: 1 });
    expect(moved.stderr).toContain('credit-rules: 1 case change grade (--fail-on-grade-change)\n');
    expect(moved.status).toBe(1);
  });

  it('takes a records file: NDJSON evaluated on --as-of, and reports invalid records without stopping', () => {
    const base = { kind: 'enterprise', licence: { landscapingScope: true }, projects: [{ id: 'P1', permitDate: '2019-03-01', completionDate: '2020-12-31', contractAmount: 2_000_000 }] };
    const lines = [
      // E4.1 honour 18 months before D: +1 under the official table, lapsed under N4. 81 AA → 80 AA.
      { id: 'R1', ...base, events: [{ type: 'honour', date: '2019-12-15', honour: 'cityTopTen' }] },
      // E4.2 honour 30 months before D, plus a city award: 80 + 2 + 1 = 83 → 81.
      { id: 'R2', ...base, events: [{ type: 'honour', date: '2018-12-15', honour: 'provinceContractAAA' }, { type: 'qualityAward', date: '2021-01-10', award: 'city', project: 'P1' }] },
      { id: 'R3', ...base, events: [{ type: 'honour', date: '2021-02-30', honour: 'cityTopTen' }] },
    ];
    const file = join(tmp, 'records.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"id": broken\n');
    const run = cli(['diff', RULESET, N4, '--cases', file, '--as-of', '2021-06-30', '--format', 'json']);
    expect(run.status).toBe(1);
    const body = JSON.parse(run.stdout);
    const rows = Object.fromEntries(body.impact.rows.map((r: { id: string; old?: { score: number }; new?: { score: number } }) => [r.id, [r.old?.score, r.new?.score]]));
    expect(rows).toEqual({ R1: [81, 80], R2: [83, 81], R3: [undefined, undefined] });
    expect(body.impact).toMatchObject({ total: 3, compared: 2, invalid: 1, unreadable: 1 });
    expect(run.stderr).toMatch(/RECORD_INVALID: .*records\.ndjson:3, record R3: the record is invalid\n {2}\$\.events\[0\]\.date/);
    expect(run.stderr).toMatch(/JSON_INVALID: .*records\.ndjson:4/);
    expect(run.stderr).toMatch(/credit-rules: 2 of 4 compared; 2 could not be/);
    // The report's error keeps its catalogue headline, so standard error can say it in Chinese.
    expect(body.impact.rows.find((r: { id: string }) => r.id === 'R3').errors.old.headline).toEqual({ code: 'record.invalid', params: {} });
    const chinese = cli(['diff', RULESET, N4, '--cases', file, '--as-of', '2021-06-30', '--format', 'json', '--lang', 'zh-CN']);
    expect(chinese.stderr).toMatch(/RECORD_INVALID: .*records\.ndjson:3[^\n]*R3[^\n]*记录有误\n {2}\$\.events\[0\]\.date/);
    expect(chinese.stderr).toContain('credit-rules:共 4 个,比较了 2 个,2 个无法比较(原因见上)');
    expect(chinese.stderr).not.toMatch(/the record is invalid|compared/);
    // The table says so in the summary, in either language.
    const summary = (lang: string) => cli(['diff', RULESET, N4, '--cases', file, '--as-of', '2021-06-30', '--lang', lang]).stdout.split('\n').find((line) => /^(对案例的影响|Impact on the cases)/.test(line));
    expect(summary('zh-CN')).toBe('对案例的影响：共 4 个案例，得分或等级变化 2 个，等级变化 0 个，不变 0 个，无法比较 2 个（原因见标准错误输出）');
    expect(summary('en')).toBe('Impact on the cases — 4 cases: 2 move in score or grade, 0 change grade, 0 unchanged, 2 could not be compared (see standard error)');
  });

  it('says what is wrong with the command line (exit 2)', () => {
    expect(cli(['diff', RULESET, N4]).stderr).toMatch(/diff needs --cases PATH/);
    expect(cli(['diff', RULESET, '--cases', CASES]).status).toBe(2);
    expect(cli(['diff', RULESET, N4, RULESET, '--cases', CASES]).status).toBe(2);
    expect(cli(['diff', RULESET, N4, '--cases', CASES, '--as-of', '2021-02-30']).status).toBe(2);
    expect(cli(['diff', RULESET, N4, '--cases', CASES, '--limit', 'all']).status).toBe(2);
    expect(cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'yaml']).stderr).toMatch(/is not one of table, json, csv, markdown, html, xlsx/);
    expect(cli(['diff', '--help']).stdout).toContain('Usage: credit-rules diff OLD NEW --cases PATH');
  });
});

describe('credit-rules diff on 100,000 records', () => {
  it('runs in seconds (printed, not asserted tightly)', () => {
    const ruleset = readJson<Ruleset>(RULESET);
    const file = join(tmp, 'records-100k.ndjson');
    const records = generateRecords(2024, 100_000, ruleset.eventTypes, { asOf: '2021-06-30' });
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const started = performance.now();
    const run = cli(['diff', RULESET, N4, '--cases', file, '--as-of', '2021-06-30', '--format', 'csv'], { timeout: 170_000 });
    const seconds = (performance.now() - started) / 1000;
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\r\n').filter((l) => l.startsWith('案例,')).length;
    expect(rows).toBe(100_000);
    const moved = run.stdout.split('\r\n').filter((l) => /^案例,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,-/.test(l)).length;
    console.log(`credit-rules diff: 100,000 records (${(readFileSync(file).length / 1e6).toFixed(0)} MB NDJSON) in ${seconds.toFixed(1)} s, ${moved} scores changed`);
    expect(seconds).toBeLessThan(120);
  }, 240_000);
});
