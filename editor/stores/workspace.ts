/**
 * The files behind the editor: which rulesets exist, which one is open, and saving — the ruleset
 * and every added, edited or removed case — through the file server, which validates again,
 * writes atomically and refuses files that changed since they were opened.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { SampleCase } from '../../engine/index.js';
import { FileRefusal, httpFileSource, type FileSource } from '../api/fileClient.js';
import type { RulesetSummary } from '../server/protocol.js';
import { useCasesStore } from './cases.js';
import { useHistoryStore } from './history.js';
import { useResultsStore } from './results.js';
import { useRulesetStore } from './ruleset.js';

/** How saving one file went. */
export interface SaveLine {
  path: string;
  action: 'write' | 'create' | 'remove';
  ok: boolean;
  /** A FileRefusal code when it failed. */
  code?: string;
  message?: string;
  problems?: readonly { path: string; message: string; fix?: string }[];
  /** Where the previous version was kept. */
  history?: string | null;
}

/** The outcome of the last save, or why it was not attempted. */
export type SaveReport =
  | { kind: 'saved'; lines: SaveLine[] }
  | { kind: 'partial'; lines: SaveLine[] }
  | { kind: 'blocked'; reason: 'rulesetInvalid' | 'jsonBroken' | 'casesInvalid' | 'noServer'; paths?: string[] }
  | { kind: 'nothing' };

export const useWorkspaceStore = defineStore('workspace', () => {
  const source = shallowRef<FileSource>(httpFileSource());
  const rulesets = shallowRef<RulesetSummary[]>([]);
  const loading = ref(false);
  const saving = ref(false);
  const loadError = ref<string | null>(null);
  const report = shallowRef<SaveReport | null>(null);

  const writable = computed(() => source.value.writable);
  const dirty = computed(() => useRulesetStore().dirty || useCasesStore().dirty);

  /** Finds the file server; falls back to `fallback` (the bundled files of a static build). */
  async function connect(fallback?: () => Promise<FileSource>): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      rulesets.value = await source.value.listRulesets();
    } catch (error) {
      if (!fallback || !(error instanceof FileRefusal) || (error.code !== 'NO_SERVER' && error.code !== 'NETWORK')) {
        loadError.value = (error as Error).message;
        return;
      }
      source.value = await fallback();
      rulesets.value = await source.value.listRulesets();
    } finally {
      loading.value = false;
    }
  }

  /** Uses another file source (tests). */
  function useSource(next: FileSource): void {
    source.value = next;
  }

  /** Opens a ruleset and its cases; the history starts afresh. */
  async function open(path: string): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const [file, folder] = await Promise.all([source.value.readFile(path), source.value.readCases(path)]);
      useRulesetStore().open(file.path, file.text, file.hash);
      useCasesStore().open(folder);
      useHistoryStore().clear();
      useResultsStore().select(null);
      report.value = null;
    } catch (error) {
      loadError.value = (error as Error).message;
    } finally {
      loading.value = false;
    }
  }

  /** Why a save would be refused now, or null. */
  function whyRefused(): Extract<SaveReport, { kind: 'blocked' }> | null {
    const ruleset = useRulesetStore();
    const cases = useCasesStore();
    if (!source.value.writable) return { kind: 'blocked', reason: 'noServer' };
    if (ruleset.syntaxError) return { kind: 'blocked', reason: 'jsonBroken' };
    if (ruleset.dirty && ruleset.status !== 'valid') return { kind: 'blocked', reason: 'rulesetInvalid' };
    if (cases.problems.size) return { kind: 'blocked', reason: 'casesInvalid', paths: [...cases.problems.keys()] };
    return null;
  }
  // A refusal no longer true (the JSON was mended) stops being shown.
  watch(() => whyRefused()?.reason, (reason) => {
    if (report.value?.kind === 'blocked' && report.value.reason !== reason) report.value = null;
  });

  /** Saves what changed. Nothing is sent while the ruleset or a case is invalid. */
  async function save(): Promise<SaveReport> {
    const ruleset = useRulesetStore();
    const cases = useCasesStore();
    const finish = (r: SaveReport): SaveReport => {
      report.value = r;
      return r;
    };
    const refused = whyRefused();
    if (refused) return finish(refused);
    if (!ruleset.dirty && !cases.dirty) return finish({ kind: 'nothing' });

    saving.value = true;
    const lines: SaveLine[] = [];
    const attempt = async (path: string, action: SaveLine['action'], run: () => Promise<{ history: string | null }>): Promise<void> => {
      try {
        const outcome = await run();
        lines.push({ path, action, ok: true, history: outcome.history });
      } catch (error) {
        const refusal = error instanceof FileRefusal ? error : new FileRefusal(0, { code: 'NETWORK', message: (error as Error).message });
        lines.push({ path, action, ok: false, code: refusal.code, message: refusal.message, problems: refusal.problems });
      }
    };
    try {
      if (ruleset.dirty && ruleset.file) {
        const text = ruleset.textToSave();
        const base = ruleset.savedHash;
        const draft = ruleset.draft;
        await attempt(ruleset.file, 'write', async () => {
          const outcome = await source.value.writeFile(ruleset.file!, text, base);
          // Edits made while the request was on its way stay unsaved.
          ruleset.markSaved(draft, text, outcome.hash!);
          return outcome;
        });
      }
      for (const path of cases.changed) {
        const draft = cases.byPath.get(path)!;
        const before = cases.saved.get(path);
        const text = cases.textToSave(path);
        await attempt(path, before ? 'write' : 'create', async () => {
          const outcome = await source.value.writeFile(path, text, before?.hash ?? null);
          cases.markSaved(path, text, outcome.hash!, draft.case as SampleCase);
          return outcome;
        });
      }
      for (const path of cases.removed) {
        const before = cases.saved.get(path)!;
        await attempt(path, 'remove', async () => {
          const outcome = await source.value.removeFile(path, before.hash);
          cases.markRemoved(path);
          return outcome;
        });
      }
    } finally {
      saving.value = false;
    }
    rulesets.value = await source.value.listRulesets().catch(() => rulesets.value);
    return finish({ kind: lines.every((l) => l.ok) ? 'saved' : 'partial', lines });
  }

  function dismissReport(): void {
    report.value = null;
  }

  return { source, rulesets, loading, saving, loadError, report, writable, dirty, connect, useSource, open, save, dismissReport };
});
