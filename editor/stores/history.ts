/**
 * Undo and redo for every edit: of the ruleset (forms and JSON alike) and of the sample cases.
 * Documents are immutable, so a step is just the previous documents. Edits of one field in
 * quick succession (typing "12") make one step.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { CaseDraft } from './cases.js';
import { useCasesStore } from './cases.js';
import { useRulesetStore } from './ruleset.js';

/** Everything an edit can change. */
export interface Snapshot {
  ruleset: unknown;
  rulesetText: string | null;
  cases: readonly CaseDraft[];
}

/** One step: the documents before the edit, and what the edit was. */
interface Step {
  before: Snapshot;
  label: string;
}

/** Edits of the same field closer together than this make one step. */
export const COALESCE_MS = 1500;
const LIMIT = 500;

export const useHistoryStore = defineStore('history', () => {
  const past = shallowRef<readonly Step[]>([]);
  const future = shallowRef<readonly Step[]>([]);
  let lastKey: string | null = null;
  let lastTime = 0;

  function capture(): Snapshot {
    const ruleset = useRulesetStore();
    return { ruleset: ruleset.draft, rulesetText: ruleset.textOverride, cases: useCasesStore().drafts };
  }

  function restore(snapshot: Snapshot): void {
    useRulesetStore().restore(snapshot.ruleset, snapshot.rulesetText);
    useCasesStore().restore(snapshot.cases);
  }

  /**
   * Call before an edit. `key` names what is edited (a field's path); a second edit of the same
   * key within COALESCE_MS joins the step before it.
   */
  function record(label: string, key: string | null = null, now = Date.now()): void {
    const joins = key !== null && key === lastKey && now - lastTime < COALESCE_MS && past.value.length > 0;
    lastKey = key;
    lastTime = now;
    if (future.value.length) future.value = [];
    if (joins) {
      // The step is named after the value typed last ("91"), not the first key ("9").
      const last = past.value[past.value.length - 1]!;
      if (last.label !== label) past.value = [...past.value.slice(0, -1), { before: last.before, label }];
      return;
    }
    const steps = [...past.value, { before: capture(), label }];
    past.value = steps.length > LIMIT ? steps.slice(steps.length - LIMIT) : steps;
  }

  function undo(): boolean {
    const step = past.value[past.value.length - 1];
    if (!step) return false;
    past.value = past.value.slice(0, -1);
    future.value = [...future.value, { before: capture(), label: step.label }];
    lastKey = null;
    restore(step.before);
    return true;
  }

  function redo(): boolean {
    const step = future.value[future.value.length - 1];
    if (!step) return false;
    future.value = future.value.slice(0, -1);
    past.value = [...past.value, { before: capture(), label: step.label }];
    lastKey = null;
    restore(step.before);
    return true;
  }

  /** Forgets every step (a ruleset was opened). */
  function clear(): void {
    past.value = [];
    future.value = [];
    lastKey = null;
  }

  /** Ends the current step, so the next edit of the same field is a step of its own. */
  function seal(): void {
    lastKey = null;
  }

  const canUndo = computed(() => past.value.length > 0);
  const canRedo = computed(() => future.value.length > 0);
  const undoLabel = computed(() => past.value[past.value.length - 1]?.label ?? null);
  const redoLabel = computed(() => future.value[future.value.length - 1]?.label ?? null);

  return { past, future, record, undo, redo, clear, seal, canUndo, canRedo, undoLabel, redoLabel };
});
