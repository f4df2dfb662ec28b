/**
 * `credit-rules validate FILE...`: says of each file whether it is sound. A file is a ruleset
 * (it has "indicators"), a case (it has "record" and "expected"), records (.json or .ndjson),
 * or a folder whose .json and .ndjson files are each checked. With --ruleset, records and the records of
 * cases are also checked against the ruleset's event types and attribute values.
 */
import { clauseIds, validateCase, type SampleCase } from '../../review/cases.js';
import { citationHints } from '../../review/citations.js';
import { rulesetHints } from '../../hints.js';
import type { CompiledRuleset } from '../../compile.js';
import { CreditRulesError, errorSaying, type Problem } from '../../errors.js';
import { recordIdOf, validateRecord } from '../../records.js';
import type { Locale } from '../../messages/codes.js';
import { catalogues } from '../../explain.js';
import { loadRuleset } from '../../ruleset.js';
import { usageError } from '../args.js';
import { HELP_OPTION, LANGS, type Command } from '../command.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { readJsonFile, startsWithArray, statPath } from '../files.js';
import { jsonFilesIn, loadRulesetFile } from '../load.js';

import { locate, warningLine } from '../report.js';
import { openRecords, type Where } from '../source.js';

/** Invalid records shown per file; the rest are counted. */
const SHOWN_PER_FILE = 20;

/** What one file turned out to be, and what is wrong with it. */
interface Verdict {
  file: string;
  ok: boolean;
  /** What the file is, or how it failed: "ruleset enterprise 2021.1", "3 records". */
  summary: string;
  /** Errors and warnings, each already described. */
  details: string[];
}

const indent = (text: string, by = '    '): string => text.split('\n').map((l) => by + l).join('\n');

/** Whether parsed JSON is a ruleset, a case or records. */
function kindOf(json: unknown): 'ruleset' | 'case' | 'records' {
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    if (Object.hasOwn(json, 'indicators')) return 'ruleset';
    if (Object.hasOwn(json, 'expected') && Object.hasOwn(json, 'record')) return 'case';
  }
  return 'records';
}

class RecordTally {
  total = 0;
  invalid = 0;
  details: string[] = [];
  constructor(
    private readonly compiled: CompiledRuleset | undefined,
    private readonly locale: Locale,
  ) {}

  check(record: unknown, where: Where): void {
    this.total++;
    const check = validateRecord(record, this.compiled, this.locale);
    const recordId = recordIdOf(record);
    if (!check.valid) this.fail(locate(errorSaying('RECORD_INVALID', 'record.invalid', {}, { problems: check.problems }), where, recordId));
    for (const warning of check.warnings) {
      if (this.details.length < SHOWN_PER_FILE) this.details.push(warningLine(where, recordId, warning, this.locale));
    }
  }

  /** A line or item that could not even be read as a record. */
  unreadable(error: CreditRulesError): void {
    this.total++;
    this.fail(error);
  }

  private fail(error: CreditRulesError): void {
    this.invalid++;
    if (this.invalid <= SHOWN_PER_FILE) this.details.push(error.describe(this.locale));
  }

  verdict(file: string): Verdict {
    const words = catalogues[this.locale].cli.validate;
    const more = this.invalid > SHOWN_PER_FILE ? [words.moreInvalid({ more: this.invalid - SHOWN_PER_FILE })] : [];
    if (this.total === 0) return { file, ok: false, summary: words.noRecords, details: [words.noRecordsFix] };
    const ruleset = this.compiled && { id: this.compiled.ruleset.id, version: this.compiled.ruleset.version };
    return {
      file,
      ok: this.invalid === 0,
      summary: this.invalid ? words.recordsInvalid({ invalid: this.invalid, total: this.total }) : words.records({ total: this.total, ...(ruleset ? { ruleset } : {}) }),
      details: [...this.details, ...more],
    };
  }
}

function failed(file: string, error: CreditRulesError, locale: Locale): Verdict {
  return { file, ok: false, summary: error.code, details: [error.describe(locale)] };
}

