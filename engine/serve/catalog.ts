/**
 * The rulesets the service scores with: every ruleset file of a folder (named by its file,
 * `enterprise`) and every subfolder of versions of one ruleset (named by the folder,
 * `enterprise-versions`). A file that changes is loaded, validated and compiled, and only then
 * swapped in, in one assignment: a request in flight keeps the version it started with, and a
 * broken or half-written file keeps the previous version (and is logged) until it is whole.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import type { CompiledRuleset } from '../compile.js';
import { CreditRulesError } from '../errors.js';
import { inForce, selectVersion } from '../review/versions.js';
import { jsonFilesIn, loadRulesetFile, loadRulesetFolder } from '../cli/load.js';
import type { Logger } from './log.js';

/** One ruleset the service serves: a file, or a folder of its versions. */
export class CatalogEntry {
  private readonly byDate = new Map<string, CompiledRuleset>();

  constructor(
    readonly name: string,
    readonly path: string,
    readonly folder: boolean,
    readonly versions: readonly CompiledRuleset[],
  ) {}

  /** The version in force on `date` (a folder), or the one ruleset (a file, whatever its period: the result warns). */
  on(date: string): CompiledRuleset {
    if (!this.folder) return this.versions[0]!;
    let chosen = this.byDate.get(date);
    if (!chosen) {
      const meta = selectVersion(this.versions.map((v) => v.ruleset), date);
      chosen = this.versions.find((v) => v.ruleset === meta)!;
      if (this.byDate.size > 10_000) this.byDate.clear();
      this.byDate.set(date, chosen);
    }
    return chosen;
  }

  /** A version by its `version` field. */
  version(version: string): CompiledRuleset | undefined {
    return this.versions.find((v) => v.ruleset.version === version);
  }

  /** What GET /rulesets says of it: its versions and the one in force on `date`. */
  summary(date: string): Record<string, unknown> {
    const first = this.versions[0]!.ruleset;
    let inForceVersion: string | null = null;
    try {
      const chosen = this.folder ? this.on(date).ruleset : first;
      inForceVersion = inForce(chosen, date) ? chosen.version : null;
    } catch {
      // none in force on that date
    }
    return {
      name: this.name,
      id: first.id,
      title: first.title,
      entityKind: first.entityKind,
      folder: this.folder,
      versions: this.versions.map(({ ruleset: r }) => ({ version: r.version, status: r.status, effectiveFrom: r.effectiveFrom, ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}) })),
      inForce: inForceVersion,
    };
  }
}

/** Whether a subfolder holds ruleset files (a folder of versions), not cases or history. */
const holdsJson = (folder: string): boolean => readdirSync(folder).some((name) => name.endsWith('.json'));

export class RulesetCatalog {
  private entries = new Map<string, CatalogEntry>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly dir: string,
    private readonly log: Logger,
    /** How long a file must be quiet before it is read again (ms). */
    private readonly settleMs = 50,
  ) {}

  /** Loads every ruleset of the folder; one that does not load is logged and left out. */
  loadAll(): void {
    for (const file of jsonFilesIn(this.dir)) this.reload(basename(file, '.json'));
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && this.isVersionsFolder(entry.name)) this.reload(entry.name);
    }
  }

  get(name: string): CatalogEntry | undefined {
    return this.entries.get(name);
  }

  list(): CatalogEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Loads `name` (a file `name.json` or a folder `name`) and swaps it in; on failure the previous version stays. */
  reload(name: string): void {
    const file = join(this.dir, `${name}.json`);
    const folder = join(this.dir, name);
    const isFolder = !existsSync(file) && existsSync(folder) && statSync(folder).isDirectory();
    const path = isFolder ? folder : file;
    if (!existsSync(path)) {
      if (this.entries.delete(name)) this.log('info', 'ruleset removed', { ruleset: name, path });
      return;
    }
    try {
      const versions = isFolder ? loadRulesetFolder(folder) : [loadRulesetFile(file)];
      const previous = this.entries.get(name);
      this.entries.set(name, new CatalogEntry(name, path, isFolder, versions));
      this.log('info', previous ? 'ruleset reloaded' : 'ruleset loaded', { ruleset: name, path, versions: versions.map((v) => v.ruleset.version) });
      if (isFolder) this.watchFolder(name, folder);
    } catch (error) {
      if (!(error instanceof CreditRulesError)) throw error;
      const kept = this.entries.get(name);
      this.log('error', kept ? 'ruleset not reloaded: the previous version is kept' : 'ruleset not loaded', {
        ruleset: name, path, code: error.code, file: error.file, error: error.message, problems: error.problems.slice(0, 20),
      });
    }
  }

  /** Reloads what changes on disk from now on. */
  watch(): void {
    const root = watch(this.dir, (_event, filename) => {
      if (!filename || filename.startsWith('.')) return;
      if (filename.endsWith('.json')) this.schedule(basename(filename, '.json'));
      else if (this.entries.get(filename)?.folder) this.schedule(filename);
      else if (this.isFolder(filename)) {
        // A new folder: its versions may be copied in after it is made.
        this.watchFolder(filename, join(this.dir, filename));
        if (this.isVersionsFolder(filename)) this.schedule(filename);
      }
    });
    root.on('error', (error) => this.log('error', 'the rulesets folder can no longer be watched: changes are not reloaded', { path: this.dir, error: error.message }));
    this.watchers.set('', root);
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) this.watchFolder(entry.name, join(this.dir, entry.name));
    }
  }

  private isFolder(name: string): boolean {
    try {
      return statSync(join(this.dir, name)).isDirectory();
    } catch {
      return false;
    }
  }

  /** A subfolder holding ruleset files directly (not cases, which are in subfolders of their own). */
  private isVersionsFolder(name: string): boolean {
    return this.isFolder(name) && holdsJson(join(this.dir, name));
  }

  private watchFolder(name: string, folder: string): void {
    if (this.watchers.has(name) || !this.watchers.has('')) return;
    const watcher = watch(folder, (_event, filename) => {
      if (filename?.endsWith('.json')) this.schedule(name);
    });
    // A folder removed: its watcher ends (and the entry goes on the next reload), the service goes on.
    watcher.on('error', () => {
      watcher.close();
      this.watchers.delete(name);
      this.schedule(name);
    });
    this.watchers.set(name, watcher);
  }

  /** A burst of events (an editor's write, a rename) reads the file once, when it has settled. */
  private schedule(name: string): void {
    clearTimeout(this.pending.get(name));
    this.pending.set(name, setTimeout(() => {
      this.pending.delete(name);
      this.reload(name);
    }, this.settleMs));
  }

  /** Stops watching. */
  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
