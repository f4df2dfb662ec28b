/**
 * The service's routes and what each does, as one table: the router dispatches on it and the
 * OpenAPI document (openapi.ts) is written from it, so the two cannot drift. Every handler
 * reads its body within the limits (body.ts) and answers JSON, an NDJSON stream, or a problem.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { CompiledRuleset } from '../compile.js';
import { isIsoDate, today } from '../dates.js';
import { CreditRulesError, problemAt, type Problem } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { rulesetHints } from '../hints.js';
import { jsonArrayBatches } from '../jsonArray.js';
import { recordIdOf, validateRecord } from '../records.js';
import { validateCase, type SampleCase } from '../review/cases.js';
import { citationHints } from '../review/citations.js';
import { ImpactCollector, policyDiff } from '../review/diff.js';
import { decodeUtf8, MAX_DEPTH, parseJsonDocument } from '../cli/files.js';
import { lines } from '../cli/lines.js';
import { rulesetFromJson } from '../cli/load.js';
import { recordsOfLines } from '../cli/source.js';
import { readBody, streamBody, type BodyLimits } from './body.js';
import type { CatalogEntry, RulesetCatalog } from './catalog.js';
import type { Logger } from './log.js';
import { HttpProblem, problemOf, type ProblemBody } from './problem.js';

/** What the handlers share: the rulesets, the limits, the token, the log, and whether the service is stopping. */
export interface ServiceContext {
  catalog: RulesetCatalog;
  limits: BodyLimits;
  /** Required as `Authorization: Bearer TOKEN` on every request when set. */
  token?: string;
  log: Logger;
  /** False while starting and once shutting down: /ready says so, and keep-alive connections are closed. */
  ready: boolean;
  /** The OpenAPI document, written once. */
  openapi?: unknown;
}

/** One request being served. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request's path, as the URL parser reads it (dot segments resolved, escapes kept). */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  service: ServiceContext;
  /** Records scored, for the log line. */
  records?: number;
  /** The request carries the token, or none is needed. */
  authorized: boolean;
}

/** A schema of schemas/ by its component name in the OpenAPI document. */
export type SchemaName = 'Record' | 'Ruleset' | 'Result' | 'DiffReport' | 'Problem' | 'SampleCase' | 'Object';

/** A media type of a request or response and its schema (`Result[]` is an array of results; `A|B` one of two). */
export type Content = Record<string, string>;

export interface Route {
  method: 'GET' | 'POST';
  /** As OpenAPI writes it: `/rulesets/{name}/evaluate`. */
  path: string;
  summary: string;
  description?: string;
  query?: { name: string; description: string; example?: string }[];
  body?: { description: string; content: Content };
  responses: Record<number, { description: string; content?: Content }>;
  /** Answered without the token: a load balancer's health checks, which reveal nothing. */
  open?: true;
  handle(x: Exchange): Promise<void> | void;
}

// ---------------------------------------------------------------- answering

const JSON_TYPE = 'application/json; charset=utf-8';
const NDJSON_TYPE = 'application/x-ndjson; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Answers are encoded into slabs, each answer a view of its part, as `Buffer.allocUnsafe` pools
 * small buffers: one allocation for many answers and no copy. A slab is left to the garbage
 * collector once the next answer may not fit (the socket holds the views it has not sent yet).
 */
const SLAB_BYTES = 128 * 1024;
let slab: Buffer | undefined; // allocated by the first answer: the CLI's other commands load this module too
let slabUsed = 0;

/**
 * An answer's UTF-8 bytes and a newline after them, encoded once: `Buffer.byteLength` then
 * writing the string measured it and encoded it again. For a 7 KB answer, whose Chinese makes
 * it a two-byte string, the extra pass (5–8 µs) was a quarter of the time of `JSON.stringify`.
 * The newline is a byte written after it: the text and "\n" joined were copied once more.
 */
function utf8Line(text: string): Buffer {
  const most = text.length * 3 + 1; // bytes a UTF-16 unit takes at most, and the newline
  if (most > SLAB_BYTES / 4) return Buffer.from(`${text}\n`);
  if (!slab || slabUsed + most > SLAB_BYTES) {
    slab = Buffer.allocUnsafe(SLAB_BYTES);
    slabUsed = 0;
  }
  const end = slabUsed + slab.write(text, slabUsed);
  slab[end] = 0x0a;
  const bytes = slab.subarray(slabUsed, end + 1);
  slabUsed = end + 1;
  return bytes;
}

