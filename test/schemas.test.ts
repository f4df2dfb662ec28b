/** The schemas' validators are generated at build time; they must match schemas/ as it is. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '../engine/index.js';
import { root } from './support/load.js';

describe('generated schema validators', () => {
  it('are up to date with schemas/', () => {
    const check = spawnSync(process.execPath, [join(root, 'scripts', 'build-validators.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('refuse impossible dates and prototype keys, with JSON paths', () => {
    const check = validateRecord({ id: 'R', kind: 'enterprise', events: [{ type: 'qualityComplaint', date: '2021-02-30' }] });
    expect(check.problems).toEqual([
      { path: '$.events[0].date', message: '"2021-02-30" is not a real calendar date', fix: 'write a real calendar date as YYYY-MM-DD', zh: '"2021-02-30" 不是真实的日期,请按 YYYY-MM-DD 填写' },
    ]);
    const polluted = validateRecord(JSON.parse('{"id":"R","kind":"enterprise","events":[{"type":"x","date":"2021-02-01","__proto__":{"a":1}}]}'));
    expect(polluted.valid).toBe(false);
    expect(polluted.problems.map((p) => [p.path, p.message])).toEqual([['$.events[0].__proto__', 'the key "__proto__" is not allowed']]);
  });
});
