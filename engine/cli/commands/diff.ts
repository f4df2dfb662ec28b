/**
 * `credit-rules diff OLD NEW --cases PATH`: what a change of ruleset says in policy terms, clause
 * by clause, and what it does to every case — old and new score and grade, the largest change
 * first, the grade transitions, and the cases near a grade line under the new version. OLD and
 * NEW are ruleset files, folders of versions, or `git-rev:path` (read with `git show`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { validateCase, type SampleCase } from '../../review/cases.js';
import type { CompiledRuleset } from '../../compile.js';
import { isIsoDate, today } from '../../dates.js';
import { ImpactCollector, policyDiff, type CaseImpactRow, type ImpactError, type PolicyChange, type Standing } from '../../review/diff.js';
import { CreditRulesError, errorSaying, headlineText } from '../../errors.js';
import { catalogues, explain } from '../../explain.js';
import { usageError } from '../args.js';
import { HELP_OPTION, LANGS, type Command } from '../command.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { fileError, parseJsonDocument, statPath } from '../files.js';
import { renderDiffHtml } from '../formats/diffHtml.js';
import { reasonLines, renderDiffCsv, summaryLine, wordsOf, type Report, type Side, type Words } from '../formats/diffReport.js';
import { renderDiffXlsx } from '../formats/diffXlsx.js';
import type { Locale, ProblemCode, ProblemParamsByCode } from '../../messages/codes.js';
import { writeFileAtomic } from '../files.js';
import { displayWidth, pad, truncate } from '../formats/width.js';
import { chooseVersion, loadCases, loadRulesetFile, rulesetFromJson, versionsFromJson, type VersionChoice } from '../load.js';
import { Output } from '../output.js';
import { Progress } from '../progress.js';
import { locate, placeName, Reporter } from '../report.js';
import { openRecords, type Where } from '../source.js';

const DIFF_FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'xlsx'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Rows listed per section in table and markdown output unless `--limit` says otherwise. */
const DEFAULT_LIMIT = 100;

// ---------------------------------------------------------------- reading OLD and NEW

/** `rev:path` when the argument is not a file or folder and reads as one. */
function gitSpec(argument: string): { rev: string; path: string } | undefined {
  if (existsSync(argument)) return undefined;
  const colon = argument.indexOf(':');
  // `C:\…` is a Windows path, not a revision.
  if (colon <= 0 || /^[A-Za-z]:[\\/]/.test(argument)) return undefined;
  return { rev: argument.slice(0, colon), path: argument.slice(colon + 1).replace(/^\/+|\/+$/g, '') };
}

/** A problem reading a ruleset from git, said by its catalogue code, naming `where`. */
function gitError<C extends ProblemCode>(where: string, code: C, params: ProblemParamsByCode[C]): CreditRulesError {
  return fileError('FILE_UNREADABLE', where, code, params);
}

/** Runs git read-only; a missing git is an error naming `where`, a failing command gives its status and message. */
function git(args: readonly string[], where: string): { ok: boolean; stdout: string; stderr: string } {
  const run = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw gitError(where, 'git.missing', {});
    throw gitError(where, 'git.failed', { reason: code ?? run.error.message });
  }
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr.trim() };
}

