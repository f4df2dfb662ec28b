/**
 * Rulesets whose named conditions refer to each other in layers: above the shipped
 * enterprise ruleset's own, `layers` layers of `width` conditions, each naming two of the
 * layer below (all, then any, by turns); E2.1.1's condition names every one of the top
 * layer, so each is compiled. Written out, the top of 100 layers is 2^99 tests: the engine
 * must compile each name once.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Condition, Ruleset } from '../../engine/index.js';
import { readJson, root } from './load.js';

const SEVERITIES = ['general', 'larger', 'major', 'especiallyMajor'];

/** The name of condition `i` of layer `k`. */
export function layerName(k: number, i: number): string {
  return `layer${k}_${i}`;
}

/** The layered named conditions alone. */
export function layeredConditions(layers: number, width: number): Record<string, Condition> {
  const conditions: Record<string, Condition> = {};
  for (let i = 0; i < width; i++) {
    conditions[layerName(0, i)] = { fact: 'event', path: 'severity', operator: 'in', value: [SEVERITIES[i % SEVERITIES.length], SEVERITIES[(i + 1) % SEVERITIES.length]] };
  }
  for (let k = 1; k < layers; k++) {
    for (let i = 0; i < width; i++) {
      const both = [{ condition: layerName(k - 1, i) }, { condition: layerName(k - 1, (i + 1) % width) }];
      conditions[layerName(k, i)] = k % 2 ? { all: both } : { any: both };
    }
  }
  return conditions;
}

/** The enterprise ruleset with `conditions` added, its first clause (E2.1.1) also requiring one of `used`. */
function rulesetUsing(conditions: Record<string, Condition>, used: readonly string[]): Ruleset {
  const ruleset = readJson<Ruleset>('rulesets/enterprise.json');
  ruleset.conditions = { ...ruleset.conditions, ...conditions };
  const clause = ruleset.indicators[1]!.items[0]!.clauses[0]!;
  clause.when = { all: [clause.when, { any: used.map((name) => ({ condition: name })) }] };
  return ruleset;
}

/** The enterprise ruleset with the layered conditions, its first clause naming those of the top layer. */
export function layeredRuleset(layers: number, width: number): Ruleset {
  return rulesetUsing(layeredConditions(layers, width), Array.from({ length: width }, (_, i) => layerName(layers - 1, i)));
}

/** The enterprise ruleset with a loop of `length` names, `loop0` → `loop1` → … → `loop0`, each also testing the severity. */
export function loopRuleset(length: number): Ruleset {
  const conditions: Record<string, Condition> = {};
  for (let i = 0; i < length; i++) conditions[`loop${i}`] = { any: [{ condition: `loop${(i + 1) % length}` }, { fact: 'event', path: 'severity', operator: 'equal', value: 'major' }] };
  return rulesetUsing(conditions, ['loop0']);
}

/** The ruleset a size names: `100x2` is 100 layers of 2 (`layeredRuleset`), `loop5000` a loop of 5,000 names. */
export function sizedRuleset(size: string): Ruleset {
  const loop = /^loop(\d+)$/.exec(size);
  if (loop) return loopRuleset(Number(loop[1]));
  const [layers, width] = size.split('x').map(Number) as [number, number];
  return layeredRuleset(layers, width);
}

/** What time-layered.ts measured of one size: the best time of its rounds, and what became of the ruleset. */
export interface Timing {
  size: string;
  ms: number;
  /** `ok`, or the error's code. */
  outcome: string;
  /** The JSON paths of the problems, when refused. */
  paths: string[];
}

/**
 * Times loads (`load`) or editor saves (`save`) of the rulesets `sizes` name in a process of
 * its own (time-layered.ts), the best of `rounds` taken in turns, bounded by a timeout: a load
 * that grew exponentially would hang the test runner rather than fail. Throws when the
 * process did not finish in time.
 */
export function timeInChild(mode: 'load' | 'save', sizes: readonly string[], { rounds = 1, timeout = 120_000 } = {}): Timing[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/support/time-layered.ts'), mode, String(rounds), ...sizes], { cwd: root, encoding: 'utf8', timeout });
  if (run.error || run.status !== 0) throw new Error(`${mode} ${sizes.join(' ')} did not finish in ${timeout / 1000} s: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as Timing[];
}
