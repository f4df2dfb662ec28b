/**
 * `npm run bench`: the engine's speed and the CLI's cost, measured side by side in one run.
 * Figures are printed, not asserted: the machines are shared and noisy, so each figure is
 * the best of several rounds and the ratios compare paths measured in the same process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { EvaluateOptions, Ruleset } from '../engine/index.js';
import { generateRecords } from '../test/support/generate.js';
import { timeInChild } from '../test/support/layered.js';
import { serviceBench } from './serve.js';

// The engine as users run it: the built library (`npm run bench` builds it first), not the
// TypeScript sources through a loader, which measured about 30% slower.
const built = (file: string): Promise<unknown> => import(new URL(`../dist/${file}`, import.meta.url).href);
const { evaluate, forecast, loadRuleset } = (await built('index.js')) as typeof import('../engine/index.js');
// The json-rules-engine reference is test support, not part of the package: loaded from source.
const { ReferenceMatcher, evaluateReference } = await import('../test/support/reference.js');

const ROOT = join(import.meta.dirname, '..');
const RULESET = join(ROOT, 'rulesets', 'enterprise.json');
const CLI = join(ROOT, 'dist', 'credit-rules.js');
const AS_OF = '2021-06-30';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const STREAMED = Number(process.env.BENCH_STREAMED ?? 1_000_000);
const REFERENCE_SUBSET = 500;

const json = JSON.parse(readFileSync(RULESET, 'utf8')) as Ruleset;
const compiled = loadRuleset(json);
const records = generateRecords(2021, RECORDS, json.eventTypes, { asOf: AS_OF });
const events = records.reduce((n, r) => n + (r.events?.length ?? 0), 0);

/**
 * Records per second of each way of evaluating, the best of `rounds`: the ways take turns
 * round by round, so a slow spell of the shared machine falls on all of them alike.
 */
function bestRates(ways: Record<string, EvaluateOptions>, rounds: number): Record<string, number> {
  const best: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [label, way] of Object.entries(ways)) {
      const options = { asOf: AS_OF, ...way };
      const start = performance.now();
      for (const record of records) evaluate(compiled, record, options);
      best[label] = Math.max(best[label] ?? 0, RECORDS / ((performance.now() - start) / 1000));
    }
  }
  for (const [label, rate] of Object.entries(best)) console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en').padStart(10)} records/s`);
  return best;
}

console.log(`credit-rules bench: ${RECORDS.toLocaleString('en')} seeded records, ${(events / RECORDS).toFixed(1)} events each on average, as of ${AS_OF}`);
console.log(`node ${process.version}, ${process.platform} ${process.arch}; each rate the best of 8 rounds\n`);

const OFF = 'compiled, trace off (records validated)';
const OFF_TRUSTED = 'compiled, trace off (validation skipped)';
const ON = 'compiled, full trace (records validated)';
const rates = bestRates({ [OFF]: { trace: false }, [OFF_TRUSTED]: { trace: false, validate: false }, [ON]: { trace: true } }, 8);
const [off, offTrusted, on] = [rates[OFF]!, rates[OFF_TRUSTED]!, rates[ON]!];

// The forecast of one record with 100 events, as the editor computes it when a case is opened:
// each of 20 records the best of 5 rounds, then the slowest of them and their median.
const FORECAST_EVENTS = 100;
const forecastRecords = generateRecords(17, 20, json.eventTypes, { asOf: AS_OF, events: FORECAST_EVENTS });
const forecastBest = forecastRecords.map(() => Infinity);
for (let round = 0; round < 5; round++) {
  forecastRecords.forEach((record, i) => {
    const began = performance.now();
    forecast(compiled, record, { asOf: AS_OF });
    forecastBest[i] = Math.min(forecastBest[i]!, performance.now() - began);
  });
}
const forecastSorted = [...forecastBest].sort((a, b) => a - b);
const forecastMedian = forecastSorted[forecastSorted.length >> 1]!;
const forecastWorst = forecastSorted[forecastSorted.length - 1]!;
const oneEvaluation = (() => {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const began = performance.now();
    for (const record of forecastRecords) evaluate(compiled, record, { asOf: AS_OF, trace: true });
    best = Math.min(best, (performance.now() - began) / forecastRecords.length);
  }
  return best;
})();
console.log(`${`forecast, one record of ${FORECAST_EVENTS} events (20 records)`.padEnd(44)} ${forecastMedian.toFixed(1).padStart(10)} ms median, ${forecastWorst.toFixed(1)} ms the slowest (${(forecastMedian / oneEvaluation).toFixed(0)}× one traced evaluation of such a record, ${oneEvaluation.toFixed(2)} ms)`);

