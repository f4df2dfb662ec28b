/** The editor's file server: path checks, atomic writes with history, conflicts, refusals. */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, cpSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyPath, FileApiError, hashText, RulesetFiles } from '../../editor/server/files.js';
import { createFileApi } from '../../editor/server/api.js';
import { WRITE_HEADER } from '../../editor/server/protocol.js';
import { timeInChild } from '../support/layered.js';

const repo = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repo, 'test/fixtures/editor-cases');
const temporaries: string[] = [];

/** A rulesets folder with the shipped enterprise ruleset and the editor's fixture cases. */
function makeRoot(): string {
  const base = mkdtempSync(path.join(tmpdir(), 'credit-rules-server-'));
  temporaries.push(base);
  const root = path.join(base, 'rulesets');
  mkdirSync(path.join(root, 'cases/enterprise'), { recursive: true });
  cpSync(path.join(repo, 'rulesets/enterprise.json'), path.join(root, 'enterprise.json'));
  for (const name of readdirSync(fixtures)) cpSync(path.join(fixtures, name), path.join(root, 'cases/enterprise', name));
  return root;
}

async function refusal(promise: Promise<unknown>): Promise<FileApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

afterAll(() => {
  for (const dir of temporaries) rmSync(dir, { recursive: true, force: true });
});

describe('classifyPath', () => {
  it.each([
    'enterprise.json',
    'project-lead.json',
    'cases/enterprise/001-baseline.json',
    'cases/enterprise/编辑器样例.json',
    'enterprise-versions/enterprise-n4.json',
  ])('accepts %s', (p) => {
    expect(() => classifyPath(p)).not.toThrow();
  });

  it.each([
    ['../package.json'],
    ['cases/../../package.json'],
    ['cases/enterprise/../../x.json'],
    ['/etc/passwd.json'],
    ['C:/x.json'],
    ['cases\\enterprise\\x.json'],
    ['enterprise.txt'],
    ['.history/enterprise.json'],
    ['cases/.hidden/x.json'],
    ['other/deeper/x.json'],
    ['cases/x.json'],
    ['cases/enterprise/deeper/x.json'],
    ['./enterprise.json'],
    [''],
    ['x\0.json'],
  ])('rejects %j', (p) => {
    let caught: unknown;
    try {
      classifyPath(p);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileApiError);
    expect((caught as FileApiError).code).toBe('PATH_REJECTED');
    expect((caught as FileApiError).status).toBe(403);
  });
});