/** A JSON answer; it ends with a newline, as a terminal (curl) and line readers want it. */
function send(res: ServerResponse, status: number, json: string, type: string, headers?: Record<string, string>): void {
  const bytes = utf8Line(json);
  res.writeHead(status, headers ? { 'content-type': type, 'content-length': bytes.length, ...headers } : { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

const sendJson = (res: ServerResponse, status: number, value: unknown): void => send(res, status, JSON.stringify(value), JSON_TYPE);

/** The most of a refused body of a declared length that is read and dropped rather than the connection closed. */
const DRAINED_BYTES = 64 * 1024 * 1024;

/**
 * A problem answer. A request whose body was not read closes its connection rather than read
 * what is left, except a body too large of a declared, bounded length: that one is read to its
 * end and dropped (Node does so once the answer is written), so a client still sending it gets
 * the 413 instead of a connection reset under its feet.
 */
function sendProblem(x: Pick<Exchange, 'req' | 'res'>, problem: ProblemBody, headers?: Record<string, string>): void {
  const declared = Number(x.req.headers['content-length']);
  const drained = problem.status === 413 && x.req.headers['transfer-encoding'] === undefined && declared <= DRAINED_BYTES;
  const unread = !x.req.complete && !drained && (declared > 0 || x.req.headers['transfer-encoding'] !== undefined);
  if (unread) headers = { ...headers, connection: 'close' };
  send(x.res, problem.status, JSON.stringify(problem), PROBLEM_TYPE, headers);
}

/** Writes pieces of a streamed answer, waiting when the client reads slower than we write. */
class StreamWriter {
  private buffered: string[] = [];
  private size = 0;
  constructor(private readonly res: ServerResponse) {}

  write(text: string): void {
    this.buffered.push(text);
    this.size += text.length;
  }

  async flush(): Promise<void> {
    if (!this.size) return;
    const ok = this.res.write(this.buffered.join(''));
    this.buffered = [];
    this.size = 0;
    if (!ok && !this.res.destroyed) await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done).off('close', done);
        resolve();
      };
      this.res.on('drain', done).on('close', done);
    });
  }
}

// ---------------------------------------------------------------- reading requests

/** The media type of the body, without parameters; JSON when none is given. */
function mediaType(req: IncomingMessage): string {
  const type = req.headers['content-type'];
  if (type === undefined || type === 'application/json') return 'application/json';
  return type.split(';')[0]!.trim().toLowerCase();
}

const isNdjson = (type: string): boolean => type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/ndjson';

function unsupported(type: string, accepted: string): HttpProblem {
  return new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `a body of type ${type} is not accepted here`, [problemAt('$', 'service.mediaType', { type, accepted })]);
}

/** The body as one JSON document (within the body limit). */
async function jsonBody(x: Exchange): Promise<unknown> {
  const type = mediaType(x.req);
  if (type !== 'application/json') throw unsupported(type, 'Content-Type: application/json');
  const bytes = await readBody(x.req, x.service.limits);
  return parseJsonDocument(decodeUtf8(bytes, 'request body'), 'request body');
}

/** A date of the query (`?asOf=2021-06-30`), checked. */
function queryDate(x: Exchange, name: string): string | undefined {
  const value = x.query.get(name);
  if (value === null) return undefined;
  if (!isIsoDate(value)) {
    throw new CreditRulesError('USAGE', `?${name}=${value} is not a date`, { problems: [problemAt(`?${name}`, 'service.queryDate', { value: JSON.stringify(value) })] });
  }
  return value;
}

/** The ruleset the path names (`/rulesets/{name}/…`). */
function entryOf(x: Exchange): CatalogEntry {
  const name = x.params.name!;
  const entry = x.service.catalog.get(name);
  if (entry) return entry;
  const names = x.service.catalog.list().map((e) => e.name);
  throw new HttpProblem(404, 'NOT_FOUND', `no ruleset "${name}" is served here`, [problemAt('$', 'service.unknownRuleset', { name, names })]);
}

// ---------------------------------------------------------------- evaluating

