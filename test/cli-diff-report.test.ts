/**
 * The review-meeting report of `credit-rules diff` through the built CLI (html, xlsx, csv in
 * either language, each moved case with why), and `credit-rules test --sensitivity` on a
 * deliberately weak case set.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, RULESET } from './cli-helpers.js';

const N4 = 'rulesets/enterprise-versions/enterprise-n4.json';
const CASES = 'rulesets/cases/enterprise';
const C103_WHY = 'E4.2 省园林优秀管理奖、省级AAA级守合同重信用:ev3(2019-12-20) 跨过期限边界:原加 2 分,现已过期限(计至 2020-12-31),不计';
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-report-'));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('credit-rules diff: why each case moved, and the report', () => {
  it('the table and markdown say why each moved case moved', () => {
    const table = cli(['diff', RULESET, N4, '--cases', CASES]).stdout;
    expect(table).toContain(`\n变化原因\n  C103  ${C103_WHY}\n`);
    const markdown = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'markdown']).stdout;
    expect(markdown).toMatch(/\| 变化原因 \|\n/);
    expect(markdown).toContain(`| AAA → AA+ | E4 2→0 | ${C103_WHY} |`);
  });

  it('--format html: one self-contained page that prints on A4, with policy changes, transitions, chart, reasons and near-line cases', () => {
    const file = join(tmp, 'report.html');
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'html', '--output', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // Nothing fetched: no script, no external stylesheet, image or font.
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@media print');
    expect(html).toContain('E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月');
    // The regulation's words the changed clause cites.
    expect(html).toContain('(1)近2年获市建筑业重点骨干企业');
    expect(html).toMatch(/<td class="down">AAA → AA\+<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<svg class="chart"[^>]*>.*<title>AAA: 1<\/title>.*<title>AAA: 0<\/title>/s);
    expect(html).toContain(`<li>${C103_WHY}</li>`);
    expect(html).toContain('新版本下距等级线 1 分以内的案例（63）');
  });

  it('--format html --lang en speaks English', () => {
    const html = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'html', '--lang', 'en']).stdout;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('E4.2 省园林优秀管理奖、省级AAA级守合同重信用: ev3 (2019-12-20) crosses the window edge: now outside it (counted until 2020-12-31), before +2');
  });

  it('--format xlsx: the same as sheets, read back with read-excel-file', async () => {
    const file = join(tmp, 'report.xlsx');
    expect(cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'xlsx', '--output', file]).status).toBe(0);
    const sheets = await readXlsxFile(readFileSync(file));
    expect(sheets.map((s) => s.sheet)).toEqual(['规则集比较报告', '政策变化', '变化的案例', '等级变化', '等级分布', '邻近等级线', '降级期内']);
    const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data;
    expect(sheet('政策变化')[1]).toEqual(['E4.1', '市级荣誉、省级AA级守合同重信用', 'E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月', null]);
    const moved = sheet('变化的案例');
    expect(moved[0]).toEqual(['标识', '名称', '评价日', '原得分', '原等级', '新得分', '新等级', '变化', '等级变化', '变化原因']);
    expect(moved).toHaveLength(14);
    expect(moved[1]!.slice(3)).toEqual([90, 'AAA', 88, 'AA+', -2, 'AAA → AA+', C103_WHY]);
    expect(sheet('等级变化').slice(1)).toEqual([['AAA', 'AA+', 1], ['AA+', 'AA', 1]]);
    expect(sheet('等级分布').slice(1)).toEqual([['AAA', 1, 0], ['AA+', 14, 14], ['AA', 46, 47], ['A', 78, 78], ['B', 20, 20]]);
  });

  it('--format xlsx to a terminal is refused; to a file that cannot be written, no half-written file', () => {
    const bad = join(tmp, 'no-such-folder', 'report.xlsx');
    const run = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'xlsx', '--output', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/report\.xlsx.*cannot be written/);
  });

  it('--format csv: headers in the chosen language, the policy changes first', () => {
    const zh = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'csv']).stdout.split('\r\n');
    expect(zh[0]).toBe('\uFEFF类型,标识,名称,来源,评价日,原得分,原等级,新得分,新等级,变化,等级变化,原计分表得分,新计分表得分,原降级,新降级,邻近等级线,距等级线,错误,得分变化的计分项,说明（变化原因）');
    expect(zh[1]).toBe('政策变化,E4.1,市级荣誉、省级AA级守合同重信用,,,,,,,,,,,,,,,,,E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月');
    expect(zh[4]).toBe(`案例,C103,加分12、扣0.3+0.6+0.6+0.5后恰为90.0:AAA,rulesets/cases/enterprise/103-exactly-90.json,2021-06-30,90,AAA,88,AA+,-2,AAA→AA+,90,88,否,否,,,,E4 2→0,"${C103_WHY}"`);
    const en = cli(['diff', RULESET, N4, '--cases', CASES, '--format', 'csv', '--lang', 'en']).stdout.split('\r\n');
    expect(en[0]).toBe('\uFEFFkind,id,name,source,evaluated on,old score,old grade,new score,new grade,change,grade change,old table score,new table score,old downgraded,new downgraded,near grade line,distance to line,error,items that moved,explanation (why it moved)');
    expect(en[1]).toBe('policy change,E4.1,市级荣誉、省级AA级守合同重信用,,,,,,,,,,,,,,,,,E4.1 市级荣誉、省级AA级守合同重信用: counts for 24 months → 12 months');
    expect(en).toHaveLength(3 + 159 + 2);
  });
});

describe('credit-rules test --sensitivity', () => {
  it('on a weak case set (full scores; one accident on the last day of its window) names the numbers no case pins', () => {
    const run = cli(['test', RULESET, '--cases', 'test/fixtures/sensitivity-weak', '--allow-unexercised', '--sensitivity'], { timeout: 170_000 });
    expect(run.status).toBe(0);
    const out = run.stdout;
    // The accident counts on the window's last day: 59 months drops it (noticed), 61 changes nothing (unnoticed).
    expect(out).toContain('  ✗ E2.1.3 windowMonths 60 → 61 unnoticed ($.indicators[1].items[0].clauses[2].window.months)\n      no case has an event of E2.1.3 at the 60-month edge: one lapsed in the month after it\n');
    // Its points are pinned (76 would be 75.9 or 76.1); a larger accident's are not.
    expect(out).not.toMatch(/✗ E2\.1\.3 points/);
    expect(out).toMatch(/✗ E2\.1\.4 points -8 → -8\.1 or -7\.9 unnoticed/);
    // Scores 80 and 76: the AA line (80) is pinned from above only, the AAA line not at all.
    expect(out).toContain('  ✗ AAA gradeLine 90 → 89.9 or 90.1 unnoticed ($.grades[0].min)\n      no case scores just under the AAA line of 90 (89.9 to 90) nor exactly on the AAA line of 90\n');
    expect(out).toContain('  ✗ AA gradeLine 80 → 79.9 unnoticed ($.grades[2].min)\n');
    expect(out).toContain('    E2.1 itemCap 20 → 20.1: past the full score of 20, where the floor at 0 stops deductions first\n');
  }, 180_000);
});
