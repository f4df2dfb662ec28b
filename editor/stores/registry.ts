/**
 * The registry: a city's entity records (the shipped synthetic one, 合成数据, or a file the
 * officer loads), scored off the main thread on every edit by workers (one per core, two at
 * most), each holding a share of the records; their scores are put together and summarised
 * here. One run at a time: an edit made while a run is under way replaces the run waiting behind
 * it, so the answer shown is at most one edit old and typing never waits for it.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { evaluate, CreditRulesError, type CompiledRuleset, type EntityRecord, type EventType } from '../../engine/index.js';
import { readRegistryFile, type RegistryFileProblem } from '../model/registryFile.js';
import { summarise, type RegistryScores, type RegistrySummary } from '../model/registrySummary.js';
import { SYNTHETIC_AS_OF, syntheticRegistry } from '../model/syntheticRegistry.js';
import type { InvalidRecord, RegistryAnswer, RegistryRequest } from '../workers/registry.worker.js';
import type { Evaluation } from './results.js';

/** How many enterprises the shipped synthetic registry holds. */
export const SYNTHETIC_COUNT = 3000;

/**
 * How many workers share the scoring: one per core, two at most (a run scores both versions of
 * the ruleset's share in each; more shares mean more compiling of the same ruleset).
 */
const WORKERS = Math.max(1, Math.min(2, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1));

/** Where the registry came from: the synthetic one, or a file by its name. */
export type RegistrySource = { kind: 'synthetic'; count: number } | { kind: 'file'; name: string };

/** One run's timing: asked and answered (performance.now()), and the worker's own time. */
export interface RegistryRun {
  id: number;
  asked: number;
  answered: number;
  workerMs: number;
}

const textOf = new WeakMap<CompiledRuleset, string>();
/** The ruleset as the worker takes it; written once per compiled ruleset. */
function rulesetText(compiled: CompiledRuleset): string {
  let text = textOf.get(compiled);
  if (text === undefined) textOf.set(compiled, (text = JSON.stringify(compiled.ruleset)));
  return text;
}

