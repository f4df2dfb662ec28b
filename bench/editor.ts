/**
 * `npm run bench:editor`: the editor in Chromium, on the enterprise ruleset and its 155 cases.
 * Several kinds of edit, each made many times in turns: the time from the edit to the cases'
 * scores updated and laid out (the DOM patched, then a forced layout), the time to the next
 * frame painted, and the long tasks (> 50 ms) seen while making them. Figures are printed,
 * not asserted: the machine is shared, so the load average is printed beside them.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { evaluate, loadRuleset } from '../engine/index.js';
import { chromiumAvailable, MISSING_CHROMIUM, openEditor } from '../test/browser/harness.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REGISTRY = Number(process.env.BENCH_REGISTRY ?? 10_000);
const REGISTRY_EDITS = Number(process.env.BENCH_REGISTRY_EDITS ?? 30);
const EDITS = Number(process.env.BENCH_EDITS ?? 20);

/** A form field edited by typing one of two values in turn. */
interface FormEdit {
  kind: string;
  path: string;
  values: [string, string];
}

const FORM_EDITS: FormEdit[] = [
  { kind: 'E2.1.4 points (moves 2 cases)', path: '$.indicators[1].items[0].clauses[3].points', values: ['9', '8'] },
  { kind: 'E2.1 full score (moves most cases)', path: '$.indicators[1].items[0].full', values: ['19', '20'] },
  { kind: 'grade line AA+ 85 → 86', path: '$.grades[1].min', values: ['86', '85'] },
  { kind: 'E5.2 window 24 → 12 months', path: '$.indicators[4].items[0].clauses[1].window.months', values: ['12', '24'] },
];
const JSON_KIND = 'JSON view: typing a digit into E2.1.3 window';
/**
 * The same keys once the view has taken `JSON_WARM_AFTER` keys since it was opened (each round opens
 * it again): the keys just after opening it were found slower (README, Editor speed).
 */
const JSON_WARM_AFTER = 42;
const JSON_WARM_KIND = `JSON view: the same, ${JSON_WARM_AFTER} keys after opening it`;

interface Sample {
  updated: number;
  frame: number;
  longTasks: number;
  longest: number;
  /** The renderer main thread's CPU time from the edit to the frame painted (from a trace: the machine's other work left out). */
  cpu?: number;
}

type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } };

/**
 * The main thread's CPU time between each edit's start and end marks: the top-level tasks that
 * began in that span, by their thread time (tdur), which a busy machine does not inflate.
 */
function cpuPerEdit(events: TraceEvent[]): Map<number, number> {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const marks = new Map<string, number>();
  for (const e of events) if (e.cat.includes('blink.user_timing') && e.name.startsWith('edit-')) marks.set(e.name, e.ts);
  const tasks = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
  const out = new Map<number, number>();
  for (const [name, start] of marks) {
    const m = /^edit-start-(\d+)$/.exec(name);
    const end = m ? marks.get(`edit-end-${m[1]}`) : undefined;
    if (!m || end === undefined) continue;
    // The task that made the edit began before its start mark: count the tasks that end after it.
    const cpu = tasks.filter((t) => t.ts + (t.dur ?? 0) > start && t.ts < end).reduce((sum, t) => sum + t.tdur!, 0);
    out.set(Number(m[1]), cpu / 1000);
  }
  return out;
}

/** `measureInPage` under a trace, each sample with its main-thread CPU time. */
async function measureTraced(page: Page, spec: Parameters<typeof measureInPage>[1], edits: number): Promise<Sample[]> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  const samples = await measureInPage(page, spec, edits);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const cpu = cpuPerEdit(trace.traceEvents);
  return samples.map((sample, i) => ({ ...sample, cpu: cpu.get(i) }));
}

