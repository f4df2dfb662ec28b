/**
 * Run as a script (`node --import tsx test/support/time-layered.ts load 3 50x100 100x100 loop5000`):
 * times loading the rulesets of layered.ts, or saving them through the editor's file
 * server (`save`), the best of the given rounds, and prints the figures as one JSON line. A process of its own, so that a
 * test can bound it with a timeout: a load that grows exponentially would hang the test
 * runner, not fail a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreditRulesError, loadRuleset } from '../../engine/index.js';
import { FileApiError, RulesetFiles } from '../../editor/server/files.js';
import { sizedRuleset, type Timing } from './layered.js';

const [mode, rounds, ...sizes] = process.argv.slice(2);
const rulesets = sizes.map((size) => ({ size, json: sizedRuleset(size) }));

const timings: Timing[] = rulesets.map(({ size }) => ({ size, ms: Infinity, outcome: '', paths: [] }));
const root = mode === 'save' ? mkdtempSync(join(tmpdir(), 'credit-rules-layered-')) : '';
// Rounds take turns over the sizes, so a slow spell of a shared machine falls on all of them.
for (let round = 0; round < Number(rounds); round++) {
  for (const [i, { size, json }] of rulesets.entries()) {
    const timing = timings[i]!;
    const text = mode === 'save' ? JSON.stringify(json) : '';
    const started = performance.now();
    try {
      if (mode === 'save') await new RulesetFiles({ root }).write(`layered-${size}.json`, text, null);
      else loadRuleset(json);
      timing.outcome = 'ok';
    } catch (error) {
      if (!(error instanceof CreditRulesError || error instanceof FileApiError)) throw error;
      timing.outcome = error.code;
      timing.paths = error.problems.map((p) => p.path);
    }
    timing.ms = Math.min(timing.ms, performance.now() - started);
  }
}
if (root) rmSync(root, { recursive: true, force: true });
console.log(JSON.stringify(timings));
