/**
 * Ruleset versions: which version is in force on a date (`selectVersion`) and the shipped
 * folder rulesets/enterprise-versions. Folders of versions on the command line: cli-versions.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, selectVersion, type Ruleset, type RulesetMeta, type RulesetStatus } from '../engine/index.js';
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
