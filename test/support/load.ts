/** Loading the shipped rulesets and cases for tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleset, type CompiledRuleset, type Ruleset, type SampleCase } from '../../engine/index.js';

export const root = join(import.meta.dirname, '..', '..');

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

/** A shipped ruleset, parsed and compiled. */
export function shippedRuleset(name: string): { json: Ruleset; compiled: CompiledRuleset } {
  const json = readJson<Ruleset>(`rulesets/${name}.json`);
  return { json, compiled: loadRuleset(json) };
}

/** The case files of a folder under rulesets/cases, sorted by name. */
export function shippedCases(folder: string): { file: string; case: SampleCase }[] {
  const dir = join(root, 'rulesets', 'cases', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, case: JSON.parse(readFileSync(join(dir, file), 'utf8')) as SampleCase }));
}