/** Runs in the page: `edits` edits of one kind, each timed from the edit to updated-and-laid-out and to the next frame. */
async function measureInPage(page: Page, spec: { kind: 'form'; path: string; values: [string, string] } | { kind: 'json' }, edits: number): Promise<Sample[]> {
  return page.evaluate(
    async ({ spec, edits }) => {
      const macrotask = (): Promise<void> =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
      const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const long: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
      observer.observe({ type: 'longtask' });

      let edit: (i: number) => void;
      if (spec.kind === 'form') {
        const input = document.querySelector<HTMLInputElement>(`[data-path="${spec.path}"] input`);
        if (!input) throw new Error(`no field ${spec.path}`);
        edit = (i) => {
          input.value = spec.values[i % 2]!;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
      } else {
        // The app's own Monaco instance (the module the JSON view loaded): type a digit after
        // `"months": 60` of E2.1.3, then delete it, as keys would, through Monaco's commands.
        const setup = '/editor/monaco/setup.ts'; // served by Vite: the same module instance as the page's
        const monaco = ((await import(/* @vite-ignore */ setup)) as { setupMonaco(): typeof import('monaco-editor/editor') }).setupMonaco();
        const editor = monaco.editor.getEditors()[0]!;
        const model = editor.getModel()!;
        const text = model.getValue();
        const clause = text.indexOf('"id": "E2.1.3"');
        const months = text.indexOf('"months": 60', clause) + '"months": 60'.length;
        editor.setPosition(model.getPositionAt(months));
        editor.focus();
        edit = (i) => (i % 2 === 0 ? editor.trigger('keyboard', 'type', { text: '0' }) : editor.trigger('keyboard', 'deleteLeft', null));
      }

      const samples: { updated: number; frame: number; longTasks: number; longest: number }[] = [];
      for (let i = 0; i < edits; i++) {
        await frame();
        await macrotask();
        performance.mark(`edit-start-${i}`);
        const t0 = performance.now();
        edit(i);
        await macrotask(); // Vue has patched the DOM
        document.body.getBoundingClientRect(); // and the browser has laid it out
        const updated = performance.now() - t0;
        await frame();
        await macrotask(); // the frame with the change has been painted
        const painted = performance.now() - t0;
        performance.mark(`edit-end-${i}`);
        const during = long.filter((e) => e.startTime + e.duration >= t0 && e.startTime <= t0 + painted);
        samples.push({ updated, frame: painted, longTasks: during.length, longest: Math.max(0, ...during.map((e) => e.duration)) });
      }
      observer.disconnect();
      return samples;
    },
    { spec, edits },
  );
}

const stats = (xs: number[]): { median: number; p90: number; max: number } => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]! };
};
const fmt = (s: { median: number; p90: number; max: number }): string =>
  `median ${s.median.toFixed(1).padStart(5)}  p90 ${s.p90.toFixed(1).padStart(5)}  max ${s.max.toFixed(1).padStart(6)}`;

if (!chromiumAvailable()) {
  console.error(MISSING_CHROMIUM);
  process.exit(process.env.CI ? 1 : 0);
}

