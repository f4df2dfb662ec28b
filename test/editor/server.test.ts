/**
 * The editor's file server: path checks, atomic writes with history, conflicts, refusals; and the
 * attacks it withstands: two server processes saving at once, a full or read-only disk, bodies
 * that are not UTF-8, a `.history` through a link, a huge file in the listing, the dev server
 * asked for files that are not the app's or by other origins.
 */
import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  promises,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyPath, FileApiError, hashText, RulesetFiles, type FileSystem } from '../../editor/server/files.js';
import { createFileApi } from '../../editor/server/api.js';
import { servedByDevServer } from '../../editor/server/vitePlugin.js';
import { WRITE_HEADER } from '../../editor/server/protocol.js';
import { FileRefusal, httpFileSource } from '../../editor/api/fileClient.js';
import { timeInChild } from '../support/layered.js';
import { copyRulesets, startEditor } from '../browser/harness.js';

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

/** Every file under `dir`, hidden ones too, relative to it. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Temporary, lock and moved-aside lock files under `root`: what a failed or finished write must not leave. */
const leftovers = (root: string): string[] => allFiles(root).filter((n) => /\.(tmp|lock|stale)$/.test(n));

/** An operating-system error as Node raises it. */
function osError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated by the test, write`), { code, syscall: 'write' });
}

type Open = (file: string, flags?: string | number, mode?: number) => Promise<FileHandle>;

/**
 * node:fs where writing a temporary file fails with `code` after its first 100 bytes reached the
 * disk (a disk that fills up mid-write); `where`: the copy kept in `.history` or the new version.
 */
function failingWrites(code: string, where: 'history' | 'target'): FileSystem {
  const open: Open = async (file, flags, mode) => {
    const handle = await promises.open(file, flags, mode);
    const inHistory = file.includes(`${path.sep}.history${path.sep}`);
    if (!file.endsWith('.tmp') || inHistory !== (where === 'history')) return handle;
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile') {
          return async (data: Buffer) => {
            await target.write(data.subarray(0, 100));
            throw osError(code);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return { ...promises, open: open as FileSystem['open'] };
}

/** node:fs where no temporary file can be created: `code` is EROFS for a read-only disk, EACCES without permission. */
function failingOpens(code: string): FileSystem {
  const open: Open = async (file, flags, mode) => {
    if (file.endsWith('.tmp')) throw osError(code);
    return promises.open(file, flags, mode);
  };
  return { ...promises, open: open as FileSystem['open'] };
}

/** `text` encoded as GB18030 (two-byte GBK codes; the test's texts need no others). */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = trail === 0x7f ? '' : decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !codes.has(char)) codes.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (codes.has(char)) bytes.push(...codes.get(char)!);
    else throw new Error(`no two-byte GB18030 code for ${char}`);
  }
  return Buffer.from(bytes);
}

/** The file API over `files` on a free port of 127.0.0.1. */
async function serve(files: RulesetFiles): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => createFileApi(files)(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** test/support/save-server-child.ts in a process of its own: `ready` when it waits for its go, `done` with its last line. */
function runChild(args: string[]): { ready: Promise<void>; done: Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'test/support/save-server-child.ts'), ...args], { cwd: repo });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('close', (status) => {
      if (status !== 0) reject(new Error(`child ${args[0]} exited ${status}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>);
    });
  });
  return { ready, done };
}

const versioned = (text: string, version: string): string => text.replace(/"version": "[^"]*"/, `"version": "${version}"`);

