/**
 * The rulesets folder as the editor may touch it: read rulesets and their sample cases, and
 * write them back only when the engine accepts them, atomically, keeping the previous version
 * and refusing to overwrite a file that changed since it was read. Plain Node, no HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, type Dirent } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { CreditRulesError, loadRuleset, validateCase, type Problem } from '../../engine/index.js';
import { MAX_BODY_BYTES, type CaseFolder, type FileErrorCode, type RulesetSummary, type StoredFile, type WriteOutcome } from './protocol.js';

/** A refusal with its HTTP status and, for invalid files, the engine's problems. */
export class FileApiError extends Error {
  readonly status: number;
  readonly code: FileErrorCode;
  readonly problems: Problem[];
  readonly currentHash?: string | null;

  constructor(status: number, code: FileErrorCode, message: string, extra: { problems?: Problem[]; currentHash?: string | null } = {}) {
    super(message);
    this.name = 'FileApiError';
    this.status = status;
    this.code = code;
    this.problems = extra.problems ?? [];
    if ('currentHash' in extra) this.currentHash = extra.currentHash;
  }
}

/** What a relative path names: a ruleset at the top, or a case in `cases/<folder>/`. */
export type FileKind = 'ruleset' | 'case';

const SEGMENT = /^[\p{L}\p{N}_+-][\p{L}\p{N}_.+-]*$/u;
const HISTORY_DIR = '.history';

/** The SHA-256 of a file's bytes, as the editor sends it back in `If-Match`. */
export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Checks a path the browser sent: relative, forward slashes, no `..`, no hidden segments, a
 * `.json` ruleset at the top or in a folder (`enterprise-versions/enterprise-n4.json`), or a case
 * in `cases/<folder>/`. Throws `PATH_REJECTED`.
 */
export function classifyPath(relative: unknown): { segments: string[]; kind: FileKind } {
  const reject = (why: string): never => {
    throw new FileApiError(403, 'PATH_REJECTED', `path ${JSON.stringify(relative)} rejected: ${why}`);
  };
  if (typeof relative !== 'string' || relative.length === 0) return reject('no path given');
  if (relative.length > 400) return reject('path too long');
  if (relative.includes('\0') || relative.includes('\\')) return reject('use forward slashes and no control characters');
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return reject('absolute paths are not allowed; give a path inside the rulesets folder');
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '..' || segment === '.') return reject('"." and ".." are not allowed');
    if (!SEGMENT.test(segment)) return reject(`"${segment}" is not an allowed file or folder name`);
  }
  if (!relative.endsWith('.json')) return reject('only .json files may be read or written');
  if (segments.length === 1 || (segments.length === 2 && segments[0] !== 'cases')) return { segments, kind: 'ruleset' };
  if (segments.length === 3 && segments[0] === 'cases') return { segments, kind: 'case' };
  return reject('only rulesets (<name>.json, <folder>/<name>.json) and sample cases (cases/<folder>/<name>.json) are allowed');
}

/** Options of a rulesets folder. */
export interface RulesetFilesOptions {
  /** The rulesets folder; every path is relative to it. */
  root: string;
  /** The largest file accepted (default 5 MB). */
  maxBytes?: number;
  /** The clock for history names (tests fix it). */
  now?: () => Date;
}

/** The rulesets folder: list, read, write and remove with the checks described above. */
export class RulesetFiles {
  readonly root: string;
  readonly maxBytes: number;
  private readonly now: () => Date;
  private realRoot: string | undefined;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(options: RulesetFilesOptions) {
    this.root = path.resolve(options.root);
    this.maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
    this.now = options.now ?? (() => new Date());
  }

