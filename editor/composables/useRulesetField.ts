/** What every editable field of the ruleset needs to know about its value, by JSON path. */
import { computed, type ComputedRef } from 'vue';
import { getIn, jsonEqual, pathKey, type JsonPath } from '../model/paths.js';
import { useProvisionalStore } from '../stores/provisional.js';
import { useRulesetStore } from '../stores/ruleset.js';

/** The draft and saved values at `path`, whether they differ, the engine's first problem there, its 暂定 note, its citation hint and its value hint. */
export function useRulesetField(path: () => JsonPath) {
  const store = useRulesetStore();
  const provisionalStore = useProvisionalStore();
  const key = computed(() => pathKey(path()));
  // Each read through a ref of its own path: an edit elsewhere does not reach this field.
  const value = computed(() => store.valueAt(path()).value);
  const savedValue = computed(() => (store.saved ? getIn(store.saved, path()) : undefined));
  const changed = computed(() => store.saved !== null && !jsonEqual(value.value, savedValue.value));
  const engineProblem = computed(() => store.problemsAt(path())?.[0] ?? null);
  /** A provisional number is found by its own path, so it never goes unmarked. */
  const provisional: ComputedRef<string | null> = computed(() => provisionalStore.markRef(key.value).value?.note ?? null);
  /** When the text its citation quotes writes other numbers of its unit: the hint. */
  const citationHint = computed(() => store.citationHintRef(key.value).value ?? null);
  /** When the value switches its clause off (0 points, 0 months) or is a grade line no score reaches: the hint. */
  const valueHint = computed(() => store.valueHintRef(key.value).value ?? null);
  return { store, provisionalStore, value, savedValue, changed, engineProblem, provisional, citationHint, valueHint };
}
