/**
 * `credit-rules evaluate RECORDS --ruleset FILE`: scores records in input order. NDJSON and
 * JSON arrays are streamed (bounded memory, output written as it goes); an invalid record is reported on
 * standard error and gets no score while the records beside it are still scored.
 */
import { isIsoDate, today } from '../../dates.js';
import type { CompiledRuleset } from '../../compile.js';
import { CreditRulesError, problemAt } from '../../errors.js';
import { evaluate } from '../../evaluate.js';
import type { EntityRecord } from '../../types.js';
import { usageError } from '../args.js';
import { HELP_OPTION, type Command } from '../command.js';
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
  usage: 'evaluate RECORDS --ruleset FILE [--as-of YYYY-MM-DD] [--format json|table|csv] [--no-trace]',
  options: {
    ruleset: { type: 'string', value: 'FILE', description: 'the ruleset to score with (required), e.g. rulesets/enterprise.json; a folder of versions gives, for each record, the one in force on its evaluation date (--as-of, else its asOf, else today)' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: "evaluation date; default: each record's asOf, else today" },
    format: { type: 'string', value: 'FORMAT', choices: FORMATS, description: 'output format, default json' },
    'no-trace': { type: 'boolean', description: 'leave the trace out of JSON results (faster, smaller)' },
    help: HELP_OPTION,
  },
  details: `RECORDS is a .json file with one record or an array of records, an .ndjson file with one
record per line, or - for standard input (NDJSON when its first line is a whole object, else
one JSON document). Arrays and NDJSON are streamed: any number of records in bounded memory;
a syntax error in an array stops the reading there, after the records before it.

Results go to standard output in input order: json is an array, one result per line; table
is for reading in a terminal (Chinese indicator names; "A 降级(计分表 AA)" marks a downgrade
to A from the table's AA); csv has a header and one row per record, UTF-8 with a BOM for
Excel. Both give the date each record was scored on (评价日, asOf). An invalid record gets no
score: its file, line or index, record id, JSON path and fix go to standard error, and the
other records are still scored. Warnings (an event type the ruleset does not use) go there too.

Exit status: 0 all records scored; 1 the ruleset, the file or any record is invalid; 2 usage.

Examples:
  credit-rules evaluate records.json --ruleset rulesets/enterprise.json --as-of 2021-06-30
  credit-rules evaluate records.ndjson --ruleset rulesets/enterprise.json --format csv > scores.csv
  cat records.ndjson | credit-rules evaluate - --ruleset rulesets/enterprise.json --format table`,
  run: runEvaluate,
};

/** A sample case (a record with its expected result) given where records are expected. */
function isSampleCase(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'record') && Object.hasOwn(value, 'expected');
}

function sampleCaseError(): CreditRulesError {
  const problem = problemAt('$', 'cli.sampleCase', {});
  return new CreditRulesError('RECORD_INVALID', problem.message, { problems: [problem] });
}

async function runEvaluate({ positionals, options }: Parameters<Command['run']>[0]): Promise<ExitStatus> {
  if (positionals.length !== 1) throw usageError('cli.arguments', { command: 'evaluate', got: positionals });
  const rulesetFile = options.ruleset as string | undefined;
  if (rulesetFile === undefined) throw usageError('cli.needsRuleset', { command: 'evaluate' });
  const asOf = options['as-of'] as string | undefined;
  if (asOf !== undefined && !isIsoDate(asOf)) throw usageError('cli.notADate', { option: '--as-of', value: asOf });
  const format = (options.format as FormatName | undefined) ?? 'json';

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
  const formatter = createFormatter(format, compiled, { trace: options['no-trace'] !== true });
  const progress = new Progress(process.stderr, source.streamed && process.stderr.isTTY === true);
  const report = new Reporter(process.stderr, progress);
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
          for (const warning of result.warnings ?? []) report.warning(item.where, result.id, warning);
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
  if (total === 0) report.print(`warning: ${positionals[0] === '-' ? 'standard input' : positionals[0]} holds no records`);
  if (invalid || internalErrors || warnings > report.limit) {
    const counts = [
      `${scored} of ${total} record${total === 1 ? '' : 's'} scored`,
      invalid ? `${invalid} invalid (no score)` : '',
      internalErrors ? `${internalErrors} failed on an internal error` : '',
      warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
    ];
    report.print(`credit-rules: ${counts.filter(Boolean).join('; ')}`);
  }
  if (internalErrors) return EXIT.internal;
  return invalid ? EXIT.invalid : EXIT.ok;
}