const matcher = new ReferenceMatcher(compiled);
const subset = records.slice(0, REFERENCE_SUBSET);
let start = performance.now();
for (const record of subset) await evaluateReference(matcher, compiled, record, { asOf: AS_OF, trace: false });
const reference = REFERENCE_SUBSET / ((performance.now() - start) / 1000);
console.log(`${`json-rules-engine reference (${REFERENCE_SUBSET} records)`.padEnd(44)} ${Math.round(reference).toLocaleString('en').padStart(10)} records/s`);

// The CLI: cold start on one record, and peak memory streaming NDJSON.
const dir = mkdtempSync(join(tmpdir(), 'credit-rules-bench-'));
const one = join(dir, 'one.json');
writeFileSync(one, JSON.stringify(records[0]));
const walls: number[] = [];
for (let i = 0; i < 7; i++) {
  start = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'evaluate', one, '--ruleset', RULESET, '--as-of', AS_OF], { encoding: 'utf8' });
  walls.push(performance.now() - start);
  if (run.status !== 0) throw new Error(`the CLI failed on one record: ${run.stderr}`);
}
walls.sort((a, b) => a - b);
const coldStart = walls[Math.floor(walls.length / 2)]!;
console.log(`${'CLI, one record, cold start (median of 7)'.padEnd(44)} ${coldStart.toFixed(0).padStart(10)} ms`);

