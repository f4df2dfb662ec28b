/** Shared set-up of the editor tests: the shipped ruleset, the editor's fixture cases, an in-memory file source. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileSource } from '../../editor/api/fileClient.js';
import { FileRefusal } from '../../editor/api/fileClient.js';
import type { StoredFile, WriteOutcome } from '../../editor/server/protocol.js';

export const repo = path.resolve(import.meta.dirname, '../..');

/** The shipped enterprise ruleset, as text. */
export const rulesetText = readFileSync(path.join(repo, 'rulesets/enterprise.json'), 'utf8');

/** The editor's own fixture cases (test/fixtures/editor-cases), as `cases/enterprise/<name>` → text. */
export const fixtureCases: Record<string, string> = Object.fromEntries(
  readdirSync(path.join(repo, 'test/fixtures/editor-cases'))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => [`cases/enterprise/${n}`, readFileSync(path.join(repo, 'test/fixtures/editor-cases', n), 'utf8')]),
);

/** Case paths of the fixtures. */
export const ONE_ACCIDENT = 'cases/enterprise/e213-one-general-accident.json';
export const TWO_ACCIDENTS = 'cases/enterprise/e213-two-general-accidents.json';
export const BASELINE = 'cases/enterprise/baseline-no-events.json';

/** JSON path of E2.1.3's points in the shipped ruleset. */
export const E213_POINTS = ['indicators', 1, 'items', 0, 'clauses', 2, 'points'] as const;

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An in-memory rulesets folder with the server's conflict rule; it records every write. */
export class MemorySource implements FileSource {
  readonly writable = true;
  readonly files = new Map<string, string>();
  readonly writes: { path: string; text: string | null; baseHash: string | null }[] = [];

  constructor(files: Record<string, string> = { 'enterprise.json': rulesetText, ...fixtureCases }) {
    for (const [p, text] of Object.entries(files)) this.files.set(p, text);
  }

  async listRulesets() {
    return [...this.files.keys()].filter((p) => !p.includes('/')).map((p) => ({ path: p }));
  }

  async readFile(p: string): Promise<StoredFile> {
    const text = this.files.get(p);
    if (text === undefined) throw new FileRefusal(404, { code: 'NOT_FOUND', message: `no ${p}` });
    return { path: p, text, hash: sha(text) };
  }

  async readCases(rulesetPath: string) {
    const dir = `cases/${rulesetPath.replace(/\.json$/, '')}`;
    const files = [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).sort();
    return { dir, files: await Promise.all(files.map((p) => this.readFile(p))) };
  }

  async writeFile(p: string, text: string, baseHash: string | null): Promise<WriteOutcome> {
    this.writes.push({ path: p, text, baseHash });
    const current = this.files.get(p);
    if ((baseHash === null && current !== undefined) || (baseHash !== null && (current === undefined || sha(current) !== baseHash))) {
      throw new FileRefusal(409, { code: 'CONFLICT', message: `${p} changed on disk since it was opened`, currentHash: current === undefined ? null : sha(current) });
    }
    this.files.set(p, text);
    return { path: p, hash: sha(text), history: current === undefined ? null : `.history/${p}` };
  }

  async removeFile(p: string, baseHash: string): Promise<WriteOutcome> {
    this.writes.push({ path: p, text: null, baseHash });
    const current = this.files.get(p);
    if (current === undefined || sha(current) !== baseHash) throw new FileRefusal(409, { code: 'CONFLICT', message: 'changed', currentHash: current ? sha(current) : null });
    this.files.delete(p);
    return { path: p, hash: null, history: `.history/${p}` };
  }
}
