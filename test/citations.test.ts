/** A number that its citation's text does not say is pointed out; the shipped rulesets have none. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationHints, citedNumbers, type Ruleset } from '../engine/index.js';
import { readJson, root } from './support/load.js';

const enterprise = readJson<Ruleset>('rulesets/enterprise.json');

/** The hints of the enterprise ruleset after `change`, as path → value. */
function hintsAfter(change: (r: Ruleset) => void): Record<string, number> {
  const copy = structuredClone(enterprise);
  change(copy);
  return Object.fromEntries(citationHints(copy).map((h) => [h.path, h.value]));
}

const E213 = '$.indicators[1].items[0].clauses[2]';

describe('citation hints', () => {
  it('find none in any shipped ruleset: every number is one its cited text writes', () => {
    const files = [
      ...readdirSync(join(root, 'rulesets')).filter((f) => f.endsWith('.json')),
      ...readdirSync(join(root, 'rulesets', 'enterprise-versions')).map((f) => `enterprise-versions/${f}`),
    ];
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) expect(citationHints(readJson<Ruleset>(`rulesets/${file}`)), file).toEqual([]);
  });

  it('point out a clause whose points are not the cited text’s, and say what the text writes', () => {
    const copy = structuredClone(enterprise);
    copy.indicators[1]!.items[0]!.clauses[2]!.points = -5;
    const [hint, ...rest] = citationHints(copy);
    expect(rest).toEqual([]);
    expect(hint).toMatchObject({ path: `${E213}.points`, clause: 'E2.1.3', value: 5, unit: 'points', cited: [{ text: '4 分', values: [4] }] });
    expect(hint!.zh).toBe('依据原文写的是“4 分”,与这里的 5 分不符:请核对这个数,或一并修改原文');
    expect(hint!.en).toBe('the cited text says “4 分”, not 5 points: check the number, or update the cited text too');
  });

  it('read each cited text once, and give every hint its own copy of what the text writes', () => {
    const copy = structuredClone(enterprise);
    copy.indicators[1]!.items[0]!.clauses[2]!.points = -5;
    const first = citationHints(copy)[0]!;
    first.cited[0]!.values.push(99);
    first.cited.push({ text: 'x', values: [1] });
    expect(citationHints(copy)[0]!.cited).toEqual([{ text: '4 分', values: [4] }]);
    // A text changed since: read afresh.
    copy.indicators[1]!.items[0]!.clauses[2]!.citation!.text = '扣 6 分';
    expect(citationHints(copy)[0]!.cited).toEqual([{ text: '6 分', values: [6] }]);
  });

  it('check every kind of number against the citation of what holds it', () => {
    expect(hintsAfter((r) => (r.indicators[1]!.items[0]!.clauses[2]!.window = { months: 48 }))).toEqual({ [`${E213}.window.months`]: 48 }); // 近 5 年
    expect(hintsAfter((r) => (r.indicators[1]!.items[0]!.full = 22))).toEqual({ '$.indicators[1].items[0].full': 22 }); // 满分 20 分
    expect(hintsAfter((r) => (r.indicators[1]!.items[0]!.base = 17))).toEqual({ '$.indicators[1].items[0].base': 17 }); // 基本分 18 分
    expect(hintsAfter((r) => (r.grades[0]!.min = 92))).toEqual({ '$.grades[0].min': 92 }); // 90分以上
    const line = structuredClone(enterprise);
    line.grades[0]!.min = 92;
    expect(citationHints(line)[0]!.zh).toBe('依据原文写的是“90分”、“85分”、“80分”、“60分”,与这里的 92 分不符:请核对这个数,或一并修改原文'); // each said once
    expect(hintsAfter((r) => (r.downgrades!.floors.B = 45))).toEqual({ '$.downgrades.floors.B': 45 }); // 40分
    expect(hintsAfter((r) => (r.downgrades!.recalcMonths = 3))).toEqual({ '$.downgrades.recalcMonths': 3 }); // 满6个月
    expect(hintsAfter((r) => (r.parameters.announcementMonths!.value = 2))).toEqual({ '$.parameters.announcementMonths.value': 2 }); // 3 个月
    expect(hintsAfter((r) => (r.baseRule!.lookbackMonths = 36))).toEqual({ '$.baseRule.lookbackMonths': 36 }); // 近 2 年
  });

  it('take a number from the note of the reading its clause follows (the N4 variant’s 12-month honours)', () => {
    const e41 = '$.indicators[3].items[0].clauses[0]';
    const honours = (r: Ruleset) => r.indicators[3]!.items[0]!.clauses[0]!;
    expect(honours(enterprise).reading).toBe('INT-3'); // its note: “按备注4理解…计 1 年,即期限 12 个月”
    expect(hintsAfter((r) => (honours(r).window = { months: 12 }))).toEqual({});
    expect(hintsAfter((r) => (honours(r).window = { months: 18 }))).toEqual({ [`${e41}.window.months`]: 18 });
    expect(hintsAfter((r) => { honours(r).window = { months: 12 }; delete honours(r).reading; })).toEqual({ [`${e41}.window.months`]: 12 }); // 近2年 alone
  });

  it('read a list of scores, and leave 0 and texts without a number of the unit alone', () => {
    const e75 = '$.indicators[6].items[0].clauses[4]';
    expect(hintsAfter((r) => (r.indicators[6]!.items[0]!.clauses[4]!.levels![1]!.points = -1.2))).toEqual({ [`${e75}.levels[1].points`]: 1.2 });
    expect(hintsAfter((r) => (r.indicators[6]!.items[0]!.clauses[4]!.levels![1]!.points = -0.5))).toEqual({}); // another level's, but the text writes it
    expect(hintsAfter((r) => (r.indicators[1]!.items[0]!.clauses[2]!.points = 0))).toEqual({});
    expect(hintsAfter((r) => (r.indicators[1]!.items[0]!.clauses[2]!.citation = { clause: 'E2.1.3', text: '发生一般等级质量事故的,扣分' }))).toEqual({});
  });

  it('read periods in digits or Chinese numerals, and money in 元 or 万元', () => {
    expect(citedNumbers('结束时间以发文时间顺延一年计', 'months')).toEqual([{ text: '一年', values: [12] }]);
    expect(citedNumbers('发生降级满6个月的', 'months')).toEqual([{ text: '6个月', values: [6] }]);
    expect(citedNumbers('满十二个月、二十个月、二十四个月或十个月', 'months').map((c) => c.values[0])).toEqual([12, 20, 24, 10]);
    expect(citedNumbers('顺延两年计', 'months')).toEqual([{ text: '两年', values: [24] }]);
    expect(citedNumbers('近 5 年承建的', 'months')).toEqual([{ text: '5 年', values: [60] }]);
    expect(citedNumbers('合同金额100万元以上', 'yuan')).toEqual([{ text: '100万元', values: [1_000_000] }]);
    expect(citedNumbers('分别扣 1.5、1、0.5 分/人次', 'points')).toEqual([{ text: '1.5、1、0.5 分', values: [1.5, 1, 0.5] }]);
    expect(citedNumbers('“好”不扣分', 'points')).toEqual([]);
  });
});