describe('RulesetFiles', () => {
  let root: string;
  let files: RulesetFiles;
  beforeEach(() => {
    root = makeRoot();
    files = new RulesetFiles({ root, now: () => new Date('2024-05-06T07:08:09.010Z') });
  });

  it('lists rulesets, also one folder down, and reads the cases that belong to them', async () => {
    mkdirSync(path.join(root, 'enterprise-versions'));
    cpSync(path.join(root, 'enterprise.json'), path.join(root, 'enterprise-versions/enterprise-n4.json'));
    const list = await files.list();
    expect(list).toEqual([
      expect.objectContaining({ path: 'enterprise.json', id: 'enterprise', status: 'official' }),
      expect.objectContaining({ path: 'enterprise-versions/enterprise-n4.json', id: 'enterprise' }),
    ]);
    expect((await files.casesFor('enterprise-versions/enterprise-n4.json')).dir).toBe('cases/enterprise');
    const folder = await files.casesFor('enterprise.json');
    expect(folder.dir).toBe('cases/enterprise');
    expect(folder.files.map((f) => f.path)).toContain('cases/enterprise/e213-one-general-accident.json');
    const file = folder.files[0]!;
    expect(file.hash).toBe(hashText(readFileSync(path.join(root, file.path))));
  });

  it('writes atomically, keeps the previous version and leaves no temporary file', async () => {
    const before = await files.read('enterprise.json');
    const json = JSON.parse(before.text);
    json.indicators[1].items[0].clauses[2].points = -5;
    const text = `${JSON.stringify(json, null, 2)}\n`;
    const outcome = await files.write('enterprise.json', text, before.hash);
    expect(outcome.hash).toBe(hashText(text));
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(text);
    expect(outcome.history).toBe('.history/enterprise.20240506T070809010Z.json');
    expect(readFileSync(path.join(root, outcome.history!), 'utf8')).toBe(before.text);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // A second save in the same millisecond keeps both earlier versions.
    const again = await files.write('enterprise.json', before.text, outcome.hash!);
    expect(again.history).toBe('.history/enterprise.20240506T070809010Z-1.json');
    expect(readFileSync(path.join(root, again.history!), 'utf8')).toBe(text);
  });

  it('refuses (409) to overwrite a file that changed on disk since it was opened', async () => {
    const opened = await files.read('enterprise.json');
    const changedByOthers = opened.text.replace('"version": "2021.1"', '"version": "2021.2"');
    writeFileSync(path.join(root, 'enterprise.json'), changedByOthers);
    const error = await refusal(files.write('enterprise.json', opened.text, opened.hash));
    expect(error.status).toBe(409);
    expect(error.code).toBe('CONFLICT');
    expect(error.currentHash).toBe(hashText(changedByOthers));
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(changedByOthers);
  });

  it('refuses to create a file that already exists', async () => {
    const text = readFileSync(path.join(fixtures, 'baseline-no-events.json'), 'utf8');
    const error = await refusal(files.write('cases/enterprise/baseline-no-events.json', text, null));
    expect(error.status).toBe(409);
  });

  it('refuses an invalid ruleset with the reasons and leaves the file unchanged', async () => {
    const before = await files.read('enterprise.json');
    const json = JSON.parse(before.text);
    json.grades[1].min = 95; // AA+ above AAA
    json.indicators[1].items[0].cap = -1;
    const error = await refusal(files.write('enterprise.json', JSON.stringify(json), before.hash));
    expect(error.status).toBe(422);
    expect(error.code).toBe('RULESET_INVALID');
    expect(error.problems.map((p) => p.path)).toContain('$.indicators[1].items[0].cap');
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(before.text);
    expect(existsSync(path.join(root, '.history'))).toBe(false);

    json.indicators[1].items[0].cap = 20;
    const reference = await refusal(files.write('enterprise.json', JSON.stringify(json), before.hash));
    expect(reference.code).toBe('RULESET_INVALID');
    expect(reference.problems).toContainEqual(expect.objectContaining({ path: '$.grades[1].min' }));
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(before.text);
  });

  it('saves, or refuses with the problem, rulesets of layered named conditions in seconds: the engine check does not freeze the server', () => {
    // In a process of its own (test/support/layered.ts), so that a regression fails at a timeout instead of hanging the tests.
    const [saved, refused] = timeInChild('save', ['100x100', '5000x2']);
    expect(saved).toMatchObject({ size: '100x100', outcome: 'ok' });
    expect(refused).toMatchObject({ size: '5000x2', outcome: 'RULESET_INVALID', paths: ['$.conditions.layer256_0', '$.conditions.layer256_1'] });
    for (const timing of [saved!, refused!]) expect(timing.ms).toBeLessThan(10_000);
  }, 150_000);

  it('refuses text that is not JSON, and an invalid case', async () => {
    const before = await files.read('enterprise.json');
    expect((await refusal(files.write('enterprise.json', '{"id": ', before.hash))).code).toBe('JSON_INVALID');
    const invalidCase = await refusal(files.write('cases/enterprise/new.json', JSON.stringify({ name: 'x', asOf: '2021-02-30', record: { id: 'a', kind: 'enterprise' } }), null));
    expect(invalidCase.code).toBe('CASE_INVALID');
    expect(invalidCase.problems.length).toBeGreaterThan(0);
    expect(existsSync(path.join(root, 'cases/enterprise/new.json'))).toBe(false);
  });

  it('creates a new case, in a new case folder too', async () => {
    const text = readFileSync(path.join(fixtures, 'baseline-no-events.json'), 'utf8');
    const outcome = await files.write('cases/variant/copy.json', text, null);
    expect(outcome.history).toBeNull();
    expect(readFileSync(path.join(root, 'cases/variant/copy.json'), 'utf8')).toBe(text);
  });

  it('refuses files larger than the limit', async () => {
    const small = new RulesetFiles({ root, maxBytes: 1000 });
    const before = await small.read('cases/enterprise/baseline-no-events.json');
    const error = await refusal(small.write('cases/enterprise/baseline-no-events.json', ' '.repeat(1001), before.hash));
    expect(error.status).toBe(413);
  });

  it('refuses symlinks that lead out of the rulesets folder', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'credit-rules-outside-'));
    temporaries.push(outside);
    writeFileSync(path.join(outside, 'secret.json'), '{"secret": true}');
    symlinkSync(outside, path.join(root, 'cases/escape'));
    symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'linked.json'));
    const text = readFileSync(path.join(fixtures, 'baseline-no-events.json'), 'utf8');

    expect((await refusal(files.write('cases/escape/x.json', text, null))).code).toBe('PATH_REJECTED');
    expect((await refusal(files.read('cases/escape/secret.json'))).code).toBe('PATH_REJECTED');
    expect((await refusal(files.read('linked.json'))).code).toBe('PATH_REJECTED');
    expect((await refusal(files.write('linked.json', text, hashText('{"secret": true}')))).code).toBe('PATH_REJECTED');
    expect(readdirSync(outside)).toEqual(['secret.json']);
    expect(readFileSync(path.join(outside, 'secret.json'), 'utf8')).toBe('{"secret": true}');
    expect((await files.list()).map((r) => r.path)).toEqual(['enterprise.json']);
  });

  it('removes a case into the history, and only when it is the version opened', async () => {
    const file = await files.read('cases/enterprise/baseline-no-events.json');
    expect((await refusal(files.remove(file.path, hashText('other')))).status).toBe(409);
    const outcome = await files.remove(file.path, file.hash);
    expect(existsSync(path.join(root, file.path))).toBe(false);
    expect(readFileSync(path.join(root, outcome.history!), 'utf8')).toBe(file.text);
    expect((await refusal(files.remove('enterprise.json', file.hash))).code).toBe('PATH_REJECTED');
  });
});