/** A record's evaluation: its result, or the problem that stands in its place in a batch. */
function scoreOne(entry: CatalogEntry, record: unknown, asOf: string | undefined, trace: boolean): ReturnType<typeof evaluate> {
  const own = record !== null && typeof record === 'object' ? (record as { asOf?: unknown }).asOf : undefined;
  const compiled = entry.on(asOf ?? (isIsoDate(own) ? own : today()));
  return evaluate(compiled, record, { asOf, trace });
}

function itemProblem(error: unknown, place: { index: number; line?: number }, record?: unknown): ProblemBody {
  const problem = problemOf(error);
  const recordId = problem.recordId ?? recordIdOf(record);
  return { ...problem, ...(recordId !== undefined ? { recordId } : {}), ...place };
}

async function evaluateRoute(x: Exchange): Promise<void> {
  const entry = entryOf(x);
  const asOf = queryDate(x, 'asOf');
  const trace = x.query.get('trace') !== 'false';
  const type = mediaType(x.req);
  if (isNdjson(type)) return evaluateStream(x, entry, asOf, trace);
  if (type !== 'application/json') throw unsupported(type, 'Content-Type: application/json, or application/x-ndjson for one record per line');
  const body = await readBody(x.req, x.service.limits, true);
  if ('arrayStart' in body) return evaluateArray(x, entry, asOf, trace, body.arrayStart);
  const record = parseJsonDocument(decodeUtf8(body, 'request body'), 'request body');
  x.records = 1;
  sendJson(x.res, 200, scoreOne(entry, record, asOf, trace));
}

/**
 * A JSON array in, a JSON array out, element by element as they come: one entry per record,
 * in order, a problem (with its `index`) where a record could not be scored; bounded memory
 * for an array of any length, each element within the body limit. A syntax error, or a body
 * that stops, ends the array with a problem saying why.
 */
async function evaluateArray(x: Exchange, entry: CatalogEntry, asOf: string | undefined, trace: boolean, start: Buffer[]): Promise<void> {
  let stalled: HttpProblem | undefined;
  const rest = streamBody(x.req, x.service.limits.idleMs, (problem) => (stalled = problem));
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* start;
    yield* rest;
  }
  // The array is one level: an element may nest one less than a whole document.
  const elements = jsonArrayBatches(chunks(), { maxDepth: MAX_DEPTH - 1, maxElementLength: x.service.limits.maxBytes });
  x.res.writeHead(200, { 'content-type': JSON_TYPE });
  const out = new StreamWriter(x.res);
  out.write('[');
  let index = 0;
  const add = (text: string): void => out.write(index++ ? `,\n${text}` : `\n${text}`);
  try {
    for await (const batch of elements) {
      for (const { value } of batch) {
        let text: string;
        try {
          text = JSON.stringify(scoreOne(entry, value, asOf, trace));
        } catch (error) {
          if (!(error instanceof CreditRulesError)) throw error;
          text = JSON.stringify(itemProblem(error, { index }, value));
        }
        add(text);
      }
      // Each chunk's results go out as soon as it is scored: the client reads while it sends.
      await out.flush();
    }
    x.records = index;
  } catch (error) {
    const reason = stalled ?? error;
    if (!(reason instanceof HttpProblem || reason instanceof CreditRulesError)) throw error;
    x.records = index;
    add(JSON.stringify({ ...problemOf(reason, x.path), index }));
    if (!x.req.complete) x.res.once('finish', () => x.req.destroy());
  }
  out.write(index ? '\n]\n' : ']\n');
  await out.flush();
  x.res.end();
}

