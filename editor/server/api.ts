/**
 * The HTTP face of the rulesets folder, as connect middleware (Vite's dev and preview servers):
 *
 *   GET    /api/rulesets                       → RulesetSummary[]
 *   GET    /api/file?path=enterprise.json      → StoredFile
 *   GET    /api/cases?ruleset=enterprise.json  → CaseFolder
 *   PUT    /api/file?path=…   body: the JSON text; `If-Match: <hash>` or `If-None-Match: *`
 *   DELETE /api/file?path=cases/…              `If-Match: <hash>`
 *
 * Only loopback clients are served, under a loopback host name, never to a page of another
 * site or port; writes must carry `x-credit-rules-editor` and a body of UTF-8 text. Refusals
 * that an officer has to act on (a full disk, a read-only one, a file name too long, …) are
 * written in the language the request asks for (`Accept-Language`), zh-CN unless it asks for en.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';
import { asFileApiError, decodeUtf8, FileApiError, type RulesetFiles } from './files.js';
import { API_PREFIX, LOCALIZED_CODES, WRITE_HEADER, type FileErrorBody } from './protocol.js';

type Next = (error?: unknown) => void;

/** Connect-style middleware. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(text);
}

const CATALOGUES = { 'zh-CN': zhCN.fileServer, en: en.fileServer };

/** The language a request asks for: the first tag of `Accept-Language`, en or else zh-CN. */
function localeOf(req: IncomingMessage): keyof typeof CATALOGUES {
  const first = String(req.headers['accept-language'] ?? '').trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The refusal's message in `locale` when the catalogue has one for its code, else the server's own. */
function localized(error: FileApiError, locale: keyof typeof CATALOGUES): string {
  if (!(LOCALIZED_CODES as readonly string[]).includes(error.code)) return error.message;
  const template = CATALOGUES[locale][error.code as (typeof LOCALIZED_CODES)[number]];
  const params: Record<string, string | undefined> = { path: '', ...error.params };
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');
}

function refuse(res: ServerResponse, error: FileApiError, locale: keyof typeof CATALOGUES): void {
  const body: FileErrorBody = { error: { code: error.code, message: localized(error, locale) } };
  if (error.problems.length) body.error.problems = error.problems;
  if (error.currentHash !== undefined) body.error.currentHash = error.currentHash;
  send(res, error.status, body);
}

/** Reads a request body up to `limit` bytes; a larger one is refused before it is all read. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new FileApiError(413, 'TOO_LARGE', `the body is larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new FileApiError(413, 'TOO_LARGE', `the body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** The hash an `If-Match` header names (quotes and a weak prefix allowed). */
function ifMatch(req: IncomingMessage): string | undefined {
  const value = req.headers['if-match'];
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** Refuses requests that do not come from this machine, or that a foreign page could have sent. */
function checkClient(req: IncomingMessage, write: boolean): void {
  const address = req.socket.remoteAddress ?? '';
  if (!LOOPBACK.has(address)) throw new FileApiError(403, 'FORBIDDEN', 'the editor server answers this machine only (127.0.0.1)');
  const host = req.headers.host ?? '';
  if (!LOCAL_HOST.test(host)) throw new FileApiError(403, 'FORBIDDEN', `host "${host}" refused: open the editor at http://127.0.0.1`);
  // Browsers say where a request comes from: a page of another site, or another port of this one, is refused.
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new FileApiError(403, 'FORBIDDEN', `requests from other pages (${site}) are refused`);
  if (!write) return;
  if (req.headers[WRITE_HEADER] !== '1') throw new FileApiError(403, 'FORBIDDEN', `writes must come from the editor (header ${WRITE_HEADER})`);
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) throw new FileApiError(403, 'FORBIDDEN', `origin ${origin} refused`);
}

/** The file API over a rulesets folder. Requests outside `/api/` go to `next`. */
export function createFileApi(files: RulesetFiles): Middleware {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(API_PREFIX)) {
      next();
      return;
    }
    const route = url.pathname.slice(API_PREFIX.length);
    const method = req.method ?? 'GET';
    const handle = async (): Promise<void> => {
      checkClient(req, method !== 'GET' && method !== 'HEAD');
      if (method === 'GET' && route === 'rulesets') return send(res, 200, await files.list());
      if (method === 'GET' && route === 'file') return send(res, 200, await files.read(url.searchParams.get('path') ?? ''));
      if (method === 'GET' && route === 'cases') return send(res, 200, await files.casesFor(url.searchParams.get('ruleset') ?? ''));
      if (method === 'PUT' && route === 'file') {
        const create = req.headers['if-none-match'] === '*';
        const base = ifMatch(req);
        if (!create && base === undefined) throw new FileApiError(428, 'CONFLICT', 'say which version you opened (If-Match: <hash>) or If-None-Match: * for a new file');
        const relative = url.searchParams.get('path') ?? '';
        const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.replace(/"/g, '').toLowerCase();
        if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
          throw new FileApiError(415, 'NOT_UTF8', `${relative}: the body is declared ${charset}, not UTF-8`, { params: { path: relative } });
        }
        const text = decodeUtf8(await readBody(req, files.maxBytes), relative);
        return send(res, 200, await files.write(relative, text, create ? null : base!));
      }
      if (method === 'DELETE' && route === 'file') {
        const base = ifMatch(req);
        if (base === undefined) throw new FileApiError(428, 'CONFLICT', 'say which version you opened (If-Match: <hash>)');
        return send(res, 200, await files.remove(url.searchParams.get('path') ?? '', base));
      }
      const known = route === 'file' || route === 'rulesets' || route === 'cases';
      throw new FileApiError(known ? 405 : 404, known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    };
    handle().catch((error: unknown) => {
      const relative = url.searchParams.get('path') ?? url.searchParams.get('ruleset') ?? '';
      // A refused body may still be arriving; stop reading it and close afterwards.
      if (!req.complete) res.setHeader('Connection', 'close');
      refuse(res, asFileApiError(error, relative), localeOf(req));
    });
  };
}