/** The ruleset (or folder of versions) at `rev:path`, read with `git show`. */
function loadFromGit(argument: string, spec: { rev: string; path: string }, choice: VersionChoice): CompiledRuleset {
  const { rev, path } = spec;
  if (rev.startsWith('-')) throw gitError(argument, 'git.notARevision', { rev });
  if (!path) throw gitError(argument, 'git.noPath', {});
  const commit = git(['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`], argument);
  if (!commit.ok) {
    if (/not a git repository/i.test(commit.stderr)) throw gitError(argument, 'git.notARepository', {});
    throw gitError(argument, 'git.unknownRevision', { rev });
  }
  const object = `${rev}:${path}`;
  const type = git(['cat-file', '-t', object], argument);
  if (!type.ok) throw gitError(argument, 'git.noSuchPath', { rev, path });
  const show = (name: string, label: string): unknown => {
    const shown = git(['show', name], argument);
    if (!shown.ok) throw gitError(label, 'git.commandFailed', { command: 'show', stderr: shown.stderr });
    return parseJsonDocument(shown.stdout, label);
  };
  if (type.stdout.trim() === 'blob') return rulesetFromJson(show(object, argument), argument);
  if (type.stdout.trim() !== 'tree') throw gitError(argument, 'git.notAFile', { type: type.stdout.trim() });
  const listing = git(['ls-tree', '-z', object], argument);
  if (!listing.ok) throw gitError(argument, 'git.commandFailed', { command: 'ls-tree', stderr: listing.stderr });
  const names = listing.stdout
    .split('\0')
    .map((entry) => /^\d+ blob [0-9a-f]+\t(.+)$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined && /\.json$/i.test(name))
    .sort();
  if (!names.length) throw gitError(argument, 'git.noRulesets', { rev });
  const parsed = names.map((name) => {
    const label = `${rev}:${posix.join(path, name)}`;
    return { file: label, json: show(label, label) };
  });
  return chooseVersion(versionsFromJson(argument, parsed), argument, choice);
}

/** OLD or NEW as the command line names it: a file, a folder of versions, or `rev:path`. */
function loadSide(argument: string, choice: VersionChoice): Side {
  const spec = gitSpec(argument);
  return { compiled: spec ? loadFromGit(argument, spec, choice) : loadRulesetFile(argument, choice), source: argument };
}

// ---------------------------------------------------------------- reading the cases

const isCaseShaped = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'record') && Object.hasOwn(value, 'expected');

/** The error of one side of a row (absent: both), as a located `CreditRulesError` worded in `locale`. */
function rowError(error: ImpactError, where: Where, recordId: string | undefined, locale: Locale, side?: 'old' | 'new'): CreditRulesError {
  const said = error.headline ? headlineText(error.headline, locale) : error.message;
  const message = side ? catalogues[locale].cli.underVersion({ message: said, side }) : said;
  return locate(new CreditRulesError(error.code, message, { recordId: error.recordId, problems: error.problems }), where, recordId);
}

/** Reports the errors of a row: once when both versions refused the record alike. */
function reportRow(row: CaseImpactRow, where: Where, report: Reporter): void {
  const errors = row.errors;
  if (!errors) return;
  const id = row.id;
  if (errors.old && errors.new && errors.old === errors.new) report.error(rowError(errors.old, where, id, report.locale));
  else {
    if (errors.old) report.error(rowError(errors.old, where, id, report.locale, 'old'));
    if (errors.new) report.error(rowError(errors.new, where, id, report.locale, 'new'));
  }
}

/**
 * Feeds the cases to the collector: a folder of case files, or a file of cases or records
 * (.json, .ndjson streamed). Sample cases are evaluated at their own date; records at `asOf`,
 * else their own `asOf`, else today. Returns how many items could not be read at all.
 */
async function collect(path: string, collector: ImpactCollector, asOf: string | undefined, report: Reporter): Promise<number> {
  let unreadable = 0;
  const addCase = (c: SampleCase, where: Where): void => {
    reportRow(collector.add({ record: c.record, asOf: c.asOf, name: c.name, source: placeName(where) }), where, report);
  };
  if (statPath(path, 'cases').isDirectory()) {
    for (const loaded of loadCases(path)) {
      if (loaded.error) {
        unreadable++;
        report.error(loaded.error);
      } else addCase(loaded.case, { file: loaded.file });
    }
    return unreadable;
  }
  const source = await openRecords(path);
  const progress = new Progress(process.stderr, source.streamed && process.stderr.isTTY === true);
  let done = 0;
  for await (const batch of source.batches) {
    for (const item of batch) {
      done++;
      if (item.error) {
        unreadable++;
        report.error(locate(item.error, item.where));
        continue;
      }
      if (isCaseShaped(item.value)) {
        const problems = validateCase(item.value);
        if (problems.length) {
          unreadable++;
          report.error(locate(errorSaying('CASE_INVALID', 'case.schema', {}, { problems }), item.where));
        } else addCase(item.value as SampleCase, item.where);
        continue;
      }
      reportRow(collector.add({ record: item.value, asOf, source: placeName(item.where) }), item.where, report);
    }
    progress.update(done);
  }
  progress.clear();
  return unreadable;
}

// ---------------------------------------------------------------- output

/** One version in a line: id, version, status, period, where it was read. */
const versionLine = (side: Side, lang: Locale): string => {
  const r = side.compiled.ruleset;
  const w = wordsOf(lang);
  return w.versionLine(`${r.id} ${r.version}`, catalogues[lang].status[r.status], w.period(r.effectiveFrom, r.effectiveTo), side.source);
};

const gradeText = (s: Standing | undefined, w: Words): string => (!s ? '✗' : !s.eligible ? w.ungraded : `${s.grade ?? '—'}${s.downgraded ? w.downgraded : ''}`);
/** A score; while a downgrade holds it, the table's own beside it, which a new version may move. */
const scoreText = (s: Standing | undefined, w: Words): string => (!s ? '✗' : s.downgraded ? `${s.score}${w.tableScore(s.computedScore)}` : String(s.score));
const changeText = (change: number): string => (change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : '—');
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const transitionGrade = (g: string | null, w: Words): string => g ?? w.ungraded;
const gradeMove = (row: CaseImpactRow, w: Words): string => (row.gradeChanged ? `${transitionGrade(row.old!.grade, w)} → ${transitionGrade(row.new!.grade, w)}` : '');
/** Why a case moved: the items whose score differs, each `id old→new`. */
const itemsText = (row: CaseImpactRow, separator = ', '): string => (row.items ?? []).map((m) => `${m.id} ${m.old ?? '—'}→${m.new ?? '—'}`).join(separator);

/** A column of a case table: its title, alignment, width limit, and what it shows of a case. */
interface Column {
  title: string;
  align: 'left' | 'right';
  max?: number;
  cell: (row: CaseImpactRow) => string;
}

/** A terminal table of cases, aligned by display width (a Chinese character takes two columns). */
function table(columns: readonly Column[], rows: readonly CaseImpactRow[]): string {
  const fitted = rows.map((row) => columns.map((c) => (c.max ? truncate(c.cell(row), c.max) : c.cell(row))));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...fitted.map((cells) => displayWidth(cells[i]!))));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => pad(cell, widths[i]!, columns[i]!.align)).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => '─'.repeat(w)).join('  '), ...fitted.map(line)].join('\n') + '\n';
}