/** NDJSON in, NDJSON out, as the records come: bounded memory for a stream of any length. */
async function evaluateStream(x: Exchange, entry: CatalogEntry, asOf: string | undefined, trace: boolean): Promise<void> {
  const { maxBytes, idleMs } = x.service.limits;
  let stalled: HttpProblem | undefined;
  const records = recordsOfLines(lines(streamBody(x.req, idleMs, (problem) => (stalled = problem)), maxBytes), 'request body');
  x.res.writeHead(200, { 'content-type': NDJSON_TYPE });
  const out = new StreamWriter(x.res);
  let index = 0;
  try {
    for await (const batch of records) {
      for (const item of batch) {
        const line = item.where.line!;
        let text: string;
        if (item.error) text = JSON.stringify(itemProblem(item.error, { index, line }));
        else {
          try {
            text = JSON.stringify(scoreOne(entry, item.value, asOf, trace));
          } catch (error) {
            if (!(error instanceof CreditRulesError)) throw error;
            text = JSON.stringify(itemProblem(error, { index, line }, item.value));
          }
        }
        index++;
        out.write(`${text}\n`);
      }
      // Each chunk's results go out as soon as it is scored: the client reads while it sends.
      await out.flush();
    }
  } catch (error) {
    // The stream stopped (a pause past the timeout, the client gone): its last line says why.
    const reason = stalled ?? error;
    if (!(reason instanceof HttpProblem || reason instanceof CreditRulesError)) throw error;
    out.write(`${JSON.stringify({ ...problemOf(reason, x.path), index })}\n`);
    if (!x.req.complete) x.res.once('finish', () => x.req.destroy());
  } finally {
    x.records = index;
  }
  await out.flush();
  x.res.end();
}

// ---------------------------------------------------------------- validating

async function validateRulesetRoute(x: Exchange): Promise<void> {
  const json = await jsonBody(x);
  const compiled = rulesetFromJson(json, 'request body');
  const r = compiled.ruleset;
  sendJson(x.res, 200, { valid: true, id: r.id, version: r.version, status: r.status, citationHints: citationHints(r), hints: rulesetHints(r) });
}

async function validateRecordRoute(x: Exchange): Promise<void> {
  const entry = entryOf(x);
  const asOf = queryDate(x, 'asOf');
  const record = await jsonBody(x);
  const own = record !== null && typeof record === 'object' ? (record as { asOf?: unknown }).asOf : undefined;
  const check = validateRecord(record, entry.on(asOf ?? (isIsoDate(own) ? own : today())));
  if (!check.valid) throw new CreditRulesError('RECORD_INVALID', 'the record is invalid', { recordId: recordIdOf(record), problems: check.problems });
  sendJson(x.res, 200, check);
}

// ---------------------------------------------------------------- comparing

/** One side of a comparison as the request names it: a version of the ruleset, or a ruleset in the body. */
function side(entry: CatalogEntry, given: unknown, at: string, date: string): { compiled: CompiledRuleset; source: string } {
  if (given === undefined) return { compiled: entry.on(date), source: `${entry.name} (in force on ${date})` };
  if (typeof given === 'string') {
    const compiled = entry.version(given);
    if (!compiled) {
      throw new CreditRulesError('NO_RULESET_IN_FORCE', `ruleset ${entry.name} has no version ${given}`, {
        problems: [problemAt(at, 'service.unknownVersion', { version: given, versions: entry.versions.map((v) => v.ruleset.version) })],
      });
    }
    return { compiled, source: `${entry.name}@${given}` };
  }
  try {
    return { compiled: rulesetFromJson(given, `request body ${at}`), source: `request body ${at}` };
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    throw new CreditRulesError(error.code, error.message, { file: error.file, problems: error.problems.map((p) => ({ ...p, path: p.path.replace(/^\$/, at) })) });
  }
}

const sideJson = ({ compiled, source }: { compiled: CompiledRuleset; source: string }): Record<string, unknown> => {
  const r = compiled.ruleset;
  return { source, id: r.id, version: r.version, status: r.status, effectiveFrom: r.effectiveFrom, ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}) };
};

const isCaseShaped = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'record') && Object.hasOwn(value, 'expected');

