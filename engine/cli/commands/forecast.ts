/**
 * `credit-rules forecast RECORD --ruleset FILE`: one record's score and grade over time if
 * nothing new happens, with the reason for each change, when each higher grade comes back (or
 * why never), and which single event cost the grade on the evaluation date.
 */
import type { CompiledRuleset } from '../../compile.js';
import { isIsoDate } from '../../dates.js';
import { CreditRulesError, errorSaying, problemAt } from '../../errors.js';
import type { Locale } from '../../messages/codes.js';
import { en } from '../../messages/en.js';
import { zhCN } from '../../messages/zh-CN.js';
import { forecast, type Forecast } from '../../review/forecast.js';
import { usageError } from '../args.js';
import { HELP_OPTION, langOption, type Command } from '../command.js';
import { csvField, csvText } from '../formats/csv.js';
import { displayWidth, pad } from '../formats/width.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { readJsonFile, statPath } from '../files.js';
import { loadRulesetFile, loadRulesetFolder } from '../load.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type ForecastFormat = (typeof FORMATS)[number];

export const forecastCommand: Command = {
  name: 'forecast',
  summary: "one record's score and grade over time if nothing new happens, and what restores its grade",
  usage: 'forecast RECORD --ruleset FILE [--as-of YYYY-MM-DD] [--until YYYY-MM-DD] [--format table|json|csv] [--lang zh-CN|en]',
  options: {
    ruleset: { type: 'string', value: 'FILE', description: 'the ruleset to score with (required); a folder of versions gives, on each date, the one in force then' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: "the date to start from; default: the record's (or the case's) asOf, else today" },
    until: { type: 'string', value: 'YYYY-MM-DD', description: 'the last date of the timeline; default: the last date anything changes' },
    format: { type: 'string', value: 'FORMAT', choices: FORMATS, description: 'output format, default table' },
    lang: langOption('the table'),
    help: HELP_OPTION,
  },
  details: `RECORD is a .json file holding one record, or a sample case (its record, from its asOf).

The timeline gives the result on the evaluation date, then every date on which the score or
grade changes if nothing new happens (an event's period running out at its month end, a veto
ending, a downgrade's months passing, a base score starting or ending, another version coming
into force), each with the trace lines that are new that day: the reason in the regulation's
words. Then each grade above the present one, with the first date it is reached, or why never;
and the events without which the grade on the evaluation date would be higher, largest first.

table is for reading, in --lang (Chinese by default, en for English; the reasons in the
regulation's words, the ruleset's labels as written); json has every field, the reasons with their code, params,
Chinese message and English en; csv has one row per step, UTF-8 with a BOM for Excel.

Exit status: 0 forecast written; 1 the ruleset, the file or the record is invalid; 2 usage.

Examples:
  credit-rules forecast rulesets/cases/enterprise/138-realistic-downgrade-expired.json --ruleset rulesets/enterprise.json
  credit-rules forecast record.json --ruleset rulesets/enterprise-versions --until 2026-12-31 --format json`,
  run: runForecast,
};

/** The record of a file: a record, a sample case's record (with its asOf), or an array of one record. */
function recordOf(json: unknown, file: string): { record: unknown; asOf?: string } {
  const one = Array.isArray(json) && json.length === 1 ? json[0] : json;
  if (Array.isArray(one)) {
    throw errorSaying('RECORD_INVALID', 'forecast.records', { count: one.length }, { file, problems: [problemAt('$', 'cli.recordsToForecast', {})] });
  }
  if (one !== null && typeof one === 'object' && Object.hasOwn(one, 'record') && Object.hasOwn(one, 'expected')) {
    const sample = one as { record: unknown; asOf?: unknown };
    return { record: sample.record, ...(isIsoDate(sample.asOf) ? { asOf: sample.asOf } : {}) };
  }
  return { record: one };
}

