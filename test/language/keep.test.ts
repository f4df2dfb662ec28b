/** Keep one per key (engine/mechanisms/keep.ts): the highest, the first or the last, in a clause, an item, an indicator or the whole ruleset. */
import { describe, expect, it } from 'vitest';
import { evaluate, policyDiff, type KeepOne, type Ruleset } from '../../engine/index.js';
import { applicant, compile, problemsOf, subsidyRuleset } from './subsidy.js';

const firstApplied: KeepOne = {
  label: '同一项目只奖励一次(先申报者)',
  citation: { clause: '第六条', text: '同一项目符合多项奖励的,按先申报的一项奖励,不重复奖励' },
  per: 'subject',
  choose: 'first',
  by: 'appliedOn',
};

// Project P qualifies twice: a provincial award (50) applied for on 2025-01-01 but dated
// 2025-03-01, and a platform (30) applied for on 2025-01-05, dated 2025-01-10. Q once (10).
const events = [
  { id: 'a1', type: 'award', date: '2025-03-01', level: 'province', subject: 'P', appliedOn: '2025-01-01' },
  { id: 'p1', type: 'platform', date: '2025-01-10', subject: 'P', appliedOn: '2025-01-05' },
  { id: 'a2', type: 'award', date: '2025-02-01', level: 'city', subject: 'Q', appliedOn: '2025-01-20' },
];

function withKeep(keep: KeepOne, where: (r: Ruleset) => { keepOne?: KeepOne } = (r) => r): Ruleset {
  const ruleset = subsidyRuleset();
  where(ruleset).keepOne = keep;
  return ruleset;
}

const scored = (ruleset: Ruleset, list: Parameters<typeof applicant>[0] = events) => evaluate(compile(ruleset), applicant(list), { asOf: '2025-06-30' });
const indicators = (r: ReturnType<typeof scored>) => Object.fromEntries(r.indicators.map((i) => [i.id, i.score]));

function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('keepOne across the whole ruleset', () => {
  it('keeps the first by the named date: P pays its award (applied 2025-01-01), not its platform', () => {
    const result = scored(withKeep(firstApplied));
    expect(result.score).toBe(60);
    expect(indicators(result)).toEqual({ S1: 60, S2: 0 });
    expect(result.grade).toBeNull();
  });

  it('by the event date when "by" is left out: the platform (2025-01-10) comes first', () => {
    const result = scored(withKeep({ ...firstApplied, by: undefined }));
    expect(result.score).toBe(40);
    expect(indicators(result)).toEqual({ S1: 10, S2: 30 });
  });

  it('keeps the last, or the highest', () => {
    expect(scored(withKeep({ ...firstApplied, choose: 'last' })).score).toBe(40);
    expect(scored(withKeep({ ...firstApplied, choose: 'highest', by: undefined })).score).toBe(60);
  });

  it('gives the same total whatever order the record lists its events in', () => {
    for (const choose of ['first', 'last'] as const) {
      const totals = new Set(permutations(events).map((list) => scored(withKeep({ ...firstApplied, choose }), list).score));
      expect([...totals]).toEqual([choose === 'first' ? 60 : 40]);
    }
  });

  it('names in the trace the event kept and why the other does not count, under its own item', () => {
    const trace = scored(withKeep(firstApplied)).trace!;
    const line = trace.find((t) => t.kind === 'skipped')!;
    expect(line).toMatchObject({ clause: '第六条', item: 'S2.1', indicator: 'S2', events: ['p1'], points: 0, text: firstApplied.citation.text });
    expect(line.message).toBe('第六条 同一项目只奖励一次(先申报者):p1(2025-01-10) 不计:同一项目“P”只计申报日期最早的 a1(2025-01-01)');
    expect(line.en).toBe('第六条 同一项目只奖励一次(先申报者): p1 (2025-01-10) not counted: of the same subject “P” only the first by appliedOn counts, a1 (2025-01-01)');
    // The kept award's own line is there, with its amount.
    expect(trace.find((t) => t.kind === 'points' && t.events?.[0] === 'a1')?.points).toBe(50);
  });

  it('counts an event without the attribute on its own', () => {
    const noProject = events.map((e) => (e.id === 'p1' ? { id: 'p1', type: 'platform', date: '2025-01-10', appliedOn: '2025-01-05' } : e));
    expect(scored(withKeep(firstApplied), noProject).score).toBe(90);
  });
});

