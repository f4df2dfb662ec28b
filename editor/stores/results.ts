/**
 * Live recomputation: every sample case evaluated with the draft ruleset and with the saved one,
 * the change between them, and the case's expected result. Results are cached per compiled
 * ruleset and per case document, so an edit of one case re-evaluates that case only, and an edit
 * of the ruleset re-evaluates each case once. The panel needs no trace; the selected case gets one.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { CreditRulesError, evaluate, expectedDifferences, type CompiledRuleset, type Difference, type Problem, type Result, type SampleCase, type TraceEntry } from '../../engine/index.js';
import { vocabularyOf } from '../model/vocabulary.js';
import { stableComputed } from '../composables/useStable.js';
import { useCasesStore, type CaseDraft } from './cases.js';
import { useRulesetStore } from './ruleset.js';

/** A case evaluated: its result, or why the record could not be evaluated. */
export type Evaluation = { ok: true; result: Result } | { ok: false; code: string; message: string; problems: readonly Problem[] };

export type { Difference };

/** A row of the cases panel. */
export interface CaseRow {
  path: string;
  name: string;
  current: Evaluation | null;
  /** The same case under the saved ruleset. */
  baseline: Evaluation | null;
  /** Current score minus the saved ruleset's score (0 when either is missing). */
  delta: number;
  /** The same for the table's own score, which moves under a downgrade while the score stays at its floor. */
  computedDelta: number;
  gradeChanged: boolean;
  /** `null` while the case cannot be evaluated. */
  differences: readonly Difference[] | null;
}

/** Evaluates a case; a record the engine refuses comes back as an evaluation error. `validate: false` only for a record already validated under the same vocabulary. */
export function evaluateCase(compiled: CompiledRuleset, sampleCase: SampleCase, trace = false, validate = true): Evaluation {
  try {
    return { ok: true, result: evaluate(compiled, sampleCase.record, { asOf: sampleCase.asOf, trace, validate }) };
  } catch (error) {
    if (error instanceof CreditRulesError) return { ok: false, code: error.code, message: error.message, problems: error.problems };
    return { ok: false, code: 'CASE_INVALID', message: (error as Error).message, problems: [] };
  }
}

const milli = (n: number): number => Math.round(n * 1000);

/** How a result differs from a case's expected result (the engine's comparison; no expected result at all is one difference). */
export function compareExpected(expected: SampleCase['expected'] | undefined, result: Result): Difference[] {
  if (!expected || typeof expected !== 'object') return [{ field: 'expected', actual: '', expected: '' }];
  return expectedDifferences(expected, result);
}

/** The expected result that a result would satisfy ("save this case as expected"). */
export function expectedFrom(result: Result, previous?: SampleCase['expected']): SampleCase['expected'] {
  const expected: SampleCase['expected'] = { score: result.score, grade: result.grade };
  if (result.downgraded) {
    expected.computedScore = result.computedScore;
    expected.downgraded = true;
  }
  if (!result.eligible || previous?.eligible !== undefined) expected.eligible = result.eligible;
  expected.indicators = Object.fromEntries(result.indicators.map((i) => [i.id, i.score]));
  return expected;
}

/** A trace entry and, when the saved ruleset gave it other points, those points. */
export interface TraceLine {
  entry: TraceEntry;
  savedPoints: number | null;
  /** Compared side by side with another version's trace: this line has no equal there. */
  differs?: boolean;
}

