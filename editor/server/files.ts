/**
 * The rulesets folder as the editor may touch it: read rulesets and their sample cases, and
 * write them back only when the engine accepts them, atomically, keeping the previous version
 * and refusing to overwrite a file that changed since it was read — also when several server
 * processes share the folder (a lock file per target). Plain Node, no HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as nodeFs, type Dirent } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { CreditRulesError, loadRuleset, validateCase, type Problem } from '../../engine/index.js';
import { MAX_BODY_BYTES, type CaseFolder, type FileErrorCode, type RulesetSummary, type StoredFile, type WriteOutcome } from './protocol.js';

/** A refusal with its HTTP status and, for invalid files, the engine's problems. */
export class FileApiError extends Error {
  readonly status: number;
  readonly code: FileErrorCode;
  readonly problems: Problem[];
  readonly currentHash?: string | null;
  /** The file concerned and, for an operating-system error, its code: what a localized message names. */
  readonly params: { path?: string; os?: string; detail?: string };

  constructor(
    status: number,
    code: FileErrorCode,
    message: string,
    extra: { problems?: Problem[]; currentHash?: string | null; params?: FileApiError['params'] } = {},
  ) {
    super(message);
    this.name = 'FileApiError';
    this.status = status;
    this.code = code;
    this.problems = extra.problems ?? [];
    this.params = extra.params ?? {};
    if ('currentHash' in extra) this.currentHash = extra.currentHash;
  }
}

/** What each operating-system error means to the officer, and its HTTP status. */
const OS_ERRORS: Record<string, [number, FileErrorCode]> = {
  ENOSPC: [507, 'DISK_FULL'],
  EDQUOT: [507, 'DISK_FULL'],
  EFBIG: [507, 'DISK_FULL'],
  EROFS: [503, 'READ_ONLY'],
  ENAMETOOLONG: [400, 'NAME_TOO_LONG'],
  EACCES: [403, 'NO_PERMISSION'],
  EPERM: [403, 'NO_PERMISSION'],
};

/**
 * The refusal an error becomes: itself when it is one; an operating-system error (`ENOSPC`,
 * `EROFS`, `ENAMETOOLONG`, `EACCES`, …) as its own code naming the file; anything else `INTERNAL`.
 */
export function asFileApiError(error: unknown, relative: string): FileApiError {
  if (error instanceof FileApiError) return error;
  const os = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof os === 'string' && /^E[A-Z0-9]+$/.test(os)) {
    const [status, code] = OS_ERRORS[os] ?? [500, 'STORAGE'];
    return new FileApiError(status, code, `${relative}: ${detail}`, { params: { path: relative, os, detail } });
  }
  return new FileApiError(500, 'INTERNAL', detail, { params: { path: relative, detail } });
}

/** `promise`, its failure turned into a refusal that names `relative` (see asFileApiError). */
function explained<T>(relative: string, promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    throw asFileApiError(error, relative);
  });
}

/** Bytes as UTF-8 text; anything else (GB18030, Latin-1, …) is refused rather than turned into mojibake. */
export function decodeUtf8(bytes: Uint8Array, relative: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FileApiError(415, 'NOT_UTF8', `${relative} is not UTF-8 text`, { params: { path: relative } });
  }
}

/** What a relative path names: a ruleset at the top, or a case in `cases/<folder>/`. */
export type FileKind = 'ruleset' | 'case';

const SEGMENT = /^[\p{L}\p{N}_+-][\p{L}\p{N}_.+-]*$/u;
const HISTORY_DIR = '.history';
/** `.<file>.<pid>.<random>.tmp`: a write in progress, or left behind by a process that died. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;
/** `.<file>.lock`: held while a write checks and renames (see `lock`). */
const LOCK = /^\..+\.lock$/;
/** `.<file>.lock.<random>.stale`: a stale lock moved aside, left if its breaker died. */
const STALE_LOCK = /^\..+\.lock\.[0-9a-f]{12}\.stale$/;

/** The promises API of node:fs, as the folder uses it (tests inject failures: a full disk, a read-only one). */
export type FileSystem = typeof nodeFs;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process of this machine is running (`EPERM`: running, under another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
  /** How many earlier versions of each file `.history` keeps (default 50); the oldest go first. */
  historyLimit?: number;
  /** How long to wait for another process's lock before answering `BUSY` (default 10 s). */
  lockTimeoutMs?: number;
  /** A lock or temporary file older than this is left over from a crash (default 60 s). */
  staleMs?: number;
  /** The file system (default node:fs); tests inject failing ones. */
  fs?: FileSystem;
}

