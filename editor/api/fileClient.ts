/**
 * The browser's side of the file API (../server/api.ts). Without a server (a static build) the
 * files bundled at build time are read and nothing can be written: "download JSON" still works.
 */
import { API_PREFIX, WRITE_HEADER, type CaseFolder, type FileErrorBody, type FileErrorCode, type RulesetSummary, type StoredFile, type WriteOutcome } from '../server/protocol.js';

/** A refusal of the server, with its code and the engine's problems. */
export class FileRefusal extends Error {
  readonly status: number;
  readonly code: FileErrorCode | 'NO_SERVER' | 'NETWORK';
  readonly problems: NonNullable<FileErrorBody['error']['problems']>;
  readonly currentHash?: string | null;

  constructor(status: number, body: FileErrorBody['error'] | { code: 'NO_SERVER' | 'NETWORK'; message: string }) {
    super(body.message);
    this.name = 'FileRefusal';
    this.status = status;
    this.code = body.code;
    this.problems = 'problems' in body && body.problems ? body.problems : [];
    if ('currentHash' in body) this.currentHash = body.currentHash;
  }
}

/** Where the editor reads and writes its files. */
export interface FileSource {
  /** False for the files bundled in a static build: they can be read, not written. */
  readonly writable: boolean;
  listRulesets(): Promise<RulesetSummary[]>;
  readFile(path: string): Promise<StoredFile>;
  readCases(rulesetPath: string): Promise<CaseFolder>;
  /** `baseHash`: the version opened; `null` creates a file that must not exist. */
  writeFile(path: string, text: string, baseHash: string | null): Promise<WriteOutcome>;
  removeFile(path: string, baseHash: string): Promise<WriteOutcome>;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new FileRefusal(0, { code: 'NETWORK', message: (error as Error).message });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new FileRefusal(response.status, { code: 'NO_SERVER', message: `no file server at ${url}` });
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new FileRefusal(response.status, (body as FileErrorBody).error);
  return body as T;
}

/** The page's language (`<html lang>`, kept by useLocale), zh-CN outside a page. */
function pageLocale(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || 'zh-CN';
}

/** The file API of the local server; each request asks for refusals in `locale()`. */
export function httpFileSource(base = API_PREFIX, locale: () => string = pageLocale): FileSource {
  const q = encodeURIComponent;
  const get = <T>(url: string): Promise<T> => call(url, { headers: { 'Accept-Language': locale() } });
  return {
    writable: true,
    listRulesets: () => get(`${base}rulesets`),
    readFile: (path) => get(`${base}file?path=${q(path)}`),
    readCases: (rulesetPath) => get(`${base}cases?ruleset=${q(rulesetPath)}`),
    writeFile: (path, text, baseHash) =>
      call(`${base}file?path=${q(path)}`, {
        method: 'PUT',
        body: text,
        headers: {
          'Content-Type': 'application/json',
          'Accept-Language': locale(),
          [WRITE_HEADER]: '1',
          ...(baseHash === null ? { 'If-None-Match': '*' } : { 'If-Match': `"${baseHash}"` }),
        },
      }),
    removeFile: (path, baseHash) =>
      call(`${base}file?path=${q(path)}`, { method: 'DELETE', headers: { 'Accept-Language': locale(), [WRITE_HEADER]: '1', 'If-Match': `"${baseHash}"` } }),
  };
}

/** SHA-256 of a text in hex, as the server hashes files. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Files bundled into a static build, read-only. */
export function bundledFileSource(rulesets: Record<string, string>, cases: Record<string, string>): FileSource {
  const noServer = (): Promise<never> =>
    Promise.reject(new FileRefusal(0, { code: 'NO_SERVER', message: 'this copy of the editor has no server: download the JSON and save it into rulesets/' }));
  const read = async (path: string, text: string | undefined): Promise<StoredFile> => {
    if (text === undefined) throw new FileRefusal(404, { code: 'NOT_FOUND', message: `no file ${path}` });
    return { path, text, hash: await sha256(text) };
  };
  return {
    writable: false,
    listRulesets: async () =>
      Object.keys(rulesets).sort().map((path) => {
        try {
          const json = JSON.parse(rulesets[path]!) as Record<string, string>;
          return { path, id: json.id, title: json.title, version: json.version, status: json.status };
        } catch (error) {
          return { path, error: (error as Error).message };
        }
      }),
    readFile: (path) => read(path, rulesets[path] ?? cases[path]),
    readCases: async (rulesetPath) => {
      let candidates = [rulesetPath.slice(rulesetPath.lastIndexOf('/') + 1).replace(/\.json$/, '')];
      try {
        const json = JSON.parse(rulesets[rulesetPath] ?? '') as Record<string, string>;
        candidates = [...candidates, json.id ?? '', json.entityKind ?? ''];
      } catch {
        // The file's own name still finds its cases.
      }
      for (const candidate of candidates) {
        const dir = `cases/${candidate}`;
        const paths = Object.keys(cases).filter((p) => p.startsWith(`${dir}/`)).sort();
        if (paths.length) return { dir, files: await Promise.all(paths.map((p) => read(p, cases[p]))) };
      }
      return { dir: `cases/${candidates[0]}`, files: [] };
    },
    writeFile: noServer,
    removeFile: noServer,
  };
}