describe('the save server, attacked', () => {
  let root: string;
  beforeEach(() => {
    root = makeRoot();
  });

  it('two server processes saving the same opened version at once: one saves, the other is told of the conflict', async () => {
    const before = readFileSync(path.join(root, 'enterprise.json'), 'utf8');
    const scratch = path.dirname(root);
    const texts = ['a', 'b'].map((tag) => versioned(before, `2021.1-${tag}`));
    texts.forEach((text, i) => writeFileSync(path.join(scratch, `text-${i}.json`), text));
    const go = path.join(scratch, 'go');
    const children = texts.map((_, i) => runChild(['save', root, 'enterprise.json', path.join(scratch, `text-${i}.json`), hashText(before), go]));
    await Promise.all(children.map((c) => c.ready));
    writeFileSync(go, '');
    const outcomes = await Promise.all(children.map((c) => c.done));

    const winners = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(outcomes[1 - winners[0]!]).toEqual({ ok: false, code: 'CONFLICT' });
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(texts[winners[0]!]);
    expect(readdirSync(path.join(root, '.history')).map((n) => readFileSync(path.join(root, '.history', n), 'utf8'))).toEqual([before]);
    expect(leftovers(root)).toEqual([]);
  }, 60_000);

  it('waits for another live process holding the lock and then answers BUSY; takes over a lock left by a process that is gone, or an old one', async () => {
    const lock = path.join(root, '.enterprise.json.lock');
    const files = new RulesetFiles({ root, lockTimeoutMs: 300 });
    let opened = await files.read('enterprise.json');

    writeFileSync(lock, `${process.pid} ${hostname()} another-server`);
    const busy = await refusal(files.write('enterprise.json', versioned(opened.text, 'busy'), opened.hash));
    expect([busy.status, busy.code]).toEqual([423, 'BUSY']);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(opened.text);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid} ${hostname()} another-server`);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(lock, twoMinutesAgo, twoMinutesAgo);
    await files.write('enterprise.json', versioned(opened.text, 'old-lock'), opened.hash);
    expect(existsSync(lock)).toBe(false);

    opened = await files.read('enterprise.json');
    writeFileSync(lock, `99999999 ${hostname()} crashed-server`); // above any pid_max: no such process
    await files.write('enterprise.json', versioned(opened.text, 'dead-lock'), opened.hash);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toContain('"version": "dead-lock"');
    expect(leftovers(root)).toEqual([]);
  });

  it.each(['history', 'target'] as const)('a disk that fills up while the %s is written: DISK_FULL, the file unchanged, no temporary file left, the next save succeeds', async (where) => {
    const full = new RulesetFiles({ root, fs: failingWrites('ENOSPC', where) });
    const opened = await full.read('enterprise.json');
    const error = await refusal(full.write('enterprise.json', versioned(opened.text, 'full'), opened.hash));
    expect([error.status, error.code, error.params.os]).toEqual([507, 'DISK_FULL', 'ENOSPC']);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(opened.text);
    expect(leftovers(root)).toEqual([]);

    const outcome = await new RulesetFiles({ root }).write('enterprise.json', versioned(opened.text, 'freed'), opened.hash);
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toContain('"version": "freed"');
    expect(readFileSync(path.join(root, outcome.history!), 'utf8')).toBe(opened.text);
  });

  it('removes, before its first write, the temporary files and locks of writes that crashed, and not those of a live process', async () => {
    const crashed = ['.enterprise.json.99999999.0123456789ab.tmp', 'cases/enterprise/.new.json.99999999.0123456789ab.tmp', '.history/.enterprise.99999999.0123456789ab.tmp'];
    mkdirSync(path.join(root, '.history'));
    for (const name of crashed) writeFileSync(path.join(root, name), '{"partial');
    const underWay = `.enterprise.json.${process.pid}.abcdefabcdef.tmp`;
    const forgotten = `.enterprise.json.${process.pid}.fedcbafedcba.tmp`;
    writeFileSync(path.join(root, underWay), '{"partial');
    writeFileSync(path.join(root, forgotten), '{"partial');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(root, forgotten), anHourAgo, anHourAgo);

    writeFileSync(path.join(root, 'cases/enterprise/.baseline-no-events.json.lock'), `99999999 ${hostname()} crashed-server`);

    const files = new RulesetFiles({ root });
    const opened = await files.read('enterprise.json');
    await files.write('enterprise.json', versioned(opened.text, 'after-crash'), opened.hash);
    expect(leftovers(root)).toEqual([underWay]);
    expect((await files.cleanUp()).sort()).toEqual([...crashed, forgotten, 'cases/enterprise/.baseline-no-events.json.lock'].sort());

    // Nothing is removed through a link out of the folder: a linked .history is not entered.
    const outside = mkdtempSync(path.join(tmpdir(), 'credit-rules-outside-'));
    temporaries.push(outside);
    writeFileSync(path.join(outside, path.basename(crashed[2]!)), 'not ours');
    const other = makeRoot();
    symlinkSync(outside, path.join(other, '.history'));
    expect(await new RulesetFiles({ root: other }).cleanUp()).toEqual([]);
    expect(readdirSync(outside)).toEqual([path.basename(crashed[2]!)]);
  });

  it('refuses a body that is not UTF-8 (GB18030, or declared another charset) and writes nothing; a GB18030 file is not opened as mojibake', async () => {
    const server = await serve(new RulesetFiles({ root }));
    try {
      const opened = (await (await fetch(`${server.base}/api/file?path=enterprise.json`)).json()) as { hash: string; text: string };
      const headers = { 'content-type': 'application/json', [WRITE_HEADER]: '1', 'if-match': opened.hash, 'accept-language': 'zh-CN' };
      const edited = versioned(opened.text.replaceAll('−', '-'), '2021.1-国标');
      const gbk = await fetch(`${server.base}/api/file?path=enterprise.json`, { method: 'PUT', body: new Uint8Array(gb18030(edited)), headers });
      expect(gbk.status).toBe(415);
      const body = (await gbk.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NOT_UTF8');
      expect(body.error.message).toContain('enterprise.json 不是 UTF-8 编码的文本');
      const declared = await fetch(`${server.base}/api/file?path=enterprise.json`, { method: 'PUT', body: edited, headers: { ...headers, 'content-type': 'application/json; charset=GB18030' } });
      expect(declared.status).toBe(415);
      expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(opened.text);
      expect(existsSync(path.join(root, '.history'))).toBe(false);

      writeFileSync(path.join(root, 'cases/enterprise/gb18030.json'), gb18030(readFileSync(path.join(fixtures, 'baseline-no-events.json'), 'utf8')));
      const read = await fetch(`${server.base}/api/file?path=cases/enterprise/gb18030.json`, { headers: { 'accept-language': 'en' } });
      expect(read.status).toBe(415);
      expect(((await read.json()) as { error: { message: string } }).error.message).toContain('cases/enterprise/gb18030.json is not UTF-8 text');
    } finally {
      await server.close();
    }
  });

  it.each([
    ['ENOSPC', 507, 'DISK_FULL', '磁盘已满', 'the disk is full'],
    ['EROFS', 503, 'READ_ONLY', '磁盘是只读的', 'read-only disk'],
    ['EACCES', 403, 'NO_PERMISSION', '没有权限', 'no permission'],
    ['EIO', 500, 'STORAGE', '系统代码 EIO', 'system code EIO'],
  ])('%s reaches the officer as %s, explained in the language the request asks for', async (os, status, code, zh, en) => {
    const server = await serve(new RulesetFiles({ root, fs: os === 'ENOSPC' ? failingWrites(os, 'target') : failingOpens(os) }));
    try {
      const opened = readFileSync(path.join(root, 'enterprise.json'), 'utf8');
      for (const [language, words] of [['zh-CN,zh;q=0.9', zh], ['en-US,en;q=0.9', en]] as const) {
        const response = await fetch(`${server.base}/api/file?path=enterprise.json`, {
          method: 'PUT',
          body: versioned(opened, 'doomed'),
          headers: { 'content-type': 'application/json', [WRITE_HEADER]: '1', 'if-match': hashText(opened), 'accept-language': language },
        });
        expect(response.status).toBe(status);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe(code);
        expect(body.error.message).toContain('enterprise.json');
        expect(body.error.message).toContain(words);
      }
      expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(opened);
      expect(leftovers(root)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("the editor's client asks for the page's language and gets the refusal in it", async () => {
    const server = await serve(new RulesetFiles({ root, fs: failingWrites('ENOSPC', 'target') }));
    try {
      const opened = readFileSync(path.join(root, 'enterprise.json'), 'utf8');
      for (const [language, words] of [['zh-CN', '磁盘已满'], ['en', 'the disk is full']]) {
        const client = httpFileSource(`${server.base}/api/`, () => language!);
        const error = await client.writeFile('enterprise.json', versioned(opened, 'doomed'), hashText(opened)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FileRefusal);
        expect((error as FileRefusal).code).toBe('DISK_FULL');
        expect((error as FileRefusal).message).toContain(words);
      }
    } finally {
      await server.close();
    }
  });

  it('a file name longer than the operating system takes (ENAMETOOLONG) is explained, not INTERNAL', async () => {
    const server = await serve(new RulesetFiles({ root }));
    try {
      const name = `cases/enterprise/${'长'.repeat(90)}.json`; // 274 bytes: over the 255 of a file name
      const response = await fetch(`${server.base}/api/file?path=${encodeURIComponent(name)}`, {
        method: 'PUT',
        body: readFileSync(path.join(fixtures, 'baseline-no-events.json'), 'utf8'),
        headers: { 'content-type': 'application/json', [WRITE_HEADER]: '1', 'if-none-match': '*' },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NAME_TOO_LONG');
      expect(body.error.message).toContain('文件名太长');
      expect(leftovers(root)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('keeps at most historyLimit versions of each file, the newest, and no content twice in a row', async () => {
    expect(new RulesetFiles({ root }).historyLimit).toBe(50);
    let clock = Date.parse('2024-05-06T07:08:09.010Z');
    const files = new RulesetFiles({ root, historyLimit: 3, now: () => new Date((clock += 1000)) });
    let current = await files.read('enterprise.json');
    const texts = [current.text];
    for (let i = 1; i <= 5; i++) {
      const text = versioned(current.text, `2021.1-${i}`);
      const outcome = await files.write('enterprise.json', text, current.hash);
      current = { ...current, text, hash: outcome.hash! };
      texts.push(text);
    }
    const kept = (): string[] => readdirSync(path.join(root, '.history')).filter((n) => n.startsWith('enterprise.')).sort();
    expect(kept().map((n) => readFileSync(path.join(root, '.history', n), 'utf8'))).toEqual(texts.slice(2, 5));

    // The same text saved again: nothing to keep.
    expect((await files.write('enterprise.json', current.text, current.hash)).history).toBeNull();
    // The file put back outside the editor to the newest kept version: saving over it does not keep it twice.
    const newest = kept().at(-1)!;
    writeFileSync(path.join(root, 'enterprise.json'), texts[4]!);
    expect((await files.write('enterprise.json', texts[5]!, hashText(texts[4]!))).history).toBe(`.history/${newest}`);
    expect(kept()).toHaveLength(3);

    // Each file's history is bounded on its own.
    const opened = await files.read('cases/enterprise/baseline-no-events.json');
    const outcome = await files.write(opened.path, opened.text.replace(/\n$/, ' \n'), opened.hash);
    expect(outcome.history).toMatch(/^\.history\/cases__enterprise__baseline-no-events\.\d{8}T\d{9}Z\.json$/);
    expect(kept()).toHaveLength(3);
  });

  it('never keeps a version through a link: a linked .history refuses the save; a linked history file is neither written through nor its target removed', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'credit-rules-outside-'));
    temporaries.push(outside);
    symlinkSync(outside, path.join(root, '.history'));
    const files = new RulesetFiles({ root, historyLimit: 1, now: () => new Date('2024-05-06T07:08:09.010Z') });
    const opened = await files.read('enterprise.json');
    const error = await refusal(files.write('enterprise.json', versioned(opened.text, 'linked'), opened.hash));
    expect(error.code).toBe('HISTORY_UNSAFE');
    expect(readFileSync(path.join(root, 'enterprise.json'), 'utf8')).toBe(opened.text);
    expect(readdirSync(outside)).toEqual([]);

    rmSync(path.join(root, '.history'));
    mkdirSync(path.join(root, '.history'));
    writeFileSync(path.join(outside, 'secret.json'), '{"secret": true}');
    const linkedName = '.history/enterprise.20240506T070809010Z.json';
    symlinkSync(path.join(outside, 'secret.json'), path.join(root, linkedName));
    const outcome = await files.write('enterprise.json', versioned(opened.text, 'linked'), opened.hash);
    expect(outcome.history).toBe('.history/enterprise.20240506T070809010Z-1.json');
    expect(readFileSync(path.join(root, outcome.history!), 'utf8')).toBe(opened.text);
    expect(readFileSync(path.join(outside, 'secret.json'), 'utf8')).toBe('{"secret": true}');
    expect(readdirSync(path.join(root, '.history'))).toEqual(['enterprise.20240506T070809010Z-1.json']);
  });

  it('lists a folder holding a 300 MB file without reading it: named too large, and the peak memory stays flat', async () => {
    writeFileSync(path.join(root, 'huge.json'), '');
    truncateSync(path.join(root, 'huge.json'), 300 * 1024 * 1024); // sparse: no disk space used
    const listed = await runChild(['list', root]).done;
    expect(listed.summaries).toEqual([
      expect.objectContaining({ path: 'enterprise.json', id: 'enterprise' }),
      { path: 'huge.json', error: expect.stringContaining('larger than') },
    ]);
    const grownKiB = (listed.afterKiB as number) - (listed.beforeKiB as number);
    expect(grownKiB).toBeLessThan(50 * 1024);
  }, 60_000);
});

describe('the dev server (npm start) serves the app and its API only', () => {
  const linkName = `served-link-${process.pid}.json`;
  const repoHistory = path.join(repo, 'rulesets/.history');
  let editor: Awaited<ReturnType<typeof startEditor>>;
  let rulesets: ReturnType<typeof copyRulesets>;
  let madeHistory = false;
  const stale = '.enterprise.json.99999999.0123456789ab.tmp';

  beforeAll(async () => {
    rulesets = copyRulesets({ fixtures: false });
    writeFileSync(path.join(rulesets.root, stale), '{"partial');
    const outside = mkdtempSync(path.join(tmpdir(), 'credit-rules-outside-'));
    temporaries.push(outside);
    writeFileSync(path.join(outside, 'secret.json'), '{"secret": "outside the rulesets"}');
    madeHistory = !existsSync(repoHistory);
    mkdirSync(repoHistory, { recursive: true });
    symlinkSync(path.join(outside, 'secret.json'), path.join(repoHistory, linkName));
    editor = await startEditor(rulesets.root);
  }, 120_000);
  afterAll(async () => {
    await editor?.server.close();
    rmSync(path.join(repoHistory, linkName), { force: true });
    if (madeHistory) rmSync(repoHistory, { recursive: true, force: true });
    rulesets?.remove();
  });

  it('serves the page, its modules and the API, and cleaned stale temporary files when it started', async () => {
    const page = await fetch(editor.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    expect((await fetch(`${editor.url}editor/main.ts`)).status).toBe(200);
    const list = (await (await fetch(`${editor.url}api/rulesets`)).json()) as { path: string }[];
    expect(list.map((r) => r.path)).toContain('enterprise.json');
    expect(existsSync(path.join(rulesets.root, stale))).toBe(false);
  });

  it.each([
    'package.json',
    'package-lock.json',
    'README.md',
    'test/editor/server.test.ts',
    'rulesets/enterprise.json',
    'rulesets/enterprise.json?raw',
    `rulesets/.history/${linkName}`,
    'rulesets%2Fenterprise.json',
    '%72ulesets/enterprise.json',
    `@fs${repo}/package.json`,
    `@fs${repo}/rulesets/.history/${linkName}`,
    'editor/%2E%2E/package.json',
    '/package.json',
    'editor//../package.json',
  ])('does not serve /%s', async (url) => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      // Through node:http with the path as an option, so that it reaches the server exactly as written.
      const { hostname, port } = new URL(editor.url);
      const req = request({ hostname, port, path: `/${url}` }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('"name": "credit-rules"');
  });

  it('sends no CORS header to another origin, and refuses API requests that pages of another site or port send', async () => {
    const origin = 'http://localhost:3000';
    for (const response of [
      await fetch(editor.url, { headers: { origin } }),
      await fetch(`${editor.url}editor/main.ts`, { headers: { origin } }),
      await fetch(`${editor.url}api/rulesets`, { headers: { origin } }),
      await fetch(`${editor.url}api/file?path=enterprise.json`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': WRITE_HEADER },
      }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const file = (await (await fetch(`${editor.url}api/file?path=enterprise.json`)).json()) as { hash: string; text: string };
    for (const site of ['cross-site', 'same-site']) {
      expect((await fetch(`${editor.url}api/rulesets`, { headers: { 'sec-fetch-site': site } })).status).toBe(403);
      const put = await fetch(`${editor.url}api/file?path=enterprise.json`, {
        method: 'PUT',
        body: versioned(file.text, 'from-elsewhere'),
        headers: { 'content-type': 'application/json', [WRITE_HEADER]: '1', 'if-match': file.hash, 'sec-fetch-site': site },
      });
      expect(put.status).toBe(403);
    }
    expect(readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8')).toBe(file.text);
  });

  it.each([
    ['/', true],
    ['/?ruleset=project-lead.json', true],
    ['/editor/App.vue?vue&type=style&index=0&lang.css', true],
    ['/node_modules/.vite/deps/vue.js?v=1', true],
    ['/@fs/work/main/node_modules/vite/dist/client/env.mjs', true],
    ['/@fs/work/main/package.json', false],
    ['/node_modules/../package.json', false],
    ['/editor/.env', false],
    ['/%E0%A4%A', false],
    ['//package.json', false],
    ['/.//package.json', false],
    ['/editor//../package.json', false],
    ['/editor/%2e%2e/package.json', false],
  ])('servedByDevServer(%s) is %s', (url, served) => {
    expect(servedByDevServer(url)).toBe(served);
  });
});
