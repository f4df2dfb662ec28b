/** Loading the files commands name: a ruleset, and sample cases from a file or a folder. */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validateCase, type SampleCase } from '../review/cases.js';
import type { CompiledRuleset } from '../compile.js';
import { CreditRulesError, errorSaying, problemAt } from '../errors.js';
import { loadRuleset } from '../ruleset.js';
import { today } from '../dates.js';
import { selectVersion, type SelectVersionOptions } from '../review/versions.js';
import { fileError, ioError, readJsonFile, statPath } from './files.js';

/** Which version to take when a ruleset path is a folder of versions. */
export interface VersionChoice extends SelectVersionOptions {
  /** The date the version must be in force on (default: today). */
  asOf?: string;
}

/**
 * Reads, validates and compiles a ruleset file; every problem is a `CreditRulesError` naming the file.
 * A folder holding versions of one ruleset gives the version in force on `choice.asOf` (default today).
 */
export function loadRulesetFile(file: string, choice: VersionChoice = {}): CompiledRuleset {
  if (!statPath(file, 'ruleset').isDirectory()) return rulesetFromJson(readJsonFile(file, 'ruleset'), file);
  return chooseVersion(loadRulesetFolder(file), file, choice);
}

/** Every version in a folder of versions of one ruleset, each validated and compiled. */
export function loadRulesetFolder(folder: string): CompiledRuleset[] {
  const files = jsonFilesIn(folder);
  if (!files.length) throw fileError('FILE_UNREADABLE', folder, 'file.noRulesets', {});
  return versionsFromJson(folder, files.map((file) => ({ file, json: readJsonFile(file, 'ruleset') })));
}

/** Parsed ruleset files of one folder (on disk or in git) as versions of one ruleset, validated and compiled. */
export function versionsFromJson(folder: string, parsed: readonly { file: string; json: unknown }[]): CompiledRuleset[] {
  const byId = new Map<string, string[]>();
  for (const { file, json } of parsed) {
    const id = json !== null && typeof json === 'object' ? (json as { id?: unknown }).id : undefined;
    if (typeof id === 'string') byId.set(id, [...(byId.get(id) ?? []), basename(file)]);
  }
  if (byId.size > 1) {
    throw fileError('FILE_UNREADABLE', folder, 'file.mixedRulesets', { rulesets: [...byId].map(([id, files]) => ({ id, files })) });
  }
  return parsed.map(({ file, json }) => rulesetFromJson(json, file));
}

/** The version in force (`selectVersion`); its errors name `where`, the folder. */
export function chooseVersion(versions: readonly CompiledRuleset[], where: string, choice: VersionChoice = {}): CompiledRuleset {
  try {
    const chosen = selectVersion(versions.map((v) => v.ruleset), choice.asOf ?? today(), { version: choice.version });
    return versions.find((v) => v.ruleset === chosen)!;
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    throw error.placed({ file: where, problems: error.problems });
  }
}

/** A parsed ruleset file: refused when it is something else, else validated and compiled. */
export function rulesetFromJson(json: unknown, file: string): CompiledRuleset {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !Object.hasOwn(json, 'indicators')) {
    const looks = Array.isArray(json) ? 'records' : json !== null && typeof json === 'object' && Object.hasOwn(json, 'expected') ? 'sampleCase' : json !== null && typeof json === 'object' && Object.hasOwn(json, 'kind') ? 'record' : undefined;
    const { message, fix } = problemAt('$', 'file.notARuleset', looks ? { looks } : {});
    throw new CreditRulesError('RULESET_INVALID', `${message} — ${fix}`, { file, explanation: { code: 'file.notARuleset', params: looks ? { looks } : {} } });
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
    if (problems.length) return { file, error: errorSaying('CASE_INVALID', 'case.schema', {}, { file, problems }) };
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
  if (!files.length) throw fileError('FILE_UNREADABLE', path, 'file.noCases', {});
  return files.map(loadCaseFile);
}