/** The columns of the case tables, titled in the report's language. */
function columnsOf(w: Words) {
  /** Which case: the first columns of every case table. */
  const cases: Column[] = [
    { title: w.id, align: 'left', max: 20, cell: (r) => r.id },
    { title: w.name, align: 'left', max: 32, cell: (r) => r.name ?? '' },
    { title: w.asOf, align: 'left', cell: (r) => r.asOf },
  ];
  return {
    changed: [
      ...cases,
      { title: w.oldScore, align: 'right', cell: (r) => scoreText(r.old, w) },
      { title: w.oldGrade, align: 'left', cell: (r) => gradeText(r.old, w) },
      { title: w.newScore, align: 'right', cell: (r) => scoreText(r.new, w) },
      { title: w.newGrade, align: 'left', cell: (r) => gradeText(r.new, w) },
      { title: w.change, align: 'right', cell: (r) => changeText(r.change) },
      { title: w.gradeChange, align: 'left', cell: (r) => gradeMove(r, w) },
      { title: w.items, align: 'left', max: 48, cell: (r) => itemsText(r) },
    ] as Column[],
    near: [
      ...cases,
      { title: w.newScore, align: 'right', cell: (r) => scoreText(r.new, w) },
      { title: w.newGrade, align: 'left', cell: (r) => gradeText(r.new, w) },
      { title: w.line, align: 'left', cell: (r) => `${r.nearLine!.grade} ${r.nearLine!.min}` },
      { title: w.gap, align: 'right', cell: (r) => signed(r.nearLine!.distance) },
    ] as Column[],
    computed: [
      ...cases,
      { title: w.resultUnchanged, align: 'left', cell: (r) => `${r.new!.score} ${gradeText(r.new, w)}` },
      { title: w.oldComputed, align: 'right', cell: (r) => String(r.old!.computedScore) },
      { title: w.newComputed, align: 'right', cell: (r) => String(r.new!.computedScore) },
      { title: w.change, align: 'right', cell: (r) => changeText(Number((r.new!.computedScore - r.old!.computedScore).toFixed(3))) },
      { title: w.items, align: 'left', max: 48, cell: (r) => itemsText(r) },
    ] as Column[],
  };
}