async function runForecast({ positionals, options }: Parameters<Command['run']>[0]): Promise<ExitStatus> {
  if (positionals.length !== 1) throw usageError('cli.arguments', { command: 'forecast', got: positionals });
  const rulesetFile = options.ruleset as string | undefined;
  if (rulesetFile === undefined) throw usageError('cli.needsRuleset', { command: 'forecast' });
  for (const name of ['as-of', 'until'] as const) {
    const value = options[name];
    if (value !== undefined && !isIsoDate(value)) throw usageError('cli.notADate', { option: `--${name}`, value: String(value) });
  }
  const format = (options.format as ForecastFormat | undefined) ?? 'table';
  const rulesets: CompiledRuleset | CompiledRuleset[] = statPath(rulesetFile, 'ruleset').isDirectory() ? loadRulesetFolder(rulesetFile) : loadRulesetFile(rulesetFile);
  const file = positionals[0]!;
  const { record, asOf } = recordOf(readJsonFile(file, 'record'), file);
  let result: Forecast;
  try {
    result = forecast(rulesets, record, { asOf: (options['as-of'] as string | undefined) ?? asOf, until: options.until as string | undefined });
  } catch (error) {
    if (error instanceof CreditRulesError && error.code !== 'USAGE') throw error.placed({ file, recordId: error.recordId, problems: error.problems });
    throw error;
  }
  const name = record !== null && typeof record === 'object' && typeof (record as { name?: unknown }).name === 'string' ? (record as { name: string }).name : '';
  const lang = (options.lang as Locale | undefined) ?? 'zh-CN';
  process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'csv' ? forecastCsv(result) : forecastTable(result, name, lang));
  return EXIT.ok;
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '');

/** The forecast for a terminal, in `locale` (Chinese by default): the timeline, then what restores a grade. */
export function forecastTable(f: Forecast, name: string, locale: Locale = 'zh-CN'): string {
  const words = (locale === 'en' ? en : zhCN).cli;
  /** A trace line or a forecast's own note, in the table's language. */
  const said = (line: { message: string; en: string }): string => (locale === 'en' ? line.en : line.message);
  const c = words.forecastColumns;
  const head = [c.date, c.score, c.grade, c.change, c.reason];
  const rows = f.steps.flatMap((step, k) => {
    const reasons = k === 0 ? [words.evaluationDay] : step.reasons.map(said);
    return reasons.map((reason, i) => (i === 0 ? [step.date, String(step.score), words.grade(step), signed(step.change), reason] : ['', '', '', '', reason]));
  });
  const widths = head.slice(0, 4).map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const align: ('left' | 'right')[] = ['left', 'right', 'left', 'right'];
  const line = (cells: string[]): string => [...cells.slice(0, 4).map((c, i) => pad(c, widths[i]!, align[i]!)), cells[4]!].join('  ').trimEnd();
  const out = [words.forecastHeading({ id: f.id, name, asOf: f.asOf }), line(head), widths.map((w) => '─'.repeat(w)).concat('─'.repeat(4)).join('  '), ...rows.map(line)];
  out.push(f.complete ? words.complete : words.incomplete({ until: f.until ?? '' }));
  if (f.restore.length) {
    out.push('', words.restore);
    // What keeps the score down is the same for every grade never reached: said once, under the first.
    let shown = false;
    for (const r of f.restore) {
      out.push(`  ${said(r.note)}`);
      if (shown) continue;
      for (const line of r.standing) out.push(`    ${said(line)}`);
      shown = r.standing.length > 0;
    }
  }
  if (f.without.length) {
    out.push('', words.without({ asOf: f.asOf }));
    for (const w of f.without) {
      out.push(`  ${said(w.note)}`);
      for (const line of w.lines) out.push(`    ${said(line)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** One row per step for spreadsheets: RFC 4180, UTF-8 with a BOM; the reasons one per line in their cell. */
export function forecastCsv(f: Forecast): string {
  const header = ['id', 'date', 'score', 'grade', 'change', 'computedScore', 'computedGrade', 'downgraded', 'eligible', 'version', 'reasons', 'reasonsEn'];
  const rows = f.steps.map((s) => [csvText(f.id), s.date, s.score, s.grade, s.change, s.computedScore, s.computedGrade, s.downgraded, s.eligible, s.ruleset.version, s.reasons.map((r) => r.message).join('\n'), s.reasons.map((r) => r.en).join('\n')]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
