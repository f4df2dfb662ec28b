/** The CLI's JSON output checked against the schemas of results and of the diff report. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, results } from './cli-helpers.js';
import { contractErrors } from './support/contracts.js';

beforeAll(() => ensureBuilt(), 180_000);

describe('schemas/result.schema.json', () => {
  it('holds every result the CLI writes for the sample cases of every shipped ruleset, with and without the trace', () => {
    for (const [ruleset, cases] of [['enterprise', 'enterprise'], ['project-lead', 'project-lead'], ['wendeng-legal-person', 'wendeng-legal-person'], ['driver-licence-points', 'driver-licence-points']] as const) {
      const files = readdirSync(`rulesets/cases/${cases}`).filter((f) => f.endsWith('.json'));
      // The records of the cases as one NDJSON stream on standard input.
      const records = files.map((f) => JSON.stringify((JSON.parse(readFileSync(`rulesets/cases/${cases}/${f}`, 'utf8')) as { record: unknown }).record)).join('\n');
      for (const trace of [[], ['--no-trace']]) {
        const run = cli(['evaluate', '-', '--ruleset', `rulesets/${ruleset}.json`, '--as-of', '2021-06-30', ...trace], { input: records });
        const all = results(run);
        expect(all.length).toBeGreaterThan(10);
        for (const result of all) expect(contractErrors('result', result), `${ruleset} ${result.id}`).toEqual([]);
        expect(all.some((r) => 'trace' in r)).toBe(trace.length === 0);
      }
    }
  });

  it('refuses what is not a result: a missing score, a trace line without its code, an unknown field', () => {
    const { record } = JSON.parse(readFileSync('rulesets/cases/enterprise/001-baseline-full-scores.json', 'utf8'));
    const [result] = results(cli(['evaluate', '-', '--ruleset', 'rulesets/enterprise.json', '--as-of', '2021-06-30'], { input: JSON.stringify(record) }));
    expect(contractErrors('result', result)).toEqual([]);
    const { score: _score, ...noScore } = result!;
    expect(contractErrors('result', noScore).join()).toMatch(/must have required property 'score'/);
    const trace = result!.trace as Record<string, unknown>[];
    const { code: _code, ...line } = trace[0]!;
    expect(contractErrors('result', { ...result, trace: [line] }).join()).toMatch(/\/trace\/0 must have required property 'code'/);
    expect(contractErrors('result', { ...result, scores: 1 }).join()).toMatch(/must NOT have additional properties/);
    expect(contractErrors('result', { ...result, asOf: '2021-02-30' }).join()).toMatch(/\/asOf must match format "date"/);
  });
});

describe('schemas/diff.schema.json', () => {
  it('holds the JSON report of diff, on the N4 draft with its moved cases, and on records with an invalid one', () => {
    const run = cli(['diff', 'rulesets/enterprise.json', 'rulesets/enterprise-versions/enterprise-n4.json', '--cases', 'rulesets/cases/enterprise', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(contractErrors('diff', report)).toEqual([]);
    expect(report.impact.changed).toBe(13);
    expect(report.policy.length).toBeGreaterThan(3);
    const records = [
      JSON.stringify({ id: 'R1', kind: 'enterprise', licence: { landscapingScope: true }, events: [{ id: 'h', type: 'honour', honour: 'cityTopTen', date: '2020-01-10' }] }),
      JSON.stringify({ id: 'R2', kind: 'enterprise', events: [{ type: 'nope', date: '2021-02-30' }] }),
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'contracts-')), 'records.ndjson');
    writeFileSync(file, records);
    const withError = cli(['diff', 'rulesets/enterprise.json', 'rulesets/enterprise-versions/enterprise-n4.json', '--cases', file, '--as-of', '2021-06-30', '--format', 'json']);
    expect(withError.status).toBe(1);
    const second = JSON.parse(withError.stdout);
    expect(second.impact.invalid).toBe(1);
    expect(second.impact.rows.find((r: { id: string }) => r.id === 'R2').errors.old.code).toBe('RECORD_INVALID');
    expect(contractErrors('diff', second)).toEqual([]);
    expect(contractErrors('diff', { ...second, impact: { ...second.impact, rows: [{ id: 'x' }] } }).join()).toMatch(/must have required property 'asOf'/);
  });
});
