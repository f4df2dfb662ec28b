/** The columns the editor exports: a ruleset's case results, and the impact of a change on the cases. */
import { headlineText, type CaseImpactRow, type ImpactError, type SampleCase } from '../../engine/index.js';
import type { CaseRow } from '../stores/results.js';
import type { Locale } from '../i18n.js';
import { message, type ExportColumn } from './exportTable.js';

/** A case of the panel with its content, as exported. */
export interface CaseExport {
  row: CaseRow;
  sampleCase: SampleCase;
}

const gradeText = (grade: string | null | undefined, locale: Locale): string | null => (grade === undefined ? null : grade ?? message('cases.noGrade', locale));

/** The case results: who, when, the score and grade now, under the saved ruleset and as expected, each indicator's score. */
/** An error of a compared case in `locale`: its headline's words when it has one (the message is English). */
export const impactErrorText = (error: ImpactError, locale: Locale): string => (error.headline ? headlineText(error.headline, locale) : error.message);

export function caseResultColumns(indicators: readonly { id: string; label: string }[], locale: Locale): ExportColumn<CaseExport>[] {
  const now = (c: CaseExport) => (c.row.current?.ok ? c.row.current.result : null);
  const before = (c: CaseExport) => (c.row.baseline?.ok ? c.row.baseline.result : null);
  return [
    { header: 'export.case', value: (c) => c.row.name, width: 36 },
    { header: 'export.recordId', value: (c) => c.sampleCase.record?.id ?? null, width: 12 },
    { header: 'export.entity', value: (c) => c.sampleCase.record?.name ?? null, width: 24 },
    { header: 'export.asOf', value: (c) => c.sampleCase.asOf ?? null, width: 12 },
    { header: 'export.score', value: (c) => now(c)?.score ?? null },
    { header: 'export.grade', value: (c) => gradeText(now(c)?.grade, locale) },
    { header: 'export.savedScore', value: (c) => before(c)?.score ?? null, width: 14 },
    { header: 'export.savedGrade', value: (c) => gradeText(before(c)?.grade, locale), width: 14 },
    { header: 'export.change', value: (c) => (now(c) && before(c) ? c.row.delta : null) },
    { header: 'export.gradeChanged', value: (c) => (now(c) && before(c) ? c.row.gradeChanged : null) },
    { header: 'export.expectedScore', value: (c) => c.sampleCase.expected?.score ?? null },
    { header: 'export.expectedGrade', value: (c) => (c.sampleCase.expected ? gradeText(c.sampleCase.expected.grade, locale) : null) },
    { header: 'export.matches', value: (c) => (c.row.differences === null ? null : c.row.differences.length === 0) },
    ...indicators.map((indicator): ExportColumn<CaseExport> => ({
      header: `${indicator.id} ${indicator.label}`,
      value: (c) => now(c)?.indicators.find((i) => i.id === indicator.id)?.score ?? null,
      width: 12,
    })),
    { header: 'export.problem', value: (c) => (c.row.current && !c.row.current.ok ? `${c.row.current.code}: ${c.row.current.message}` : null), width: 40 },
  ];
}

/** The impact of a change of version on each case: old and new score and grade, and the items that moved. */
export function impactColumns(locale: Locale): ExportColumn<CaseImpactRow>[] {
  return [
    { header: 'export.recordId', value: (r) => r.id, width: 12 },
    { header: 'export.case', value: (r) => r.name ?? null, width: 36 },
    { header: 'export.asOf', value: (r) => r.asOf, width: 12 },
    { header: 'export.oldScore', value: (r) => r.old?.score ?? null },
    { header: 'export.oldGrade', value: (r) => gradeText(r.old?.grade, locale) },
    { header: 'export.newScore', value: (r) => r.new?.score ?? null },
    { header: 'export.newGrade', value: (r) => gradeText(r.new?.grade, locale) },
    { header: 'export.change', value: (r) => (r.old && r.new ? r.change : null) },
    { header: 'export.gradeChanged', value: (r) => (r.old && r.new ? r.gradeChanged : null) },
    { header: 'export.items', value: (r) => (r.items ?? []).map((i) => `${i.id} ${i.old ?? '—'}→${i.new ?? '—'}`).join(message('cases.listSeparator', locale)) || null, width: 30 },
    { header: 'export.problem', value: (r) => [...new Set([r.errors?.old, r.errors?.new].filter((e) => e).map((e) => `${e!.code}: ${impactErrorText(e!, locale)}`))].join('; ') || null, width: 40 },
  ];
}
