/**
 * Comparing two versions of a ruleset, as `credit-rules diff` does: any two ruleset files the
 * server lists, the saved version or the current edits. What changed in policy terms
 * (`policyDiff`), what it does to the open ruleset's sample cases (`caseImpact`), and one
 * case's two traces side by side.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { caseImpact, policyDiff, type CaseImpact, type CompiledRuleset, type PolicyChange, type Ruleset, type TraceEntry } from '../../engine/index.js';
import { parseJson } from '../model/paths.js';
import { useCasesStore } from './cases.js';
import { compileDraft, isRulesetShaped, useRulesetStore } from './ruleset.js';
import { evaluateCase, traceKey, type Evaluation, type TraceLine } from './results.js';
import { useWorkspaceStore } from './workspace.js';

/** The saved version of the open file. */
export const SAVED = ':saved';
/** The open file as edited, saved or not. */
export const DRAFT = ':draft';

/** A version to compare: `SAVED`, `DRAFT`, or a ruleset file's path. */
export type VersionKey = string;

/** One side of the comparison, read and compiled. */
export interface CompareSide {
  key: VersionKey;
  /** The file it is (the open file for `SAVED` and `DRAFT`). */
  file: string | null;
  text: string;
  /** The document when it has a ruleset's shape, else null. */
  ruleset: Ruleset | null;
  compiled: CompiledRuleset | null;
  /** Why it cannot be compared: unreadable, not JSON, refused by the engine. */
  problem: string | null;
}

/** A file as read for comparison. */
interface LoadedFile {
  text: string;
  error: string | null;
}

/** One sample case's traces under both versions, each line marked when the other side lacks it. */
export interface TracePair {
  source: string;
  old: { evaluation: Evaluation; lines: TraceLine[] } | null;
  new: { evaluation: Evaluation; lines: TraceLine[] } | null;
}

/** Marks the lines of `mine` that `theirs` has no equal of (same clause, rule, events and points). */
function markDiffering(mine: readonly TraceEntry[], theirs: readonly TraceEntry[]): TraceLine[] {
  const key = (e: TraceEntry): string => `${traceKey(e)}|${e.points}|${e.message}`;
  const other = new Map<string, number>();
  for (const e of theirs) other.set(key(e), (other.get(key(e)) ?? 0) + 1);
  return mine.map((entry) => {
    const k = key(entry);
    const left = other.get(k) ?? 0;
    if (left > 0) other.set(k, left - 1);
    return { entry, savedPoints: null, differs: left === 0 };
  });
}

