/**
 * Bad input through the built CLI (records.md, issue 2 part 7): exit 1 with the file, the
 * record id (or line, or index), the JSON path and the fix; valid records beside a bad one
 * still scored; never a stack trace, a hang or a crash.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, ensureBuilt, FIXTURES, results, ROOT, RULESET } from './cli-helpers.js';

const R = ['--ruleset', RULESET];
const records = `${FIXTURES}/records`;
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-cli-'));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a file into the temporary folder and gives its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('invalid records', () => {
  it('scores the good lines of NDJSON around a line that is not JSON and a record that is invalid', () => {
    const run = cli(['evaluate', `${records}/mixed.ndjson`, ...R]);
    expect(run.status).toBe(1);
    expect(results(run).map((r) => r.id)).toEqual(['E-0001', 'E-0002']);
    expect(run.stderr).toMatch(/JSON_INVALID: test\/fixtures\/records\/mixed\.ndjson:2: not valid JSON at column 52\n {2}\$\.events\[0\]: .* — /);
    expect(run.stderr).toMatch(/RECORD_INVALID: test\/fixtures\/records\/mixed\.ndjson:3, record E-BAD: .*\n {2}\$\.events\[0\]\.date: .* — write a real calendar date as YYYY-MM-DD/);
    expect(run.stderr).toMatch(/2 of 4 records scored; 2 invalid/);
  });

  it('says a sample case given as a record is one, and how to check it', () => {
    const run = cli(['evaluate', 'rulesets/cases/enterprise/001-baseline-full-scores.json', '--ruleset', RULESET]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('RECORD_INVALID: rulesets/cases/enterprise/001-baseline-full-scores.json: this is a sample case (a record with its expected result), not a record');
    expect(run.stderr).toContain('check it with credit-rules test RULESET --cases FILE');
  });

  it('names the array index in the JSON path of a bad record in a .json array', () => {
    const run = cli(['evaluate', `${records}/mixed.json`, ...R]);
    expect(run.status).toBe(1);
    expect(results(run).map((r) => r.id)).toEqual(['E-0001', 'E-0003']);
    expect(run.stderr).toContain('RECORD_INVALID: test/fixtures/records/mixed.json, record E-WRONG');
    expect(run.stderr).toContain('$[1].licence.landscapingScope: must be boolean — make it true or false');
    expect(run.stderr).toContain('$[1].projects[0].contractAmount: must be number');
  });

  it.each([
    ['bad-date.json', 'E-0001', '$.events[0].date', /YYYY-MM-DD/],
    ['bad-attribute.json', 'E-SEV', '$.events[15].severity', /"catastrophic" is not a valid severity .* use one of general, larger, major, especiallyMajor/],
    ['missing-fields.json', 'E-MISS', '$.events[0]', /must have required property 'kind' — add "kind"/],
    ['dangling-project.json', 'E-DANGLE', '$.events[0].project', /no project "P99" in this record/],
    ['proto.json', 'E-PROTO', '$.__proto__', /__proto__/],
  ])('rejects %s: exit 1, no score, file, record id, path and fix on stderr', (name, id, path, fix) => {
    const run = cli(['evaluate', `${records}/${name}`, ...R]);
    expect(run.status).toBe(1);
    expect(results(run)).toEqual([]);
    expect(run.stderr).toContain(`RECORD_INVALID: test/fixtures/records/${name}, record ${id}: the record is invalid`);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(fix);
  });

  it('keys __proto__ and constructor of a record are refused, not merged into prototypes', () => {
    const run = cli(['evaluate', `${records}/proto.json`, ...R]);
    expect(run.stderr).toContain('$.events[0].constructor');
  });

  it('scores a record with an unknown event type and warns on stderr', () => {
    const run = cli(['evaluate', `${records}/unknown-event.json`, ...R]);
    expect(run.status).toBe(0);
    expect(results(run)[0]!.score).toBe(88.7);
    expect(run.stderr).toMatch(/^warning: test\/fixtures\/records\/unknown-event\.json, record E-0001: \$\.events\[15\]\.type: event type "treePlanting"/m);
  });

  it('places a bad record of standard input by its line', () => {
    const run = cli(['evaluate', '-', ...R], { input: readFileSync(`${records}/mixed.ndjson`) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('<stdin>:3, record E-BAD');
  });

  it('refuses a record that is not an object', () => {
    const run = cli(['evaluate', '-', ...R], { input: '[42, "x", null]' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('$[0]: must be object');
    expect(run.stderr).toContain('$[2]: must be object');
  });
});

describe('files that cannot be read as records', () => {
  it.each([
    ['syntax.json', 'JSON_INVALID', /syntax\.json: not valid JSON at line 4, column 3\n {2}\$\.kind: the string "events" where "," or "}" was expected; a comma is missing/],
    ['empty.json', 'JSON_INVALID', /empty\.json: is empty — /],
    ['gbk.json', 'JSON_INVALID', /gbk\.json: is not UTF-8 text .* — save the whole file as UTF-8/],
  ])('%s: %s with the place and the fix', (name, code, message) => {
    const run = cli(['evaluate', `${records}/${name}`, ...R]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${code}: test/fixtures/records/${name}`);
    expect(run.stderr).toMatch(message);
  });

  it('reports a file that does not exist', () => {
    const run = cli(['evaluate', 'no/such/records.json', ...R]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^FILE_UNREADABLE: no\/such\/records\.json: no such file — check the path/);
  });

  it('reports a directory given as the records file', () => {
    const run = cli(['evaluate', FIXTURES, ...R]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^FILE_UNREADABLE: test\/fixtures: is a directory/);
  });

  it('refuses 100,000 nested arrays as JSON_INVALID, in a .json file and on one NDJSON line', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const whole = cli(['evaluate', file('deep.json', deep), ...R]);
    expect(whole.status).toBe(1);
    expect(whole.stderr).toMatch(/JSON_INVALID: .*deep\.json: is nested more than 256 levels deep/);
    const unclosed = cli(['evaluate', file('unclosed.json', '['.repeat(100_000)), ...R]);
    expect(unclosed.status).toBe(1);
    // An array is read element by element: the 257th level is refused where it opens, not at the end of the text.
    expect(unclosed.stderr).toMatch(/JSON_INVALID: .*unclosed\.json: is nested more than 256 levels deep \(at line 1, column 257\)\n {2}\$\[0\]: /);
    const line = cli(['evaluate', file('deep.ndjson', `{"id":"D1","kind":"enterprise","x":${deep}}\n{"id":"D2","kind":"enterprise"}\n`), ...R]);
    expect(line.status).toBe(1);
    expect(line.stderr).toMatch(/JSON_INVALID: .*deep\.ndjson:1: is nested more than 256 levels deep/);
    expect(results(line).map((r) => r.id)).toEqual(['D2']);
  });

  it('refuses a .json file over 256 MB with a hint to use NDJSON, without reading it', () => {
    const huge = join(tmp, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 300 * 1024 * 1024); // sparse: takes no disk
    const run = cli(['evaluate', huge, ...R]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/FILE_UNREADABLE: .*huge\.json: is 300\.0 MB; JSON files over 256\.0 MB are not read whole — write the records as \.ndjson/);
  });

  it('refuses one JSON document over the limit on standard input the same way, but streams an array of any size', () => {
    const record = readFileSync(`${records}/one.json`, 'utf8');
    const limited = { cwd: ROOT, encoding: 'utf8' as const, env: { ...process.env, CREDIT_RULES_MAX_JSON_BYTES: String(1024 * 1024) }, timeout: 30_000 };
    // Through a shell pipe: the CLI stops reading once over the limit, which a direct write would see as EPIPE.
    const big = file('big-record.json', JSON.stringify({ ...JSON.parse(record), name: '园'.repeat(600_000) }, null, 2)); // about 1.8 MB, one record
    const refused = spawnSync('sh', ['-c', `cat '${big}' | '${process.execPath}' '${CLI}' evaluate - --ruleset ${RULESET}`], limited);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/FILE_UNREADABLE: <stdin>: holds more than 1.0 MB of JSON, which is not read whole — .*NDJSON/);
    const many = file('many.json', `[${Array(400).fill(record).join(',')}]`); // about 1.6 MB
    const streamed = spawnSync('sh', ['-c', `cat '${many}' | '${process.execPath}' '${CLI}' evaluate - --ruleset ${RULESET} --no-trace`], limited);
    expect(streamed.stderr).toBe('');
    expect(streamed.status).toBe(0);
    expect(results(streamed)).toHaveLength(400);
  });

  it('refuses empty standard input', () => {
    const run = cli(['evaluate', '-', ...R], { input: '  \n' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('JSON_INVALID: <stdin>: is empty');
  });
});

describe('bad rulesets', () => {
  const enterprise = (): Record<string, any> => JSON.parse(readFileSync(join(ROOT, RULESET), 'utf8'));

  it('reports references that do not resolve, with their paths, and scores nothing', () => {
    const ruleset = enterprise();
    ruleset.indicators[1].items[0].clauses[0].when = { condition: 'noSuchCondition' };
    ruleset.indicators[1].items[0].notAgain = { label: 'x', citation: { clause: 'E7.8', text: 'x' }, attribute: 'behaviour', items: ['E99'] };
    const run = cli(['evaluate', `${records}/one.json`, '--ruleset', file('dangling.json', JSON.stringify(ruleset))]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^RULESET_REFERENCE: .*dangling\.json: /);
    expect(run.stderr).toContain('$.indicators[1].items[0].clauses[0].when.condition: no condition named "noSuchCondition"');
    expect(run.stderr).toContain('$.indicators[1].items[0].notAgain.items[0]: no item "E99"');
  });

  it('reports wrong types in a ruleset with their paths', () => {
    const ruleset = enterprise();
    ruleset.grades[0].min = 'ninety';
    delete ruleset.indicators;
    const run = cli(['evaluate', `${records}/one.json`, '--ruleset', file('types.json', JSON.stringify({ ...ruleset, indicators: 'none' }))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^RULESET_INVALID: .*types\.json: /);
    expect(run.stderr).toContain('$.grades[0].min: must be number');
  });

  it('says so when the ruleset file is really a record', () => {
    const run = cli(['evaluate', `${records}/one.json`, '--ruleset', `${records}/one.json`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('RULESET_INVALID: test/fixtures/records/one.json: is not a ruleset: it has no "indicators" (it looks like a record)');
  });

  it('refuses conditions nested 100,000 deep without a crash', () => {
    const ruleset = enterprise();
    ruleset.conditions.deep = 'DEEP';
    // Written as text: JSON.stringify itself recurses and would overflow on such a value.
    const deep = '{"not":'.repeat(100_000) + '{"fact":"event","path":"type","operator":"equal","value":"bribery"}' + '}'.repeat(100_000);
    const run = cli(['evaluate', `${records}/one.json`, '--ruleset', file('deep-ruleset.json', JSON.stringify(ruleset).replace('"DEEP"', deep))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/JSON_INVALID: .*deep-ruleset\.json: is nested more than 256 levels deep\n {2}\$\.conditions\.deep\.not\.not/);
  });

  it.each([
    [['--ruleset', 'no/such/ruleset.json'], /^FILE_UNREADABLE: no\/such\/ruleset\.json: no such file/],
    [['--ruleset', 'rulesets'], /^FILE_UNREADABLE: rulesets: is a directory, not a file/],
  ])('reports an unreadable ruleset %j', (args, message) => {
    const run = cli(['evaluate', `${records}/one.json`, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('output to a reader that goes away', () => {
  it('stops quietly when standard output is closed early (| head)', async () => {
    const line = readFileSync(`${records}/three.ndjson`, 'utf8');
    const input = file('many.ndjson', line.repeat(3000));
    const child = spawn(process.execPath, [CLI, 'evaluate', input, ...R], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(status).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
  it('still writes every result when standard error is closed early', () => {
    const good = JSON.stringify(JSON.parse(readFileSync(`${records}/one.json`, 'utf8')));
    // Each invalid line writes a message to stderr, whose reader goes away after one byte.
    const input = file('noisy.ndjson', `${good}\n{"id": 5}\n`.repeat(500));
    const run = spawnSync('bash', ['-c', `"$0" "$@" 2> >(head -c1 >/dev/null)`, process.execPath, CLI, 'evaluate', input, ...R, '--format', 'csv'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout.split('\r\n')).toHaveLength(1 + 500 + 1); // the header, 500 rows, the empty string after the last CRLF
  });
});