/** The parts every human-readable format shows, in order. */
function sections(report: Report, lang: Locale) {
  const { impact, limit } = report;
  const w = wordsOf(lang);
  const meta = report.policy.filter((c) => c.section === 'meta');
  const policy = report.policy.filter((c) => c.section !== 'meta');
  const changed = impact.rows.filter((r) => r.scoreChanged || r.gradeChanged);
  const computed = impact.rows.filter((r) => r.computedOnly);
  const cut = <T,>(rows: T[]): { shown: T[]; more: number } => (limit > 0 && rows.length > limit ? { shown: rows.slice(0, limit), more: rows.length - limit } : { shown: rows, more: 0 });
  // Two sides with one version number: a copy not yet renumbered, or the same file twice.
  const [o, n] = [report.older.compiled.ruleset, report.newer.compiled.ruleset];
  const notice = o.id === n.id && o.version === n.version ? (policy.length || meta.length ? w.sameNumber(n.version) : w.sameVersion(`${n.id} ${n.version}`)) : undefined;
  const counts = [summaryLine(report, lang)];
  if (impact.computedOnly) counts.push(w.alsoComputed(impact.computedOnly));
  if (impact.invalid + report.unreadable) counts.push(w.notCompared(impact.invalid + report.unreadable));
  return { meta, policy, notice, changed: cut(changed), computed: cut(computed), near: cut(impact.nearLines), summary: counts.join(w.listSep) };
}

/** Why each listed case moved, clause by clause, under its id. */
function reasonsBlock(rows: readonly CaseImpactRow[], lang: Locale): string {
  const listed = rows.filter((r) => r.reasons?.length);
  if (!listed.length) return '';
  const width = Math.max(...listed.map((r) => displayWidth(r.id)));
  return `\n${wordsOf(lang).reasons}\n` + listed.map((r) => reasonLines(r, lang).map((line, i) => `  ${pad(i ? '' : r.id, width, 'left')}  ${line}\n`).join('')).join('');
}

const moreLine = (more: number, w: Words): string => (more ? `${w.more(more)}\n` : '');
const hintOf = (change: PolicyChange, lang: Locale): string | undefined => change.citationHint && (lang === 'en' ? change.citationHint.en : change.citationHint.zh);

function renderTable(report: Report, lang: Locale): string {
  const s = sections(report, lang);
  const w = wordsOf(lang);
  const columns = columnsOf(w);
  const labels = [w.old, w.new];
  const width = Math.max(...labels.map(displayWidth));
  const out: string[] = [];
  out.push(`${pad(w.old, width, 'left')}  ${versionLine(report.older, lang)}\n${pad(w.new, width, 'left')}  ${versionLine(report.newer, lang)}\n`);
  if (s.notice) out.push(`${s.notice}\n`);
  for (const c of s.meta) out.push(`  ${explain(c, lang)}\n`);
  out.push(`\n${w.numbered(w.policy, s.policy.length)}\n`);
  out.push(s.policy.length ? s.policy.map((c) => `  ${explain(c, lang)}\n${hintOf(c, lang) ? `    ⚠ ${hintOf(c, lang)}\n` : ''}`).join('') : `  ${w.noPolicy}\n`);
  out.push(`\n${w.impactLine(s.summary)}\n`);
  if (s.changed.shown.length) out.push(table(columns.changed, s.changed.shown), moreLine(s.changed.more, w), reasonsBlock(s.changed.shown, lang));
  out.push(`\n${w.transitions}\n`);
  out.push(report.impact.transitions.length ? report.impact.transitions.map((t) => `  ${transitionGrade(t.from, w)} → ${transitionGrade(t.to, w)}  ${w.caseCount(t.count)}\n`).join('') : `  ${w.none}\n`);
  if (s.computed.shown.length) {
    out.push(`\n${w.computedOnly}${w.recalc(report.newer.compiled.ruleset.downgrades?.recalcMonths ?? '—')}\n`, table(columns.computed, s.computed.shown), moreLine(s.computed.more, w), reasonsBlock(s.computed.shown, lang));
  }
  out.push(`\n${w.counted(w.near(report.impact.nearLineWithin), report.impact.nearLines.length)}\n`);
  out.push(s.near.shown.length ? table(columns.near, s.near.shown) + moreLine(s.near.more, w) : `  ${w.none}\n`);
  return out.join('');
}

