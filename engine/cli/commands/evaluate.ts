/**
 * `credit-rules evaluate RECORDS --ruleset FILE`: scores records in input order. NDJSON and
 * JSON arrays are streamed (bounded memory, output written as it goes); an invalid record is reported on
 * standard error and gets no score while the records beside it are still scored.
 */
import { isIsoDate, today } from '../../dates.js';
import type { CompiledRuleset } from '../../compile.js';
import { CreditRulesError, problemAt } from '../../errors.js';
import { evaluate } from '../../evaluate.js';
import type { Locale } from '../../messages/codes.js';
import { zhCN } from '../../messages/zh-CN.js';
import { validateRecord } from '../../records.js';
import { periodWarning } from '../../review/versions.js';
import type { EntityRecord, Result } from '../../types.js';
import { usageError } from '../args.js';
import { HELP_OPTION, langOption, type Command } from '../command.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { createFormatter } from '../formats/index.js';
import { FORMATS, type FormatName } from '../formats/formatter.js';
import { chooseVersion, loadRulesetFile, loadRulesetFolder } from '../load.js';
import { statPath } from '../files.js';
import { Output } from '../output.js';
import { Progress } from '../progress.js';
import { recordIdOf } from '../../records.js';
import { locate, Reporter } from '../report.js';
import { openRecords } from '../source.js';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'score records against a ruleset (JSON, a table, or CSV)',
  usage: 'evaluate RECORDS --ruleset FILE [--as-of YYYY-MM-DD] [--format json|table|csv] [--lang zh-CN|en] [--no-trace]',
  options: {
    ruleset: { type: 'string', value: 'FILE', description: 'the ruleset to score with (required), e.g. rulesets/enterprise.json; a folder of versions gives, for each record, the one in force on its evaluation date (--as-of, else its asOf, else today)' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: "evaluation date; default: each record's asOf, else today" },
    format: { type: 'string', value: 'FORMAT', choices: FORMATS, description: 'output format, default json' },
    'no-trace': { type: 'boolean', description: 'leave the trace out of JSON results (faster, smaller)' },
    lang: langOption('the table'),
    help: HELP_OPTION,
  },
  details: `RECORDS is a .json file with one record or an array of records, an .ndjson file with one
record per line, or - for standard input (NDJSON when its first line is a whole object, else
one JSON document). Arrays and NDJSON are streamed: any number of records in bounded memory;
a syntax error in an array stops the reading there, after the records before it.

Results go to standard output in input order: json is an array, one result per line; table
is for reading in a terminal (the ruleset's indicator names, its own words in --lang: Chinese
by default, where "${zhCN.cli.grade({ eligible: true, downgraded: true, grade: 'A', computedGrade: 'AA' })}" marks a downgrade to A from the table's AA; en for
English); csv has a header and one row per record, UTF-8 with a BOM for Excel. Both give the
date each record was scored on (${zhCN.cli.columns.asOf}, asOf). An invalid record gets no score: its file, line
or index, record id, JSON path and fix go to standard error, and the other records are still
scored. Warnings (an event type the ruleset does not use, a date outside the ruleset's period)
go there too. Messages are in English unless --lang is given. JSON and CSV are the same in
either language.

Exit status: 0 all records scored; 1 the ruleset, the file or any record is invalid; 2 usage.

Examples:
  credit-rules evaluate records.json --ruleset rulesets/enterprise.json --as-of 2021-06-30
  credit-rules evaluate records.ndjson --ruleset rulesets/enterprise.json --format csv > scores.csv
  cat records.ndjson | credit-rules evaluate - --ruleset rulesets/enterprise.json --format table`,
  run: runEvaluate,
};

/**
 * A result's warnings in `locale`: as the result has them (English), or said again in Chinese
 * (only a record that has warnings pays for it).
 */
function warningsIn(locale: Locale, result: Result, record: unknown, compiled: CompiledRuleset): readonly string[] {
  if (locale === 'en' || !result.warnings) return result.warnings ?? [];
  const outside = periodWarning(compiled.ruleset, result.asOf, locale);
  return [...validateRecord(record, compiled, locale).warnings, ...(outside ? [outside] : [])];
}

/** A sample case (a record with its expected result) given where records are expected. */
function isSampleCase(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'record') && Object.hasOwn(value, 'expected');
}

