/**
 * The sample cases of the open ruleset: each file as saved on disk and as edited. Cases are
 * plain data (schemas/case.schema.json); a draft is replaced, never changed in place.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { validateCase, validateRecord, type Problem, type SampleCase } from '../../engine/index.js';
import { detectStyle, formatJson, jsonEqual, parseJson, setIn, type JsonPath, type JsonStyle } from '../model/paths.js';
import type { CaseFolder } from '../server/protocol.js';
import { useHistoryStore } from './history.js';
import { useRulesetStore } from './ruleset.js';

/** A case as edited: its file and its content. */
export interface CaseDraft {
  readonly path: string;
  readonly case: SampleCase;
}

/** A case file as it is on disk. */
export interface SavedCase {
  readonly hash: string;
  readonly text: string;
  readonly case: SampleCase;
  readonly style: JsonStyle;
}

/** A case file that could not be read as JSON; it is shown, not edited. */
export interface UnreadableCase {
  readonly path: string;
  readonly message: string;
}

const CASE_STYLE: JsonStyle = { indent: 2, finalNewline: true };

/** A file name for a new case: the next number of the folder's numbered files. */
export function nextCasePath(dir: string, taken: Iterable<string>): string {
  const names = [...taken].map((p) => p.slice(p.lastIndexOf('/') + 1));
  const numbers = names.map((n) => /^(\d+)-/.exec(n)?.[1]).filter((n): n is string => n !== undefined);
  const width = numbers.length ? Math.max(...numbers.map((n) => n.length)) : 3;
  let next = numbers.length ? Math.max(...numbers.map(Number)) + 1 : 1;
  const all = new Set(names);
  while (all.has(`${String(next).padStart(width, '0')}-editor-case.json`)) next++;
  return `${dir}/${String(next).padStart(width, '0')}-editor-case.json`;
}

export const useCasesStore = defineStore('cases', () => {
  const dir = shallowRef('');
  const saved = shallowRef<ReadonlyMap<string, SavedCase>>(new Map());
  const drafts = shallowRef<readonly CaseDraft[]>([]);
  const unreadable = shallowRef<readonly UnreadableCase[]>([]);

  const byPath = computed(() => new Map(drafts.value.map((d) => [d.path, d])));
  /** Cases added or edited since they were saved. */
  const changed = computed(() => new Set(drafts.value.filter((d) => !jsonEqual(saved.value.get(d.path)?.case, d.case)).map((d) => d.path)));
  /** Saved cases removed from the drafts. */
  const removed = computed(() => [...saved.value.keys()].filter((p) => !byPath.value.has(p)));
  const dirty = computed(() => changed.value.size > 0 || removed.value.length > 0);
  /**
   * Problems of the cases that changed (the saved ones were checked when saved): the case
   * schema, then the record as the open ruleset checks it (ids, projects, event vocabulary),
   * so a case that cannot be scored is not saved.
   */
  const problems = computed(() => {
    const ruleset = useRulesetStore();
    const compiled = ruleset.compiled ?? ruleset.savedCompiled;
    const map = new Map<string, Problem[]>();
    for (const path of changed.value) {
      const draft = byPath.value.get(path)!.case;
      let found = validateCase(draft);
      if (!found.length && compiled) {
        found = validateRecord(draft.record, compiled).problems.map((p) => ({ ...p, path: `$.record${p.path.slice(1)}` }));
      }
      if (found.length) map.set(path, found);
    }
    return map;
  });

  /** Opens the cases of a ruleset. */
  function open(folder: CaseFolder): void {
    dir.value = folder.dir;
    const savedCases = new Map<string, SavedCase>();
    const broken: UnreadableCase[] = [];
    const list: CaseDraft[] = [];
    for (const file of folder.files) {
      const parsed = parseJson(file.text);
      if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') {
        broken.push({ path: file.path, message: parsed.ok ? 'not a JSON object' : `${parsed.error.message} (line ${parsed.error.line})` });
        continue;
      }
      const sampleCase = parsed.value as SampleCase;
      savedCases.set(file.path, { hash: file.hash, text: file.text, case: sampleCase, style: detectStyle(file.text) });
      list.push({ path: file.path, case: sampleCase });
    }
    saved.value = savedCases;
    drafts.value = list;
    unreadable.value = broken;
  }

  function replaceDraft(path: string, next: SampleCase): void {
    drafts.value = drafts.value.map((d) => (d.path === path ? { path, case: next } : d));
  }

  /** Sets a value inside a case (`undefined` removes it). */
  function setValue(path: string, jsonPath: JsonPath, value: unknown, label: string): void {
    const draft = byPath.value.get(path);
    if (!draft) return;
    useHistoryStore().record(label, `${path}#${jsonPath.join('.')}`);
    replaceDraft(path, setIn(draft.case, jsonPath, value));
  }

  /** Replaces a whole case in one step. */
  function setCase(path: string, next: SampleCase, label: string): void {
    if (!byPath.value.has(path)) return;
    useHistoryStore().record(label);
    replaceDraft(path, next);
  }

  /** Replaces several cases in one undoable step. */
  function setCases(next: ReadonlyMap<string, SampleCase>, label: string): void {
    if (![...next.keys()].some((path) => byPath.value.has(path))) return;
    useHistoryStore().record(label);
    drafts.value = drafts.value.map((d) => (next.has(d.path) ? { path: d.path, case: next.get(d.path)! } : d));
  }

  /** Adds a case (a copy of `template`, else an empty record) and returns its path. */
  function add(template: SampleCase, label: string): string {
    const path = nextCasePath(dir.value, [...saved.value.keys(), ...byPath.value.keys()]);
    useHistoryStore().record(label);
    drafts.value = [...drafts.value, { path, case: template }];
    return path;
  }

  function remove(path: string, label: string): void {
    if (!byPath.value.has(path)) return;
    useHistoryStore().record(label);
    drafts.value = drafts.value.filter((d) => d.path !== path);
  }

  function restore(next: readonly CaseDraft[]): void {
    drafts.value = next;
  }

  /** Every case back to its saved version, as one undoable step. */
  function revert(label: string): void {
    if (!dirty.value) return;
    useHistoryStore().record(label);
    drafts.value = [...saved.value.entries()].map(([path, s]) => ({ path, case: s.case })).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** The text to write for a case, in its file's style. */
  function textToSave(path: string): string {
    const draft = byPath.value.get(path);
    if (!draft) throw new Error(`no case ${path}`);
    return formatJson(draft.case, saved.value.get(path)?.style ?? CASE_STYLE);
  }

  function markSaved(path: string, text: string, hash: string, sampleCase: SampleCase): void {
    const next = new Map(saved.value);
    next.set(path, { hash, text, case: sampleCase, style: detectStyle(text) });
    saved.value = next;
  }

  function markRemoved(path: string): void {
    const next = new Map(saved.value);
    next.delete(path);
    saved.value = next;
  }

  return {
    dir, saved, drafts, unreadable, byPath, changed, removed, dirty, problems,
    open, setValue, setCase, setCases, add, remove, restore, revert, textToSave, markSaved, markRemoved,
  };
});