const mdCell = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
function mdTable(columns: readonly Pick<Column, 'title' | 'align'>[], rows: readonly string[][]): string {
  const align = columns.map((c) => (c.align === 'right' ? '---:' : '---'));
  return [`| ${columns.map((c) => mdCell(c.title)).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`)].join('\n') + '\n';
}

/** A markdown table of cases. */
const mdCases = (columns: readonly Column[], rows: readonly CaseImpactRow[]): string => mdTable(columns, rows.map((row) => columns.map((c) => c.cell(row))));
/** Why each case moved, as a last column (`<br>` between reasons). */
const reasonsColumn = (lang: Locale): Column => ({ title: wordsOf(lang).reasons, align: 'left', cell: (r) => reasonLines(r, lang).join('<br>') });

function renderMarkdown(report: Report, lang: Locale): string {
  const s = sections(report, lang);
  const w = wordsOf(lang);
  const columns = columnsOf(w);
  const o = report.older.compiled.ruleset;
  const n = report.newer.compiled.ruleset;
  const left = (title: string): Pick<Column, 'title' | 'align'> => ({ title, align: 'left' });
  const out: string[] = [];
  out.push(`# ${w.comparison}${w.colon}${o.id} ${o.version} → ${n.id} ${n.version}\n\n`);
  const side = (label: string, r: typeof o, source: string): string[] => [label, r.version, catalogues[lang].status[r.status], w.period(r.effectiveFrom, r.effectiveTo), source];
  out.push(mdTable([left(''), left(w.version), left(w.status), left(w.effective), left(w.source)], [side(w.old, o, report.older.source), side(w.new, n, report.newer.source)]));
  if (s.notice) out.push(`\n> ${s.notice}\n`);
  out.push(`\n## ${w.numbered(w.policy, s.policy.length)}\n\n`);
  out.push(s.policy.length ? s.policy.map((c) => `- ${mdCell(explain(c, lang))}${hintOf(c, lang) ? mdCell(w.paren(`⚠ ${hintOf(c, lang)}`)) : ''}\n`).join('') : `${w.noPolicy}${w.stop}\n`);
  if (s.meta.length) out.push(`\n${w.versionInfo}${w.colon}${s.meta.map((c) => mdCell(explain(c, lang))).join(w.clauseSep)}\n`);
  out.push(`\n## ${w.impact}\n\n${s.summary}\n\n`);
  if (s.changed.shown.length) out.push(mdCases([...columns.changed, reasonsColumn(lang)], s.changed.shown), moreLine(s.changed.more, w));
  out.push(`\n## ${w.transitions}\n\n`);
  out.push(report.impact.transitions.length ? mdTable([left(w.oldGrade), left(w.newGrade), { title: w.count, align: 'right' }], report.impact.transitions.map((t) => [transitionGrade(t.from, w), transitionGrade(t.to, w), String(t.count)])) : `${w.none}\n`);
  if (s.computed.shown.length) out.push(`\n## ${w.computedOnly}\n\n`, mdCases([...columns.computed, reasonsColumn(lang)], s.computed.shown), moreLine(s.computed.more, w));
  out.push(`\n## ${w.counted(w.near(report.impact.nearLineWithin), report.impact.nearLines.length)}\n\n`);
  out.push(s.near.shown.length ? mdCases(columns.near, s.near.shown) + moreLine(s.near.more, w) : `${w.none}\n`);
  return out.join('');
}

const sideJson = (side: Side): Record<string, unknown> => {
  const r = side.compiled.ruleset;
  return { source: side.source, id: r.id, version: r.version, status: r.status, effectiveFrom: r.effectiveFrom, ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}) };
};

/**
 * Everything as one JSON object: the two versions, the policy changes, the counts, the ids of
 * the cases near a grade line, and every case's row, one per line so large outputs stay readable.
 */
