/**
 * `--lang` on the command line: evaluate's table and forecast's in Chinese (the default) or
 * English, from the catalogues; error headlines, problems and warnings in the chosen language
 * (English when no --lang is given, as before); JSON and CSV the same in either.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, FIXTURES, RULESET } from './cli-helpers.js';

const R = ['--ruleset', RULESET];
const records = `${FIXTURES}/records`;
const dir = mkdtempSync(join(tmpdir(), 'credit-rules-lang-'));

beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluate --format table --lang', () => {
  it('is Chinese by default, and --lang zh-CN says the same', () => {
    const chinese = cli(['evaluate', `${records}/three.json`, ...R, '--format', 'table']);
    expect(chinese.stdout.split('\n')[0]).toMatch(/^标识 +名称 +得分 +等级 +评价日 +营业执照/);
    expect(cli(['evaluate', `${records}/three.json`, ...R, '--format', 'table', '--lang', 'zh-CN']).stdout).toBe(chinese.stdout);
  });

  it('in English: the titles, the grade cells, the summary; the indicators keep the ruleset\'s labels', () => {
    const run = cli(['evaluate', `${records}/mixed.ndjson`, ...R, '--format', 'table', '--lang', 'en']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^id +name +score +grade +as of +营业执照 +工程质量/);
    expect(run.stdout).toMatch(/^E-0002 .* 60 {2}A downgraded \(table AA\) +2021-06-30 /m);
    expect(run.stdout).toMatch(/^line 2 +— {2}✗ invalid$/m);
    expect(run.stdout).toMatch(/^E-BAD .*✗ invalid$/m);
    expect(run.stdout).toContain("\n4 records, 2 scored, 1 of them decided by a downgrade (the score is the lowest of the grade downgraded to; the table's own grade in brackets), 2 invalid (why: see standard error)\n");
    expect(run.stdout).not.toMatch(/无效|降级|共 /);
  });

  it('an entity not graded', () => {
    const sample = JSON.parse(readFileSync('rulesets/cases/project-lead/003-ineligible-junior-title.json', 'utf8'));
    const args = ['evaluate', '-', '--ruleset', 'rulesets/project-lead.json', '--format', 'table', '--as-of', sample.asOf];
    const input = JSON.stringify(sample.record);
    expect(cli([...args, '--lang', 'en'], { input }).stdout).toMatch(/^PL-C003 .* 72 {2}— not graded /m);
    expect(cli(args, { input }).stdout).toMatch(/^PL-C003 .* 72 {2}— 不予定级 /m);
  });

  it('leaves JSON and CSV as they are', () => {
    for (const format of ['json', 'csv']) {
      const base = cli(['evaluate', `${records}/three.json`, ...R, '--format', format]).stdout;
      expect(cli(['evaluate', `${records}/three.json`, ...R, '--format', format, '--lang', 'en']).stdout).toBe(base);
      expect(cli(['evaluate', `${records}/three.json`, ...R, '--format', format, '--lang', 'zh-CN']).stdout).toBe(base);
    }
  });
});

describe('forecast --lang', () => {
  const CASE = 'rulesets/cases/enterprise/145-vetoes-quality-and-wage-safety-lapsed.json';

  it('in English: the heading, the columns, the reasons and notes in English, the labels as the ruleset writes them', () => {
    const out = cli(['forecast', CASE, ...R, '--lang', 'en']).stdout;
    const lines = out.split('\n');
    expect(lines[0]).toBe('C145 台州某园林绿化工程有限公司: from 2024-06-30, if nothing new happens');
    expect(lines[1]).toMatch(/^date +score +grade +change +reason$/);
    expect(lines[3]).toMatch(/^2024-06-30 +46 {2}B +evaluation date$/);
    expect(out).toContain('2025-02-01   82.5  AA         +3  E6.1.1 未按规定保障民工工资被通报: wv1 (2023-01-01) not counted: its period is over (counted until 2025-01-31)\n');
    expect(out).toContain('\nno change after this\n\nGrades restored\n  A (60 points or more): from 2024-07-01\n');
    expect(out).toContain('\nWithout one of these events the grade on 2024-06-30 would be higher\n  without qa1 (2019-06-15 工程质量事故): 67 on 2024-06-30 (+21), grade A\n');
    expect(out).not.toMatch(/恢复等级|评价日|不计|起,若无/);
  });

  it('is Chinese by default, the same as --lang zh-CN', () => {
    const chinese = cli(['forecast', CASE, ...R]).stdout;
    expect(chinese.split('\n')[0]).toBe('C145 台州某园林绿化工程有限公司:2024-06-30 起,若无新的事件');
    expect(cli(['forecast', CASE, ...R, '--lang', 'zh-CN']).stdout).toBe(chinese);
  });

  it('a timeline cut by --until says it goes on, in either language', () => {
    expect(cli(['forecast', CASE, ...R, '--until', '2025-01-01', '--lang', 'en']).stdout).toContain('\nstill changing after 2025-01-01 (leave out --until to see the last change)\n');
    expect(cli(['forecast', CASE, ...R, '--until', '2025-01-01']).stdout).toContain('\n2025-01-01 以后还会变化(不带 --until 可看到最后一次变化)\n');
  });
});

describe('messages in --lang (English without it)', () => {
  it('a ruleset that does not load: its headline and problems', () => {
    const ruleset = JSON.parse(readFileSync(RULESET, 'utf8'));
    ruleset.indicators[1].items[0].clauses[2].windw = ruleset.indicators[1].items[0].clauses[2].window;
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify(ruleset));
    const english = cli(['evaluate', `${records}/one.json`, '--ruleset', file]);
    expect(english.status).toBe(1);
    expect(english.stderr).toBe(`RULESET_INVALID: ${file}: the ruleset does not match schemas/ruleset.schema.json\n  $.indicators[1].items[0].clauses[2].windw: unknown field "windw"; did you mean "window"? — write "window" (or remove it)\n`);
    const chinese = cli(['evaluate', `${records}/one.json`, '--ruleset', file, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(1);
    expect(chinese.stderr).toBe(`RULESET_INVALID: ${file}:规则集不符合 schemas/ruleset.schema.json\n  $.indicators[1].items[0].clauses[2].windw: 不认识的字段“windw”(是否应为“window”?),请改正拼写或删除\n`);
  });

  it('invalid records, and the count at the end', () => {
    const english = cli(['evaluate', `${records}/mixed.ndjson`, ...R, '--format', 'table']);
    expect(english.stderr).toContain(`RECORD_INVALID: ${records}/mixed.ndjson:3, record E-BAD: the record is invalid\n`);
    expect(english.stderr).toContain('credit-rules: 2 of 4 records scored; 2 invalid (no score)');
    const chinese = cli(['evaluate', `${records}/mixed.ndjson`, ...R, '--format', 'table', '--lang', 'zh-CN']);
    expect(chinese.stderr).toContain(`JSON_INVALID: ${records}/mixed.ndjson:2:JSON 格式有误(第 52 列)\n  $.events[0]: 文本在应有值的地方结束了\n`);
    expect(chinese.stderr).toContain(`RECORD_INVALID: ${records}/mixed.ndjson:3,记录 E-BAD:记录有误\n  $.events[0].date: "2021-02-30" 不是真实的日期,请按 YYYY-MM-DD 填写\n`);
    expect(chinese.stderr).toContain('credit-rules:共 4 条记录,已评分 2 条;无效 2 条(不评分)');
    expect(chinese.status).toBe(1);
  });

  it('the period warning and an unknown event type', () => {
    const record = { ...JSON.parse(readFileSync(`${records}/one.json`, 'utf8')), asOf: '2020-02-29' };
    record.events = [...record.events, { type: 'treePlanting', date: '2020-01-01' }];
    const input = JSON.stringify(record);
    const english = cli(['evaluate', '-', ...R, '--format', 'table'], { input });
    expect(english.stderr).toContain('warning: <stdin>, record E-0001: evaluated on 2020-02-29, outside the period of ruleset enterprise 2021.1 (in force from 2021-02-19)');
    expect(english.stderr).toMatch(/warning: <stdin>, record E-0001: \$\.events\[\d+\]\.type: event type "treePlanting" is not used by ruleset enterprise; it scores nothing/);
    const chinese = cli(['evaluate', '-', ...R, '--format', 'table', '--lang', 'zh-CN'], { input });
    expect(chinese.stderr).toContain('警告:<stdin>,记录 E-0001:评价日 2020-02-29 不在规则集 enterprise 2021.1 的有效期(2021-02-19 起)内:得分是这个版本给出的,未必是该日有效的规则\n');
    expect(chinese.stderr).toMatch(/警告:<stdin>,记录 E-0001:\$\.events\[\d+\]\.type: 规则集 enterprise 没有事件类型“treePlanting”,它不计分/);
    expect(chinese.stdout).toBe(english.stdout);
  });

  it("a case file's schema problems (test, validate)", () => {
    const sample = JSON.parse(readFileSync('rulesets/cases/enterprise/001-baseline-full-scores.json', 'utf8'));
    sample.asOf = '2021-13-01';
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(sample));
    const english = cli(['test', RULESET, '--cases', file, '--allow-unexercised']);
    expect(english.stdout).toContain(`CASE_INVALID: ${file}: the case does not match schemas/case.schema.json\n      $.asOf: "2021-13-01" is not a real calendar date — write a real calendar date as YYYY-MM-DD`);
    const chinese = cli(['test', RULESET, '--cases', file, '--allow-unexercised', '--lang', 'zh-CN']);
    expect(chinese.stdout).toContain(`CASE_INVALID: ${file}:案例不符合 schemas/case.schema.json\n      $.asOf: "2021-13-01" 不是真实的日期,请按 YYYY-MM-DD 填写`);
    const validated = cli(['validate', file, '--lang', 'zh-CN']);
    expect(validated.stdout).toContain(`CASE_INVALID: ${file}:案例不符合 schemas/case.schema.json`);
    expect(validated.status).toBe(1);
  });

  it('usage errors', () => {
    const english = cli(['evaluate', `${records}/one.json`, ...R, '--as-of', '2021-02-30']);
    expect(english.status).toBe(2);
    expect(english.stderr).toMatch(/^credit-rules: --as-of "2021-02-30" is not /);
    const chinese = cli(['evaluate', `${records}/one.json`, ...R, '--as-of', '2021-02-30', '--lang', 'zh-CN']);
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toBe('credit-rules: --as-of "2021-02-30" 不是日期,请按 YYYY-MM-DD 填写真实的日期,例如 --as-of 2021-06-30\n');
    // Said in Chinese even when the option in error comes before --lang is read.
    expect(cli(['forecast', '--bogus', '--lang=zh-CN']).stderr).toMatch(/^credit-rules: “forecast”没有选项 --bogus/);
  });
});

describe('test and validate --lang zh-CN', () => {
  const cases = `${FIXTURES}/cases`;

  it("test: the count, the clauses no case exercises and why it exits 1, in Chinese; the trace lines of a failing case in the chosen language", () => {
    const chinese = cli(['test', RULESET, '--cases', cases, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(1);
    expect(chinese.stdout).toContain('\n通过 1 个,未通过 2 个(其中 1 个案例文件无效)\n没有案例用到的条款编号 ');
    expect(chinese.stdout).toContain('\n    得分 88.7,应为 90\n    等级 AA+,应为 AAA\n    E2 22.5,应为 30\n      E2.1 工程质量:满分 20 分\n');
    expect(chinese.stdout).toMatch(/\n退出码 1:2 个案例未通过,\d+ 个条款编号没有案例用到\n$/);
    expect(chinese.stdout).not.toMatch(/passed|failed|exercise/);
    const english = cli(['test', RULESET, '--cases', cases, '--lang', 'en']);
    expect(english.stdout).toContain('\n1 passed, 2 failed (1 case file invalid)\n');
    // The trace in English; the indicator keeps the ruleset's label.
    expect(english.stdout).toContain('\n    E2 22.5, expected 30\n      E2.1 工程质量: full score 20\n');
  });

  it('test --sensitivity: the report and the case that would pin each number, in Chinese', () => {
    const run = cli(['test', RULESET, '--cases', `${FIXTURES}/sensitivity-weak`, '--allow-unexercised', '--sensitivity', '--lang', 'zh-CN'], { timeout: 170_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\n敏感性:\d+ 个数值各向两边移动一步\(运行了 \d+ 个规则集\):\d+ 个有案例约束,\d+ 个没有\n/);
    expect(run.stdout).toContain('  ✗ E2.1.3 windowMonths 60 → 61 没有案例察觉($.indicators[1].items[0].clauses[2].window.months)\n      没有案例在 E2.1.3 的 60 个月边界上有事件:补一个在期限后一个月失效的\n');
    expect(run.stdout).toContain('      没有案例得分略低于 AAA 的等级线 90(89.9 至 90),也没有恰好在 AAA 的等级线 90 上\n');
    expect(run.stdout).toContain('  任何记录都察觉不到的移动(由规则本身决定,无需案例):\n');
    expect(run.stdout).toContain('    E2.1 itemCap 20 → 20.1: 超过满分 20,扣到 0 分即止\n');
    expect(run.stdout).toContain('  (已允许:--allow-unexercised)');
    expect(run.stdout).not.toMatch(/no case|unnoticed|pinned/);
  }, 180_000);

  it('validate: each file and the count at the end, in Chinese', () => {
    const run = cli(['validate', RULESET, `${records}/mixed.ndjson`, `${cases}/a-pass.json`, `${records}/one.json`, '--ruleset', RULESET, '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^✓ rulesets\/enterprise\.json: 规则集 enterprise \S+\(\d+ 个指标,\d+ 个条款编号\)$/m);
    expect(run.stdout).toContain('✗ test/fixtures/records/mixed.ndjson: 4 条记录中 2 条无效\n');
    expect(run.stdout).toMatch(/✓ test\/fixtures\/cases\/a-pass\.json: 案例“[^”]+”\(记录已按规则集 enterprise 检查\)\n/);
    expect(run.stdout).toMatch(/✓ test\/fixtures\/records\/one\.json: 1 条记录\(已按规则集 enterprise \S+ 检查\)\n/);
    expect(run.stdout).toMatch(/\n有效 3 个,无效 1 个\n$/);
    const schemaOnly = cli(['validate', `${records}/one.json`, '--lang', 'zh-CN']);
    expect(schemaOnly.stdout).toBe('✓ test/fixtures/records/one.json: 1 条记录(只按格式检查;加 --ruleset 可检查事件类型和取值)\n');
  });
});