function sampleCaseError(): CreditRulesError {
  const problem = problemAt('$', 'cli.sampleCase', {});
  return new CreditRulesError('RECORD_INVALID', problem.message, { problems: [problem], explanation: { code: 'cli.sampleCase', params: {} } });
}

async function runEvaluate({ positionals, options }: Parameters<Command['run']>[0]): Promise<ExitStatus> {
  if (positionals.length !== 1) throw usageError('cli.arguments', { command: 'evaluate', got: positionals });
  const rulesetFile = options.ruleset as string | undefined;
  if (rulesetFile === undefined) throw usageError('cli.needsRuleset', { command: 'evaluate' });
  const asOf = options['as-of'] as string | undefined;
  if (asOf !== undefined && !isIsoDate(asOf)) throw usageError('cli.notADate', { option: '--as-of', value: asOf });
  const format = (options.format as FormatName | undefined) ?? 'json';
  const lang = options.lang as Locale | undefined;

  // A folder of versions gives the version in force on the evaluation date: --as-of, else
  // each record's own asOf, else today.
  const versions = statPath(rulesetFile, 'ruleset').isDirectory() && asOf === undefined ? loadRulesetFolder(rulesetFile) : undefined;
  // Without --as-of, the versions' common layout is that of the latest to take effect: no version need be in force today.
  const latestStart = versions?.reduce((latest, v) => (v.ruleset.effectiveFrom > latest ? v.ruleset.effectiveFrom : latest), '');
  const compiled = versions ? chooseVersion(versions, rulesetFile, { asOf: latestStart }) : loadRulesetFile(rulesetFile, { asOf });
  const byDate = new Map<string, CompiledRuleset>();
  const rulesetFor = (record: unknown): CompiledRuleset => {
    if (!versions) return compiled;
    const own = record !== null && typeof record === 'object' ? (record as { asOf?: unknown }).asOf : undefined;
    const date = isIsoDate(own) ? own : today();
    let chosen = byDate.get(date);
    if (!chosen) byDate.set(date, (chosen = chooseVersion(versions, rulesetFile, { asOf: date })));
    return chosen;
  };
  const source = await openRecords(positionals[0]!);
  const formatter = createFormatter(format, compiled, { trace: options['no-trace'] !== true, locale: lang ?? 'zh-CN' });
  const progress = new Progress(process.stderr, source.streamed && process.stderr.isTTY === true);
  const report = new Reporter(process.stderr, progress, undefined, lang ?? 'en');
  const out = new Output(process.stdout);
  const evaluateOptions = { asOf, trace: formatter.needsTrace };

  let total = 0;
  let scored = 0;
  out.write(formatter.begin());
  try {
    for await (const batch of source.batches) {
      for (const item of batch) {
        total++;
        if (item.error) {
          report.error(locate(item.error, item.where));
          out.write(formatter.invalid(item.where, undefined, item.error));
          continue;
        }
        const recordId = recordIdOf(item.value);
        try {
          const result = evaluate(rulesetFor(item.value), item.value, evaluateOptions);
          scored++;
          for (const warning of warningsIn(report.locale, result, item.value, rulesetFor(item.value))) report.warning(item.where, result.id, warning);
          out.write(formatter.result(result, item.value as EntityRecord));
        } catch (error) {
          if (error instanceof CreditRulesError) {
            const refused = isSampleCase(item.value) && error.code === 'RECORD_INVALID' ? sampleCaseError() : error;
            report.error(locate(refused, item.where, recordId));
            out.write(formatter.invalid(item.where, item.value, refused));
          } else {
            report.internal(error, item.where, recordId);
          }
        }
      }
      progress.update(total);
      await out.flushIfFull();
    }
  } finally {
    // Even when reading fails half-way, what was written stays well-formed (the JSON array closed).
    out.write(formatter.end());
    await out.flush();
    progress.clear();
  }

  const { errors: invalid, warnings, internalErrors } = report;
  if (total === 0) report.print(report.words.noRecords({ file: positionals[0]! }));
  if (invalid || internalErrors || warnings > report.limit) report.print(report.words.evaluated({ total, scored, invalid, internal: internalErrors, warnings }));
  if (internalErrors) return EXIT.internal;
  return invalid ? EXIT.invalid : EXIT.ok;
}
