/**
 * Named conditions are compiled once and shared, however they refer to each other: load
 * time grows with the ruleset's size, never with its size written out, and a loop or a
 * chain too deep is a problem with its JSON path, never a hang or a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { compileCondition, requiredEventTypes } from '../engine/conditions.js';
import { generatePredicate } from '../engine/codegen.js';
import { MAX_NAMED_DEPTH, NamedConditions, expandedDepth, expandedSize, namedConditionProblems } from '../engine/namedConditions.js';
import type { Condition } from '../engine/index.js';
import { layerName, layeredConditions, timeInChild } from './support/layered.js';

const severity = (value: string): Condition => ({ fact: 'event', path: 'severity', operator: 'equal', value });

describe('named conditions', () => {
  it('load 10,000 in layers of 100, each naming two below, and refuse a chain deeper than the limit (5,000 layers of 2; a chain of 5,000; a loop of 5,000), each in seconds, naming the conditions where it passes the limit', () => {
    // One process, bounded by a timeout: written out, the top layer is 2^99 tests, so a load that
    // expanded instead of sharing would never end. How load time grows is printed by `npm run bench`.
    const [layers100, layers, chain, loop] = timeInChild('load', ['100x100', '5000x2', '5000x1', 'loop5000']);
    expect(layers100!.outcome).toBe('ok');
    // Each layer nests two levels (an all or any, and a reference): layer 256 is the first past 512.
    expect(MAX_NAMED_DEPTH).toBe(512);
    expect(layers).toMatchObject({ outcome: 'RULESET_REFERENCE', paths: ['$.conditions.layer256_0', '$.conditions.layer256_1'] });
    expect(chain).toMatchObject({ outcome: 'RULESET_REFERENCE', paths: ['$.conditions.layer256_0'] });
    expect(loop!.outcome).toBe('RULESET_REFERENCE');
    expect(loop!.paths).toHaveLength(5000);
    for (const timing of [layers100!, layers!, chain!, loop!]) expect(timing.ms).toBeLessThan(10_000);
  }, 150_000);

  it('are written into generated code while small, and called as one shared function when not', () => {
    const named = layeredConditions(30, 2); // written out, layer 29 is 2^29 tests
    const top = { condition: layerName(29, 0) };
    const generated = generatePredicate(top, named);
    expect(generated.toString()).toMatch(/\bn0\(f\)/);
    expect(generated.toString().length).toBeLessThan(500);
    const layer2 = generatePredicate({ condition: layerName(2, 0) }, named).toString(); // 2^2 tests: written in
    expect(layer2).toContain('.indexOf(a)');
    expect(layer2).not.toMatch(/\bn0\(f\)/);
    // Layer 0 is "general or larger" and "larger or major"; every layer above holds for "larger" only.
    const closures = compileCondition(top, named);
    const severities = ['general', 'larger', 'major', undefined];
    const events = severities.map((severity) => ({ event: severity === undefined ? {} : { severity } }));
    expect(events.map((facts) => generated(facts))).toEqual([false, true, false, false]);
    expect(events.map((facts) => closures(facts))).toEqual([false, true, false, false]);
  });

  it('are evaluated once per event, however many paths reach them, in both compiled forms', () => {
    // 20 layers of all, every test true: written out, the top is 2^19 tests, each reading the event.
    const named: Record<string, Condition> = { [layerName(0, 0)]: severity('major'), [layerName(0, 1)]: { fact: 'event', path: 'n', operator: 'greaterThan', value: 0 } };
    for (let k = 1; k < 20; k++) for (const i of [0, 1]) named[layerName(k, i)] = { all: [{ condition: layerName(k - 1, i) }, { condition: layerName(k - 1, 1 - i) }] };
    const graph = NamedConditions.of(named);
    const top: Condition = { all: [{ condition: layerName(19, 0) }, { condition: layerName(19, 1) }] };
    for (const predicate of [generatePredicate(top, graph), compileCondition(top, graph)]) {
      let reads = 0;
      const event = { severity: 'major', n: 1 };
      const facts = {
        get event() {
          reads++;
          return event;
        },
      };
      for (let round = 0; round < 3; round++) expect(predicate(facts)).toBe(true);
      event.n = 0; // a new evaluation sees the event as it is now, not what a shared condition kept
      expect(predicate(facts)).toBe(false);
      expect(reads).toBeLessThan(4 * 1000);
    }
  });

  it('give the event types a layered condition pins, found once per name', () => {
    const named = layeredConditions(40, 2);
    named[layerName(0, 0)] = { fact: 'event', path: 'type', operator: 'in', value: ['qualityAccident', 'safetyAccident'] };
    named[layerName(0, 1)] = { fact: 'event', path: 'type', operator: 'equal', value: 'safetyAccident' };
    // Layer 1 is an all of both: safetyAccident; layer 2 an any: no type pinned; layer 3 an all of two unpinned.
    expect(requiredEventTypes({ condition: layerName(1, 0) }, named)).toEqual(['safetyAccident']);
    expect(requiredEventTypes({ condition: layerName(39, 0) }, named)).toBeUndefined();
    expect(requiredEventTypes({ all: [{ condition: layerName(39, 0) }, { condition: layerName(1, 1) }] }, named)).toEqual(['safetyAccident']);
  });

  it('measure size and depth written out without writing them out', () => {
    const graph = NamedConditions.of(layeredConditions(100, 2));
    expect(graph.value(expandedSize, layerName(0, 0))).toBe(1);
    expect(graph.value(expandedSize, layerName(1, 0))).toBe(5); // all, two references, two tests
    expect(graph.value(expandedSize, layerName(99, 0))).toBeGreaterThan(2 ** 99);
    expect(graph.value(expandedDepth, layerName(99, 0))).toBe(1 + 2 * 99);
  });

  it('say each condition of a loop with a walk back to itself, and nothing for one that only names the loop', () => {
    const problems = namedConditionProblems({
      a: { all: [{ condition: 'b' }, severity('major')] },
      b: { not: { condition: 'c' } },
      c: { any: [{ condition: 'a' }, { condition: 'c' }] },
      user: { condition: 'a' },
      self: { all: [{ condition: 'self' }] },
      fine: severity('general'),
    });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['$.conditions.a', 'condition refers to itself: a → b → c → a'],
      ['$.conditions.b', 'condition refers to itself: b → c → a → b'],
      ['$.conditions.c', 'condition refers to itself: c → a → b → c'],
      ['$.conditions.self', 'condition refers to itself: self → self'],
    ]);
    expect(problems.every((p) => p.fix && /[\u4e00-\u9fff]/.test(p.zh!))).toBe(true);
  });

  it('write a long loop by its ends, each member in a message of its own size', () => {
    const named: Record<string, Condition> = {};
    for (let i = 0; i < 1000; i++) named[`c${i}`] = { any: [{ condition: `c${(i + 1) % 1000}` }, severity('major')] };
    const problems = namedConditionProblems(named);
    expect(problems).toHaveLength(1000);
    expect(problems[0]!.message).toBe('condition refers to itself: c0 → c1 → c2 → c3 → … (993 more) … → c997 → c998 → c999 → c0');
    expect(problems[500]!.message).toBe('condition refers to itself: c500 → c501 → c502 → c503 → … (993 more) … → c497 → c498 → c499 → c500');
  });

  it('say a chain deeper than the limit where it passes the limit, with a fix', () => {
    const named: Record<string, Condition> = { c0: severity('major') };
    for (let i = 1; i < 600; i++) named[`c${i}`] = { not: { condition: `c${i - 1}` } };
    const problems = namedConditionProblems(named);
    // c{i} nests 2i + 1 levels: c256 is the first deeper than 512.
    expect(problems.map((p) => p.path)).toEqual(['$.conditions.c256']);
    expect(problems[0]!.message).toBe('condition nests 513 levels deep through the conditions it names in turn (c256 → c255 → c254 → c253 → …), more than 512');
    expect(problems[0]!.fix).toMatch(/512/);
  });
});
