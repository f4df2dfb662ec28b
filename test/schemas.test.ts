/** The schemas' validators are generated at build time; they must match schemas/ as it is. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, validateRecord } from '../engine/index.js';
import { root, shippedRuleset } from './support/load.js';

describe('generated schema validators', () => {
  it('are up to date with schemas/', () => {
    const check = spawnSync(process.execPath, [join(root, 'scripts', 'build-validators.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('refuse impossible dates and prototype keys, with JSON paths', () => {
    const check = validateRecord({ id: 'R', kind: 'enterprise', events: [{ type: 'qualityComplaint', date: '2021-02-30' }] });
    expect(check.problems).toEqual([
      {
        path: '$.events[0].date', message: '"2021-02-30" is not a real calendar date', fix: 'write a real calendar date as YYYY-MM-DD', zh: '"2021-02-30" 不是真实的日期,请按 YYYY-MM-DD 填写',
        code: 'schema.invalid', params: { keyword: 'format', message: 'must match format "date"', params: { format: 'date' }, value: '"2021-02-30"' },
      },
    ]);
    // An empty date (a browser's date field holding an impossible date reads as empty) asks for one.
    expect(validateRecord({ id: 'R', kind: 'enterprise', events: [{ type: 'qualityComplaint', date: '' }] }).problems).toEqual([
      {
        path: '$.events[0].date', message: 'the date is empty', fix: 'write a real calendar date as YYYY-MM-DD', zh: '请填写日期(YYYY-MM-DD)',
        code: 'schema.invalid', params: { keyword: 'format', message: 'must match format "date"', params: { format: 'date' }, empty: true },
      },
    ]);
    const polluted = validateRecord(JSON.parse('{"id":"R","kind":"enterprise","events":[{"type":"x","date":"2021-02-01","__proto__":{"a":1}}]}'));
    expect(polluted.valid).toBe(false);
    expect(polluted.problems.map((p) => [p.path, p.message, p.code])).toEqual([['$.events[0].__proto__', 'the key "__proto__" is not allowed', 'schema.key']]);
  });

  it('keep attributes they do not list, of any kind, anywhere (records.md), and score as without them', () => {
    const { compiled } = shippedRuleset('enterprise');
    const plain = {
      id: 'R', kind: 'enterprise', licence: { landscapingScope: true }, projects: [{ id: 'P1', permitDate: '2020-01-01' }],
      events: [{ type: 'qualityAccident', date: '2021-01-10', severity: 'general', project: 'P1' }], publishedRating: { grade: 'AA', date: '2020-12-01' },
    };
    const extended = {
      ...plain, contact: { phone: '0576-1234' }, licence: { ...plain.licence, number: '91331000MA2X' }, projects: [{ ...plain.projects[0], sections: [1, 2] }],
      events: [{ ...plain.events[0], tags: ['a', 'b'], meta: { source: { system: 'x' } } }], publishedRating: { ...plain.publishedRating, document: '台建〔2020〕1号' },
    };
    expect(validateRecord(extended, compiled)).toEqual({ valid: true, problems: [], warnings: [] });
    expect(evaluate(compiled, extended, { asOf: '2021-06-30' })).toEqual(evaluate(compiled, plain, { asOf: '2021-06-30' }));
    const polluted = JSON.parse('{"id":"R","kind":"enterprise","licence":{"landscapingScope":true,"constructor":1}}');
    expect(validateRecord(polluted).problems.map((p) => p.path)).toEqual(['$.licence.constructor']);
  });
});
