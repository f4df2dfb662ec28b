/**
 * "Did you mean": the edit distance counts two neighbouring letters swapped as one edit
 * (optimal string alignment), so the commonest typo of all gets its suggestion.
 */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, type Ruleset } from '../../engine/index.js';
import { nearest } from '../../engine/cli/args.js';
import { closest, editDistance } from '../../engine/suggest.js';
import { readJson } from '../support/load.js';

describe('editDistance', () => {
  it.each([
    ['end', 'end', 0],
    ['edn', 'end', 1],
    ['dya', 'day', 1],
    ['ca', 'ac', 1],
    ['abcd', 'badc', 2],
    // Optimal string alignment edits no substring twice: "ca" → "abc" is 3, not the 2 of unrestricted Damerau.
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['Grade', 'grdae', 1],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  it('suggests a name with two letters swapped, which Levenshtein put two edits away', () => {
    expect(closest('edn', ['end', 'months'])).toBe('end');
    expect(closest('dya', ['day', 'monthEnd'])).toBe('day');
    expect(closest('lable', ['label', 'levels'])).toBe('label');
  });

  it('still suggests nothing for a name that is not near', () => {
    expect(closest('xyz', ['end', 'day'])).toBeUndefined();
    expect(closest('dy', ['day', 'end'])).toBe('day');
  });

  it('the command line suggests a swapped command too', () => {
    expect(nearest('tets', ['evaluate', 'validate', 'test'])).toBe('test');
  });
});

describe('a ruleset with a key whose letters are swapped', () => {
  it('names the key it means', () => {
    const copy = structuredClone(readJson<Ruleset>('rulesets/enterprise.json')) as unknown as Record<string, any>;
    copy.windows.edn = copy.windows.end;
    delete copy.windows.end;
    try {
      loadRuleset(copy);
      expect.unreachable();
    } catch (error) {
      expect((error as CreditRulesError).code).toBe('RULESET_INVALID');
      const unknown = (error as CreditRulesError).problems.find((p) => p.code === 'schema.unknownKey');
      expect(unknown?.path).toBe('$.windows.edn');
      expect(unknown?.params).toMatchObject({ key: 'edn', guess: 'end' });
    }
  });
});
