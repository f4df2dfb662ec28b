/**
 * The registry: a city's entity records (the shipped synthetic one, 合成数据, or a file the
 * officer loads), scored off the main thread on every edit by workers, one per core but the
 * page's, each scoring a part of the records (workers/registry.worker.ts). One run at a time: an
 * edit made while a run is under way replaces the run waiting behind it, so the answer shown
 * is at most one edit old and typing never waits for it.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { evaluate, CreditRulesError, type CompiledRuleset, type EntityRecord, type EventType } from '../../engine/index.js';
import { readRegistryFile, type RegistryFileProblem } from '../model/registryFile.js';
import type { RegistrySummary } from '../model/registrySummary.js';
import { SYNTHETIC_AS_OF, syntheticRegistry } from '../model/syntheticRegistry.js';
import { partSizes } from '../model/registryParts.js';
import type { InvalidRecord, RegistryAnswer, RegistryRequest, RunSpans } from '../workers/registry.worker.js';
import type { Evaluation } from './results.js';

/** How many enterprises the shipped synthetic registry holds. */
export const SYNTHETIC_COUNT = 3000;

/**
 * Workers scoring the registry: one per core the browser reports but one, left to the page so
 * that typing never waits (on two cores, two workers beside the page brought the run's median
 * down by a tenth and not its p90); at least 1, at most 4.
 */
function poolSize(): number {
  return Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 1) - 1));
}

/** Where the registry came from: the synthetic one, or a file by its name. */
export type RegistrySource = { kind: 'synthetic'; count: number } | { kind: 'file'; name: string };

/** One run's timing: asked and answered (performance.now()), and the worker's own time and where it went. */
export interface RegistryRun {
  id: number;
  asked: number;
  answered: number;
  workerMs: number;
  spans: RunSpans | null;
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

  /** The workers, the lead first: it answers every run. */
  let workers: Worker[] = [];
  /** How many workers score the registry (0 before the first is started). */
  const workerCount = ref(0);
  let nextId = 1;
  let inFlight: { id: number; asked: number; before: string } | null = null;
  /** The before version of the summary shown: a run against another one clears it rather than show it under the wrong names. */
  let shownBefore: string | null = null;
  let waiting: { before: string; after: string } | null = null;
  let wanted: { before: string; after: string } | null = null;

  /** No Web Worker here (a test DOM): nothing is scored, and the panel says so. */
  const noWorker = ref(false);

  function ensureWorkers(): Worker[] {
    if (workers.length) return workers;
    if (typeof Worker === 'undefined') {
      noWorker.value = true;
      return workers;
    }
    const start = (): Worker => new Worker(new URL('../workers/registry.worker.ts', import.meta.url), { type: 'module' });
    const lead = start();
    workers = [lead];
    for (let i = 1; i < poolSize(); i++) {
      const other = start();
      const { port1, port2 } = new MessageChannel();
      other.postMessage({ type: 'channel', port: port1 } satisfies RegistryRequest, [port1]);
      lead.postMessage({ type: 'channel', port: port2 } satisfies RegistryRequest, [port2]);
      workers.push(other);
    }
    workerCount.value = workers.length;
    lead.onmessage = (message: MessageEvent<RegistryAnswer>) => {
      const answer = message.data;
      const asked = inFlight;
      inFlight = null;
      if (asked && answer.id === asked.id) {
        const run = { id: answer.id, asked: asked.asked, answered: performance.now(), workerMs: answer.type === 'result' ? answer.ms : 0, spans: answer.type === 'result' ? answer.spans : null };
        runs.push(run);
        if (runs.length > 1000) runs.shift();
        lastRun.value = run;
        if (answer.type === 'result') {
          shownBefore = asked.before;
          summary.value = markRaw(answer.summary);
          invalid.value = answer.invalid;
          runError.value = null;
        } else runError.value = answer.message;
      }
      send();
    };
    return workers;
  }

  function send(): void {
    if (inFlight || !waiting) {
      busy.value = inFlight !== null || waiting !== null;
      return;
    }
    const { before, after } = waiting;
    waiting = null;
    inFlight = { id: nextId++, asked: performance.now(), before };
    busy.value = true;
    const request: RegistryRequest = { type: 'run', id: inFlight.id, before, after };
    const pool = ensureWorkers();
    for (const worker of pool) worker.postMessage(request);
    if (!pool.length) inFlight = null;
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
    const pool = ensureWorkers();
    let offset = 0;
    partSizes(next.length, pool.length).forEach((size, i) => {
      const lead = i === 0 ? { entities: next.map(({ id, name }) => (name === undefined ? { id } : { id, name })), parts: pool.length } : undefined;
      const request: RegistryRequest = { type: 'records', records: next.slice(offset, offset + size), offset, asOf: date, ...(lead ? { lead } : {}) };
      pool[i]!.postMessage(request);
      offset += size;
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

  return { source, records, asOf, fileProblems, summary, invalid, runError, noWorker, workerCount, busy, lastRun, runs, selectedIndex, compare, loadSynthetic, loadText, setAsOf, evaluateEntity, select };
});
