/**
 * Random enterprise records (every event type and attribute value, windows on both sides):
 * the compiled path and the json-rules-engine reference give the same result; the trace
 * adds up to the score; turning the trace off changes nothing but the trace.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine/index.js';
import { ReferenceMatcher, evaluateReference } from './support/reference.js';
import { matchCompiled } from '../engine/match.js';
import { recordFits } from '../engine/records.js';
import * as conditions from '../engine/conditions.js';
import { generateRecords } from './support/generate.js';
import { shippedRuleset } from './support/load.js';

const { json, compiled } = shippedRuleset('enterprise');
const asOf = '2021-06-30';

describe('random records', () => {
  const records = generateRecords(20211130, 300, json.eventTypes, { asOf });

  it('score the same through json-rules-engine as through the compiled conditions', async () => {
    const matcher = new ReferenceMatcher(compiled);
    for (const record of records) {
      const fast = evaluate(compiled, record, { asOf });
      delete fast.warnings;
      expect(await evaluateReference(matcher, compiled, record, { asOf })).toEqual(fast);
    }
  });

  it('score the same with their events checked as they are matched as when trusted (validate: false)', () => {
    let checkedAsMatched = 0;
    for (const record of records) {
      if (recordFits(record, compiled) && matchCompiled(compiled, record, asOf, true)) checkedAsMatched++;
      const validated = evaluate(compiled, record, { asOf });
      delete validated.warnings;
      expect(evaluate(compiled, record, { asOf, validate: false })).toEqual(validated);
    }
    expect(checkedAsMatched).toBeGreaterThan(records.length / 2);
  });

  it("choose an event type's matcher by the event's own type only, as json-rules-engine reads it", async () => {
    // An object, not JSON: its event inherits `type`, which json-rules-engine's (own-property)
    // path resolver does not see, so no rule of the type may match it.
    const event = Object.assign(Object.create({ type: 'qualityAccident' }) as object, { date: '2021-03-01', severity: 'general' });
    const record = { id: 'R', kind: 'enterprise', projects: [{ id: 'P1', permitDate: '2020-01-01' }], events: [event] } as unknown as Parameters<typeof evaluateReference>[2];
    const fast = evaluate(compiled, record, { asOf, validate: false });
    expect(fast.indicators.find((i) => i.id === 'E2')!.score).toBe(evaluate(compiled, { ...record, events: [] }, { asOf }).indicators.find((i) => i.id === 'E2')!.score);
    expect(await evaluateReference(new ReferenceMatcher(compiled), compiled, record, { asOf })).toEqual(fast);
  });

  it('find the project an event names among many projects, as json-rules-engine does', async () => {
    // Over 16 projects the engine looks them up by id instead of scanning: the same project.
    const projects = Array.from({ length: 20 }, (_, i) => ({ id: `P${i}`, permitDate: '2020-01-01', landscaping: i !== 19 }));
    const matcher = new ReferenceMatcher(compiled);
    const e2 = (r: { indicators: { id: string; score: number }[] }): number => r.indicators.find((i) => i.id === 'E2')!.score;
    const scores = [];
    for (const project of ['P18', 'P19']) {
      const record = { id: 'R', kind: 'enterprise' as const, projects, events: [{ type: 'qualityAccident', date: '2021-03-01', severity: 'general', project }] };
      const fast = evaluate(compiled, record, { asOf });
      delete fast.warnings;
      expect(await evaluateReference(matcher, compiled, record, { asOf })).toEqual(fast);
      scores.push(e2(fast));
    }
    expect(scores[0]).toBeLessThan(scores[1]!); // P19 is not a landscaping project: its accident does not count (N1)
    expect(() => evaluate(compiled, { id: 'R', kind: 'enterprise', projects, events: [{ type: 'qualityComplaint', date: '2021-03-01', project: 'P20' }] }, { asOf })).toThrow(/invalid/);
  });

  it('score the same where code generation is not allowed (the matcher interprets the programs, closures decide, every event gets the explaining vocabulary check)', () => {
    const { compileCondition } = conditions;
    const interpreted = {
      ...compiled,
      untypedMatcher: undefined,
      matchersByType: new Map(),
      checkingMatchers: new Map(),
      eventFits: undefined,
      slotPredicates: compiled.slotConditions.map((c) => compileCondition(c, json.conditions)),
    };
    for (const record of records) expect(evaluate(interpreted, record, { asOf })).toEqual(evaluate(compiled, record, { asOf }));
  });

  it('have traces that add up to the table score, and the same score without a trace', () => {
    for (const record of generateRecords(7, 3000, json.eventTypes, { asOf })) {
      const traced = evaluate(compiled, record, { asOf });
      const sum = traced.trace!.reduce((total, entry) => total + Math.round(entry.points * 1000), 0);
      expect(sum / 1000).toBe(traced.computedScore);
      const plain = evaluate(compiled, record, { asOf, trace: false });
      expect(plain.trace).toBeUndefined();
      expect({ ...plain }).toEqual({ ...traced, trace: undefined });
    }
  });

  it('never score an indicator below 0 or above its maximum', () => {
    const max: Record<string, number> = { E1: 8, E2: 28, E3: 26, E4: 2, E5: 8, E6: 16, E7: 12 };
    for (const record of generateRecords(11, 3000, json.eventTypes, { asOf, maxEvents: 30 })) {
      for (const indicator of evaluate(compiled, record, { asOf, trace: false }).indicators) {
        expect(indicator.score).toBeGreaterThanOrEqual(0);
        expect(indicator.score).toBeLessThanOrEqual(max[indicator.id]!);
      }
    }
  });
});
