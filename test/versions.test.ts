/**
 * Ruleset versions: which version is in force on a date (`selectVersion`), folders of versions
 * wherever the command line takes a ruleset, and the shipped folder rulesets/enterprise-versions.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseVersion, loadRulesetFile } from '../engine/cli/load.js';
import { CreditRulesError, selectVersion, type Ruleset, type RulesetMeta, type RulesetStatus } from '../engine/index.js';
import { cli, ensureBuilt, ROOT } from './cli-helpers.js';
import { readJson } from './support/load.js';

const FOLDER = 'rulesets/enterprise-versions';

function meta(version: string, status: RulesetStatus, effectiveFrom: string, extra: Partial<RulesetMeta> = {}): RulesetMeta {
  return {
    id: 'enterprise', title: 't', version, status, effectiveFrom, entityKind: 'enterprise',
    source: { document: 'd', title: 't', date: '2021-02-19' }, ...extra,
  };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditRulesError) return error.code;
    throw error;
  }
  return undefined;
}

describe('selectVersion', () => {
  const v2021 = meta('2021.1', 'official', '2021-02-19', { effectiveTo: '2023-12-31' });
  const v2024 = meta('2024.1', 'official', '2024-01-01', { supersedes: '2021.1' });

  it('takes the version whose period covers the date, on both sides of each boundary', () => {
    const versions = [v2024, v2021];
    expect(() => selectVersion(versions, '2021-02-18')).toThrow(/no version of ruleset enterprise is in force on 2021-02-18/);
    expect(selectVersion(versions, '2021-02-19').version).toBe('2021.1'); // effectiveFrom is included
    expect(selectVersion(versions, '2023-12-31').version).toBe('2021.1'); // effectiveTo is included
    expect(selectVersion(versions, '2024-01-01').version).toBe('2024.1');
    expect(selectVersion(versions, '2099-06-30').version).toBe('2024.1'); // no effectiveTo: open-ended
  });

  it('says NO_RULESET_IN_FORCE in a gap between versions, and names the versions', () => {
    const gap = [meta('a', 'official', '2021-01-01', { effectiveTo: '2021-06-30' }), meta('b', 'official', '2021-08-01')];
    expect(codeOf(() => selectVersion(gap, '2021-07-15'))).toBe('NO_RULESET_IN_FORCE');
    expect(selectVersion(gap, '2021-06-30').version).toBe('a');
    expect(selectVersion(gap, '2021-08-01').version).toBe('b');
    try {
      selectVersion(gap, '2021-07-15');
    } catch (error) {
      expect((error as CreditRulesError).describe()).toContain('a (official, in force 2021-01-01 to 2021-06-30); b (official, in force 2021-08-01 on)');
    }
    expect(codeOf(() => selectVersion([], '2021-07-15'))).toBe('NO_RULESET_IN_FORCE');
  });

  it('prefers official over provisional over draft, whatever their dates', () => {
    const official = meta('o', 'official', '2021-01-01');
    const provisional = meta('p', 'provisional', '2021-03-01');
    const draft = meta('d', 'draft', '2021-05-01');
    expect(selectVersion([draft, provisional, official], '2021-06-01').version).toBe('o');
    expect(selectVersion([draft, provisional], '2021-06-01').version).toBe('p');
    // Before the official one starts, the provisional one is what is in force.
    expect(selectVersion([draft, provisional, meta('o2', 'official', '2021-04-01')], '2021-03-15').version).toBe('p');
  });

  it('takes a draft only when nothing else is in force, or when asked for by its version', () => {
    const official = meta('2021.1', 'official', '2021-02-19');
    const draft = meta('2021.1-n4', 'draft', '2021-02-19');
    expect(selectVersion([draft, official], '2021-06-30').version).toBe('2021.1');
    expect(selectVersion([draft, official], '2021-06-30', { version: '2021.1-n4' }).version).toBe('2021.1-n4');
    expect(selectVersion([draft, meta('2022.1', 'official', '2022-01-01')], '2021-06-30').version).toBe('2021.1-n4');
    // Asked for, a version must still be in force on the date; an unknown one is named as such.
    expect(codeOf(() => selectVersion([draft, official], '2021-01-01', { version: '2021.1-n4' }))).toBe('NO_RULESET_IN_FORCE');
    expect(() => selectVersion([draft, official], '2021-06-30', { version: '2030.1' })).toThrow(/has no version 2030\.1/);
  });

  it('among versions of one status, takes the latest effectiveFrom, then the one that supersedes the other', () => {
    const early = meta('2021.1', 'official', '2021-02-19');
    const late = meta('2022.1', 'official', '2022-01-01');
    expect(selectVersion([early, late], '2022-06-30').version).toBe('2022.1');
    expect(selectVersion([late, early], '2022-06-30').version).toBe('2022.1');
    const fix = meta('2021.1a', 'official', '2021-02-19', { supersedes: '2021.2' });
    const other = meta('2021.2', 'official', '2021-02-19');
    expect(selectVersion([other, fix], '2021-06-30').version).toBe('2021.1a');
  });

  it('refuses rulesets that are not versions of one ruleset', () => {
    expect(codeOf(() => selectVersion([meta('1', 'official', '2021-01-01'), { ...meta('1', 'official', '2021-01-01'), id: 'project-lead' }], '2021-06-30'))).toBe('RULESET_INVALID');
    expect(codeOf(() => selectVersion([meta('1', 'official', '2021-01-01'), meta('1', 'draft', '2021-01-01')], '2021-06-30'))).toBe('RULESET_INVALID');
  });

  it('works on whole parsed rulesets and returns the same object', () => {
    const official = readJson<Ruleset>('rulesets/enterprise.json');
    const draft = readJson<Ruleset>(`${FOLDER}/enterprise-n4.json`);
    expect(selectVersion([draft, official], '2021-06-30')).toBe(official);
  });
});

describe('the shipped folder of enterprise versions', () => {
  const official = readJson<Ruleset>('rulesets/enterprise.json');
  const copy = readJson<Ruleset>(`${FOLDER}/enterprise.json`);
  const n4 = readJson<Ruleset>(`${FOLDER}/enterprise-n4.json`);

  it('holds a copy of rulesets/enterprise.json, which stays the official version', () => {
    expect(official).toMatchObject({ id: 'enterprise', version: '2021.1', status: 'official' });
    const { $schema: a, ...officialRest } = official;
    const { $schema: b, ...copyRest } = copy;
    expect([a, b]).toEqual(['../schemas/ruleset.schema.json', '../../schemas/ruleset.schema.json']);
    expect(copyRest).toEqual(officialRest);
  });

  it('holds the N4 reading as a draft of the same ruleset: honours count 12 months (INT-3)', () => {
    expect(n4).toMatchObject({ id: 'enterprise', version: '2021.1-n4', status: 'draft', effectiveFrom: official.effectiveFrom });
    expect(n4.supersedes).toBeUndefined();
    const honours = n4.indicators.find((i) => i.id === 'E4')!.items[0]!.clauses;
    expect(honours.map((c) => [c.id, c.window])).toEqual([['E4.1', { months: 12 }], ['E4.2', { months: 12 }]]);
    expect(n4.readings.find((r) => r.id === 'INT-3')!.note).toMatch(/按备注4理解.*12 个月/);
    // Nothing else differs from the official version.
    const strip = (r: Ruleset): unknown => {
      const { $schema, title, version, status, readings, indicators, ...rest } = r;
      return { rest, readings: readings.filter((x) => x.id !== 'INT-3'), indicators: indicators.filter((i) => i.id !== 'E4') };
    };
    expect(strip(n4)).toEqual(strip(copy));
  });
});

describe('a folder of versions wherever a ruleset file is taken', () => {
  let tmp: string;

  beforeAll(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'credit-rules-versions-'));
  }, 180_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const folder = (name: string, files: Record<string, unknown>): string => {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, json] of Object.entries(files)) writeFileSync(join(dir, file), JSON.stringify(json));
    return dir;
  };

  it('loadRulesetFile takes the version in force (default today), or the one named', () => {
    expect(loadRulesetFile(`${ROOT}/${FOLDER}`).ruleset.version).toBe('2021.1');
    expect(loadRulesetFile(`${ROOT}/${FOLDER}`, { asOf: '2021-06-30' }).ruleset.version).toBe('2021.1');
    expect(loadRulesetFile(`${ROOT}/${FOLDER}`, { asOf: '2021-06-30', version: '2021.1-n4' }).ruleset.version).toBe('2021.1-n4');
    expect(loadRulesetFile(`${ROOT}/rulesets/enterprise.json`, { asOf: '1999-01-01' }).ruleset.version).toBe('2021.1'); // a file is taken as it is
  });

  it('loadRulesetFile names the folder when no version is in force', () => {
    try {
      loadRulesetFile(`${ROOT}/${FOLDER}`, { asOf: '2021-02-18' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CreditRulesError);
      expect((error as CreditRulesError).code).toBe('NO_RULESET_IN_FORCE');
      expect((error as CreditRulesError).file).toBe(`${ROOT}/${FOLDER}`);
      expect((error as CreditRulesError).message).toBe('no version of ruleset enterprise is in force on 2021-02-18');
    }
  });

  it('chooseVersion picks among compiled versions by their metadata', () => {
    const official = loadRulesetFile(`${ROOT}/rulesets/enterprise.json`);
    const draft = loadRulesetFile(`${ROOT}/${FOLDER}/enterprise-n4.json`);
    expect(chooseVersion([draft, official], 'here', { asOf: '2021-06-30' })).toBe(official);
  });

  it('refuses a folder of different rulesets, and one without rulesets', () => {
    const mixed = cli(['evaluate', 'test/fixtures/records/one.json', '--ruleset', 'rulesets']);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toMatch(/^FILE_UNREADABLE: rulesets: is a directory, not a file, nor a folder of versions of one ruleset: it holds rulesets enterprise \(enterprise\.json\), project-lead \(project-lead\.json\)/);
    const empty = folder('empty', {});
    expect(cli(['test', empty, '--cases', 'rulesets/cases/enterprise']).stderr).toMatch(/holds no \.json ruleset files/);
  });

  it('evaluate, test and validate take a folder, and the result names the version used', () => {
    const evaluated = cli(['evaluate', 'test/fixtures/records/one.json', '--ruleset', FOLDER]);
    expect(evaluated.status).toBe(0);
    expect(JSON.parse(evaluated.stdout)[0].ruleset).toEqual({ id: 'enterprise', version: '2021.1' });
    const tested = cli(['test', FOLDER, '--cases', 'rulesets/cases/enterprise']);
    expect(tested.stdout).toMatch(/159 passed, 0 failed/);
    expect(tested.status).toBe(0);
    const validated = cli(['validate', 'rulesets/cases/enterprise/001-baseline-full-scores.json', '--ruleset', FOLDER]);
    expect(validated.status).toBe(0);
  });

  it("evaluate takes, from a folder, the version in force on each record's evaluation date: --as-of, else its asOf, else today", () => {
    const base = readJson<Ruleset>('rulesets/enterprise.json');
    const later = { ...base, version: '2024.1', effectiveFrom: '2024-01-01', supersedes: '2021.1' };
    const ended = { ...base, effectiveTo: '2023-12-31' };
    const dir = folder('two-official', { 'a.json': ended, 'b.json': later });
    const record = readJson<Record<string, unknown>>('test/fixtures/records/one.json');
    const records = join(tmp, 'dated.json');
    writeFileSync(records, JSON.stringify([{ ...record, id: 'OLD', asOf: '2021-06-30' }, { ...record, id: 'NEW', asOf: '2024-06-30' }, { ...record, id: 'TODAY', asOf: undefined }]));
    const run = cli(['evaluate', records, '--ruleset', dir]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).map((r: { id: string; ruleset: { version: string } }) => [r.id, r.ruleset.version])).toEqual([['OLD', '2021.1'], ['NEW', '2024.1'], ['TODAY', '2024.1']]);
    const fixed = cli(['evaluate', records, '--ruleset', dir, '--as-of', '2022-01-01']);
    expect(JSON.parse(fixed.stdout).map((r: { ruleset: { version: string } }) => r.ruleset.version)).toEqual(['2021.1', '2021.1', '2021.1']);
  });

  it('evaluate takes from a folder none of whose versions is in force today the version of each record\'s date', () => {
    const base = readJson<Ruleset>('rulesets/enterprise.json');
    const dir = folder('all-ended', { 'a.json': { ...base, effectiveTo: '2023-12-31' } });
    const record = readJson<Record<string, unknown>>('test/fixtures/records/one.json');
    const records = join(tmp, 'old.json');
    writeFileSync(records, JSON.stringify([{ ...record, id: 'OLD', asOf: '2021-06-30' }]));
    const run = cli(['evaluate', records, '--ruleset', dir]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).map((r: { id: string; ruleset: { version: string } }) => [r.id, r.ruleset.version])).toEqual([['OLD', '2021.1']]);
  });

  it('evaluate with one ruleset file on a date outside its period scores, and warns why on standard error', () => {
    const run = cli(['evaluate', 'test/fixtures/records/one.json', '--ruleset', 'rulesets/enterprise.json', '--as-of', '2020-06-30', '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('evaluated on 2020-06-30, outside the period of ruleset enterprise 2021.1 (in force from 2021-02-19)');
  });

  it('"credit-rules test" runs the N4 draft on the enterprise cases: exactly the honours cases fail', () => {
    const run = cli(['test', `${FOLDER}/enterprise-n4.json`, '--cases', 'rulesets/cases/enterprise']);
    expect(run.status).toBe(1);
    const failed = [...run.stdout.matchAll(/^✗ rulesets\/cases\/enterprise\/(\d{3})-/gm)].map((m) => m[1]);
    // Worked out from the cases' honour events (see test/diff.test.ts): honours dated between 12
    // and 24/36 months before the evaluation date lapse under N4. C132's result stays 80 (a
    // downgrade decides) but its expected table score 82 becomes 80; so C153's 84.5 becomes 83.5.
    expect(failed).toEqual(['053', '054', '055', '056', '103', '132', '137', '138', '139', '140', '144', '145', '148', '153', '154']);
    expect(run.stdout).toMatch(/144 passed, 15 failed/);
  });

  it('the shipped N4 draft is a valid ruleset', () => {
    const run = cli(['validate', `${FOLDER}/enterprise.json`, `${FOLDER}/enterprise-n4.json`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ruleset enterprise 2021.1-n4');
    expect(readFileSync(join(ROOT, FOLDER, 'enterprise-n4.json'), 'utf8')).toContain('"status": "draft"');
  });
});
