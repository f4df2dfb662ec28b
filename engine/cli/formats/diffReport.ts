/**
 * The comparison of two versions as tables for people who do not read a terminal: the policy
 * changes, the grade transitions and distribution, the moved cases with why they moved, the
 * cases near a grade line. One model in the chosen language (Chinese by default) that the CSV,
 * the HTML report and the workbook each render, so the three say the same thing.
 */
import type { CompiledRuleset } from '../../compile.js';
import type { Locale } from '../../messages/codes.js';
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

/** The report's own words, per language (the engine's sentences come from its catalogues). */
const WORDS = {
  'zh-CN': {
    title: '规则集比较报告', old: '旧版本', new: '新版本', version: '版本', status: '状态', effective: '生效', source: '来源',
    kind: '类型', policyRow: '政策变化', caseRow: '案例', id: '标识', name: '名称', asOf: '评价日', oldScore: '原得分', oldGrade: '原等级', newScore: '新得分',
    newGrade: '新等级', change: '变化', gradeChange: '等级变化', oldComputed: '原计分表得分', newComputed: '新计分表得分', oldDowngraded: '原降级', newDowngraded: '新降级',
    nearLine: '邻近等级线', distance: '距等级线', error: '错误', items: '得分变化的计分项', explanation: '说明（变化原因）', reasons: '变化原因',
    clause: '条款', label: '名称', what: '变化', hint: '提示', policy: '政策变化', noPolicy: '无：两个版本的计分规则相同', transitions: '等级变化', count: '个数',
    moved: '得分或等级变化的案例', noneMoved: '没有案例的得分或等级变化', near: (n: number) => `新版本下距等级线 ${n} 分以内的案例`, none: '无',
    computedOnly: '降级期内结果不变、计分表得分变化的案例', distribution: '等级分布', before: '旧版本', after: '新版本', ungraded: '不予定级', unscored: '无法比较',
    line: '等级线', summary: (total: number, changed: number, graded: number, same: number) => `共 ${total} 个案例，得分或等级变化 ${changed} 个，等级变化 ${graded} 个，不变 ${same} 个`,
    yes: '是', no: '否', cases: '个', sheetPolicy: '政策变化', sheetMoved: '变化的案例', sheetTransitions: '等级变化', sheetNear: '邻近等级线', sheetDistribution: '等级分布', sheetComputed: '降级期内',
    generated: '生成', page: '第', grade: '等级',
    // The terminal table and markdown.
    period: (from: string, to?: string) => (to === undefined ? `${from} 起` : `${from} 至 ${to}`),
    versionLine: (name: string, status: string, period: string, source: string) => `${name}（${status}，${period}） ${source}`,
    sameNumber: (version: string) => `注意：两边的版本号都是 ${version}，请给新版本另编版本号，以免混淆`,
    sameVersion: (name: string) => `注意：两边是同一版本（${name}），计分规则完全相同`,
    numbered: (title: string, n: number) => `${title}（${n} 项）`, counted: (title: string, n: number) => `${title}（${n} 个）`, stop: '。',
    impact: '对案例的影响', impactLine: (summary: string) => `对案例的影响：${summary}`, colon: '：', listSep: '，', clauseSep: '；', paren: (text: string) => `（${text}）`, versionInfo: '版本信息',
    alsoComputed: (n: number) => `另有 ${n} 个降级期内结果不变、计分表得分变化`, notCompared: (n: number) => `无法比较 ${n} 个（原因见标准错误输出）`,
    more: (n: number) => `… 还有 ${n} 个未列出（--limit 0 列出全部，或用 --format csv、json）`, caseCount: (n: number) => `${n} 个`,
    downgraded: '（降级）', tableScore: (n: number) => `（计分表 ${n}）`, gap: '差距', resultUnchanged: '结果（不变）',
    recalc: (months: number | string) => `（降级满 ${months} 个月后按新计分表计算）`, comparison: '规则集比较',
  },
  en: {
    title: 'Ruleset comparison', old: 'old version', new: 'new version', version: 'version', status: 'status', effective: 'in force', source: 'source',
    kind: 'kind', policyRow: 'policy change', caseRow: 'case', id: 'id', name: 'name', asOf: 'evaluated on', oldScore: 'old score', oldGrade: 'old grade', newScore: 'new score',
    newGrade: 'new grade', change: 'change', gradeChange: 'grade change', oldComputed: 'old table score', newComputed: 'new table score', oldDowngraded: 'old downgraded', newDowngraded: 'new downgraded',
    nearLine: 'near grade line', distance: 'distance to line', error: 'error', items: 'items that moved', explanation: 'explanation (why it moved)', reasons: 'why it moved',
    clause: 'clause', label: 'label', what: 'change', hint: 'note', policy: 'Policy changes', noPolicy: 'none: the two versions score alike', transitions: 'Grade transitions', count: 'cases',
    moved: 'Cases whose score or grade moves', noneMoved: 'no case moves', near: (n: number) => `Cases within ${n} of a grade line under the new version`, none: 'none',
    computedOnly: 'Cases whose table score moves while a downgrade keeps their result', distribution: 'Grade distribution', before: 'old version', after: 'new version', ungraded: 'not graded', unscored: 'not compared',
    line: 'grade line', summary: (total: number, changed: number, graded: number, same: number) => `${total} cases: ${changed} move in score or grade, ${graded} change grade, ${same} unchanged`,
    yes: 'yes', no: 'no', cases: 'cases', sheetPolicy: 'Policy changes', sheetMoved: 'Moved cases', sheetTransitions: 'Grade transitions', sheetNear: 'Near a grade line', sheetDistribution: 'Grade distribution', sheetComputed: 'Under a downgrade',
    generated: 'generated', page: 'page', grade: 'grade',
    period: (from: string, to?: string) => (to === undefined ? `from ${from}` : `${from} to ${to}`),
    versionLine: (name: string, status: string, period: string, source: string) => `${name} (${status}, ${period}) ${source}`,
    sameNumber: (version: string) => `note: both sides are numbered ${version}; give the new version a number of its own so the two are not confused`,
    sameVersion: (name: string) => `note: both sides are the same version (${name}) and score alike`,
    numbered: (title: string, n: number) => `${title} (${n})`, counted: (title: string, n: number) => `${title} (${n})`, stop: '.',
    impact: 'Impact on the cases', impactLine: (summary: string) => `Impact on the cases — ${summary}`, colon: ': ', listSep: ', ', clauseSep: '; ', paren: (text: string) => ` (${text})`, versionInfo: 'Version',
    alsoComputed: (n: number) => `${n} more whose table score moves while a downgrade keeps their result`, notCompared: (n: number) => `${n} could not be compared (see standard error)`,
    more: (n: number) => `… ${n} more not listed (--limit 0 lists all, or use --format csv or json)`, caseCount: (n: number) => (n === 1 ? '1 case' : `${n} cases`),
    downgraded: ' (downgraded)', tableScore: (n: number) => ` (table ${n})`, gap: 'distance', resultUnchanged: 'result (unchanged)',
    recalc: (months: number | string) => ` (${months} months after the downgrade the new table decides)`, comparison: 'Ruleset comparison',
  },
} as const;

export type Words = (typeof WORDS)[Locale];
export const wordsOf = (lang: Locale): Words => WORDS[lang];

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
  const w = WORDS[lang];
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
  const w = WORDS[lang];
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
  const w = WORDS[lang];
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
  return WORDS[lang].summary(impact.total + report.unreadable, impact.changed, impact.gradeChanged, impact.compared - impact.changed);
}

// ---------------------------------------------------------------- CSV


/**
 * The CSV: the policy changes first (kind 政策变化: clause, label, the change's line), then one
 * row per case (kind 案例) with its old and new standing and why it moved; headers in `lang`.
 * UTF-8 with a BOM for Excel.
 */
export function* renderDiffCsv(report: Report, lang: Locale): Generator<string> {
  const w = WORDS[lang];
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
