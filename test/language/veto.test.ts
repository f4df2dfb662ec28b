/** Vetoes (engine/mechanisms/veto.ts): an occurrence in its window zeroes its own indicator or the one it names; its line, load-time checks, policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Clause, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt, withCheckItem } from './conduct.js';
import { problemsOf } from './subsidy.js';

/** The conduct table with the veto clause Q1.2 changed by `edit`. */
function withVeto(edit: (clause: Clause) => void, ruleset: Ruleset = conductRuleset()): Ruleset {
  edit(ruleset.indicators[0]!.items[0]!.clauses[1]!);
  return ruleset;
}

const accident = (id: string, date: string, severity: string) => ({ id, type: 'accident', date, severity });
const asOf = '2024-06-30';

describe('a veto (Q1.2: a major accident in 12 months, the whole of Q scores nothing)', () => {
  it('zeroes its indicator, taking what its items had left, on a line of its own', () => {
    const result = scoredAt(conductRuleset(), clean([accident('a1', '2024-01-10', 'general'), accident('a2', '2024-03-10', 'major')]), asOf);
    // Q1: 20 − 5 = 15, then the veto takes the 15.
    expect(result.score).toBe(20);
    expect(result.indicators[0]).toMatchObject({ id: 'Q', score: 0, vetoedBy: 'Q1.2', items: [{ id: 'Q1', score: 0, start: 20 }] });
    const [line] = linesOf(result, 'veto');
    expect(line).toMatchObject({ kind: 'veto', clause: 'Q1.2', indicator: 'Q', item: 'Q1', points: -15, events: ['a2'], text: '近 1 年发生重大质量事故的,本指标不得分' });
    expect(line!.params).toMatchObject({ indicator: 'Q', indicatorLabel: '工程质量', lost: 15 });
    expect(line!.message).toBe('Q1.2 重大质量事故:a2(2024-03-10),整个“工程质量”(Q)不得分,扣去其余 15 分');
    expect(line!.en).toBe('Q1.2 重大质量事故: a2 (2024-03-10); the whole “工程质量” (Q) scores nothing, the other 15 taken');
  });

  it('outside its window, vetoes nothing', () => {
    // 2023-05-10 + 12 months: counted through 2024-05-31.
    expect(scoredAt(conductRuleset(), clean([accident('a2', '2023-05-10', 'major')]), '2024-05-31').score).toBe(20);
    const lapsed = scoredAt(conductRuleset(), clean([accident('a2', '2023-05-10', 'major')]), asOf);
    expect(lapsed.score).toBe(40);
    expect(linesOf(lapsed, 'veto')).toEqual([]);
    expect(linesOf(lapsed, 'window.lapsed').map((l) => l.clause)).toEqual(['Q1.2']);
  });

  it('of another indicator: that one scores nothing, its own keeps its points', () => {
    const result = scoredAt(withVeto((c) => void (c.vetoes = 'C')), clean([accident('a2', '2024-03-10', 'major')]), asOf);
    expect(itemScores(result)).toEqual({ Q1: 20, C1: 0, C2: 0, H1: 0 });
    expect(result.score).toBe(20);
    const [line] = linesOf(result, 'veto');
    expect(line).toMatchObject({ indicator: 'C', item: 'Q1', points: -20 });
    expect(line!.message).toBe('Q1.2 重大质量事故:a2(2024-03-10),整个“诚信行为”(C)不得分,扣去其余 20 分');
  });
});

describe('vetoes are checked at load', () => {
  it('of an indicator that does not exist; on a check clause', () => {
    expect(problemsOf(withVeto((c) => void (c.vetoes = 'Z')))).toEqual({ code: 'RULESET_REFERENCE', problems: [['$.indicators[0].items[0].clauses[1].vetoes', 'veto.unknownIndicator', 'no indicator "Z"']] });
    const check = withCheckItem(conductRuleset());
    check.indicators[3]!.items[0]!.clauses[0]!.effect = 'veto';
    expect(problemsOf(check)!.problems).toEqual([['$.indicators[3].items[0].clauses[0].effect', 'veto.onCheck', 'a check clause cannot veto']]);
  });
});

describe('vetoes in a policy diff', () => {
  const older = conductRuleset();
  const said = (newer: Ruleset) => policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en]);

  it('the indicator it vetoes', () => {
    expect(said(withVeto((c) => void (c.vetoes = 'C')))).toEqual([
      ['clause.vetoes', '$.indicators[0].items[0].clauses[1].vetoes', 'Q1.2 重大质量事故: 不得分的范围 (无) → C', 'Q1.2 重大质量事故: scoring nothing: (none) → C'],
    ]);
  });

  it('a clause that becomes a veto, and one that no longer is', () => {
    const newer = conductRuleset();
    newer.indicators[0]!.items[0]!.clauses[0]!.effect = 'veto';
    expect(said(newer)).toEqual([
      ['clause.effect', '$.indicators[0].items[0].clauses[0].effect', 'Q1.1 一般质量事故: 效果 计分 → 整项不得分(Q)', 'Q1.1 一般质量事故: effect points → the whole of Q scores nothing'],
    ]);
    const [back] = policyDiff(older, withVeto((c) => void delete c.effect));
    expect([back!.code, back!.message]).toEqual(['clause.effect', 'Q1.2 重大质量事故: 效果 整项不得分(Q) → 计分']);
  });
});