  /** The rulesets at the top of the folder and one folder down (not `cases/`), with their id, title and version. */
  async list(): Promise<RulesetSummary[]> {
    const isJson = (e: Dirent): boolean => e.isFile() && e.name.endsWith('.json') && SEGMENT.test(e.name);
    const entries = await fs.readdir(this.root, { withFileTypes: true });
    const names = entries.filter(isJson).map((e) => e.name).sort();
    for (const folder of entries.filter((e) => e.isDirectory() && e.name !== 'cases' && SEGMENT.test(e.name)).map((e) => e.name).sort()) {
      const inner = await fs.readdir(path.join(this.root, folder), { withFileTypes: true });
      names.push(...inner.filter(isJson).map((e) => `${folder}/${e.name}`).sort());
    }
    const summaries: RulesetSummary[] = [];
    for (const name of names) {
      try {
        const json = JSON.parse(await fs.readFile(path.join(this.root, name), 'utf8')) as Record<string, unknown>;
        const pick = (key: string): string | undefined => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
        summaries.push({ path: name, id: pick('id'), title: pick('title'), version: pick('version'), status: pick('status') });
      } catch (error) {
        summaries.push({ path: name, error: (error as Error).message });
      }
    }
    return summaries;
  }

  /** Reads a ruleset or case file with its hash. */
  async read(relative: string): Promise<StoredFile> {
    const { absolute } = await this.resolve(relative);
    const bytes = await this.readRegular(absolute, relative);
    if (!bytes) throw new FileApiError(404, 'NOT_FOUND', `no file ${relative} in the rulesets folder`);
    return { path: relative, hash: hashText(bytes), text: bytes.toString('utf8') };
  }

