/** Loading the files commands name: a ruleset, and sample cases from a file or a folder. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateCase, type SampleCase } from '../cases.js';
import type { CompiledRuleset } from '../compile.js';
import { CreditRulesError } from '../errors.js';
import { loadRuleset } from '../ruleset.js';
import { fileError, ioError, readJsonFile, statPath } from './files.js';

/** Reads, validates and compiles a ruleset file; every problem is a `CreditRulesError` naming the file. */
export function loadRulesetFile(file: string): CompiledRuleset {
  const json = readJsonFile(file, 'ruleset');
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !Object.hasOwn(json, 'indicators')) {
    const looks = Array.isArray(json) ? 'an array (records?)' : json !== null && typeof json === 'object' && Object.hasOwn(json, 'expected') ? 'a sample case' : json !== null && typeof json === 'object' && Object.hasOwn(json, 'kind') ? 'a record' : undefined;
    throw new CreditRulesError('RULESET_INVALID', `is not a ruleset: it has no "indicators"${looks ? ` (it looks like ${looks})` : ''} — give a ruleset file such as rulesets/enterprise.json`, { file });
  }
  return loadRuleset(json, { file });
}

/** The `.json` files of a folder (not its subfolders), sorted by name; with `ndjson`, `.ndjson` and `.jsonl` too. */
export function jsonFilesIn(folder: string, ndjson = false): string[] {
  const wanted = ndjson ? /\.(json|ndjson|jsonl)$/i : /\.json$/i;
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && wanted.test(entry.name))
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch (error) {
    throw ioError(folder, error, 'folder');
  }
}

/** A case file that could be used, or why not. */
export type LoadedCase = { file: string; case: SampleCase; error?: undefined } | { file: string; error: CreditRulesError; case?: undefined };

/** Reads one case file: JSON, then the case schema. */
export function loadCaseFile(file: string): LoadedCase {
  try {
    const json = readJsonFile(file, 'case');
    const problems = validateCase(json);
    if (problems.length) return { file, error: new CreditRulesError('CASE_INVALID', 'the case does not match schemas/case.schema.json', { file, problems }) };
    return { file, case: json as SampleCase };
  } catch (error) {
    if (error instanceof CreditRulesError) return { file, error };
    throw error;
  }
}

/** Cases from a case file or a folder of them; a folder without any is an error. */
export function loadCases(path: string): LoadedCase[] {
  const stats = statPath(path, 'cases');
  if (!stats.isDirectory()) return [loadCaseFile(path)];
  const files = jsonFilesIn(path);
  if (!files.length) throw fileError('FILE_UNREADABLE', path, 'holds no .json case files', 'point --cases at a folder of case files (rulesets/cases/enterprise) or at one case file');
  return files.map(loadCaseFile);
}
