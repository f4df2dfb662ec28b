/**
 * Generated functions kept across compilations (engine/codeCache.ts): a ruleset whose
 * conditions did not change reuses them, and every result is the one a fresh engine gives.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { CreditRulesError, evaluate, loadRuleset, type CompiledRuleset, type Ruleset } from '../engine/index.js';
import { CodeCache, jsonKey, partNumber } from '../engine/codeCache.js';
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

  it('names each key by a number no other key is ever given, also after the table is emptied', () => {
    const first = partNumber('{"fact":"event","path":"type","operator":"equal","value":"a"}');
    expect(partNumber('{"fact":"event","path":"type","operator":"equal","value":"a"}')).toBe(first);
    expect(partNumber('{"fact":"event","path":"type","operator":"equal","value":"b"}')).not.toBe(first);
    const given = new Map<number, string>();
    // More keys than the table keeps: it is emptied on the way, and numbers go on from where they were.
    for (let i = 0; i < 45000; i++) {
      const key = `k${i % 30000}`;
      const n = partNumber(key);
      expect(given.get(n) ?? key).toBe(key);
      given.set(n, key);
    }
    expect(given.size).toBeGreaterThan(30000);
    expect(Math.min(...given.keys())).toBeGreaterThan(first);
  });
});

/** What loading a ruleset gives: every shipped case's result with its trace, or the problems it is refused for. */
function outcome(engine: Pick<typeof import('../engine/index.js'), 'loadRuleset' | 'evaluate' | 'CreditRulesError'>, ruleset: Ruleset): unknown {
  try {
    const compiled = engine.loadRuleset(structuredClone(ruleset));
    return cases.map((c) => engine.evaluate(compiled, c.record, { asOf: c.asOf, trace: true }));
  } catch (error) {
    if (!(error instanceof engine.CreditRulesError)) throw error;
    return { code: error.code, problems: error.problems };
  }
}

/**
 * An edit of E2.1 or the grades as the editor makes them: a number, a window, a grade line
 * moved, a parameter, a condition's value, two clauses' conditions swapped (their matchers
 * then read other slots). Some make the ruleset invalid (a deduction of +1, a grade line
 * moved past the next), as typing does on the way.
 */
type Edit =
  | { kind: 'points' | 'window'; clause: number; value: number }
  | { kind: 'full' | 'parameter'; value: number }
  | { kind: 'grade'; grade: number; value: number }
  | { kind: 'severity'; value: string }
  | { kind: 'swap'; a: number; b: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('points'), clause: fc.nat(3), value: fc.integer({ min: -9, max: 1 }) }),
  fc.record({ kind: fc.constant('full'), value: fc.integer({ min: 15, max: 25 }) }),
  fc.record({ kind: fc.constant('window'), clause: fc.nat(3), value: fc.integer({ min: 0, max: 72 }) }),
  fc.record({ kind: fc.constant('grade'), grade: fc.nat(4), value: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ kind: fc.constant('parameter'), value: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('severity'), value: fc.constantFrom('general', 'larger', 'major', 'especiallyMajor', 'serious') }),
  fc.record({ kind: fc.constant('swap'), a: fc.nat(3), b: fc.nat(3) }),
);

function apply(ruleset: Ruleset, e: Edit): Ruleset {
  const next = structuredClone(ruleset);
  const clauses = qualityItem(next).clauses;
  if (e.kind === 'points') clauses[e.clause]!.points = e.value;
  else if (e.kind === 'window') clauses[e.clause]!.window = { months: e.value };
  else if (e.kind === 'full') qualityItem(next).full = e.value;
  else if (e.kind === 'grade') next.grades[e.grade]!.min += e.value;
  else if (e.kind === 'parameter') next.parameters.announcementMonths!.value = e.value;
  else if (e.kind === 'severity') severityCondition(clauses)!.value = e.value;
  else if (e.kind === 'swap') [clauses[e.a]!.when, clauses[e.b]!.when] = [clauses[e.b]!.when, clauses[e.a]!.when];
  return next;
}

/** The accident clause's severity condition, wherever a swap has moved it. */
function severityCondition(clauses: ReturnType<typeof qualityItem>['clauses']): { path: string; value: unknown } | undefined {
  for (const clause of clauses) {
    const found = ((clause.when as { all?: { path?: string; value: unknown }[] }).all ?? []).find((c) => c.path === 'severity');
    if (found) return found as { path: string; value: unknown };
  }
  return undefined;
}

describe('generated functions kept over a run of edits', () => {
  it('give, after every edit, what an engine loaded afresh gives: the same results of every case, or the same problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let ruleset = enterprise();
        for (const e of edits) {
          ruleset = apply(ruleset, e);
          vi.resetModules();
          const fresh = await import('../engine/index.js');
          expect(outcome({ loadRuleset, evaluate, CreditRulesError }, ruleset)).toEqual(outcome(fresh, ruleset));
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
