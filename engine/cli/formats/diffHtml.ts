/**
 * `diff --format html`: the comparison as one self-contained page for a review meeting — no
 * script, no font or image fetched, the style inline, the chart an inline SVG — that prints on
 * A4. It shows the versions, the policy changes with the text their clauses cite, the grade
 * transitions, a chart of the grade distribution before and after, every moved case with why it
 * moved, and the cases near a grade line.
 */
import type { Locale } from '../../messages/codes.js';
import type { Ruleset } from '../../types.js';
import { forEachClause, forEachItem } from '../../walk.js';
import { explain } from '../../explain.js';
import { distribution, reportTables, summaryLine, versionRows, wordsOf, type Cell, type Report, type ReportTable } from './diffReport.js';

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; margin: 24px auto; max-width: 1100px; padding: 0 16px; font-size: 14px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td.nowrap, td.grade { white-space: nowrap; }
table.narrow { width: auto; min-width: 320px; }
th.wide { width: 42%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.summary { font-size: 15px; background: #f6f8fa; border-left: 4px solid #0969da; padding: 8px 12px; }
.muted { color: #59636e; }
.cite { color: #59636e; font-size: 12px; margin-top: 2px; }
.hint { color: #9a6700; font-size: 12px; }
.down { color: #cf222e; font-weight: 600; }
.up { color: #1a7f37; font-weight: 600; }
ul.reasons { margin: 2px 0 0; padding-left: 22px; }
tr.why td { border-top: none; background: #fbfcfd; font-size: 13px; }
tbody.case { break-inside: avoid; page-break-inside: avoid; }
ul.policy { padding-left: 20px; }
ul.policy li { margin-bottom: 6px; }
.chart { display: block; max-width: 640px; margin: 8px 0; }
thead { display: table-header-group; }
tr, li, .chart { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .summary { border-left-color: #000; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The regulation's text a policy change's clause cites (its clause, its item, or the grades'), from the new version, else the old. */
function citedText(clause: string, newer: Ruleset, older: Ruleset): string | undefined {
  for (const r of [newer, older]) {
    let text: string | undefined;
    forEachClause(r, (c) => {
      if (text === undefined && c.id === clause) text = c.citation.text;
    });
    forEachItem(r, (item) => {
      if (text === undefined && item.id === clause) text = item.citation.text;
    });
    if (text === undefined && r.gradeCitation?.clause === clause) text = r.gradeCitation.text;
    if (text === undefined && r.downgrades?.citation.clause === clause) text = r.downgrades.citation.text;
    if (text !== undefined) return text;
  }
  return undefined;
}

function cell(value: Cell, numeric: boolean | undefined): string {
  const text = value === null ? '' : String(value);
  const kind = numeric ? ' class="num"' : /^\d{4}-\d{2}-\d{2}$/.test(text) ? ' class="nowrap"' : '';
  return `<td${kind}>${escape(text)}</td>`;
}

function tableHtml(table: ReportTable, none: string, narrow = false, render: (row: Cell[], i: number) => string = (row) => row.map((v, i) => cell(v, table.columns[i]!.numeric)).join('')): string {
  if (!table.rows.length) return `<p class="muted">${escape(none)}</p>`;
  const head = table.columns.map((c) => `<th${c.numeric ? ' class="num"' : c.wide ? ' class="wide"' : ''}>${escape(c.title)}</th>`).join('');
  return `<table${narrow ? ' class="narrow"' : ''}><thead><tr>${head}</tr></thead><tbody>${table.rows.map((row, i) => `<tr>${render(row, i)}</tr>`).join('')}</tbody></table>`;
}

/**
 * A table of cases whose last column says why each moved: that column is a full-width row under
 * the case, so the reasons read as sentences on A4 rather than a narrow column.
 */
function casesTable(table: ReportTable, none: string, cells: (row: Cell[], i: number) => string): string {
  if (!table.rows.length) return `<p class="muted">${escape(none)}</p>`;
  const columns = table.columns.slice(0, -1);
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${escape(c.title)}</th>`).join('');
  const body = table.rows.map((row, i) => {
    const reasons = String(row[row.length - 1] ?? '').split('\n').filter(Boolean);
    const why = reasons.length ? `<tr class="why"><td colspan="${columns.length}"><span class="muted">${escape(table.columns.at(-1)!.title)}：</span><ul class="reasons">${reasons.map((l) => `<li>${escape(l)}</li>`).join('')}</ul></td></tr>` : '';
    return `<tbody class="case"><tr>${cells(row.slice(0, -1), i)}</tr>${why}</tbody>`;
  });
  return `<table><thead><tr>${head}</tr></thead>${body.join('')}</table>`;
}

/** A grouped bar chart of the grade distribution, before (grey) and after (blue), as inline SVG. */
function chart(report: Report, lang: Locale): string {
  const w = wordsOf(lang);
  const data = distribution(report, lang);
  const max = Math.max(1, ...data.flatMap((d) => [d.before, d.after]));
  const [width, height, left, bottom, top] = [640, 260, 40, 40, 28];
  const plot = height - bottom - top;
  const slot = (width - left - 10) / Math.max(1, data.length);
  const bar = Math.min(28, slot / 2 - 6);
  const y = (n: number): number => top + plot - (n / max) * plot;
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const parts: string[] = [];
  parts.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(w.distribution)}">`);
  parts.push(`<title>${escape(w.distribution)}</title>`);
  for (const t of ticks) parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(t)}" y2="${y(t)}" stroke="#d0d7de"/><text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end" fill="#59636e">${t}</text>`);
  data.forEach((d, i) => {
    const x = left + i * slot + slot / 2;
    for (const [n, dx, fill] of [[d.before, -bar - 2, '#afb8c1'], [d.after, 2, '#0969da']] as const) {
      parts.push(`<rect x="${x + dx}" y="${y(n)}" width="${bar}" height="${top + plot - y(n)}" fill="${fill}"><title>${escape(`${d.grade}: ${n}`)}</title></rect>`);
      if (n) parts.push(`<text x="${x + dx + bar / 2}" y="${y(n) - 3}" font-size="11" text-anchor="middle" fill="#1f2328">${n}</text>`);
    }
    parts.push(`<text x="${x}" y="${height - bottom + 16}" font-size="12" text-anchor="middle" fill="#1f2328">${escape(d.grade)}</text>`);
  });
  parts.push(`<rect x="${left}" y="6" width="12" height="12" fill="#afb8c1"/><text x="${left + 16}" y="16" font-size="12">${escape(w.before)}</text>`);
  parts.push(`<rect x="${left + 110}" y="6" width="12" height="12" fill="#0969da"/><text x="${left + 126}" y="16" font-size="12">${escape(w.after)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The report as one HTML document in `lang`. */
export function renderDiffHtml(report: Report, lang: Locale): string {
  const w = wordsOf(lang);
  const t = reportTables(report, lang);
  const [o, n] = [report.older.compiled.ruleset, report.newer.compiled.ruleset];
  const policy = report.policy.filter((c) => c.section !== 'meta');
  const meta = report.policy.filter((c) => c.section === 'meta');
  const moved = report.impact.rows.filter((r) => r.scoreChanged || r.gradeChanged);
  const rank = new Map([...n.grades, ...o.grades].sort((a, b) => b.min - a.min).map((g, i) => [g.grade, i]));
  const direction = (from: string | null | undefined, to: string | null | undefined): string => ((rank.get(to ?? '') ?? 99) > (rank.get(from ?? '') ?? 99) ? 'down' : 'up');
  const out: string[] = [];
  out.push(`<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<title>${escape(`${w.title}: ${o.id} ${o.version} → ${n.id} ${n.version}`)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${escape(`${w.title}: ${o.version} → ${n.version}`)}</h1>`);
  out.push(`<p class="muted">${escape(n.title)}</p>`);
  out.push(tableHtml({ sheet: '', title: '', columns: [{ title: '' }, { title: w.version }, { title: w.status }, { title: w.effective }, { title: w.source }], rows: versionRows(report, lang) }, ''));
  if (meta.length) out.push(`<p class="muted">${meta.map((c) => escape(explain(c, lang))).join('；')}</p>`);
  out.push(`<p class="summary">${escape(summaryLine(report, lang))}</p>`);

  out.push(`<h2>${escape(w.policy)}（${policy.length}）</h2>`);
  if (!policy.length) out.push(`<p class="muted">${escape(w.noPolicy)}</p>`);
  else {
    out.push('<ul class="policy">');
    for (const c of policy) {
      const cited = citedText(c.clause, n, o);
      const hint = c.citationHint ? `<div class="hint">⚠ ${escape(lang === 'en' ? c.citationHint.en : c.citationHint.zh)}</div>` : '';
      out.push(`<li><strong>${escape(explain(c, lang))}</strong>${cited ? `<div class="cite">${escape(cited)}</div>` : ''}${hint}</li>`);
    }
    out.push('</ul>');
  }

  out.push(`<h2>${escape(w.transitions)}</h2>`);
  out.push(
    report.impact.transitions.length
      ? `<table class="narrow"><thead><tr><th>${escape(w.gradeChange)}</th><th class="num">${escape(w.count)}</th></tr></thead><tbody>${report.impact.transitions
          .map((tr) => `<tr><td class="${direction(tr.from, tr.to)}">${escape(tr.from ?? w.ungraded)} → ${escape(tr.to ?? w.ungraded)}</td><td class="num">${tr.count}</td></tr>`)
          .join('')}</tbody></table>`
      : `<p class="muted">${escape(w.none)}</p>`,
  );
  out.push(`<h2>${escape(w.distribution)}</h2>`, chart(report, lang), tableHtml(t.distribution, w.none, true));

  out.push(`<h2>${escape(w.moved)}（${moved.length}）</h2>`);
  out.push(
    casesTable(t.moved, w.noneMoved, (row, i) => {
      const r = moved[i]!;
      return row.map((v, c) => {
        if (c === 7) return `<td class="num ${r.change < 0 ? 'down' : 'up'}">${r.change > 0 ? '▲' : '▼'}${Math.abs(r.change)}</td>`;
        if (c === 8) return `<td class="grade ${r.gradeChanged ? direction(r.old?.grade, r.new?.grade) : ''}">${escape(String(v ?? ''))}</td>`;
        return cell(v, t.moved.columns[c]!.numeric);
      }).join('');
    }),
  );
  if (t.computed.rows.length) out.push(`<h2>${escape(w.computedOnly)}（${t.computed.rows.length}）</h2>`, casesTable(t.computed, w.none, (row) => row.map((v, c) => cell(v, t.computed.columns[c]!.numeric)).join('')));
  out.push(`<h2>${escape(t.near.title)}（${t.near.rows.length}）</h2>`, tableHtml(t.near, w.none, false, (row) => row.map((v, c) => cell(c === 6 && typeof v === 'number' && v > 0 ? `+${v}` : v, t.near.columns[c]!.numeric)).join('')));
  out.push('</body></html>\n');
  return out.join('');
}