function* renderJson(report: Report): Generator<string> {
  const { rows, nearLines, ...counts } = report.impact;
  const head = {
    old: sideJson(report.older),
    new: sideJson(report.newer),
    policy: report.policy,
    impact: { ...counts, unreadable: report.unreadable, nearLines: nearLines.map((r) => r.id) },
  };
  // The head without its closing braces, then "rows" inside "impact".
  yield JSON.stringify(head).slice(0, -2) + ',"rows":[';
  for (let i = 0; i < rows.length; i++) yield (i ? ',\n' : '\n') + JSON.stringify(rows[i]);
  yield '\n]}}\n';
}

// ---------------------------------------------------------------- the command

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two ruleset versions: the change in policy terms and its impact on cases',
  usage: 'diff OLD NEW --cases PATH [--format table|json|csv|markdown|html|xlsx] [--lang zh-CN|en] [--output FILE] [--as-of YYYY-MM-DD] [--fail-on-grade-change]',
  options: {
    cases: { type: 'string', value: 'PATH', description: 'a folder of case files, a case file, or a records file (.json, .ndjson) (required)' },
    format: { type: 'string', value: 'FORMAT', choices: DIFF_FORMATS, description: 'output format, default table' },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', description: "evaluation date of records, and the date a folder's version must be in force; default: each record's asOf, and today" },
    'fail-on-grade-change': { type: 'boolean', description: `exit ${EXIT.gradeChanged} when any case changes grade (for CI; broken input still exits ${EXIT.invalid})` },
    'old-version': { type: 'string', value: 'VERSION', description: 'when OLD is a folder of versions, take this version instead of the one in force' },
    'new-version': { type: 'string', value: 'VERSION', description: 'when NEW is a folder of versions, take this version (a draft, say)' },
    limit: { type: 'string', value: 'N', description: `cases listed per section in table and markdown output, default ${DEFAULT_LIMIT}; 0 lists all` },
    lang: { type: 'string', value: 'LANG', choices: LANGS, description: 'language of table, markdown, csv, html and xlsx: zh-CN (default) or en; and of error messages (English unless --lang is given)' },
    output: { type: 'string', value: 'FILE', description: 'write to FILE (whole or not at all) instead of standard output; xlsx needs it unless output is redirected' },
    help: HELP_OPTION,
  },
  details: `OLD and NEW are each a ruleset file, a folder holding versions of one ruleset (the version in
force on --as-of, else today, is taken: official before provisional before draft, then the
latest effectiveFrom), or REV:PATH for a file or folder in a git revision, read with
"git show" (HEAD:rulesets/enterprise.json; PATH from the repository root).

Prints the change in policy terms, clause by clause with the clause id and label (a clause's
points, a grade line, a window's months, a parameter, a clause added or removed), then every
case scored under both versions: the cases whose score or grade changes, grade changes first,
then the largest change, each with the items whose score moved (id, old→new); how many cases move
from each grade to each other; the cases whose table score changes while a downgrade still
decides their result; and the cases within 1 point of a grade line under the new version.
Sample cases are evaluated on their own asOf; records on --as-of, else their own asOf, else
today. Records are scored without a trace; .ndjson is streamed.

Every case that moves says why, clause by clause: an event's points, old and new, an event
now counted or no longer (a window edge crossed, one kept of several), a cap or maximum that
now bites or no longer does, a grade line moved across its score, a downgrade that now holds
or lapses.

Formats: table (the terminal), markdown (a report or a pull request), json
(everything: policy changes and every case with its reasons), csv (the policy changes, then
one row per case, for spreadsheets), html (one self-contained page for a review meeting:
policy changes with the text they cite, grade transitions, a chart of the grades before and
after, moved cases and why, cases near a grade line; prints on A4), xlsx (the same as sheets).
Every format but json speaks --lang (Chinese by default; en for English).

OLD and NEW must score the same kind of entity (the same entityKind).

Exit status: ${EXIT.ok} compared; ${EXIT.invalid} a ruleset, case or record is invalid (even when a grade
also changes); ${EXIT.usage} usage; ${EXIT.gradeChanged} with --fail-on-grade-change, a case changes grade.

Examples:
  credit-rules diff rulesets/enterprise.json rulesets/enterprise-versions/enterprise-n4.json --cases rulesets/cases/enterprise
  credit-rules diff HEAD:rulesets/enterprise.json rulesets/enterprise.json --cases rulesets/cases/enterprise --fail-on-grade-change
  credit-rules diff rulesets/enterprise-versions rulesets/enterprise-versions --new-version 2021.1-n4 --cases records.ndjson --as-of 2021-06-30 --format csv > impact.csv`,
  run: runDiff,
};

