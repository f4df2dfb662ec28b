/** `credit-rules validate` and `credit-rules test`, through the built CLI. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, FIXTURES, ROOT, RULESET } from './cli-helpers.js';

const records = `${FIXTURES}/records`;
const cases = `${FIXTURES}/cases`;
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-validate-'));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('validate', () => {
  it('accepts the enterprise ruleset', () => {
    const run = cli(['validate', RULESET]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^✓ rulesets\/enterprise\.json: ruleset enterprise \S+ \(7 indicators, \d+ clause ids\)\n$/);
  });

  it('passes a ruleset whose number its citation does not write, with a hint in English and Chinese', () => {
    const ruleset = JSON.parse(readFileSync(join(ROOT, RULESET), 'utf8')) as { indicators: { items: { clauses: { points?: number }[] }[] }[] };
    ruleset.indicators[1]!.items[0]!.clauses[2]!.points = -5; // E2.1.3: the text says 每次扣 4 分
    const file = join(tmp, 'revised.json');
    writeFileSync(file, JSON.stringify(ruleset));
    const run = cli(['validate', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`✓ ${file}: ruleset enterprise`);
    expect(run.stdout).toContain('    hint: $.indicators[1].items[0].clauses[2].points (E2.1.3): the cited text says “4 分”, not 5 points');
    expect(run.stdout).toContain('      依据原文写的是“4 分”,与这里的 5 分不符');
  });

  it('tells a ruleset, a case, records and NDJSON apart', () => {
    const run = cli(['validate', RULESET, `${cases}/a-pass.json`, `${records}/three.json`, `${records}/three.ndjson`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✓ rulesets/enterprise.json: ruleset enterprise');
    expect(run.stdout).toContain('✓ test/fixtures/cases/a-pass.json: case "passes: the realistic AA+ company"');
    expect(run.stdout).toContain('✓ test/fixtures/records/three.json: 3 records (schema only');
    expect(run.stdout).toContain('✓ test/fixtures/records/three.ndjson: 3 records (schema only');
    expect(run.stdout).toContain('4 valid, 0 invalid');
  });

  it('checks records against the vocabulary of --ruleset (attribute values) and warns on unknown event types', () => {
    const without = cli(['validate', `${records}/bad-attribute.json`, `${records}/unknown-event.json`]);
    expect(without.status).toBe(0);
    const withRuleset = cli(['validate', `${records}/bad-attribute.json`, `${records}/unknown-event.json`, '--ruleset', RULESET]);
    expect(withRuleset.status).toBe(1);
    expect(withRuleset.stdout).toMatch(/✗ test\/fixtures\/records\/bad-attribute\.json: 1 of 1 record invalid\n {4}RECORD_INVALID: .*record E-SEV.*\n {6}\$\.events\[15\]\.severity: "catastrophic"/);
    expect(withRuleset.stdout).toMatch(/✓ test\/fixtures\/records\/unknown-event\.json: 1 record \(checked against ruleset enterprise .*\)\n {4}warning: .*"treePlanting"/);
  });

  it('checks every file of a folder and names what is wrong with each', () => {
    const run = cli(['validate', records, '--ruleset', RULESET]);
    expect(run.status).toBe(1);
    for (const good of ['one.json', 'three.json', 'three.ndjson', 'blank-lines.ndjson', 'unknown-event.json']) expect(run.stdout).toContain(`✓ test/fixtures/records/${good}`);
    for (const bad of ['bad-date.json', 'bad-attribute.json', 'missing-fields.json', 'dangling-project.json', 'proto.json', 'syntax.json', 'empty.json', 'gbk.json', 'mixed.json', 'empty.ndjson']) {
      expect(run.stdout).toContain(`✗ test/fixtures/records/${bad}`);
    }
    expect(run.stdout).toContain('✗ test/fixtures/records/mixed.ndjson: 2 of 4 records invalid');
    expect(run.stdout).toMatch(/\d+ valid, \d+ invalid\n$/);
  });

  it('checks the sample cases of the enterprise ruleset against it', () => {
    const run = cli(['validate', 'rulesets/cases/enterprise', '--ruleset', RULESET]);
    expect(run.stdout).toMatch(/\d+ valid, \d+ invalid\n$/);
    expect(run.status).toBe(run.stdout.includes('✗') ? 1 : 0);
  });

  it('reports an invalid case file and a missing file', () => {
    const run = cli(['validate', `${cases}/c-invalid.json`, 'no/such.json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("✗ test/fixtures/cases/c-invalid.json: CASE_INVALID\n    CASE_INVALID: test/fixtures/cases/c-invalid.json: the case does not match schemas/case.schema.json\n      $.expected: must have required property 'grade'");
    expect(run.stdout).toContain('✗ no/such.json: FILE_UNREADABLE');
  });

  it('reports a ruleset whose references do not resolve', () => {
    const ruleset = JSON.parse(readFileSync(join(ROOT, RULESET), 'utf8'));
    ruleset.indicators[0].items[0].clauses[0].vetoes = 'E42';
    ruleset.indicators[0].items[0].clauses[0].effect = 'veto';
    const at = ruleset.downgrades.fromGrades.push('S') - 1;
    const path = join(tmp, 'dangling.json');
    writeFileSync(path, JSON.stringify(ruleset));
    const run = cli(['validate', path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✗ ${path}: RULESET_REFERENCE`);
    expect(run.stdout).toContain(`$.downgrades.fromGrades[${at}]: no grade "S"`);
    expect(run.stdout).toContain('$.indicators[0].items[0].clauses[0]');
  });

  it('still checks by schema when --ruleset itself is invalid, and fails', () => {
    const run = cli(['validate', `${records}/one.json`, '--ruleset', `${records}/one.json`]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ test/fixtures/records/one.json: RULESET_INVALID (--ruleset; the other files are checked by schema only)');
    expect(run.stdout).toContain('✓ test/fixtures/records/one.json: 1 record (schema only');
  });
});

describe('validate streams an array of records', () => {
  it('as evaluate does: an array over the whole-JSON limit is checked record by record; a syntax error fails the file where it is', () => {
    const record = readFileSync(`${records}/one.json`, 'utf8');
    const env = { CREDIT_RULES_MAX_JSON_BYTES: String(1024 * 1024) };
    const bad = JSON.stringify({ ...JSON.parse(record), id: 'BAD', events: [{ id: 'x', type: 'qualityAccident', date: '2021-02-30' }] });
    const many = join(tmp, 'many.json');
    writeFileSync(many, `[${Array(400).fill(record).join(',')},${bad}]`); // about 1.6 MB: not read whole under a 1 MB limit
    const run = cli(['validate', many, '--ruleset', RULESET], { env });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ ' + many + ': 1 of 401 records invalid');
    expect(run.stdout).toMatch(/record BAD: .*\n\s+\$\[400\]\.events\[0\]\.date: /);

    const cut = join(tmp, 'cut.json');
    writeFileSync(cut, `[${record},\n${record.replace('"kind"', '"kind" "')}]`);
    const broken = cli(['validate', cut], { env });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/✗ .*cut\.json: JSON_INVALID\n\s+JSON_INVALID: .*cut\.json: not valid JSON at line \d+, column \d+\n\s+\$\[1\]/);
  });
});

describe('test', () => {
  it('runs the enterprise cases: a summary, and exit 0 only when all pass and every clause is exercised', () => {
    const run = cli(['test', RULESET, '--cases', 'rulesets/cases/enterprise']);
    const summary = /^(\d+) passed, (\d+) failed/m.exec(run.stdout);
    expect(summary).not.toBeNull();
    const allGood = summary![2] === '0' && run.stdout.includes('every clause id of the ruleset is exercised');
    expect(run.status).toBe(allGood ? 0 : 1);
  });

  it('prints each failing case with its differences, invalid case files, the summary and the unexercised clauses', () => {
    const run = cli(['test', RULESET, '--cases', cases]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✓ test/fixtures/cases/a-pass.json: passes: the realistic AA+ company');
    expect(run.stdout).toContain('✗ test/fixtures/cases/b-fail.json: fails: expected score and E2 are wrong\n    score 88.7, expected 90\n    grade AA+, expected AAA\n    E2 22.5, expected 30');
    // Under the indicator that differs, the trace lines that made its score.
    expect(run.stdout).toContain('    E2 22.5, expected 30\n      E2.1 工程质量:满分 20 分\n      E2.1.1 质量投诉未及时处理:ev4(2020-03-03) 扣 1 分\n');
    expect(run.stdout).toContain('✗ test/fixtures/cases/c-invalid.json: CASE_INVALID');
    expect(run.stdout).toContain('1 passed, 2 failed (1 case file invalid)');
    expect(run.stdout).toMatch(/\d+ clause ids no case exercises: .*D4/);
    expect(run.stdout).toMatch(/exit 1: 2 cases failed and \d+ clause ids unexercised\n$/);
  });

  it('fails a passing case file alone because of the clauses it leaves unexercised, and says so', () => {
    const run = cli(['test', RULESET, '--cases', `${cases}/a-pass.json`]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.stdout).toMatch(/exit 1: \d+ clause ids unexercised\n$/);
  });

  it('with --allow-unexercised, lists the unexercised clauses of a ruleset in progress without failing', () => {
    const run = cli(['test', RULESET, '--cases', `${cases}/a-pass.json`, '--allow-unexercised']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 passed, 0 failed\n\d+ clause ids no case exercises: .*D4\n.*\n {2}\(allowed: --allow-unexercised\)\n$/);
    // A failing case still fails.
    expect(cli(['test', RULESET, '--cases', cases, '--allow-unexercised']).stdout).toMatch(/exit 1: 2 cases failed\n$/);
  });

  it('reports a cases path that does not exist or holds no cases', () => {
    expect(cli(['test', RULESET, '--cases', 'no/such/folder']).stderr).toMatch(/^FILE_UNREADABLE: no\/such\/folder: no such file/);
    const empty = cli(['test', RULESET, '--cases', 'schemas/../engine/cli/commands']);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/holds no \.json case files/);
  });
});