async function diffRoute(x: Exchange): Promise<void> {
  const entry = entryOf(x);
  const body = await jsonBody(x);
  const usage = (problem: Problem): CreditRulesError => new CreditRulesError('USAGE', problem.message, { problems: [problem] });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw usage(problemAt('$', 'service.bodyNotObject', {}));
  const { old: oldGiven, new: newGiven, cases, asOf, nearLine } = body as Record<string, unknown>;
  if (asOf !== undefined && !isIsoDate(asOf)) throw usage(problemAt('$.asOf', 'service.bodyDate', { value: JSON.stringify(asOf) }));
  if (newGiven === undefined) throw usage(problemAt('$.new', 'service.noNewVersion', {}));
  if (!Array.isArray(cases)) throw usage(problemAt('$.cases', 'service.casesNotList', {}));
  if (nearLine !== undefined && (typeof nearLine !== 'number' || !(nearLine >= 0))) throw usage(problemAt('$.nearLine', 'service.nearLine', {}));
  const date = asOf ?? today();
  const older = side(entry, oldGiven, '$.old', date);
  const newer = side(entry, newGiven, '$.new', date);
  if (older.compiled.ruleset.entityKind !== newer.compiled.ruleset.entityKind) {
    throw usage(problemAt('$.new', 'service.kindsDiffer', { old: older.compiled.ruleset.entityKind, new: newer.compiled.ruleset.entityKind }));
  }
  const collector = new ImpactCollector(older.compiled, newer.compiled, nearLine === undefined ? {} : { nearLine });
  const problems: Problem[] = [];
  cases.forEach((value, i) => {
    if (!isCaseShaped(value)) return void collector.add({ record: value, asOf, source: `$.cases[${i}]` });
    const found = validateCase(value);
    if (found.length) problems.push(...found.map((p) => ({ ...p, path: p.path.replace(/^\$/, `$.cases[${i}]`) })));
    else {
      const c = value as SampleCase;
      collector.add({ record: c.record, asOf: c.asOf, name: c.name, source: `$.cases[${i}]` });
    }
  });
  if (problems.length) throw new CreditRulesError('CASE_INVALID', 'a case does not match schemas/case.schema.json', { problems });
  const { rows, nearLines, ...counts } = collector.finish();
  x.records = cases.length;
  sendJson(x.res, 200, {
    old: sideJson(older),
    new: sideJson(newer),
    policy: policyDiff(older.compiled.ruleset, newer.compiled.ruleset),
    impact: { ...counts, unreadable: 0, nearLines: nearLines.map((r) => r.id), rows },
  });
}

// ---------------------------------------------------------------- the routes

const DATE_QUERY = { name: 'date', description: 'the date the version in force is given for (YYYY-MM-DD); default today', example: '2021-06-30' };
const AS_OF_QUERY = { name: 'asOf', description: "the evaluation date (YYYY-MM-DD); default each record's asOf, else today. A folder of versions gives each record the version in force on it", example: '2021-06-30' };
const PROBLEM = { 'application/problem+json': 'Problem' };
const BAD = { 400: { description: 'the body is not JSON, or the query is wrong', content: PROBLEM }, 413: { description: 'the body is larger than the limit', content: PROBLEM } };

