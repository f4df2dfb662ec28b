/**
 * The comparison of two versions as tables for people who do not read a terminal: the policy
 * changes, the grade transitions and distribution, the moved cases with why they moved, the
 * cases near a grade line. One model in the chosen language (Chinese by default) that the CSV,
 * the HTML report and the workbook each render, so the three say the same thing.
 */
import type { CompiledRuleset } from '../../compile.js';
import type { Locale, ReportWords } from '../../messages/codes.js';
import type { CaseImpact, CaseImpactRow, PolicyChange, Standing } from '../../review/diff.js';
import { explainReason } from '../../review/reasons.js';
import { catalogues, explain } from '../../explain.js';
import { csvField, csvText } from './csv.js';

/** One side of the comparison: the version chosen and where it was read. */
export interface Side {
  compiled: CompiledRuleset;
  /** As the command line named it. */
  source: string;
}

/** Everything `diff` found. */
export interface Report {
  older: Side;
  newer: Side;
  policy: PolicyChange[];
  impact: CaseImpact;
  unreadable: number;
  limit: number;
}

/** The report's own words in `lang` (the catalogues' `report`; the engine's sentences are its other tables). */
export type Words = ReportWords;
export const wordsOf = (lang: Locale): Words => catalogues[lang].report;

/** A cell: text or a number (a spreadsheet keeps numbers as numbers). */
export type Cell = string | number | null;

/** One table of the report. */
export interface ReportTable {
  /** A short name (a workbook's sheet name). */
  sheet: string;
  title: string;
  columns: { title: string; numeric?: boolean; wide?: boolean }[];
  rows: Cell[][];
}

/** The two versions as lines: which, version, status, period, source. */
export function versionRows(report: Report, lang: Locale): Cell[][] {
  const w = wordsOf(lang);
  const status = catalogues[lang].status;
  return ([['old', report.older], ['new', report.newer]] as const).map(([which, side]) => {
    const r = side.compiled.ruleset;
    return [w[which], `${r.id} ${r.version}`, status[r.status], w.period(r.effectiveFrom, r.effectiveTo), side.source];
  });
}

/** A case's reasons in `lang`, each a sentence; an item move where no reason was found. */
export function reasonLines(row: CaseImpactRow, lang: Locale): string[] {
  if (row.reasons?.length) return row.reasons.map((r) => explainReason(r, lang));
  return (row.items ?? []).map((m) => `${m.id} ${m.old ?? '—'}→${m.new ?? '—'}`);
}

const gradeOf = (s: Standing | undefined, w: Words): string => (!s ? '✗' : !s.eligible ? w.ungraded : `${s.grade ?? '—'}`);
const gradeMove = (row: CaseImpactRow, w: Words): string => (row.gradeChanged ? `${row.old!.grade ?? w.ungraded} → ${row.new!.grade ?? w.ungraded}` : '');

/** The report's tables in `lang`. */
export function reportTables(report: Report, lang: Locale): { policy: ReportTable; moved: ReportTable; transitions: ReportTable; near: ReportTable; computed: ReportTable; distribution: ReportTable } {
  const w = wordsOf(lang);
  const policy = report.policy.filter((c) => c.section !== 'meta');
  const moved = report.impact.rows.filter((r) => r.scoreChanged || r.gradeChanged);
  const caseCols = [{ title: w.id }, { title: w.name }, { title: w.asOf }];
  const dist = distribution(report, lang);
  return {
    policy: {
      sheet: w.sheetPolicy, title: w.policy,
      columns: [{ title: w.clause }, { title: w.label }, { title: w.what, wide: true }, { title: w.hint }],
      rows: policy.map((c) => [c.clause, c.engineLabel ? explainLabel(c, lang) : c.label, explain(c, lang), c.citationHint ? (lang === 'en' ? c.citationHint.en : c.citationHint.zh) : '']),
    },
    moved: {
      sheet: w.sheetMoved, title: w.moved,
      columns: [...caseCols, { title: w.oldScore, numeric: true }, { title: w.oldGrade }, { title: w.newScore, numeric: true }, { title: w.newGrade }, { title: w.change, numeric: true }, { title: w.gradeChange }, { title: w.reasons, wide: true }],
      rows: moved.map((r) => [r.id, r.name ?? '', r.asOf, r.old?.score ?? null, gradeOf(r.old, w), r.new?.score ?? null, gradeOf(r.new, w), r.change, gradeMove(r, w), reasonLines(r, lang).join('\n')]),
    },
    transitions: {
      sheet: w.sheetTransitions, title: w.transitions,
      columns: [{ title: w.oldGrade }, { title: w.newGrade }, { title: w.count, numeric: true }],
      rows: report.impact.transitions.map((t) => [t.from ?? w.ungraded, t.to ?? w.ungraded, t.count]),
    },
    near: {
      sheet: w.sheetNear, title: w.near(report.impact.nearLineWithin),
      columns: [...caseCols, { title: w.newScore, numeric: true }, { title: w.newGrade }, { title: w.line }, { title: w.distance, numeric: true }],
      rows: report.impact.nearLines.map((r) => [r.id, r.name ?? '', r.asOf, r.new?.score ?? null, gradeOf(r.new, w), `${r.nearLine!.grade} ${r.nearLine!.min}`, r.nearLine!.distance]),
    },
    computed: {
      sheet: w.sheetComputed, title: w.computedOnly,
      columns: [...caseCols, { title: w.newScore, numeric: true }, { title: w.newGrade }, { title: w.oldComputed, numeric: true }, { title: w.newComputed, numeric: true }, { title: w.reasons, wide: true }],
      rows: report.impact.rows.filter((r) => r.computedOnly).map((r) => [r.id, r.name ?? '', r.asOf, r.new!.score, gradeOf(r.new, w), r.old!.computedScore, r.new!.computedScore, reasonLines(r, lang).join('\n')]),
    },
    distribution: {
      sheet: w.sheetDistribution, title: w.distribution,
      columns: [{ title: w.grade }, { title: w.before, numeric: true }, { title: w.after, numeric: true }],
      rows: dist.map((d) => [d.grade, d.before, d.after]),
    },
  };
}