/** The text formats, piece by piece. */
function pieces(report: Report, format: Exclude<DiffFormat, 'xlsx'>, lang: Locale): Iterable<string> {
  if (format === 'csv') return renderDiffCsv(report, lang);
  if (format === 'json') return renderJson(report);
  if (format === 'html') return [renderDiffHtml(report, lang)];
  return [format === 'markdown' ? renderMarkdown(report, lang) : renderTable(report, lang)];
}

const renderAll = (report: Report, format: Exclude<DiffFormat, 'xlsx'>, lang: Locale): string => [...pieces(report, format, lang)].join('');

async function runDiff({ positionals, options }: Parameters<Command['run']>[0]): Promise<ExitStatus> {
  if (positionals.length !== 2) throw usageError('cli.arguments', { command: 'diff', got: positionals });
  const casesPath = options.cases as string | undefined;
  if (casesPath === undefined) throw usageError('cli.needsCases', { command: 'diff', records: true });
  const asOf = options['as-of'] as string | undefined;
  if (asOf !== undefined && !isIsoDate(asOf)) throw usageError('cli.notADate', { option: '--as-of', value: asOf });
  const limitText = (options.limit as string | undefined) ?? String(DEFAULT_LIMIT);
  if (!/^\d+$/.test(limitText)) throw usageError('cli.limit', { value: limitText });
  const format = (options.format as DiffFormat | undefined) ?? 'table';
  if (format === 'xlsx' && options.output === undefined && process.stdout.isTTY) throw usageError('cli.xlsxToTerminal', {});
  const date = asOf ?? today();

  const older = loadSide(positionals[0]!, { asOf: date, version: options['old-version'] as string | undefined });
  const newer = loadSide(positionals[1]!, { asOf: date, version: options['new-version'] as string | undefined });
  const [oldKind, newKind] = [older.compiled.ruleset.entityKind, newer.compiled.ruleset.entityKind];
  if (oldKind !== newKind) {
    throw usageError('cli.kindsDiffer', { old: older.source, oldKind, new: newer.source, newKind });
  }
  const policy = policyDiff(older.compiled.ruleset, newer.compiled.ruleset);
  const collector = new ImpactCollector(older.compiled, newer.compiled);
  const report = new Reporter(process.stderr, undefined, undefined, (options.lang as Locale | undefined) ?? 'en');
  const unreadable = await collect(casesPath, collector, asOf, report);
  const impact = collector.finish();
  const result: Report = { older, newer, policy, impact, unreadable, limit: Number(limitText) };

  const lang = ((options.lang as Locale | undefined) ?? 'zh-CN');
  const output = options.output as string | undefined;
  if (output !== undefined) {
    const content = format === 'xlsx' ? await renderDiffXlsx(result, lang) : renderAll(result, format, lang);
    writeFileAtomic(output, content);
  } else if (format === 'xlsx') {
    process.stdout.write(await renderDiffXlsx(result, lang));
  } else {
    const out = new Output(process.stdout);
    for (const piece of pieces(result, format, lang)) {
      out.write(piece);
      await out.flushIfFull();
    }
    await out.flush();
  }

  const said = catalogues[report.locale].cli.diff;
  if (impact.total + unreadable === 0) report.print(said.noCases({ path: casesPath }));
  const failedGrades = options['fail-on-grade-change'] === true && impact.gradeChanged > 0;
  if (failedGrades) report.print(said.gradesChanged({ count: impact.gradeChanged }));
  if (report.errors) report.print(said.compared({ compared: impact.compared, total: impact.total + unreadable, failed: impact.invalid + unreadable }));
  if (report.errors) return EXIT.invalid;
  return failedGrades ? EXIT.gradeChanged : EXIT.ok;
}