export const useCompareStore = defineStore('compare', () => {
  const ruleset = useRulesetStore();
  const cases = useCasesStore();
  const workspace = useWorkspaceStore();

  const oldKey = ref<VersionKey>(SAVED);
  const newKey = ref<VersionKey>(DRAFT);
  const files = shallowRef<ReadonlyMap<string, LoadedFile>>(new Map());
  const loading = ref(false);
  const selectedSource = ref<string | null>(null);

  /** Reads a ruleset file once; it is read again after `refresh`. */
  async function load(key: VersionKey): Promise<void> {
    if (key === SAVED || key === DRAFT || files.value.has(key)) return;
    loading.value = true;
    let loaded: LoadedFile;
    try {
      loaded = { text: (await workspace.source.readFile(key)).text, error: null };
    } catch (error) {
      loaded = { text: '', error: (error as Error).message };
    } finally {
      loading.value = false;
    }
    files.value = new Map(files.value).set(key, loaded);
  }

  /** Chooses the two versions and reads the files among them. */
  async function choose(older: VersionKey, newer: VersionKey): Promise<void> {
    oldKey.value = older;
    newKey.value = newer;
    selectedSource.value = null;
    await Promise.all([load(older), load(newer)]);
  }

  function swap(): Promise<void> {
    return choose(newKey.value, oldKey.value);
  }

  /** Forgets the files read, so they are read again from disk. */
  async function refresh(): Promise<void> {
    files.value = new Map();
    await Promise.all([load(oldKey.value), load(newKey.value)]);
  }

  // Compiled once per text, so that switching sides or cases does not compile again.
  const compiledByText = new Map<string, ReturnType<typeof compileDraft>>();
  function compileText(text: string): { document: unknown; compiled: CompiledRuleset | null; problem: string | null } {
    const parsed = parseJson(text);
    if (!parsed.ok) return { document: null, compiled: null, problem: `JSON: ${parsed.error.message} (${parsed.error.line}:${parsed.error.column})` };
    let outcome = compiledByText.get(text);
    if (!outcome) {
      outcome = compileDraft(parsed.value);
      if (compiledByText.size > 20) compiledByText.clear();
      compiledByText.set(text, outcome);
    }
    return outcome.ok ? { document: parsed.value, compiled: outcome.compiled, problem: null } : { document: parsed.value, compiled: null, problem: outcome.message };
  }

  function side(key: VersionKey): CompareSide | null {
    if (key === SAVED) {
      if (!ruleset.file) return null;
      const shaped = isRulesetShaped(ruleset.saved) ? ruleset.saved : null;
      return { key, file: ruleset.file, text: ruleset.savedText, ruleset: shaped, compiled: ruleset.savedCompiled, problem: ruleset.savedCompiled ? null : ruleset.problemSummary ?? 'invalid' };
    }
    if (key === DRAFT) {
      if (!ruleset.file) return null;
      const valid = ruleset.status === 'valid';
      return {
        key,
        file: ruleset.file,
        text: ruleset.jsonText,
        ruleset: valid ? ruleset.ruleset : null,
        compiled: valid ? ruleset.compiled : null,
        problem: valid ? null : ruleset.syntaxError ? `JSON: ${ruleset.syntaxError.message}` : ruleset.problemSummary,
      };
    }
    const loaded = files.value.get(key);
    if (!loaded) return null;
    if (loaded.error) return { key, file: key, text: '', ruleset: null, compiled: null, problem: loaded.error };
    const { document, compiled, problem } = compileText(loaded.text);
    return { key, file: key, text: loaded.text, ruleset: compiled && isRulesetShaped(document) ? (document as Ruleset) : null, compiled, problem };
  }

  const older = computed(() => side(oldKey.value));
  const newer = computed(() => side(newKey.value));
  /** Rulesets of different kinds of entity score different records: nothing to compare. */
  const otherKinds = computed(() => {
    const [a, b] = [older.value?.ruleset?.entityKind, newer.value?.ruleset?.entityKind];
    return a && b && a !== b ? { old: a, new: b } : null;
  });
  const ready = computed(() => !!older.value?.compiled && !!newer.value?.compiled && !!older.value.ruleset && !!newer.value.ruleset && !otherKinds.value);

  /** Every change, metadata first, as `policyDiff` gives them. */
  const changes = computed<readonly PolicyChange[]>(() => (ready.value ? policyDiff(older.value!.ruleset!, newer.value!.ruleset!) : []));
  /** Version, status, title…: said apart from the policy. */
  const metaChanges = computed(() => changes.value.filter((c) => c.section === 'meta'));
  /** The changes in policy terms, clause by clause. */
  const policyChanges = computed(() => changes.value.filter((c) => c.section !== 'meta'));

  /** The open ruleset's sample cases (as edited) under both versions. */
  const impact = computed<CaseImpact | null>(() => {
    if (!ready.value) return null;
    const subjects = cases.drafts.map((d) => ({ record: d.case.record, asOf: d.case.asOf, name: typeof d.case.name === 'string' ? d.case.name : undefined, source: d.path }));
    return caseImpact(older.value!.compiled!, newer.value!.compiled!, subjects);
  });

  /** The selected case's two traces. */
  const traces = computed<TracePair | null>(() => {
    const source = selectedSource.value;
    const draft = source ? cases.byPath.get(source) : undefined;
    if (!source || !draft || !ready.value) return null;
    const a = evaluateCase(older.value!.compiled!, draft.case, true);
    const b = evaluateCase(newer.value!.compiled!, draft.case, true);
    const ta = a.ok ? a.result.trace ?? [] : [];
    const tb = b.ok ? b.result.trace ?? [] : [];
    return {
      source,
      old: { evaluation: a, lines: markDiffering(ta, tb) },
      new: { evaluation: b, lines: markDiffering(tb, ta) },
    };
  });

  function select(source: string | null): void {
    selectedSource.value = source;
  }

  return {
    oldKey, newKey, files, loading, selectedSource, older, newer, otherKinds, ready, changes, metaChanges, policyChanges, impact, traces,
    choose, swap, refresh, select,
  };
});