async function validateFile(file: string, compiled: CompiledRuleset | undefined, locale: Locale): Promise<Verdict> {
  try {
    const lower = file.toLowerCase();
    // Records one per line, or an array: read as they come, in the memory of one record, as evaluate reads them.
    const ndjson = lower.endsWith('.ndjson') || lower.endsWith('.jsonl');
    if (ndjson || startsWithArray(file)) {
      const tally = new RecordTally(compiled, locale);
      for await (const batch of (await openRecords(file)).batches) {
        for (const item of batch) {
          // An array that is not valid JSON is a file that is not: it says where, as a whole file would.
          if (item.error && !ndjson) return failed(file, item.error, locale);
          if (item.error) tally.unreadable(locate(item.error, item.where));
          else tally.check(item.value, item.where);
        }
      }
      return tally.verdict(file);
    }
    const json = readJsonFile(file, 'file');
    const kind = kindOf(json);
    if (kind === 'ruleset') {
      const loaded = loadRuleset(json, { file });
      const r = loaded.ruleset;
      // Sound, but a number its cited text does not write is worth a look: said, not failed.
      const hints = [
        ...citationHints(r).map((h) => `hint: ${h.path} (${h.clause}): ${h.en}\n      ${h.zh}`),
        ...rulesetHints(r).map((h) => `hint: ${h.path}: ${h.en}\n      ${h.zh}`),
      ];
      return { file, ok: true, summary: catalogues[locale].cli.validate.ruleset({ id: r.id, version: r.version, indicators: r.indicators.length, clauses: clauseIds(r).length }), details: hints };
    }
    if (kind === 'case') {
      const problems = validateCase(json);
      if (problems.length) return failed(file, errorSaying('CASE_INVALID', 'case.schema', {}, { file, problems }), locale);
      const c = json as SampleCase;
      const where = { file };
      const check = validateRecord(c.record, compiled, locale);
      const inCase = (path: string): string => path.replace(/^\$/, '$.record');
      if (!check.valid) {
        const problems = check.problems.map((p: Problem) => ({ ...p, path: inCase(p.path) }));
        return failed(file, errorSaying('CASE_INVALID', 'case.record', compiled ? { ruleset: compiled.ruleset.id } : {}, { file, recordId: c.record.id, problems }), locale);
      }
      const warnings = check.warnings.map((w) => warningLine(where, c.record.id, inCase(w), locale));
      return { file, ok: true, summary: catalogues[locale].cli.validate.case({ name: c.name, ...(compiled ? { ruleset: compiled.ruleset.id } : {}) }), details: warnings };
    }
    const tally = new RecordTally(compiled, locale);
    tally.check(json, { file });
    return tally.verdict(file);
  } catch (error) {
    if (error instanceof CreditRulesError) return failed(file, error, locale);
    throw error;
  }
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check rulesets, cases and records files (schema and references)',
  usage: 'validate FILE... [--ruleset FILE] [--lang zh-CN|en]',
  options: {
    ruleset: { type: 'string', value: 'FILE', description: "also check records against this ruleset's event types and attribute values" },
    lang: { type: 'string', value: 'LANG', choices: LANGS, description: 'language of the report, its problems and warnings: en (the default) or zh-CN' },
    help: HELP_OPTION,
  },
  details: `Each FILE is a ruleset (it has "indicators"), a sample case (it has "record" and
"expected"), a records file (.json: one record or an array; .ndjson: one per line), or a
folder, whose .json and .ndjson files are each checked. Prints ✓ or ✗ per file, with every problem:
JSON path, what is wrong and the fix. A sound ruleset may still get a hint: a number (points,
cap, months, grade line…) that the text its citation quotes does not write, as when a number
was revised and its citation was not.

Exit status: 0 every file is valid; 1 any is not; 2 usage.

Examples:
  credit-rules validate rulesets/enterprise.json
  credit-rules validate records.ndjson --ruleset rulesets/enterprise.json
  credit-rules validate rulesets/cases/enterprise --ruleset rulesets/enterprise.json`,
  run: async ({ positionals, options }): Promise<ExitStatus> => {
    if (!positionals.length) throw usageError('cli.arguments', { command: 'validate', got: positionals });
    const locale = (options.lang as Locale | undefined) ?? 'en';
    const words = catalogues[locale].cli.validate;
    const verdicts: Verdict[] = [];
    let compiled: CompiledRuleset | undefined;
    const rulesetFile = options.ruleset as string | undefined;
    if (rulesetFile !== undefined) {
      try {
        compiled = loadRulesetFile(rulesetFile);
      } catch (error) {
        if (!(error instanceof CreditRulesError)) throw error;
        verdicts.push({ ...failed(rulesetFile, error, locale), summary: words.rulesetOption({ code: error.code }) });
      }
    }
    const print = (v: Verdict): void => {
      process.stdout.write(`${v.ok ? '✓' : '✗'} ${v.file}: ${v.summary}\n${v.details.map((d) => indent(d) + '\n').join('')}`);
    };
    verdicts.forEach(print);
    const record = (v: Verdict): void => {
      verdicts.push(v);
      print(v);
    };
    for (const path of positionals) {
      let files: string[];
      try {
        files = statPath(path, 'file').isDirectory() ? jsonFilesIn(path, true) : [path];
      } catch (error) {
        if (!(error instanceof CreditRulesError)) throw error;
        record(failed(path, error, locale));
        continue;
      }
      if (!files.length) record({ file: path, ok: false, summary: words.emptyFolder, details: [] });
      for (const file of files) record(await validateFile(file, compiled, locale));
    }
    const bad = verdicts.filter((v) => !v.ok).length;
    if (verdicts.length > 1) process.stdout.write(`${words.total({ valid: verdicts.length - bad, invalid: bad })}\n`);
    return bad ? EXIT.invalid : EXIT.ok;
  },
};