  /**
   * The sample cases of a ruleset: `cases/<file name>/`, else `cases/<ruleset id>/`, else
   * `cases/<entity kind>/` — the first that exists (the file name's when none does).
   */
  async casesFor(rulesetPath: string): Promise<CaseFolder> {
    const ruleset = await this.read(rulesetPath);
    const base = rulesetPath.slice(rulesetPath.lastIndexOf('/') + 1).replace(/\.json$/, '');
    const candidates = [base];
    try {
      const json = JSON.parse(ruleset.text) as { id?: unknown; entityKind?: unknown };
      if (typeof json.id === 'string') candidates.push(json.id);
      if (typeof json.entityKind === 'string') candidates.push(json.entityKind, json.entityKind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    } catch {
      // An unreadable ruleset still has the cases named after its file.
    }
    for (const candidate of candidates) {
      if (!SEGMENT.test(candidate)) continue;
      const dir = `cases/${candidate}`;
      const absolute = path.join(this.root, 'cases', candidate);
      const stat = await fs.lstat(absolute).catch(() => undefined);
      if (!stat?.isDirectory()) continue;
      const names = (await fs.readdir(absolute, { withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith('.json') && SEGMENT.test(e.name))
        .map((e) => e.name)
        .sort();
      const files: StoredFile[] = [];
      for (const name of names) files.push(await this.read(`${dir}/${name}`));
      return { dir, files };
    }
    return { dir: `cases/${base}`, files: [] };
  }

  /**
   * Writes a ruleset or case after the engine accepted it. `baseHash` is the hash of the version
   * the editor opened (`null`: the file must not exist yet); any other version on disk is a conflict.
   */
  async write(relative: string, text: string, baseHash: string | null): Promise<WriteOutcome> {
    const { absolute, kind } = await this.resolve(relative, { createFolder: true });
    if (Buffer.byteLength(text) > this.maxBytes) throw new FileApiError(413, 'TOO_LARGE', `the file is larger than ${this.maxBytes} bytes`);
    this.validate(relative, kind, text);
    return this.locked(absolute, async () => {
      const current = await this.readRegular(absolute, relative);
      this.checkBase(relative, current, baseHash);
      const history = current ? await this.keep(relative, absolute, 'copy') : null;
      await this.atomicWrite(absolute, text);
      return { path: relative, hash: hashText(text), history };
    });
  }

  /** Removes a case file, keeping it in the history. Rulesets are never removed. */
  async remove(relative: string, baseHash: string): Promise<WriteOutcome> {
    const { absolute, kind } = await this.resolve(relative);
    if (kind !== 'case') throw new FileApiError(403, 'PATH_REJECTED', 'only sample cases can be removed');
    return this.locked(absolute, async () => {
      const current = await this.readRegular(absolute, relative);
      if (!current) throw new FileApiError(409, 'CONFLICT', `${relative} was removed since it was opened`, { currentHash: null });
      this.checkBase(relative, current, baseHash);
      const history = await this.keep(relative, absolute, 'move');
      return { path: relative, hash: null, history };
    });
  }

  private validate(relative: string, kind: FileKind, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new FileApiError(400, 'JSON_INVALID', `${relative} is not valid JSON: ${(error as Error).message}`);
    }
    if (kind === 'ruleset') {
      try {
        loadRuleset(json, { file: relative });
      } catch (error) {
        if (!(error instanceof CreditRulesError)) throw error;
        throw new FileApiError(422, 'RULESET_INVALID', `${relative} was not saved: ${error.message}`, { problems: error.problems });
      }
    } else {
      const problems = validateCase(json);
      if (problems.length) throw new FileApiError(422, 'CASE_INVALID', `${relative} was not saved: the case does not match schemas/case.schema.json`, { problems });
    }
  }

  private checkBase(relative: string, current: Buffer | undefined, baseHash: string | null): void {
    if (baseHash === null) {
      if (current) throw new FileApiError(409, 'CONFLICT', `${relative} already exists`, { currentHash: hashText(current) });
      return;
    }
    if (!current) throw new FileApiError(409, 'CONFLICT', `${relative} was removed since it was opened`, { currentHash: null });
    const currentHash = hashText(current);
    if (currentHash !== baseHash) throw new FileApiError(409, 'CONFLICT', `${relative} changed on disk since it was opened`, { currentHash });
  }

  /** Resolves a checked path inside the real rulesets folder; no symlink may lead out of it. */
  private async resolve(relative: string, options: { createFolder?: boolean } = {}): Promise<{ absolute: string; kind: FileKind }> {
    const { segments, kind } = classifyPath(relative);
    this.realRoot ??= await fs.realpath(this.root);
    let folder = this.realRoot;
    for (const segment of segments.slice(0, -1)) {
      folder = path.join(folder, segment);
      const stat = await fs.lstat(folder).catch(() => undefined);
      if (!stat && options.createFolder && kind === 'case') {
        await fs.mkdir(folder);
        continue;
      }
      if (!stat) throw new FileApiError(404, 'NOT_FOUND', `no folder ${segments.slice(0, -1).join('/')} in the rulesets folder`);
      if (stat.isSymbolicLink() || !stat.isDirectory()) throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: ${segment} is a link or not a folder`);
    }
    const absolute = path.join(folder, segments[segments.length - 1]!);
    const stat = await fs.lstat(absolute).catch(() => undefined);
    if (stat && !stat.isFile()) throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: not a plain file (a link?)`);
    return { absolute, kind };
  }

  /** The bytes of a plain file, `undefined` when there is none. Refuses links opened in between. */
  private async readRegular(absolute: string, relative: string): Promise<Buffer | undefined> {
    let handle: FileHandle;
    try {
      handle = await fs.open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'ELOOP') throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: it is a link`);
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: not a plain file`);
      if (stat.size > this.maxBytes) throw new FileApiError(413, 'TOO_LARGE', `${relative} is larger than ${this.maxBytes} bytes`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** Keeps the version on disk as `.history/<path with __>.<timestamp>.json`. */
  private async keep(relative: string, absolute: string, how: 'copy' | 'move'): Promise<string> {
    const folder = path.join(this.realRoot!, HISTORY_DIR);
    await fs.mkdir(folder, { recursive: true });
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('.', '');
    const stem = relative.replace(/\.json$/, '').split('/').join('__');
    for (let n = 0; ; n++) {
      const name = `${stem}.${stamp}${n ? `-${n}` : ''}.json`;
      const target = path.join(folder, name);
      try {
        if (how === 'copy') await fs.copyFile(absolute, target, constants.COPYFILE_EXCL);
        else {
          await fs.copyFile(absolute, target, constants.COPYFILE_EXCL);
          await fs.unlink(absolute);
        }
        return `${HISTORY_DIR}/${name}`;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** Writes a temporary file beside the target, flushes it, then renames it over the target. */
  private async atomicWrite(absolute: string, text: string): Promise<void> {
    const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temporary, absolute);
    } catch (error) {
      await fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /** Runs writes to one file one after another, so the hash check and the rename can't interleave. */
  private locked<T>(absolute: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(absolute) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.locks.set(absolute, settled);
    void settled.then(() => {
      if (this.locks.get(absolute) === settled) this.locks.delete(absolute);
    });
    return next;
  }
}