export const useResultsStore = defineStore('results', () => {
  const ruleset = useRulesetStore();
  const cases = useCasesStore();
  const cache = new WeakMap<CompiledRuleset, WeakMap<SampleCase, Evaluation>>();
  const vocabularies = new WeakMap<CompiledRuleset, string>();
  /**
   * The vocabulary each case's record was last validated under, when the engine found it valid
   * and warned of nothing: under a ruleset with that vocabulary (an edit of a number, a window, a
   * condition) it is scored without validating it again, with the same result.
   */
  const validUnder = new WeakMap<SampleCase, string>();
  /** How long the last recomputation of the panel took, in ms (not reactive: for diagnostics). */
  const stats = { lastRecomputeMs: 0 };

  function cached(compiled: CompiledRuleset | null, draft: CaseDraft): Evaluation | null {
    if (!compiled) return null;
    let perCase = cache.get(compiled);
    if (!perCase) cache.set(compiled, (perCase = new WeakMap()));
    let evaluation = perCase.get(draft.case);
    if (evaluation) return evaluation;
    let vocabulary = vocabularies.get(compiled);
    if (vocabulary === undefined) vocabularies.set(compiled, (vocabulary = vocabularyOf(compiled.ruleset)));
    const checked = validUnder.get(draft.case) === vocabulary;
    evaluation = evaluateCase(compiled, draft.case, false, !checked);
    if (!checked && evaluation.ok && !evaluation.result.warnings) validUnder.set(draft.case, vocabulary);
    perCase.set(draft.case, evaluation);
    return evaluation;
  }

  /** A case's row under the draft and the saved ruleset (each case scored once per compiled ruleset: `cached`). */
  function rowOf(draft: CaseDraft): CaseRow {
    const current = cached(ruleset.compiled, draft);
    const baseline = cached(ruleset.savedCompiled, draft);
    const now = current?.ok ? current.result : null;
    const before = baseline?.ok ? baseline.result : null;
    return {
      path: draft.path,
      name: typeof draft.case.name === 'string' && draft.case.name ? draft.case.name : draft.path,
      current,
      baseline,
      delta: now && before ? (milli(now.score) - milli(before.score)) / 1000 : 0,
      computedDelta: now && before ? (milli(now.computedScore) - milli(before.computedScore)) / 1000 : 0,
      gradeChanged: Boolean(now && before && now.grade !== before.grade),
      differences: now ? compareExpected(draft.case.expected, now) : null,
    };
  }

  const rows = computed<readonly CaseRow[]>(() => {
    const started = performance.now();
    const out = cases.drafts.map(rowOf);
    stats.lastRecomputeMs = performance.now() - started;
    return out;
  });

  const summary = stableComputed(() => {
    let moved = 0;
    let held = 0;
    let regraded = 0;
    let failing = 0;
    let errors = 0;
    for (const row of rows.value) {
      if (row.delta !== 0 || row.computedDelta !== 0) moved++;
      // Of those, the cases whose result a downgrade holds while their table score moves (the compare view lists them apart).
      if (row.delta === 0 && row.computedDelta !== 0) held++;
      if (row.gradeChanged) regraded++;
      if (row.differences?.length) failing++;
      if (row.current && !row.current.ok) errors++;
    }
    return { total: rows.value.length, moved, held, regraded, failing, errors };
  });

  const selectedPath = ref<string | null>(null);
  const selected = computed(() => (selectedPath.value ? cases.byPath.get(selectedPath.value) ?? null : null));
  /** The open case's row, scored on its own: opening a case does not make an edit score every case at once. */
  const selectedRow = computed(() => (selected.value ? rowOf(selected.value) : null));

  /**
   * The counts as the panel shows them. An edit scores the rows in sight in its own task and
   * every other case, with these counts, in the task after (`settle`): until then they are the
   * counts before the edit and `settling` is set (the panel marks them busy). Anything else that
   * reads `rows` or `summary` gets every case scored at once, as before.
   */
  const shownSummary = shallowRef<typeof summary.value | null>(null);
  const settling = ref(false);
  let settleTask: ReturnType<typeof setTimeout> | null = null;
  function settle(): void {
    settleTask = null;
    shownSummary.value = summary.value;
    settling.value = false;
  }
  watch([() => ruleset.compiled, () => ruleset.savedCompiled, () => cases.drafts], () => {
    if (settleTask !== null) return;
    settling.value = true;
    settleTask = setTimeout(settle, 0);
  }, { flush: 'sync', immediate: true });
  /** The counts shown: the settled ones, or, before anything has settled, worked out now. */
  const counts = computed(() => shownSummary.value ?? summary.value);

  /** The selected case evaluated with a trace, each line with the saved ruleset's points when they differ. */
  /** Traced evaluations, per compiled ruleset and case: the saved version's trace of the open case is worked out once, not on every edit. */
  const tracedCache = new WeakMap<CompiledRuleset, WeakMap<SampleCase, Evaluation>>();
  function traced(compiled: CompiledRuleset, sampleCase: SampleCase): Evaluation {
    let perCase = tracedCache.get(compiled);
    if (!perCase) tracedCache.set(compiled, (perCase = new WeakMap()));
    let evaluation = perCase.get(sampleCase);
    if (!evaluation) perCase.set(sampleCase, (evaluation = evaluateCase(compiled, sampleCase, true)));
    return evaluation;
  }

  const selectedTrace = computed<{ evaluation: Evaluation; lines: TraceLine[] } | null>(() => {
    const draft = selected.value;
    const compiled = ruleset.compiled;
    if (!draft || !compiled) return null;
    const evaluation = traced(compiled, draft.case);
    if (!evaluation.ok) return { evaluation, lines: [] };
    const savedCompiled = ruleset.savedCompiled;
    const baseline = savedCompiled && savedCompiled !== compiled ? traced(savedCompiled, draft.case) : null;
    return { evaluation, lines: traceLines(evaluation.result, baseline) };
  });

  function select(path: string | null): void {
    selectedPath.value = path;
  }

  return { rows, rowOf, summary, counts, settling, settle, selectedPath, selected, selectedRow, selectedTrace, stats, select };
});

/** A result's trace lines, each with the points `baseline` (another version's evaluation, if any) gave it when they differ. */
export function traceLines(result: Result, baseline: Evaluation | null): TraceLine[] {
  const before = new Map<string, number>();
  if (baseline?.ok) for (const e of baseline.result.trace ?? []) before.set(traceKey(e), e.points);
  return (result.trace ?? []).map((entry): TraceLine => {
    const old = baseline ? before.get(traceKey(entry)) : undefined;
    return { entry, savedPoints: baseline && old !== entry.points ? old ?? 0 : null };
  });
}

/** What identifies a trace line across versions: its kind, clause, rule, item and events. */
export const traceKey = (e: TraceEntry): string => `${e.kind}|${e.clause}|${e.rule ?? ''}|${e.item ?? ''}|${(e.events ?? []).join(',')}`;