describe('the HTTP file API', () => {
  let server: Server;
  let base: string;
  let root: string;
  beforeEach(async () => {
    root = makeRoot();
    server = createServer((req, res) => {
      createFileApi(new RulesetFiles({ root, maxBytes: 200_000 }))(req, res, () => {
        res.statusCode = 404;
        res.end('not the api');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const put = (p: string, body: string, headers: Record<string, string>): Promise<Response> =>
    fetch(`${base}/api/file?path=${encodeURIComponent(p)}`, { method: 'PUT', body, headers: { 'content-type': 'application/json', [WRITE_HEADER]: '1', ...headers } });

  it('lists, reads and saves through HTTP', async () => {
    const list = (await (await fetch(`${base}/api/rulesets`)).json()) as { path: string }[];
    expect(list.map((r) => r.path)).toEqual(['enterprise.json']);
    const file = (await (await fetch(`${base}/api/file?path=enterprise.json`)).json()) as { hash: string; text: string };
    const cases = (await (await fetch(`${base}/api/cases?ruleset=enterprise.json`)).json()) as { files: unknown[] };
    expect(cases.files).toHaveLength(3);
    const saved = await put('enterprise.json', file.text.replace('"version": "2021.1"', '"version": "2021.1-test"'), { 'if-match': `"${file.hash}"` });
    expect(saved.status).toBe(200);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toContain('2021.1-test');
    const stale = await put('enterprise.json', file.text, { 'if-match': file.hash });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
  });

  it('refuses traversal, writes without the editor header, missing versions and oversized bodies', async () => {
    expect((await fetch(`${base}/api/file?path=..%2Fpackage.json`)).status).toBe(403);
    const file = (await (await fetch(`${base}/api/file?path=enterprise.json`)).json()) as { hash: string; text: string };
    const noHeader = await fetch(`${base}/api/file?path=enterprise.json`, { method: 'PUT', body: file.text, headers: { 'if-match': file.hash } });
    expect(noHeader.status).toBe(403);
    expect((await put('enterprise.json', file.text, {})).status).toBe(428);
    expect((await put('enterprise.json', file.text, { 'if-match': file.hash, origin: 'http://evil.example' })).status).toBe(403);
    const big = await put('enterprise.json', 'x'.repeat(300_000), { 'if-match': file.hash });
    expect(big.status).toBe(413);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(file.text);
  });

  it('refuses an invalid ruleset with its problems', async () => {
    const file = (await (await fetch(`${base}/api/file?path=enterprise.json`)).json()) as { hash: string; text: string };
    const json = JSON.parse(file.text);
    json.grades[2].min = 86;
    const response = await put('enterprise.json', JSON.stringify(json), { 'if-match': file.hash });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; problems: { path: string }[] } };
    expect(body.error.code).toBe('RULESET_INVALID');
    expect(body.error.problems[0]!.path).toBe('$.grades[2].min');
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(file.text);
  });

  it('answers loopback clients only, and passes other paths on', async () => {
    const api = createFileApi(new RulesetFiles({ root }));
    let status = 0;
    const fakeRequest = { url: '/api/rulesets', method: 'GET', headers: { host: '127.0.0.1:5173' }, socket: { remoteAddress: '192.168.1.20' } };
    await new Promise<void>((resolve) => {
      const res = { statusCode: 0, setHeader: () => undefined, end: () => { status = res.statusCode; resolve(); } };
      api(fakeRequest as never, res as never, () => resolve());
    });
    expect(status).toBe(403);
    expect((await fetch(`${base}/index.html`)).status).toBe(404);
    // A DNS-rebinding page reaches 127.0.0.1 under a foreign host name.
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/rulesets`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebinding).toBe(403);
  });
});
