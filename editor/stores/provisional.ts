/**
 * The provisional (暂定) numbers of the ruleset being edited, found from its marks, and the
 * "provisional only" filter of the forms. Fields look their mark up here by their own path,
 * so no provisional number can be shown without it.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Provisional } from '../../engine/index.js';
import { getIn, pathKey, type JsonPath } from '../model/paths.js';
import { provisionalHolders, provisionalMarks, withoutField, type ProvisionalMark } from '../model/provisional.js';
import { useRulesetStore } from './ruleset.js';
import { keyedRefs, stableComputed } from '../composables/useStable.js';

export const useProvisionalStore = defineStore('provisional', () => {
  const ruleset = useRulesetStore();
  /** Show only what holds provisional numbers. */
  const only = ref(false);

  const marks = stableComputed<readonly ProvisionalMark[]>(() => provisionalMarks(ruleset.draft));
  const byPath = computed(() => new Map(marks.value.map((m) => [pathKey(m.path), m])));
  const holders = computed(() => provisionalHolders(marks.value));

  /** The note of the provisional value at `path`, else null. */
  function noteAt(path: JsonPath): string | null {
    return byPath.value.get(pathKey(path))?.note ?? null;
  }

  /** A field's own mark, as a ref that changes only when its mark does. */
  const markRef = keyedRefs(() => byPath.value);

  // The filter belongs to the ruleset it was set on; one without provisional numbers shows everything.
  watch(() => ruleset.file, () => (only.value = false));
  const filtering = computed(() => only.value && marks.value.length > 0);

  /** Whether the forms show `path` (an item, a clause, a field…) under the current filter. */
  function shows(path: JsonPath): boolean {
    return !filtering.value || holders.value.has(pathKey(path));
  }

  function setOnly(value: boolean): void {
    only.value = value;
  }

  /** Staff confirm the provisional value at `key`: its mark goes, the value stays (one undoable edit). */
  function confirm(key: string, label: string): void {
    const mark = byPath.value.get(key);
    if (!mark) return;
    const owner = getIn(ruleset.draft, mark.owner) as { provisional: Provisional };
    ruleset.setValue([...mark.owner, 'provisional'], withoutField(owner.provisional, mark.field), label);
  }

  return { only, filtering, marks, byPath, holders, noteAt, markRef, shows, setOnly, confirm };
});
