/**
 * Generated functions kept across compilations (engine/codeCache.ts): a ruleset whose
 * conditions did not change reuses them, and every result is the one a fresh engine gives.
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluate, loadRuleset, type CompiledRuleset, type Ruleset } from '../engine/index.js';
import { CodeCache, jsonKey } from '../engine/codeCache.js';
import { shippedCases, readJson } from './support/load.js';

const cases = shippedCases('enterprise').map((c) => c.case);
const enterprise = (): Ruleset => readJson<Ruleset>('rulesets/enterprise.json');
const results = (compiled: CompiledRuleset): unknown[] => cases.map((c) => evaluate(compiled, c.record, { asOf: c.asOf, trace: true }));

/** The results of `ruleset` by an engine loaded afresh, with nothing cached. */
async function freshResults(ruleset: Ruleset): Promise<unknown[]> {
  vi.resetModules();
  const fresh = await import('../engine/index.js');
  const compiled = fresh.loadRuleset(structuredClone(ruleset));
  return cases.map((c) => fresh.evaluate(compiled, c.record, { asOf: c.asOf, trace: true }));
}

/** E2.1 (quality) is the second indicator's first item; its first clause counts complaints. */
const qualityItem = (ruleset: Ruleset) => ruleset.indicators[1]!.items[0]!;

describe('generated functions across compilations', () => {
  it('takes the matchers of a ruleset whose conditions did not change from the last compilation, with the results of a fresh engine', async () => {
    const before = loadRuleset(enterprise());
    const edited = enterprise();
    qualityItem(edited).full = 19;
    edited.grades[1]!.min = 86;
    const after = loadRuleset(edited);
    expect(after.matchersByType.size).toBeGreaterThan(5);
    for (const [type, matcher] of after.matchersByType) expect(matcher).toBe(before.matchersByType.get(type));
    expect(after.slotPredicates).toEqual(before.slotPredicates);
    const scores = results(after);
    expect(scores).toEqual(await freshResults(edited));
    // The edit is seen: the full score moved the cases that score E2.1 from its full score.
    expect(scores).not.toEqual(results(before));
  });

  it('generates again the matchers that read a changed condition, and only those', async () => {
    const before = loadRuleset(enterprise());
    const edited = enterprise();
    // E2.1.1 now counts criticisms instead of complaints.
    const clause = qualityItem(edited).clauses[0]!;
    expect(clause.when).toEqual({ fact: 'event', path: 'type', operator: 'equal', value: 'qualityComplaint' });
    clause.when = { fact: 'event', path: 'type', operator: 'equal', value: 'qualityCriticism' };
    const after = loadRuleset(edited);
    expect(after.matchersByType.get('qualityCriticism')).not.toBe(before.matchersByType.get('qualityCriticism'));
    expect(after.matchersByType.get('qualityAccident')).toBe(before.matchersByType.get('qualityAccident'));
    expect(results(after)).toEqual(await freshResults(edited));

    // The same tests for the same event types (the programs unchanged), one condition's value changed:
    // E2.1.3 (general accidents) now counts larger ones too.
    const accident = qualityItem(edited).clauses[2]!.when as { all: { path: string; operator: string; value: unknown }[] };
    expect(accident.all[1]).toEqual({ fact: 'event', path: 'severity', operator: 'equal', value: 'general' });
    accident.all[1] = { fact: 'event', path: 'severity', operator: 'in', value: ['general', 'larger'] } as never;
    const again = loadRuleset(edited);
    expect([...again.programsByType.get('qualityAccident')!]).toEqual([...after.programsByType.get('qualityAccident')!]);
    expect(again.matchersByType.get('qualityAccident')).not.toBe(after.matchersByType.get('qualityAccident'));
    expect(again.matchersByType.get('qualityCriticism')).toBe(after.matchersByType.get('qualityCriticism'));
    expect(results(again)).toEqual(await freshResults(edited));
    expect(results(again)).not.toEqual(results(after));
  });

  it('generates everything again when a parameter changes (parameters are constants in the code)', async () => {
    const base = enterprise();
    const name = Object.keys(base.parameters).find((n) => typeof base.parameters[n]!.value === 'number')!;
    const before = loadRuleset(base);
    const edited = enterprise();
    edited.parameters[name]!.value = (edited.parameters[name]!.value as number) + 1;
    const after = loadRuleset(edited);
    for (const [type, matcher] of after.matchersByType) expect(matcher).not.toBe(before.matchersByType.get(type));
    expect(results(after)).toEqual(await freshResults(edited));
  });

  it('keeps nothing for a ruleset holding values JSON cannot write exactly', () => {
    expect(jsonKey({ all: [{ fact: 'event', path: 'type', operator: 'equal', value: 'a' }], n: [1, 2.5, null, true] })).toBe(
      '{"all":[{"fact":"event","path":"type","operator":"equal","value":"a"}],"n":[1,2.5,null,true]}',
    );
    for (const odd of [NaN, Infinity, [1, undefined], { value: undefined }, new Date(0), new Array<number>(2), { f: () => 1 }, new Map()]) expect(jsonKey(odd)).toBeUndefined();
    expect(CodeCache.of([{ a: NaN }, {}])).toBeUndefined();
    // A condition holding NaN (only a program can pass one) is generated each time.
    const odd = enterprise();
    const accident = qualityItem(odd).clauses[2]!.when as { all: { path: string; value: unknown }[] };
    expect(accident.all[1]).toMatchObject({ path: 'severity', value: 'general' });
    accident.all[1]!.value = NaN;
    const first = loadRuleset(odd);
    const second = loadRuleset(structuredClone(odd));
    expect(second.matchersByType.get('qualityAccident')).not.toBe(first.matchersByType.get('qualityAccident'));
    expect(second.matchersByType.get('qualityComplaint')).toBe(first.matchersByType.get('qualityComplaint'));
  });
});