/** The rulesets folder: list, read, write and remove with the checks described above. */
export class RulesetFiles {
  readonly root: string;
  readonly maxBytes: number;
  readonly historyLimit: number;
  private readonly now: () => Date;
  private readonly lockTimeoutMs: number;
  private readonly staleMs: number;
  private readonly fs: FileSystem;
  private realRoot: string | undefined;
  private cleaned: Promise<string[]> | undefined;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(options: RulesetFilesOptions) {
    this.root = path.resolve(options.root);
    this.maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? 50));
    this.now = options.now ?? (() => new Date());
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.staleMs = options.staleMs ?? 60_000;
    this.fs = options.fs ?? nodeFs;
  }

  /**
   * Removes what crashed or failed writes left behind: temporary files and locks whose process is
   * gone or that are older than `staleMs`, in every folder the editor writes to. Runs once, before the
   * first write (the Vite plugin also calls it when the server starts). Returns the removed paths.
   */
  cleanUp(): Promise<string[]> {
    this.cleaned ??= (async () => {
      // Real folders only (a Dirent of a link is not a directory): nothing outside is touched.
      const folders = [this.root];
      for (const entry of await this.fs.readdir(this.root, { withFileTypes: true }).catch(() => [])) {
        if (!entry.isDirectory() || !(SEGMENT.test(entry.name) || entry.name === HISTORY_DIR)) continue;
        folders.push(path.join(this.root, entry.name));
        if (entry.name !== 'cases') continue;
        for (const inner of await this.fs.readdir(path.join(this.root, 'cases'), { withFileTypes: true }).catch(() => [])) {
          if (inner.isDirectory() && SEGMENT.test(inner.name)) folders.push(path.join(this.root, 'cases', inner.name));
        }
      }
      const removed: string[] = [];
      for (const folder of folders) {
        for (const name of await this.fs.readdir(folder).catch(() => [] as string[])) {
          const pid = TEMPORARY.exec(name)?.[1];
          if (pid === undefined && !LOCK.test(name) && !STALE_LOCK.test(name)) continue;
          const file = path.join(folder, name);
          const stat = await this.fs.lstat(file).catch(() => undefined);
          if (!stat?.isFile()) continue;
          const relative = path.relative(this.root, file);
          if (LOCK.test(name)) {
            // Removed only as a waiting writer would take it over: never a lock in use.
            if (await this.breakStale(file)) removed.push(relative);
            continue;
          }
          const young = Date.now() - stat.mtimeMs < this.staleMs;
          if (young && (pid === undefined || running(Number(pid)))) continue;
          if (await this.fs.unlink(file).then(() => true, () => false)) removed.push(relative);
        }
      }
      return removed;
    })();
    return this.cleaned;
  }

  /** The rulesets at the top of the folder and one folder down (not `cases/`), with their id, title and version. */
  async list(): Promise<RulesetSummary[]> {
    const isJson = (e: Dirent): boolean => e.isFile() && e.name.endsWith('.json') && SEGMENT.test(e.name);
    const entries = await this.fs.readdir(this.root, { withFileTypes: true });
    const names = entries.filter(isJson).map((e) => e.name).sort();
    for (const folder of entries.filter((e) => e.isDirectory() && e.name !== 'cases' && SEGMENT.test(e.name)).map((e) => e.name).sort()) {
      const inner = await this.fs.readdir(path.join(this.root, folder), { withFileTypes: true });
      names.push(...inner.filter(isJson).map((e) => `${folder}/${e.name}`).sort());
    }
    const summaries: RulesetSummary[] = [];
    for (const name of names) {
      try {
        // Size first: a file over the limit is named in the list, never read.
        const bytes = await this.readRegular(path.join(this.root, name), name);
        if (!bytes) continue;
        const json = JSON.parse(decodeUtf8(bytes, name)) as Record<string, unknown>;
        const pick = (key: string): string | undefined => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
        summaries.push({ path: name, id: pick('id'), title: pick('title'), version: pick('version'), status: pick('status') });
      } catch (error) {
        summaries.push({ path: name, error: (error as Error).message });
      }
    }
    return summaries;
  }

  /** Reads a ruleset or case file with its hash. */
  read(relative: string): Promise<StoredFile> {
    return explained(relative, this.readStored(relative));
  }

  private async readStored(relative: string): Promise<StoredFile> {
    const { absolute } = await this.resolve(relative);
    const bytes = await this.readRegular(absolute, relative);
    if (!bytes) throw new FileApiError(404, 'NOT_FOUND', `no file ${relative} in the rulesets folder`);
    return { path: relative, hash: hashText(bytes), text: decodeUtf8(bytes, relative) };
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
      const stat = await this.fs.lstat(absolute).catch(() => undefined);
      if (!stat?.isDirectory()) continue;
      const names = (await this.fs.readdir(absolute, { withFileTypes: true }))
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
  write(relative: string, text: string, baseHash: string | null): Promise<WriteOutcome> {
    return explained(relative, this.save(relative, text, baseHash));
  }

  /** Removes a case file, keeping it in the history. Rulesets are never removed. */
  remove(relative: string, baseHash: string): Promise<WriteOutcome> {
    return explained(relative, this.discard(relative, baseHash));
  }

  private async save(relative: string, text: string, baseHash: string | null): Promise<WriteOutcome> {
    const { absolute, kind } = await this.resolve(relative, { createFolder: true });
    if (Buffer.byteLength(text) > this.maxBytes) throw new FileApiError(413, 'TOO_LARGE', `the file is larger than ${this.maxBytes} bytes`);
    this.validate(relative, kind, text);
    await this.cleanUp();
    return this.locked(absolute, async () => {
      const current = await this.readRegular(absolute, relative);
      this.checkBase(relative, current, baseHash);
      const bytes = Buffer.from(text, 'utf8');
      const history = current && !current.equals(bytes) ? await this.keep(relative, current) : null;
      await this.atomicWrite(absolute, bytes);
      return { path: relative, hash: hashText(bytes), history };
    });
  }

  private async discard(relative: string, baseHash: string): Promise<WriteOutcome> {
    const { absolute, kind } = await this.resolve(relative);
    if (kind !== 'case') throw new FileApiError(403, 'PATH_REJECTED', 'only sample cases can be removed');
    return this.locked(absolute, async () => {
      const current = await this.readRegular(absolute, relative);
      if (!current) throw new FileApiError(409, 'CONFLICT', `${relative} was removed since it was opened`, { currentHash: null });
      this.checkBase(relative, current, baseHash);
      const history = await this.keep(relative, current);
      await this.fs.unlink(absolute);
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
    this.realRoot ??= await this.fs.realpath(this.root);
    let folder = this.realRoot;
    for (const segment of segments.slice(0, -1)) {
      folder = path.join(folder, segment);
      const stat = await this.fs.lstat(folder).catch(() => undefined);
      if (!stat && options.createFolder && kind === 'case') {
        await this.fs.mkdir(folder);
        continue;
      }
      if (!stat) throw new FileApiError(404, 'NOT_FOUND', `no folder ${segments.slice(0, -1).join('/')} in the rulesets folder`);
      if (stat.isSymbolicLink() || !stat.isDirectory()) throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: ${segment} is a link or not a folder`);
    }
    const absolute = path.join(folder, segments[segments.length - 1]!);
    const stat = await this.fs.lstat(absolute).catch(() => undefined);
    if (stat && !stat.isFile()) throw new FileApiError(403, 'PATH_REJECTED', `path ${relative} rejected: not a plain file (a link?)`);
    return { absolute, kind };
  }

  /** The bytes of a plain file, `undefined` when there is none. Refuses links opened in between. */
  private async readRegular(absolute: string, relative: string): Promise<Buffer | undefined> {
    let handle: FileHandle;
    try {
      handle = await this.fs.open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
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

  /**
   * Keeps `bytes`, the version on disk, as `.history/<path with __>.<timestamp>.json`, unless the
   * newest kept version already holds them; then drops the oldest beyond `historyLimit`. Never
   * through a link: a `.history` that is a link or not a folder refuses the save.
   */
  private async keep(relative: string, bytes: Buffer): Promise<string> {
    const folder = path.join(this.realRoot!, HISTORY_DIR);
    let stat = await this.fs.lstat(folder).catch(() => undefined);
    if (!stat) {
      await this.fs.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      stat = await this.fs.lstat(folder);
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new FileApiError(500, 'HISTORY_UNSAFE', `${relative} was not saved: ${HISTORY_DIR} is a link or not a folder`, { params: { path: relative } });
    }
    const stem = relative.replace(/\.json$/, '').split('/').join('__');
    const kept = await this.versions(folder, stem);
    const newest = kept.at(-1);
    if (newest) {
      const previous = await this.readRegular(path.join(folder, newest), `${HISTORY_DIR}/${newest}`).catch(() => undefined);
      if (previous?.equals(bytes)) return `${HISTORY_DIR}/${newest}`;
    }
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('.', '');
    // Written whole to a temporary file, then linked under its name: no partial version, nothing overwritten.
    const temporary = await this.writeTemporary(folder, stem, bytes);
    let name: string;
    try {
      for (let n = 0; ; n++) {
        name = `${stem}.${stamp}${n ? `-${n}` : ''}.json`;
        try {
          await this.fs.link(temporary, path.join(folder, name));
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    } finally {
      await this.fs.unlink(temporary).catch(() => undefined);
    }
    kept.push(name!);
    for (const old of kept.slice(0, Math.max(0, kept.length - this.historyLimit))) await this.fs.unlink(path.join(folder, old)).catch(() => undefined);
    return `${HISTORY_DIR}/${name!}`;
  }

  /** The kept versions of one file in `.history`, oldest first. */
  private async versions(folder: string, stem: string): Promise<string[]> {
    // A stem holds letters, digits and `_+-.` (SEGMENT): `.` and `+` are the ones to escape.
    const pattern = new RegExp(`^${stem.replace(/[.+]/g, '\\$&')}\\.(\\d{8}T\\d{9}Z)(?:-(\\d+))?\\.json$`);
    const found: { name: string; stamp: string; n: number }[] = [];
    for (const name of await this.fs.readdir(folder)) {
      const match = pattern.exec(name);
      if (match) found.push({ name, stamp: match[1]!, n: Number(match[2] ?? 0) });
    }
    found.sort((a, b) => (a.stamp === b.stamp ? a.n - b.n : a.stamp < b.stamp ? -1 : 1));
    return found.map((f) => f.name);
  }

  /**
   * Writes `bytes` to a new temporary file in `folder` and flushes it. On any failure (a full
   * disk, a read-only one) the temporary file is removed before the error goes on.
   */
  private async writeTemporary(folder: string, base: string, bytes: Buffer): Promise<string> {
    const temporary = path.join(folder, `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await this.fs.open(temporary, 'wx', 0o644);
    try {
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await this.fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
    return temporary;
  }

  /** Writes a temporary file beside the target, flushes it, then renames it over the target. */
  private async atomicWrite(absolute: string, bytes: Buffer): Promise<void> {
    const temporary = await this.writeTemporary(path.dirname(absolute), path.basename(absolute), bytes);
    try {
      await this.fs.rename(temporary, absolute);
    } catch (error) {
      await this.fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Runs writes to one file one after another: in this process by a queue, across processes by a
   * lock file (`.<file>.lock`, created exclusively), so the hash check and the rename can't
   * interleave with another server's.
   */
  private locked<T>(absolute: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(absolute) ?? Promise.resolve();
    const run = async (): Promise<T> => {
      const release = await this.lock(absolute);
      try {
        return await task();
      } finally {
        await release();
      }
    };
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.locks.set(absolute, settled);
    void settled.then(() => {
      if (this.locks.get(absolute) === settled) this.locks.delete(absolute);
    });
    return next;
  }

  /**
   * Takes the lock file of `absolute`, waiting up to `lockTimeoutMs` for another process to let
   * go; a lock whose process is gone, or older than `staleMs`, is taken over. Returns the release.
   */
  private async lock(absolute: string): Promise<() => Promise<void>> {
    const file = path.join(path.dirname(absolute), `.${path.basename(absolute)}.lock`);
    const token = `${process.pid} ${hostname()} ${randomBytes(8).toString('hex')}`;
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        await this.fs.writeFile(file, token, { flag: 'wx', mode: 0o644 });
        return async () => {
          const holder = await this.fs.readFile(file, 'utf8').catch(() => undefined);
          if (holder === token) await this.fs.unlink(file).catch(() => undefined);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          // A lock file begun but not written (a full disk) must not stay behind.
          if ((await this.fs.readFile(file, 'utf8').catch(() => undefined)) === '') await this.fs.unlink(file).catch(() => undefined);
          throw error;
        }
      }
      // A lock that could be taken over is tried again at once, but never past the deadline.
      if ((await this.breakStale(file)) && Date.now() <= deadline) continue;
      if (Date.now() > deadline) {
        const relative = path.relative(this.realRoot!, absolute).split(path.sep).join('/');
        throw new FileApiError(423, 'BUSY', `${relative} is locked by another editor server (${file})`, { params: { path: relative } });
      }
      await sleep(20);
    }
  }

  /** Removes a lock left by a process that is gone (or that is older than `staleMs`); true when it did. */
  private async breakStale(file: string): Promise<boolean> {
    const [stat, holder] = await Promise.all([this.fs.stat(file).catch(() => undefined), this.fs.readFile(file, 'utf8').catch(() => undefined)]);
    if (!stat || holder === undefined) return true; // let go in the meantime: try again
    const [pid, host] = holder.split(' ');
    const gone = host === hostname() && Number(pid) > 0 && !running(Number(pid));
    if (!gone && Date.now() - stat.mtimeMs < this.staleMs) return false;
    // Moved aside first, so that of two processes breaking it only one removes it, and a lock
    // taken in between by a third is put back rather than removed.
    const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
    try {
      await this.fs.rename(file, aside);
    } catch {
      return true;
    }
    const moved = await this.fs.readFile(aside, 'utf8').catch(() => undefined);
    if (moved !== holder) await this.fs.link(aside, file).catch(() => undefined);
    await this.fs.unlink(aside).catch(() => undefined);
    return true;
  }
}