// tsx names functions with a helper the page does not have: give it one.
const editor = await openEditor({ fixtures: false, warmUp: 'json', initScript: 'window.__name = (f) => f' });
const { page } = editor;
try {
  await editor.load('?ruleset=enterprise.json');
  const cases = Number(await page.locator('[data-role=case-list]').getAttribute('data-count'));
  const rows = await page.locator('.case-row').count();
  const elements = await page.evaluate(() => document.querySelectorAll('*').length);
  console.log(`credit-rules editor bench: ${cases} cases (${rows} rows rendered), ${elements} elements on the page, ${ROUNDS} rounds × ${EDITS} edits per kind`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs\n`);

  const samples = new Map<string, Sample[]>();
  const add = (kind: string, more: Sample[]): void => void samples.set(kind, [...(samples.get(kind) ?? []), ...more.slice(2)]); // the first two warm up
  for (let round = 0; round < ROUNDS; round++) {
    await page.click('[data-tab=form]');
    await page.locator('[data-indicator]').first().waitFor();
    for (const edit of FORM_EDITS) add(edit.kind, await measureTraced(page, { kind: 'form', path: edit.path, values: edit.values }, EDITS + 2));
    await page.click('[data-tab=json]');
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(300);
    add(JSON_KIND, await measureTraced(page, { kind: 'json' }, EDITS + 2));
    await measureInPage(page, { kind: 'json' }, Math.max(0, JSON_WARM_AFTER - (EDITS + 2)));
    add(JSON_WARM_KIND, await measureTraced(page, { kind: 'json' }, EDITS + 2));
  }

  console.log('edit → scores updated and laid out (ms)   | edit → next frame painted (ms)          | main-thread CPU, edit → painted (ms)   | long tasks > 50 ms');
  for (const [kind, list] of samples) {
    const long = list.reduce((n, s) => n + s.longTasks, 0);
    const longest = Math.max(...list.map((s) => s.longest));
    console.log(`${kind}, ${list.length} edits`);
    const cpu = list.map((s) => s.cpu).filter((c): c is number => c !== undefined);
    console.log(`  ${fmt(stats(list.map((s) => s.updated)))} | ${fmt(stats(list.map((s) => s.frame)))} | ${cpu.length ? fmt(stats(cpu)) : '—'} | ${long}${long ? ` (longest ${longest.toFixed(0)} ms)` : ''}`);
  }

  if (REGISTRY > 0) await measureRegistry(page);
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
} finally {
  await editor.close();
}

/** The registry view's answer after each edit, on REGISTRY synthetic enterprises (BENCH_REGISTRY=0 skips it). */
async function measureRegistry(page: Page): Promise<void> {
  // The registry: REGISTRY synthetic enterprises scored by the worker after each edit. Each edit
  // waits for the answer before the next; the values differ, so no answer comes from its cache.
  await page.click('[data-tab=form]');
  await page.click('[data-tab=registry]');
  await page.locator('[data-role=registry-summary]').waitFor({ timeout: 120_000 });
  const registry = await page.evaluate(
    async ({ count, edits, path }) => {
      type Spans = { compile: number; evaluate: number; waiting: number; summary: number };
      type Run = { id: number; asked: number; answered: number; workerMs: number; spans: Spans | null };
      type Store = { loadSynthetic(n: number): void; runs: Run[]; records: unknown[]; workerCount: number };
      const pinia = (globalThis as unknown as { __creditRulesEditor: { pinia: { _s: Map<string, Store> } } }).__creditRulesEditor.pinia;
      const store = pinia._s.get('registry')!;
      const answered = async (after: number): Promise<Run> => {
        for (;;) {
          const run = store.runs[store.runs.length - 1];
          if (run && run.asked >= after) return run;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      };
      const start = performance.now();
      store.loadSynthetic(count);
      await answered(start);
      const input = document.querySelector<HTMLInputElement>(`[data-path="${path}"] input`)!;
      const out: { total: number; worker: number; spans: Spans; input: number }[] = [];
      for (let i = 0; i < edits + 2; i++) {
        const t0 = performance.now();
        input.value = String(19.9 - (i % 10) / 10);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const handled = performance.now() - t0;
        const run = await answered(t0);
        out.push({ total: run.answered - t0, worker: run.workerMs, spans: run.spans ?? { compile: NaN, evaluate: NaN, waiting: NaN, summary: NaN }, input: handled });
      }
      return { records: store.records.length, workers: store.workerCount, samples: out.slice(2) };
    },
    { count: REGISTRY, edits: REGISTRY_EDITS, path: FORM_EDITS[1]!.path },
  );
  console.log(`\nregistry: ${registry.records.toLocaleString('en')} synthetic records rescored by ${registry.workers} workers, each a part, on each edit of E2.1's full score, ${registry.samples.length} edits`);
  console.log(`  edit → answer on the page (ms)     ${fmt(stats(registry.samples.map((s) => s.total)))}`);
  console.log(`  of which the lead worker's (ms)    ${fmt(stats(registry.samples.map((s) => s.worker)))}`);
  console.log(`    reading and compiling the ruleset ${fmt(stats(registry.samples.map((s) => s.spans.compile)))}`);
  console.log(`    scoring its part of the records   ${fmt(stats(registry.samples.map((s) => s.spans.evaluate)))}`);
  console.log(`    waiting for the other parts       ${fmt(stats(registry.samples.map((s) => s.spans.waiting)))}`);
  console.log(`    the summary                       ${fmt(stats(registry.samples.map((s) => s.spans.summary)))}`);
  console.log(`  the edit's own handler (ms)        ${fmt(stats(registry.samples.map((s) => s.input)))}`);
  // The same records scored in this Node process just after: how busy the machine was, in the engine's own terms.
  const { SYNTHETIC_AS_OF, syntheticRegistry } = await import('../editor/model/syntheticRegistry.js');
  const compiled = loadRuleset(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rulesets', 'enterprise.json'), 'utf8')));
  const records = syntheticRegistry(REGISTRY);
  let node = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    for (const record of records) evaluate(compiled, record, { asOf: SYNTHETIC_AS_OF, trace: false, validate: false });
    node = Math.min(node, performance.now() - started);
  }
  console.log(`  the same ${REGISTRY.toLocaleString('en')} records in Node just after (engine from source, validation skipped, best of 3): ${node.toFixed(0)} ms`);
}