export const ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/health', summary: 'the process is up (answered without the token: it says nothing else)', open: true,
    responses: { 200: { description: 'up', content: { 'application/json': 'Object' } } },
    handle: (x) => sendJson(x.res, 200, { status: 'ok' }),
  },
  {
    method: 'GET', path: '/ready', summary: 'ready to score: the rulesets are loaded and the service is not shutting down (answered without the token; the number of rulesets only with it)', open: true,
    responses: { 200: { description: 'ready', content: { 'application/json': 'Object' } }, 503: { description: 'starting, shutting down, or no ruleset loaded', content: PROBLEM } },
    handle: (x) => {
      const loaded = x.service.catalog.list().length;
      if (!x.service.ready || loaded === 0) {
        throw new HttpProblem(503, 'UNAVAILABLE', !x.service.ready ? 'the service is shutting down' : 'no ruleset is loaded', [problemAt('$', 'service.notReady', { shuttingDown: !x.service.ready })]);
      }
      sendJson(x.res, 200, x.authorized ? { status: 'ready', rulesets: loaded } : { status: 'ready' });
    },
  },
  {
    method: 'GET', path: '/openapi.json', summary: 'this description (OpenAPI 3.1), its schemas those of schemas/',
    responses: { 200: { description: 'the OpenAPI document', content: { 'application/json': 'Object' } } },
    handle: (x) => sendJson(x.res, 200, x.service.openapi),
  },
  {
    method: 'GET', path: '/rulesets', summary: 'the rulesets served, their versions, and the version in force on a date',
    query: [DATE_QUERY],
    responses: { 200: { description: '{ date, rulesets: [{ name, id, title, entityKind, folder, versions: [{ version, status, effectiveFrom, effectiveTo? }], inForce }] }', content: { 'application/json': 'Object' } }, 400: BAD[400] },
    handle: (x) => {
      const date = queryDate(x, 'date') ?? today();
      sendJson(x.res, 200, { date, rulesets: x.service.catalog.list().map((e) => e.summary(date)) });
    },
  },
  {
    method: 'GET', path: '/rulesets/{name}', summary: "one ruleset's versions and the version in force on a date",
    query: [DATE_QUERY],
    responses: { 200: { description: '{ name, id, title, entityKind, folder, versions, inForce }', content: { 'application/json': 'Object' } }, 400: BAD[400], 404: { description: 'no such ruleset', content: PROBLEM } },
    handle: (x) => sendJson(x.res, 200, entryOf(x).summary(queryDate(x, 'date') ?? today())),
  },
  {
    method: 'POST', path: '/rulesets/{name}/evaluate', summary: 'score one record, a JSON array of records, or an NDJSON stream (answered as a stream)',
    description: 'One record (a JSON object) gets its result, or a problem (422) when it is invalid. A JSON array gets an array in the same order, with a problem (carrying `index`) in the place of each record that could not be scored. An NDJSON body (Content-Type: application/x-ndjson) is read and answered line by line: one result or problem (with `index` and `line`) per line, as the records come, so a stream of any length goes through in bounded memory.',
    query: [AS_OF_QUERY, { name: 'trace', description: 'false leaves the trace out of the results (faster, smaller)', example: 'false' }],
    body: { description: 'a record, an array of records, or NDJSON (one record per line)', content: { 'application/json': 'Record|Record[]', 'application/x-ndjson': 'Record' } },
    responses: {
      200: { description: 'the result; for an array, the results in order; for NDJSON, one line per record', content: { 'application/json': 'Result|(Result|Problem)[]', 'application/x-ndjson': 'Result|Problem' } },
      ...BAD, 404: { description: 'no such ruleset', content: PROBLEM }, 415: { description: 'neither JSON nor NDJSON', content: PROBLEM }, 422: { description: 'the record is invalid, or no version is in force on its date', content: PROBLEM },
    },
    handle: evaluateRoute,
  },
  {
    method: 'POST', path: '/rulesets/{name}/validate', summary: "check a record against the ruleset's schema and vocabulary without scoring it",
    query: [AS_OF_QUERY],
    body: { description: 'a record', content: { 'application/json': 'Record' } },
    responses: { 200: { description: '{ valid: true, problems: [], warnings }', content: { 'application/json': 'Object' } }, ...BAD, 404: { description: 'no such ruleset', content: PROBLEM }, 422: { description: 'the record is invalid: every problem with its path and fix', content: PROBLEM } },
    handle: validateRecordRoute,
  },
  {
    method: 'POST', path: '/rulesets/{name}/diff', summary: 'compare two versions on cases: the policy changes and what they do to every case',
    description: 'The body is `{ "new": VERSION or a whole ruleset, "old"?: VERSION or a whole ruleset (default: the version in force), "cases": [records or sample cases], "asOf"?: "YYYY-MM-DD", "nearLine"?: points }`. Records are scored on `asOf`, else their own asOf, else today; sample cases on their own date.',
    body: { description: '{ old?, new, cases, asOf?, nearLine? }', content: { 'application/json': 'Object' } },
    responses: { 200: { description: 'the comparison, as `credit-rules diff --format json` writes it', content: { 'application/json': 'DiffReport' } }, ...BAD, 404: { description: 'no such ruleset', content: PROBLEM }, 422: { description: 'a ruleset or case in the body is invalid, or a version is unknown', content: PROBLEM } },
    handle: diffRoute,
  },
  {
    method: 'POST', path: '/validate', summary: 'check a ruleset: the schema, references, and hints (numbers its citations do not write, values probably not meant)',
    body: { description: 'a ruleset', content: { 'application/json': 'Ruleset' } },
    responses: { 200: { description: '{ valid: true, id, version, status, citationHints, hints }', content: { 'application/json': 'Object' } }, ...BAD, 422: { description: 'the ruleset is invalid: every problem with its JSON path and fix', content: PROBLEM } },
    handle: validateRulesetRoute,
  },
];

// ---------------------------------------------------------------- routing

const compiledRoutes = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
  // The parameters' names, in the order of the pattern's groups (numbered: a match with named
  // groups builds an object that then has to be walked, a cost seen on every request).
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
}));