const ndjson = join(dir, 'records.ndjson');
const out = createWriteStream(ndjson);
for (let done = 0; done < STREAMED; done += 10_000) {
  const chunk = generateRecords(done + 1, Math.min(10_000, STREAMED - done), json.eventTypes, { asOf: AS_OF });
  if (!out.write(`${chunk.map((r) => JSON.stringify(r)).join('\n')}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
// The same records as one JSON array, pretty-printed as an app might write it: streamed element by element.
const array = join(dir, 'records.json');
const arrayOut = createWriteStream(array);
arrayOut.write('[\n');
for (let done = 0; done < STREAMED; done += 10_000) {
  const chunk = generateRecords(done + 1, Math.min(10_000, STREAMED - done), json.eventTypes, { asOf: AS_OF });
  if (!arrayOut.write(`${done ? ',\n' : ''}${chunk.map((r) => JSON.stringify(r, null, 2)).join(',\n')}`)) await once(arrayOut, 'drain');
}
arrayOut.end('\n]\n');
await once(arrayOut, 'finish');

/** Runs the CLI on a records file (NDJSON by default) and samples its peak resident memory (VmHWM) from /proc. */
async function streamed(format: string, file = ndjson): Promise<{ seconds: number; peakMb: number }> {
  const began = performance.now();
  const child = spawn(process.execPath, [CLI, 'evaluate', file, '--ruleset', RULESET, '--as-of', AS_OF, '--format', format, ...(format === 'json' ? ['--no-trace'] : [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just ended
    }
  }, 25);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(sample);
  if (code !== 0) throw new Error(`the CLI failed streaming ${file} (exit ${code}): ${stderr.slice(0, 500)}`);
  return { seconds: (performance.now() - began) / 1000, peakMb: peakKb / 1024 };
}

let peakMb = 0;
for (const format of ['csv', 'json']) {
  const run = await streamed(format);
  peakMb = Math.max(peakMb, run.peakMb);
  const label = `CLI, ${STREAMED.toLocaleString('en')} NDJSON records → ${format}${format === 'json' ? ' (no trace)' : ''}`;
  console.log(`${label.padEnd(44)} ${run.peakMb.toFixed(0).padStart(10)} MB peak RSS, ${run.seconds.toFixed(1)} s (${Math.round(STREAMED / run.seconds).toLocaleString('en')} records/s)`);
}
console.log(`(the same records as a JSON array, ${(statSync(array).size / 1024 / 1024).toFixed(0)} MB pretty-printed, streamed element by element)`);
for (const format of ['csv', 'json']) {
  const run = await streamed(format, array);
  peakMb = Math.max(peakMb, run.peakMb);
  const label = `CLI, ${STREAMED.toLocaleString('en')} as a JSON array → ${format}${format === 'json' ? ' (no trace)' : ''}`;
  console.log(`${label.padEnd(44)} ${run.peakMb.toFixed(0).padStart(10)} MB peak RSS, ${run.seconds.toFixed(1)} s (${Math.round(STREAMED / run.seconds).toLocaleString('en')} records/s)`);
}
// The service over HTTP, beside the CLI on the same records (bench/serve.ts).
const serviceTargets = await serviceBench({ cli: CLI, rulesets: join(ROOT, 'rulesets'), records: records.slice(0, Number(process.env.BENCH_SERVICE_RECORDS ?? 100_000)), asOf: AS_OF, dir, inProcess: off });
rmSync(dir, { recursive: true, force: true });

// Named conditions in layers (test/support/layered.ts): 5,000 and 10,000 conditions, each
// naming two of the layer below; loading shares each name, so time grows with the count.
const [halfLayers, fullLayers] = timeInChild('load', ['50x100', '100x100'], { rounds: 5 });
const layersGrowth = fullLayers!.ms / halfLayers!.ms;
console.log(`${'load 10,000 layered named conditions (best of 5)'.padEnd(44)} ${fullLayers!.ms.toFixed(0).padStart(10)} ms (5,000: ${halfLayers!.ms.toFixed(0)} ms, ${layersGrowth.toFixed(2)}× for twice as many)`);

console.log('\nratios');
console.log(`  compiled trace off / json-rules-engine reference  ${(off / reference).toFixed(0)}×`);
console.log(`  compiled trace off, no validation / reference     ${(offTrusted / reference).toFixed(0)}×`);
console.log(`  full trace / trace off                            ${(on / off).toFixed(2)}`);

const targets: [string, boolean, string][] = [
  ['≥ 200,000 records/s trace off (validation skipped)', offTrusted >= 200_000, Math.round(offTrusted).toLocaleString('en')],
  ['≥ 200,000 records/s trace off (records validated)', off >= 200_000, Math.round(off).toLocaleString('en')],
  ['≥ 50,000 records/s full trace (records validated)', on >= 50_000, Math.round(on).toLocaleString('en')],
  ['≥ 100× the json-rules-engine reference', off / reference >= 100, `${(off / reference).toFixed(0)}×`],
  ['one-record CLI < 300 ms', coldStart < 300, `${coldStart.toFixed(0)} ms`],
  [`forecast, ${FORECAST_EVENTS} events ≤ 50 ms (slowest of 20)`, forecastWorst <= 50, `${forecastWorst.toFixed(1)} ms`],
  ['10,000 layered named conditions load in about a second', fullLayers!.ms <= 1500, `${fullLayers!.ms.toFixed(0)} ms`],
  ['named conditions load linearly (twice as many ≤ 3× the time; quadratic is 4×)', layersGrowth <= 3, `${layersGrowth.toFixed(2)}×`],
  [`${STREAMED.toLocaleString('en')} records streamed (NDJSON, a JSON array) < 300 MB RSS`, peakMb < 300, `${peakMb.toFixed(0)} MB`],
  ...serviceTargets,
];
console.log('\ntargets');
for (const [target, met, measured] of targets) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${target.padEnd(52)} ${measured}`);