describe('keepOne in narrower scopes', () => {
  it('an indicator: across its items only', () => {
    const ruleset = subsidyRuleset();
    ruleset.indicators[0]!.items.push(ruleset.indicators[1]!.items[0]!);
    ruleset.indicators.pop();
    ruleset.indicators[0]!.keepOne = firstApplied;
    const result = scored(ruleset);
    expect(result.score).toBe(60);
    expect(result.indicators[0]!.items.map((i) => i.score)).toEqual([60, 0]);
  });

  it('an item or a clause: the highest of one project, ties to the earlier date', () => {
    const twice = [
      { id: 'late', type: 'award', date: '2025-02-01', level: 'province', subject: 'P' },
      { id: 'early', type: 'award', date: '2025-01-01', level: 'province', subject: 'P' },
      { id: 'small', type: 'award', date: '2024-12-01', level: 'city', subject: 'P' },
    ];
    const highest: KeepOne = { label: '同一项目按最高奖励', citation: { clause: '第五条', text: '同一项目获多项奖励的,按最高一项奖励' }, per: 'subject', choose: 'highest' };
    for (const where of [(r: Ruleset) => r.indicators[0]!.items[0]!, (r: Ruleset) => r.indicators[0]!.items[0]!.clauses[0]!]) {
      const result = scored(withKeep(highest, where), twice);
      expect(result.score).toBe(50);
      const skipped = result.trace!.filter((t) => t.kind === 'skipped');
      expect(skipped.map((t) => t.events![0])).toEqual(['late', 'small']);
      expect(skipped[0]!.message).toContain('只计最高的 early(50 万元)');
    }
  });
});

describe('keepOne is checked at load', () => {
  const problems = (ruleset: Ruleset) => (problemsOf(ruleset)?.problems ?? []).map(([path, , message]) => `${path}: ${message}`);
  it('an attribute no event type has, with the name it probably means', () => {
    expect(problems(withKeep({ ...firstApplied, per: 'subjcet' }))).toEqual(['$.keepOne.per: no event type has an attribute "subjcet"; did you mean "subject"?']);
  });
  it('an ordering attribute that is not a date, and "by" with "highest"', () => {
    expect(problems(withKeep({ ...firstApplied, by: 'level' }))).toEqual(['$.keepOne.by: "level" is not a date attribute of every event type that has it']);
    expect(problems(withKeep({ ...firstApplied, choose: 'highest' }))).toEqual(['$.keepOne.by: "by" orders "first" and "last"; "highest" compares points']);
  });
});

describe('keepOne in a policy diff (engine/mechanisms/keep.ts)', () => {
  const older = subsidyRuleset();
  const said = (newer: Ruleset) => policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en]);

  it('added to the whole ruleset, then what it keeps changed, then removed', () => {
    const added = withKeep(firstApplied);
    expect(said(added)).toEqual([
      ['keepOne.added', '$.keepOne', '新增 第六条 同一项目只奖励一次(先申报者): 同一项目只计申报日期最早的一次', '第六条 同一项目只奖励一次(先申报者) added: one per subject, the first by appliedOn'],
    ]);
    const highest = withKeep({ ...firstApplied, choose: 'highest', by: undefined });
    expect(policyDiff(added, highest).map((c) => [c.code, c.message])).toEqual([['keepOne.changed', '第六条 同一项目只奖励一次(先申报者): 同一项目只计申报日期最早的一次 → 同一项目只计分值最高的一次']]);
    expect(policyDiff(added, older).map((c) => [c.code, c.path, c.message])).toEqual([['keepOne.removed', '$.keepOne', '删除 第六条 同一项目只奖励一次(先申报者)']]);
    // A policy change of its own section, not the version's identity (which `diff` lists apart as no change of policy).
    expect(policyDiff(added, older).map((c) => c.section)).toEqual(['keep']);
  });

  it('on an item, said with the item it keeps in', () => {
    const onItem = withKeep({ ...firstApplied, choose: 'last' }, (r) => r.indicators[0]!.items[0]!);
    expect(said(onItem)).toEqual([
      ['keepOne.added', '$.indicators[0].items[0].keepOne', '新增 第六条 同一项目只奖励一次(先申报者): 同一项目只计申报日期最晚的一次(S1.1)', '第六条 同一项目只奖励一次(先申报者) added: one per subject, the last by appliedOn (S1.1)'],
    ]);
  });
});