/** The parameters of a path, decoded; undefined for a malformed escape (%E0). */
function decodeParams(names: readonly string[], found: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const value = found[i + 1]!;
    if (!value.includes('%')) params[names[i]!] = value;
    else {
      try {
        params[names[i]!] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}

/** The route a request names and its parameters, or the problem saying it names none. */
function match(method: string, pathname: string): { route: Route; params: Record<string, string> } | HttpProblem {
  const allowed: string[] = [];
  for (const { route, pattern, names } of compiledRoutes) {
    const found = pattern.exec(pathname);
    if (!found) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
      const params = decodeParams(names, found);
      if (params) return { route, params };
      break; // a malformed escape (%E0) names nothing served here
    }
    allowed.push(route.method);
  }
  if (allowed.length) {
    return new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}`, [problemAt('$', 'service.methodNotAllowed', { method, pathname, allowed })], { allow: allowed.join(', ') });
  }
  return new HttpProblem(404, 'NOT_FOUND', `nothing is served at ${pathname}`, [problemAt('$', 'service.notFound', { method, pathname })]);
}

/** The SHA-256 of a token: equal lengths, so the comparison takes the same time whatever the token sent. */
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether the request carries the token; a problem when it does not and the route needs it. */
function authorize(req: IncomingMessage, expected: Buffer, open: boolean): boolean {
  const header = req.headers.authorization ?? '';
  const sent = /^Bearer (.+)$/i.exec(header)?.[1];
  if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return true;
  if (open) return false;
  throw new HttpProblem(401, 'UNAUTHORIZED', sent === undefined ? 'this service needs a token' : 'the token is not the right one', [problemAt('$', 'service.unauthorized', { sent: sent !== undefined })], { 'www-authenticate': 'Bearer' });
}

/**
 * A request target of these characters only is read as the URL parser reads it, without it: no
 * dot segment to resolve, nothing to escape, no fragment (`new URL` was 2% of a request's CPU).
 */
const PLAIN_TARGET = /^(\/(?!\/)[\w~/-]*)(?:\?([\w~.=&%+-]*))?$/;

/** The request's path and query; a target that is not a path (`*`, `//host/…`) names nothing served here. */
function requestTarget(target = '/'): { path: string; query: URLSearchParams } {
  const plain = PLAIN_TARGET.exec(target);
  if (plain) return { path: plain[1]!, query: new URLSearchParams(plain[2]) };
  let url: URL;
  try {
    url = new URL(`http://service${target.startsWith('/') && !target.startsWith('//') ? target : '/?'}`);
  } catch {
    url = new URL('http://service/?');
  }
  return { path: url.pathname, query: url.searchParams };
}

/** The request handler: authorization, routing, the handler, a problem for what goes wrong, and one log line. */
export function createHandler(service: ServiceContext): (req: IncomingMessage, res: ServerResponse) => void {
  const expected = service.token === undefined ? undefined : digest(service.token);
  return (req, res) => {
    const started = performance.now();
    const { path: pathname, query } = requestTarget(req.url);
    const x: Exchange = { req, res, path: pathname, query, params: {}, service, authorized: !expected };
    if (!service.ready) res.setHeader('connection', 'close');
    let failure: ProblemBody | undefined;
    const fail = (error: unknown): void => {
      failure = problemOf(error, pathname);
      if (failure.code === 'INTERNAL') service.log('error', 'internal error', { path: pathname, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (!res.headersSent) sendProblem(x, failure, error instanceof HttpProblem ? error.headers : undefined);
      else res.destroy(); // mid-stream: the client sees a cut answer, not a well-formed wrong one
    };
    res.once('close', () => {
      service.log('info', 'request', {
        method: req.method, path: pathname, status: res.statusCode, ms: Math.round((performance.now() - started) * 100) / 100,
        ...(x.records !== undefined ? { records: x.records } : {}),
        ...(failure ? { code: failure.code } : {}),
        ...(!res.writableFinished ? { aborted: true } : {}),
      });
    });
    try {
      // The token is checked before a route is said not to exist: without it, nothing is told.
      const found = match(req.method ?? 'GET', pathname);
      if (expected) x.authorized = authorize(req, expected, !(found instanceof HttpProblem) && found.route.open === true);
      if (found instanceof HttpProblem) throw found;
      x.params = found.params;
      const done = found.route.handle(x);
      if (done) done.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
