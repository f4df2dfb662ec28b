/**
 * The ruleset being edited: the version saved on disk, the draft, and the draft as JSON text.
 * Every edit goes through the engine's `loadRuleset`; a draft it refuses keeps its problems,
 * and `compiled` stays the last one it accepted, so the cases keep their last valid results.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { CreditRulesError, citationHints, loadRuleset, rulesetHints, type CitationHint, type CompiledRuleset, type Problem, type Ruleset, type RulesetHint } from '../../engine/index.js';
import { changedPaths, detectStyle, formatJson, getIn, parseJson, pathKey, setIn, shareUnchanged, type JsonPath, type JsonStyle, type JsonSyntaxError } from '../model/paths.js';
import { useHistoryStore } from './history.js';
import { keyedRefs, sameSet, stableComputed } from '../composables/useStable.js';
import { pathRefs } from '../composables/usePathRefs.js';

/** Where the draft stands: accepted by the engine, refused with problems, or not even JSON. */
export type DraftStatus = 'valid' | 'invalid' | 'unparsable';

/** The engine's verdict on a document: compiled, or the problems it found. */
export type CompileOutcome = { ok: true; compiled: CompiledRuleset } | { ok: false; code: string; message: string; problems: Problem[] };

/** Runs a parsed document through the engine; never throws for a bad ruleset. */
export function compileDraft(document: unknown): CompileOutcome {
  try {
    return { ok: true, compiled: loadRuleset(document) };
  } catch (error) {
    if (error instanceof CreditRulesError) return { ok: false, code: error.code, message: error.message, problems: error.problems };
    // A document so malformed that the checks themselves trip over it.
    return { ok: false, code: 'RULESET_INVALID', message: (error as Error).message, problems: [{ path: '$', message: (error as Error).message }] };
  }
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

export const useRulesetStore = defineStore('ruleset', () => {
  /** The file opened, relative to the rulesets folder. */
  const file = ref<string | null>(null);
  const savedHash = ref<string | null>(null);
  const savedText = ref('');
  const saved = shallowRef<Ruleset | null>(null);
  const savedCompiled = shallowRef<CompiledRuleset | null>(null);
  const style = shallowRef<JsonStyle>({ indent: 2, finalNewline: true });

  const draft = shallowRef<unknown>(null);
  /** The JSON text as typed in the JSON view (JSON or not); null once the form edits the draft, whose text is then the draft written out. */
  const textOverride = ref<string | null>(null);
  const syntaxError = shallowRef<JsonSyntaxError | null>(null);
  const compiled = shallowRef<CompiledRuleset | null>(null);
  const problems = shallowRef<readonly Problem[]>([]);
  const problemSummary = ref<string | null>(null);
  /** How long the last `loadRuleset` took, in ms. */
  const compileMs = ref(0);

  const status = computed<DraftStatus>(() => (syntaxError.value ? 'unparsable' : problems.value.length || problemSummary.value ? 'invalid' : 'valid'));
  const jsonText = computed(() => textOverride.value ?? formatJson(draft.value, style.value));
  /** The draft as a ruleset when its shape can be shown in forms. */
  const ruleset = computed(() => (isRulesetShaped(draft.value) ? (draft.value as Ruleset) : null));
  const changed = stableComputed(() => (saved.value === null ? new Set<string>() : changedPaths(saved.value, draft.value)), sameSet);
  const dirty = computed(() => syntaxError.value !== null || changed.value.size > 0);
  /** Numbers of a valid draft that the text their citation quotes does not write, in form order and by path. */
  const citationHintList = stableComputed<readonly CitationHint[]>(() => (ruleset.value && status.value === 'valid' ? citationHints(ruleset.value) : []));
  /** Values of a valid draft that switch a clause off, or a grade line no score reaches. */
  const valueHints = stableComputed<readonly RulesetHint[]>(() => (ruleset.value && status.value === 'valid' ? rulesetHints(ruleset.value) : []));
  const citationHintsByPath = computed(() => new Map(citationHintList.value.map((hint) => [hint.path, hint])));
  const valueHintsByPath = computed(() => new Map(valueHints.value.map((hint) => [hint.path, hint])));
  /** A field's own hints, as refs that change only when its hint does. */
  const citationHintRef = keyedRefs(() => citationHintsByPath.value);
  const valueHintRef = keyedRefs(() => valueHintsByPath.value);
  const problemsByPath = computed(() => {
    const map = new Map<string, Problem[]>();
    for (const problem of problems.value) map.set(problem.path, [...(map.get(problem.path) ?? []), problem]);
    return map;
  });

  /**
   * The draft's value at a path, as a ref that changes only when that value does. A field reads
   * its value through it: an edit replaces only the objects on its path (`setIn`), so it
   * notifies the fields whose values it changed, not every field of the form (with each its
   * computed values and its component queued, about 2 ms an edit for the enterprise form).
   */
  const values = pathRefs();
  /** Whether the draft has the forms' skeleton: changes only when that does. */
  const shaped = shallowRef(false);
  // At once, as the draft is set: a ref set to the same value notifies nobody.
  watch(draft, (document) => {
    shaped.value = isRulesetShaped(document);
    values.update(document);
  }, { flush: 'sync', immediate: true });
  const valueAt = values.at;

  /** A top-level part of the draft as a ruleset (its event types, readings…), read as `valueAt` reads a field. */
  function part<K extends keyof Ruleset>(key: K): Ruleset[K] | undefined {
    return shaped.value ? (valueAt([key]).value as Ruleset[K] | undefined) : undefined;
  }

  function recompile(): void {
    const started = performance.now();
    const outcome = compileDraft(draft.value);
    compileMs.value = performance.now() - started;
    if (outcome.ok) {
      compiled.value = outcome.compiled;
      problems.value = NO_PROBLEMS;
      problemSummary.value = null;
    } else {
      problems.value = outcome.problems;
      problemSummary.value = outcome.message;
    }
  }

  /** Opens a ruleset file: it becomes both the saved version and the draft. */
  function open(path: string, text: string, hash: string): void {
    const parsed = parseJson(text);
    file.value = path;
    savedHash.value = hash;
    savedText.value = text;
    style.value = detectStyle(text);
    compiled.value = null;
    if (!parsed.ok) {
      saved.value = null;
      savedCompiled.value = null;
      draft.value = null;
      textOverride.value = text;
      syntaxError.value = parsed.error;
      problems.value = NO_PROBLEMS;
      return;
    }
    saved.value = parsed.value as Ruleset;
    draft.value = parsed.value;
    textOverride.value = null;
    syntaxError.value = null;
    recompile();
    savedCompiled.value = compiled.value;
  }

  /** Sets a value of the draft (`undefined` removes it). Refused while the JSON text is broken. */
  function setValue(path: JsonPath, value: unknown, label: string): boolean {
    if (syntaxError.value) return false;
    if (Object.is(getIn(draft.value, path), value)) return true;
    useHistoryStore().record(label, pathKey(path));
    draft.value = setIn(draft.value, path, value);
    textOverride.value = null;
    recompile();
    return true;
  }

  /** Replaces a part of the draft in one step (a list edited as a whole). */
  function replace(path: JsonPath, value: unknown, label: string): boolean {
    if (syntaxError.value) return false;
    useHistoryStore().record(label);
    draft.value = setIn(draft.value, path, value);
    textOverride.value = null;
    recompile();
    return true;
  }

  /** Takes the JSON view's text. Text that is not JSON is kept as typed and reaches nothing else. */
  function setJsonText(text: string, label: string): void {
    if (text === jsonText.value) return;
    useHistoryStore().record(label, 'json');
    const parsed = parseJson(text);
    if (!parsed.ok) {
      textOverride.value = text;
      syntaxError.value = parsed.error;
      return;
    }
    syntaxError.value = null;
    draft.value = shareUnchanged(draft.value, parsed.value);
    // Kept as typed, whether or not it is the draft written out: the same text either way, not written out again on each key.
    textOverride.value = text;
    recompile();
  }

  /** Puts back documents from the history. */
  function restore(document: unknown, text: string | null): void {
    if (document === draft.value && text === textOverride.value) return;
    const parsed = text === null ? null : parseJson(text);
    syntaxError.value = parsed && !parsed.ok ? parsed.error : null;
    textOverride.value = text;
    if (document !== draft.value) {
      draft.value = document;
      recompile();
    }
  }

  /** Back to the version on disk, as one undoable step. */
  function revert(label: string): void {
    if (!dirty.value) return;
    useHistoryStore().record(label);
    draft.value = saved.value;
    textOverride.value = null;
    syntaxError.value = null;
    recompile();
  }

  /** The text to save: as typed in the JSON view, else the draft in the file's own style. */
  function textToSave(): string {
    return textOverride.value ?? formatJson(draft.value, style.value);
  }

  /** `document` (the draft when the save began) was written to disk as `text`, which now has `hash`. */
  function markSaved(document: unknown, text: string, hash: string): void {
    savedText.value = text;
    savedHash.value = hash;
    saved.value = document as Ruleset;
    if (compiled.value?.ruleset === document) savedCompiled.value = compiled.value;
    else {
      const outcome = compileDraft(document);
      savedCompiled.value = outcome.ok ? outcome.compiled : null;
    }
  }

  function citationHintAt(path: JsonPath): CitationHint | undefined {
    return citationHintsByPath.value.get(pathKey(path));
  }

  function valueHintAt(path: JsonPath): RulesetHint | undefined {
    return valueHintsByPath.value.get(pathKey(path));
  }

  function problemsAt(path: JsonPath): Problem[] | undefined {
    return problemsByPath.value.get(pathKey(path));
  }

  return {
    file, savedHash, savedText, saved, savedCompiled, style,
    draft, textOverride, syntaxError, compiled, problems, problemSummary, compileMs,
    status, jsonText, ruleset, changed, dirty, problemsByPath,
    open, setValue, replace, setJsonText, restore, revert, textToSave, markSaved, valueAt, part, problemsAt, citationHintAt, valueHintAt, citationHintRef, valueHintRef, citationHints: citationHintList, valueHints,
  };
});

/** Whether a document has the skeleton the forms walk (indicators → items → clauses, grades). */
export function isRulesetShaped(document: unknown): boolean {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false;
  const r = document as Record<string, unknown>;
  const isArrayOfObjects = (value: unknown): value is Record<string, unknown>[] =>
    Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (!isArrayOfObjects(r.indicators) || !isArrayOfObjects(r.grades)) return false;
  return r.indicators.every((indicator) => isArrayOfObjects(indicator.items) && indicator.items.every((item) => isArrayOfObjects(item.clauses)));
}
