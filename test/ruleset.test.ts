/** A ruleset is checked beyond its schema: references resolve, ids are unique, numbers fit. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, type Ruleset } from '../engine/index.js';
import { readJson } from './support/load.js';

const original = readJson<Ruleset>('rulesets/enterprise.json');

function problemsOf(mutate: (r: Ruleset) => void): { code: string; paths: string[]; messages: string[]; zh?: string[] } {
  const copy = structuredClone(original);
  mutate(copy);
  try {
    loadRuleset(copy, { file: 'rulesets/enterprise.json' });
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    expect(error.file).toBe('rulesets/enterprise.json');
    // Every problem also says itself in Chinese, for policy staff.
    for (const p of error.problems) expect(p.zh, p.path).toMatch(/[\u4e00-\u9fff]/);
    return { code: error.code, paths: error.problems.map((p) => p.path), messages: error.problems.map((p) => `${p.message} — ${p.fix ?? ''}`), zh: error.problems.map((p) => p.zh!) };
  }
  return { code: 'OK', paths: [], messages: [] };
}

const e2 = (r: Ruleset) => r.indicators[1]!.items[0]!;

describe('ruleset checks', () => {
  it('accept the shipped ruleset', () => {
    expect(problemsOf(() => {})).toEqual({ code: 'OK', paths: [], messages: [] });
  });

  it('refuse a ruleset nested more than 100 levels deep at the first value past the limit, and load one just within it', () => {
    const nested = (depth: number): unknown => {
      let condition: unknown = { fact: 'event', path: 'type', operator: 'equal', value: 'bribery' };
      for (let i = 0; i < depth; i++) condition = { not: condition };
      return condition;
    };
    // $.conditions.deep is at depth 2: 98 nots put the innermost condition at depth 100, 99 at 101.
    expect(problemsOf((r) => void (r.conditions['deep'] = nested(98) as never)).code).not.toBe('RULESET_INVALID');
    const deep = problemsOf((r) => void (r.conditions['deep'] = nested(99) as never));
    expect(deep.code).toBe('RULESET_INVALID');
    expect(deep.paths).toEqual([`$.conditions.deep${'.not'.repeat(99)}`]);
    const list = problemsOf((r) => {
      let inner: unknown[] = [];
      r.notes = inner as never;
      for (let i = 0; i < 120; i++) inner.push(1, 'text', (inner = []));
    });
    expect(list.paths).toEqual([`$.notes${'[2]'.repeat(100)}`]);
  });

  it('refuse a schema violation with its JSON path and a fix', () => {
    const result = problemsOf((r) => {
      (e2(r) as { full: unknown }).full = 'twenty';
    });
    expect(result.code).toBe('RULESET_INVALID');
    expect(result.paths).toContain('$.indicators[1].items[0].full');
  });

  it('refuse an impossible effective date', () => {
    const result = problemsOf((r) => {
      r.effectiveFrom = '2021-02-30';
    });
    expect(result.code).toBe('RULESET_INVALID');
    expect(result.paths).toEqual(['$.effectiveFrom']);
  });

  it.each<[string, (r: Ruleset) => void, string]>([
    ['a duplicate clause id', (r) => void (e2(r).clauses[1]!.id = 'E2.1.1'), '$.indicators[1].items[0].clauses[1].id'],
    ['a named condition that does not exist', (r) => void (r.eventCondition = { condition: 'nowhere' }), '$.eventCondition.condition'],
    ['an event type that is not declared', (r) => void ((e2(r).clauses[0]!.when as { value: string }).value = 'qualityComplain'), '$.indicators[1].items[0].clauses[0].when.value'],
    ['an attribute value that is not declared', (r) => void (((e2(r).clauses[2]!.when as { all: { value: string }[] }).all[1]!).value = 'generl'), '$.indicators[1].items[0].clauses[2].when.all[1].value'],
    ['a parameter that does not exist', (r) => void delete (r.parameters as Record<string, unknown>).announcementMonths, '$.indicators[1].items[0].clauses[1].window.defaultParameter'],
    ['a veto of an indicator that does not exist', (r) => void (e2(r).clauses[4]!.vetoes = 'E9'), '$.indicators[1].items[0].clauses[4].vetoes'],
    ['a deduction written as a bonus', (r) => void (e2(r).clauses[2]!.points = 4), '$.indicators[1].items[0].clauses[2].points'],
    ['points finer than 0.001', (r) => void (e2(r).clauses[2]!.points = -4.0001), '$.indicators[1].items[0].clauses[2].points'],
    ['a base score above the full score', (r) => void (e2(r).base = 25), '$.indicators[1].items[0].base'],
    ['grade lines out of order', (r) => void (r.grades[1]!.min = 95), '$.grades[1].min'],
    ['a downgrade floor outside its grade', (r) => void (r.downgrades!.floors['AA'] = 79), '$.downgrades.floors.AA'],
    ['a condition that refers to itself', (r) => void (r.conditions['loop'] = { all: [{ condition: 'loop' }] }), '$.conditions.loop'],
    ['a notAgain item that does not exist', (r) => void (r.indicators[6]!.items[0]!.notAgain!.items = ['E2.9']), '$.indicators[6].items[0].notAgain.items[0]'],
  ])('refuse %s, naming where', (_, mutate, path) => {
    const result = problemsOf(mutate);
    expect(result.code).toBe('RULESET_REFERENCE');
    expect(result.paths).toContain(path);
    expect(result.messages.every((m) => m.includes(' — ') && !m.endsWith('— '))).toBe(true);
  });

  it('put points finer than 0.001 at the clause\'s points only, not at a level it does not have', () => {
    expect(problemsOf((r) => void (e2(r).clauses[2]!.points = -4.0001)).paths).toEqual(['$.indicators[1].items[0].clauses[2].points']);
  });

  it('say a wrong sign in words true in the form (positive deductions) and in JSON', () => {
    expect(problemsOf((r) => void (e2(r).clauses[2]!.points = 3)).zh).toEqual(['扣分项的分值须为扣分,现为加 3 分']);
    expect(problemsOf((r) => void (r.indicators[1]!.items[1]!.clauses[0]!.points = -2)).zh).toEqual(['加分项的分值须为加分,现为扣 2 分']); // E2.2.1, a bonus
  });

  it('say a misspelt operator alone, not as the other kinds of condition it is not', () => {
    const result = problemsOf((r) => void ((e2(r).clauses[0]!.when as { operator: string }).operator = 'equalz'));
    expect(result.paths).toEqual(['$.indicators[1].items[0].clauses[0].when.operator']);
    const nested = problemsOf((r) => void (e2(r).clauses[0]!.when = { all: [{ fact: 'event', path: 'type', operator: 'equal' } as never, { any: 5 } as never] }));
    expect(nested.paths).toEqual(['$.indicators[1].items[0].clauses[0].when.all[0]', '$.indicators[1].items[0].clauses[0].when.all[1].any']);
    expect(nested.messages).toEqual([expect.stringContaining('add "value"'), expect.stringContaining('make it a list')]);
  });
});
