/** `credit-rules forecast` through the built CLI: its formats, its errors and their exit statuses. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast, type Forecast } from '../engine/index.js';
import { cli, ensureBuilt, FIXTURES, RULESET } from './cli-helpers.js';
import { readJson, shippedRuleset } from './support/load.js';

const CASE = 'rulesets/cases/enterprise/138-realistic-downgrade-expired.json';
const R = ['--ruleset', RULESET];
const dir = mkdtempSync(join(tmpdir(), 'credit-rules-forecast-'));

beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credit-rules forecast', () => {
  const sample = readJson<{ asOf: string; record: unknown }>(CASE);
  const expected = forecast(shippedRuleset('enterprise').compiled, sample.record, { asOf: sample.asOf });

  it('is listed in the help, with its own', () => {
    expect(cli(['--help']).stdout).toContain('forecast');
    const help = cli(['forecast', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: credit-rules forecast RECORD --ruleset FILE');
  });

  it('writes as JSON what the library gives, from a case file (its record, its asOf) or the record alone', () => {
    const run = cli(['forecast', CASE, ...R, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout) as Forecast).toEqual(JSON.parse(JSON.stringify(expected)));
    const file = join(dir, 'record.json');
    writeFileSync(file, JSON.stringify(sample.record));
    const alone = cli(['forecast', file, ...R, '--format', 'json', '--as-of', sample.asOf]);
    expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(run.stdout));
  });

  it('writes one CSV row per step, with the reasons in Chinese and English', () => {
    const run = cli(['forecast', CASE, ...R, '--format', 'csv', '--until', '2023-12-31']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('\uFEFFid,date,score,grade,change,computedScore,computedGrade,downgraded,eligible,version,reasons,reasonsEn\r\n')).toBe(true);
    const rows = run.stdout.split('\r\nC138,').slice(1);
    expect(rows.map((r) => r.split(',').slice(0, 4))).toEqual([
      ['2021-06-30', '83.9', 'AA', '0'],
      ['2022-02-01', '81.4', 'AA', '-2.5'],
      ['2023-01-01', '71.4', 'A', '-10'],
      ['2023-02-01', '72', 'A', '0.6'],
    ]);
    expect(rows[1]).toContain('"E3.2.1 县(市、区)安全文明施工样板工地:ev3(2020-01-01) 不计:有效期已过(计至 2022-01-31)\n');
    expect(rows[1]).toContain('E3.2.1 县(市、区)安全文明施工样板工地: ev3 (2020-01-01) not counted: its period is over (counted until 2022-01-31)');
  });

  it('says in the table when the timeline is cut by --until', () => {
    const run = cli(['forecast', CASE, ...R, '--until', '2022-12-31']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2022-12-31 以后还会变化');
    expect(run.stdout).not.toContain('2023-01-01');
  });

  it('refuses a wrong command line with exit 2, a bad record or file with exit 1', () => {
    expect(cli(['forecast', CASE]).status).toBe(2);
    expect(cli(['forecast', ...R]).status).toBe(2);
    const until = cli(['forecast', CASE, ...R, '--until', '2021-02-30']);
    expect([until.status, until.stderr]).toEqual([2, expect.stringContaining('--until "2021-02-30" is not a date')]);
    const early = cli(['forecast', CASE, ...R, '--until', '2020-01-01']);
    expect([early.status, early.stderr]).toEqual([2, expect.stringContaining('before the evaluation date 2021-06-30')]);
    const bad = cli(['forecast', `${FIXTURES}/records/bad-date.json`, ...R]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('RECORD_INVALID');
    expect(bad.stderr).toContain('bad-date.json');
    const many = cli(['forecast', `${FIXTURES}/records/three.json`, ...R]);
    expect([many.status, many.stderr]).toEqual([1, expect.stringContaining('a forecast is of one record')]);
    expect(cli(['forecast', join(dir, 'missing.json'), ...R]).status).toBe(1);
  });
});