function explainLabel(change: PolicyChange, lang: Locale): string {
  const line = explain(change, lang);
  const colon = line.indexOf(':');
  return colon > 0 ? line.slice(0, colon) : change.label;
}

/** How many cases hold each grade under each version, the highest grade first (then not graded, then not compared). */
export function distribution(report: Report, lang: Locale): { grade: string; before: number; after: number }[] {
  const w = wordsOf(lang);
  const grades = [...new Set([...report.newer.compiled.ruleset.grades, ...report.older.compiled.ruleset.grades].sort((a, b) => b.min - a.min).map((g) => g.grade))];
  const keys = [...grades, w.ungraded, w.unscored];
  const counts = new Map(keys.map((k) => [k, { grade: k, before: 0, after: 0 }]));
  const key = (s: Standing | undefined): string => (!s ? w.unscored : !s.eligible || s.grade === null ? w.ungraded : s.grade);
  for (const row of report.impact.rows) {
    counts.get(key(row.old))!.before++;
    counts.get(key(row.new))!.after++;
  }
  return keys.map((k) => counts.get(k)!).filter((c) => grades.includes(c.grade) || c.before || c.after);
}

/** The summary line of the impact. */
export function summaryLine(report: Report, lang: Locale): string {
  const { impact } = report;
  return wordsOf(lang).summary(impact.total + report.unreadable, impact.changed, impact.gradeChanged, impact.compared - impact.changed);
}

// ---------------------------------------------------------------- CSV


/**
 * The CSV: the policy changes first (kind `policyRow`: clause, label, the change's line), then one
 * row per case (kind `caseRow`) with its old and new standing and why it moved; headers in `lang`.
 * UTF-8 with a BOM for Excel.
 */
export function* renderDiffCsv(report: Report, lang: Locale): Generator<string> {
  const w = wordsOf(lang);
  const header = [w.kind, w.id, w.name, w.source, w.asOf, w.oldScore, w.oldGrade, w.newScore, w.newGrade, w.change, w.gradeChange, w.oldComputed, w.newComputed, w.oldDowngraded, w.newDowngraded, w.nearLine, w.distance, w.error, w.items, w.explanation];
  yield '\uFEFF' + header.map(csvField).join(',') + '\r\n';
  const blank = header.length - 4;
  for (const c of report.policy) {
    if (c.section === 'meta') continue;
    const hint = c.citationHint ? ` ⚠ ${lang === 'en' ? c.citationHint.en : c.citationHint.zh}` : '';
    yield [w.policyRow, c.clause, c.engineLabel ? explainLabel(c, lang) : c.label, ...Array<string>(blank).fill(''), explain(c, lang) + hint].map(csvField).join(',') + '\r\n';
  }
  const bool = (b: boolean | undefined): string => (b === undefined ? '' : b ? w.yes : w.no);
  for (const r of report.impact.rows) {
    const error = r.errors ? [r.errors.old?.code, r.errors.new?.code].filter(Boolean).join('/') : '';
    const row = [
      w.caseRow, csvText(r.id), csvText(r.name ?? ''), csvText(r.source ?? ''), r.asOf, r.old?.score, r.old?.grade, r.new?.score, r.new?.grade, r.change, gradeMove(r, w).replace(' → ', '→'),
      r.old?.computedScore, r.new?.computedScore, bool(r.old?.downgraded), bool(r.new?.downgraded), r.nearLine?.grade, r.nearLine?.distance, error,
      (r.items ?? []).map((m) => `${m.id} ${m.old ?? '—'}→${m.new ?? '—'}`).join('; '), r.reasons ? r.reasons.map((x) => explainReason(x, lang)).join('; ') : '',
    ];
    yield row.map(csvField).join(',') + '\r\n';
  }
}
