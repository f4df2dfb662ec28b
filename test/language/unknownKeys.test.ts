/**
 * A key a ruleset's object does not allow (a typo) is named at its own JSON path, with the
 * allowed key it probably means: one test per kind of place, and the case file's.
 */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, validateCase, type Problem, type Ruleset, type SampleCase } from '../../engine/index.js';
import { readJson } from '../support/load.js';

const enterprise = readJson<Ruleset>('rulesets/enterprise.json');

/** The problems loading a changed copy of the enterprise ruleset gives. */
function problemsOf(change: (r: Record<string, any>) => void): Problem[] {
  const copy = structuredClone(enterprise) as unknown as Record<string, any>;
  change(copy);
  try {
    loadRuleset(copy);
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    expect(error.code).toBe('RULESET_INVALID');
    return error.problems;
  }
  throw new Error('the ruleset loaded');
}

/** Moves the value of `from` to the misspelt key `to`. */
function misspell(object: Record<string, unknown>, from: string, to: string): void {
  object[to] = object[from];
  delete object[from];
}

describe('an unknown key of a ruleset is named, with the key it probably means', () => {
  it.each([
    ['the top level', (r: Record<string, any>) => misspell(r, 'gradeCitation', 'gradeCitaton'), '$.gradeCitaton', 'gradeCitaton', 'gradeCitation'],
    ['an indicator', (r: Record<string, any>) => misspell(r.indicators[1], 'label', 'labl'), '$.indicators[1].labl', 'labl', 'label'],
    ['an item', (r: Record<string, any>) => misspell(r.indicators[1].items[0], 'full', 'ful'), '$.indicators[1].items[0].ful', 'ful', 'full'],
    ['a clause', (r: Record<string, any>) => misspell(r.indicators[1].items[0].clauses[2], 'window', 'windw'), '$.indicators[1].items[0].clauses[2].windw', 'windw', 'window'],
    ['a clause, its citation', (r: Record<string, any>) => misspell(r.indicators[1].items[0].clauses[2], 'citation', 'citaton'), '$.indicators[1].items[0].clauses[2].citaton', 'citaton', 'citation'],
  ])('on %s', (_place, change, path, key, guess) => {
    const problems = problemsOf(change);
    // The misspelt key, and what its absence under the right name makes required (a missing citation, a missing label).
    const unknown = problems.filter((p) => p.code === 'schema.unknownKey');
    expect(unknown).toHaveLength(1);
    const [problem] = unknown;
    expect(problem!.path).toBe(path);
    expect(problem!.params).toMatchObject({ key, guess });
    expect((problem!.params as { allowed: string[] }).allowed).toContain(guess);
    expect(problem!.message).toBe(`unknown field "${key}"; did you mean "${guess}"?`);
    expect(problem!.fix).toBe(`write "${guess}" (or remove it)`);
    expect(problem!.zh).toBe(`不认识的字段“${key}”(是否应为“${guess}”?),请改正拼写或删除`);
  });

  it('lists the keys allowed there when none is close', () => {
    const [problem] = problemsOf((r) => void (r.indicators[0].items[0].clauses[0].zzzzzz = 1));
    expect(problem!.path).toBe('$.indicators[0].items[0].clauses[0].zzzzzz');
    expect(problem!.params).not.toHaveProperty('guess');
    const allowed = (problem!.params as { allowed: string[] }).allowed;
    // A clause's own keys, not the ruleset's.
    expect(allowed).toEqual(expect.arrayContaining(['id', 'label', 'points', 'levels', 'window', 'citation', 'when']));
    expect(allowed).not.toContain('indicators');
    expect(problem!.fix).toBe(`remove it, or write one of: ${allowed.join(', ')}`);
  });

  it('names every typo, at each depth, not only the deepest', () => {
    const problems = problemsOf((r) => {
      misspell(r, 'gradeCitation', 'gradeCitaton');
      misspell(r.indicators[1].items[0].clauses[2], 'window', 'windw');
    });
    expect(problems.filter((p) => p.code === 'schema.unknownKey').map((p) => p.path)).toEqual(['$.gradeCitaton', '$.indicators[1].items[0].clauses[2].windw']);
  });

  it('leaves a condition to its own problems (its keys say which kind of condition was meant)', () => {
    const problems = problemsOf((r) => void (r.indicators[1].items[0].clauses[2].when = { fact: 'event', path: 'type', operatr: 'equal', value: 'x' }));
    expect(problems.some((p) => p.code === 'schema.unknownKey')).toBe(false);
  });
});

describe('an unknown key of a case file', () => {
  it('is named with the key it probably means', () => {
    const sample = readJson<SampleCase>('rulesets/cases/enterprise/001-baseline-full-scores.json');
    const changed = structuredClone(sample) as unknown as Record<string, any>;
    misspell(changed.expected, 'grade', 'grde');
    const problems = validateCase(changed);
    const unknown = problems.find((p) => p.code === 'schema.unknownKey');
    expect(unknown?.path).toBe('$.expected.grde');
    expect(unknown?.params).toMatchObject({ key: 'grde', guess: 'grade' });
  });
});
