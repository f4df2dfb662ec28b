/** Not deducted again (engine/mechanisms/notAgain.ts): an event sharing an attribute with one counted in the items named is not counted; its line, load-time checks, policy changes. */
import { describe, expect, it } from 'vitest';
import { policyDiff } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt, withItem } from './conduct.js';
import { problemsOf } from './subsidy.js';

/** The conduct table with C2 (penalties, not again after C1 by `case`) changed by `edit`. */
const withPenalties = (edit: Parameters<typeof withItem>[1]) => withItem('C2', edit);

// A criticism counts 3 months (to the end of the month): one of 2024-05-01 through 2024-08-31.
const criticism = (id: string, date: string, kase?: string) => ({ id, type: 'criticism', date, ...(kase === undefined ? {} : { case: kase }) });
const penalty = (id: string, date: string, kase?: string) => ({ id, type: 'penalty', date, ...(kase === undefined ? {} : { case: kase }) });
const asOf = '2024-06-30';

describe('not deducted again (C2 after C1, by case)', () => {
  it('a penalty of a case already criticised in C1 takes nothing, and the trace says where it was deducted', () => {
    const result = scoredAt(conductRuleset(), clean([criticism('c1', '2024-05-01', 'X'), penalty('p1', '2024-06-01', 'X')]), asOf);
    expect(itemScores(result)).toMatchObject({ C1: 8, C2: 10 });
    const [line] = linesOf(result, 'keep.notAgain');
    expect(line).toMatchObject({ kind: 'skipped', clause: '第七条第三项', item: 'C2', events: ['p1'], points: 0, text: '同一案由已作通报批评扣分的,不再扣分' });
    expect(line!.params).toMatchObject({ attribute: 'case', attributeLabel: '案由', earlier: 'c1', item: 'C1' });
    expect(line!.message).toBe('第七条第三项 不重复扣分:p1(2024-06-01) 与 c1 属同一案由,已在 C1 中扣分,不重复扣分');
    expect(line!.en).toBe('第七条第三项 不重复扣分: p1 (2024-06-01) the same case as c1, already deducted under C1: not deducted again');
  });

  it('another case is deducted', () => {
    expect(itemScores(scoredAt(conductRuleset(), clean([criticism('c1', '2024-05-01', 'X'), penalty('p1', '2024-06-01', 'Y')]), asOf)).C2).toBe(7);
  });

  it('a criticism whose points the clause cap absorbed still counted', () => {
    const events = [criticism('c1', '2024-04-01', 'X'), criticism('c2', '2024-05-01', 'Y'), criticism('c3', '2024-06-01', 'Z'), penalty('p1', '2024-06-10', 'Z')];
    const result = scoredAt(conductRuleset(), clean(events), asOf);
    expect(itemScores(result)).toMatchObject({ C1: 6, C2: 10 });
    expect(linesOf(result, 'keep.notAgain')[0]!.params).toMatchObject({ earlier: 'c3' });
  });

  it('a criticism outside its window counted nothing, so the penalty is deducted', () => {
    // 2024-01-01 + 3 months: through 2024-04-30.
    const result = scoredAt(conductRuleset(), clean([criticism('c1', '2024-01-01', 'X'), penalty('p1', '2024-06-01', 'X')]), asOf);
    expect(itemScores(result)).toMatchObject({ C1: 10, C2: 7 });
    expect(linesOf(result, 'keep.notAgain')).toEqual([]);
  });

  it('events without the attribute are not the same case', () => {
    expect(itemScores(scoredAt(conductRuleset(), clean([criticism('c1', '2024-05-01'), penalty('p1', '2024-06-01')]), asOf))).toMatchObject({ C1: 8, C2: 7 });
  });
});

describe('not again is checked at load', () => {
  it('an item that does not exist, an attribute no event has', () => {
    const wrong = withPenalties((t) => void (t.notAgain = { ...t.notAgain!, attribute: 'cse', items: ['C9'] }));
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.indicators[1].items[1].notAgain.attribute', 'attribute.unknown', 'no event type has an attribute "cse"; did you mean "case"?'],
        ['$.indicators[1].items[1].notAgain.items[0]', 'notAgain.unknownItem', 'no item "C9"'],
      ],
    });
  });
});

describe('not again in a policy diff', () => {
  const older = conductRuleset();

  it('its items changed', () => {
    const newer = withPenalties((t) => void t.notAgain!.items.push('Q1'));
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en])).toEqual([
      ['notAgain.items', '$.indicators[1].items[1].notAgain.items', '第七条第三项 不重复扣分: 不重复扣分的计分项 C1 → C1、Q1', '第七条第三项 不重复扣分: not deducted again after C1 → C1, Q1'],
    ]);
  });

  it('removed, and added back', () => {
    const without = withPenalties((t) => void delete t.notAgain);
    expect(policyDiff(older, without).map((c) => [c.code, c.path, c.message])).toEqual([['notAgain.removed', '$.indicators[1].items[1].notAgain', '删除 第七条第三项 不重复扣分(C2 行政处罚)']]);
    expect(policyDiff(without, older).map((c) => [c.code, c.message, c.en])).toEqual([
      ['notAgain.added', '新增 第七条第三项 不重复扣分: 已在 C1 计分的不重复扣分(C2 行政处罚)', '第七条第三项 不重复扣分 added: what counted under C1 is not deducted again (C2 行政处罚)'],
    ]);
  });
});