export const useRegistryStore = defineStore('registry', () => {
  const source = shallowRef<RegistrySource | null>(null);
  const records = shallowRef<readonly EntityRecord[]>([]);
  const asOf = ref(SYNTHETIC_AS_OF);
  const fileProblems = shallowRef<readonly RegistryFileProblem[]>([]);
  const summary = shallowRef<RegistrySummary | null>(null);
  const invalid = shallowRef<readonly InvalidRecord[]>([]);
  const runError = ref<string | null>(null);
  /** A run is under way or waiting. */
  const busy = ref(false);
  const lastRun = shallowRef<RegistryRun | null>(null);
  /** Every run's timing, for the benchmark (not reactive). */
  const runs: RegistryRun[] = [];
  const selectedIndex = ref<number | null>(null);

  /** The workers, each holding one contiguous share of the records (`offsets[i]` is where share i starts). */
  let workers: Worker[] | null = null;
  let offsets: number[] = [];
  let nextId = 1;
  let inFlight: { id: number; asked: number; before: string; answers: (RegistryAnswer | undefined)[] } | null = null;
  /** The before version of the summary shown: a run against another one clears it rather than show it under the wrong names. */
  let shownBefore: string | null = null;
  let waiting: { before: string; after: string } | null = null;
  let wanted: { before: string; after: string } | null = null;

  /** No Web Worker here (a test DOM): nothing is scored, and the panel says so. */
  const noWorker = ref(false);

  function ensureWorkers(): Worker[] | null {
    if (workers) return workers;
    if (typeof Worker === 'undefined') {
      noWorker.value = true;
      return null;
    }
    workers = Array.from({ length: WORKERS }, (_, share) => {
      const worker = new Worker(new URL('../workers/registry.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (message: MessageEvent<RegistryAnswer>) => answered(share, message.data);
      return worker;
    });
    return workers;
  }

  /** One share's answer; with the last of a run's, the shares put together and summarised. */
  function answered(share: number, answer: RegistryAnswer): void {
    const asked = inFlight;
    if (!asked || answer.id !== asked.id) return;
    asked.answers[share] = answer;
    if (asked.answers.some((a) => a === undefined)) return;
    inFlight = null;
    const answers = asked.answers as RegistryAnswer[];
    const failed = answers.find((a) => a.type === 'error');
    const results = answers.filter((a): a is Extract<RegistryAnswer, { type: 'result' }> => a.type === 'result');
    const run = { id: asked.id, asked: asked.asked, answered: 0, workerMs: Math.max(0, ...results.map((a) => a.ms)) };
    if (failed?.type === 'error') runError.value = failed.message;
    else {
      const join = (side: 'before' | 'after'): RegistryScores => {
        const scores = new Float64Array(records.value.length);
        const grades: (string | null)[] = [];
        results.forEach((a, i) => {
          scores.set(a[side].scores, offsets[i]);
          grades.push(...a[side].grades);
        });
        return { scores, grades };
      };
      shownBefore = asked.before;
      summary.value = markRaw(summarise(records.value, join('before'), join('after'), results[0]!.gradeOrder));
      invalid.value = results.flatMap((a, i) => a.invalid.map((r) => ({ ...r, index: r.index + offsets[i]! }))).slice(0, 50);
      runError.value = null;
    }
    run.answered = performance.now();
    runs.push(run);
    if (runs.length > 1000) runs.shift();
    lastRun.value = run;
    send();
  }

  function send(): void {
    if (inFlight || !waiting) {
      busy.value = inFlight !== null || waiting !== null;
      return;
    }
    const { before, after } = waiting;
    waiting = null;
    const targets = ensureWorkers();
    if (!targets) return;
    inFlight = { id: nextId++, asked: performance.now(), before, answers: targets.map(() => undefined) };
    busy.value = true;
    const request: RegistryRequest = { type: 'run', id: inFlight.id, before, after };
    for (const worker of targets) worker.postMessage(request);
  }

  /** Scores the registry with both rulesets (cached by the worker) and shows the comparison. */
  function compare(before: CompiledRuleset | null, after: CompiledRuleset | null): void {
    if (!before || !after || records.value.length === 0) return;
    wanted = { before: rulesetText(before), after: rulesetText(after) };
    if (shownBefore !== wanted.before) summary.value = null;
    waiting = wanted;
    send();
  }

  function setRecords(next: EntityRecord[], from: RegistrySource, date: string): void {
    records.value = markRaw(next);
    source.value = from;
    asOf.value = date;
    summary.value = null;
    shownBefore = null;
    selectedIndex.value = null;
    // A run under way scores the records being replaced: its answers are dropped.
    inFlight = null;
    const targets = ensureWorkers() ?? [];
    const size = Math.ceil(next.length / Math.max(1, targets.length));
    offsets = targets.map((_, i) => Math.min(next.length, i * size));
    targets.forEach((worker, i) => {
      const request: RegistryRequest = { type: 'records', records: next.slice(offsets[i], offsets[i]! + size), asOf: date };
      worker.postMessage(request);
    });
    if (wanted) {
      waiting = wanted;
      send();
    }
  }

  /** The synthetic registry (合成数据), generated from its seed (`count` enterprises: the benchmark asks for 10,000). */
  function loadSynthetic(count = SYNTHETIC_COUNT): void {
    setRecords(syntheticRegistry(count), { kind: 'synthetic', count }, SYNTHETIC_AS_OF);
  }

  /** A registry file (JSON array, NDJSON or CSV); its problems are kept, its readable records scored. */
  function loadText(name: string, text: string, eventTypes: Record<string, EventType> | undefined, date: string): void {
    const file = readRegistryFile(name, text, eventTypes);
    fileProblems.value = file.problems;
    setRecords(file.records, { kind: 'file', name }, date);
  }

  /** Scores again on another date. */
  function setAsOf(date: string): void {
    if (!source.value || date === asOf.value) return;
    setRecords([...records.value], source.value, date);
  }

  /** One entity scored with a trace by a ruleset, on the main thread (one record: no wait). */
  function evaluateEntity(compiled: CompiledRuleset, index: number): Evaluation | null {
    const record = records.value[index];
    if (!record) return null;
    try {
      return { ok: true, result: evaluate(compiled, record, { asOf: asOf.value, trace: true }) };
    } catch (error) {
      if (error instanceof CreditRulesError) return { ok: false, code: error.code, message: error.message, problems: error.problems };
      return { ok: false, code: 'RECORD_INVALID', message: (error as Error).message, problems: [] };
    }
  }

  function select(index: number | null): void {
    selectedIndex.value = index;
  }

  return { source, records, asOf, fileProblems, summary, invalid, runError, noWorker, busy, lastRun, runs, selectedIndex, compare, loadSynthetic, loadText, setAsOf, evaluateEntity, select };
});
