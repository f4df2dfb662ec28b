/** Windows (engine/mechanisms/window.ts): months, to the month's end, the months an event gives, until a date; the lapsed lines, the load-time checks, the policy changes. */
import { describe, expect, it } from 'vitest';
import { lastDayCounted, policyDiff, type Clause, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt } from './conduct.js';
import { problemsOf } from './subsidy.js';

/** The conduct table with clause `ci` of item C1 (0: criticisms, 1: listings) or of Q1 changed by `edit`. */
function withClause(item: 'Q1' | 'C1', ci: number, edit: (clause: Clause) => void): Ruleset {
  const ruleset = conductRuleset();
  edit(ruleset.indicators.flatMap((i) => i.items).find((t) => t.id === item)!.clauses[ci]!);
  return ruleset;
}

const accident = (id: string, date: string) => ({ id, type: 'accident', date, severity: 'general' });
const criticism = (id: string, date: string, announceMonths?: number) => ({ id, type: 'criticism', date, ...(announceMonths === undefined ? {} : { announceMonths }) });
const listing = (id: string, date: string, until?: string) => ({ id, type: 'listing', date, ...(until === undefined ? {} : { until }) });

describe('a window of months (Q1.1: 12 months)', () => {
  // 2023-06-15 + 12 months = 2024-06-15: counted to the end of that month, 2024-06-30.
  const record = clean([accident('a1', '2023-06-15')]);

  it('counts an event through the last day of the month its window ends in, and not the day after', () => {
    expect(itemScores(scoredAt(conductRuleset(), record, '2024-06-30')).Q1).toBe(15);
    const after = scoredAt(conductRuleset(), record, '2024-07-01');
    expect(after.score).toBe(40);
    const [line] = linesOf(after, 'window.lapsed');
    expect(line).toMatchObject({ kind: 'lapsed', clause: 'Q1.1', item: 'Q1', points: 0, events: ['a1'], params: { until: '2024-06-30' } });
    expect(line!.message).toBe('Q1.1 一般质量事故:a1(2023-06-15) 不计:有效期已过(计至 2024-06-30)');
    expect(line!.en).toBe('Q1.1 一般质量事故: a1 (2023-06-15) not counted: its period is over (counted until 2024-06-30)');
  });

  it('counts an event dated on the evaluation date, not one dated the day after', () => {
    const result = scoredAt(conductRuleset(), clean([accident('on', '2024-06-30'), accident('next', '2024-07-01')]), '2024-06-30');
    expect(itemScores(result).Q1).toBe(15);
    const [line] = linesOf(result, 'window.afterAsOf');
    expect(line).toMatchObject({ kind: 'lapsed', events: ['next'], params: { asOf: '2024-06-30' } });
    expect(line!.message).toBe('Q1.1 一般质量事故:next(2024-07-01) 不计:晚于评价日期 2024-06-30');
  });

  it('a window of 0 months counts an event in its own month only', () => {
    const zero = withClause('Q1', 0, (c) => void (c.window = { months: 0 }));
    expect(itemScores(scoredAt(zero, clean([accident('a1', '2024-06-01')]), '2024-06-30')).Q1).toBe(15);
    expect(itemScores(scoredAt(zero, clean([accident('a1', '2024-06-01')]), '2024-07-01')).Q1).toBe(20);
  });
});

describe('month-end and the months an event gives (C1.1: its announceMonths, else the parameter)', () => {
  it('2023-08-31 + 6 months is 2024-02-29: counted that day, not on 1 March', () => {
    const record = clean([criticism('c1', '2023-08-31', 6)]);
    expect(itemScores(scoredAt(conductRuleset(), record, '2024-02-29')).C1).toBe(8);
    const after = scoredAt(conductRuleset(), record, '2024-03-01');
    expect(itemScores(after).C1).toBe(10);
    expect(linesOf(after, 'window.lapsed')[0]!.params).toMatchObject({ until: '2024-02-29' });
  });

  it('without its own months, the parameter\'s 3: 2024-01-15 counts through 2024-04-30', () => {
    const record = clean([criticism('c2', '2024-01-15')]);
    expect(itemScores(scoredAt(conductRuleset(), record, '2024-04-30')).C1).toBe(8);
    expect(itemScores(scoredAt(conductRuleset(), record, '2024-05-01')).C1).toBe(10);
    // The parameter is data: 4 months, and it counts through May.
    const longer = conductRuleset();
    longer.parameters.announcementMonths!.value = 4;
    expect(itemScores(scoredAt(longer, record, '2024-05-31')).C1).toBe(8);
  });

  it('without a parameter, the window\'s own months', () => {
    const fallback = withClause('C1', 0, (c) => void (c.window = { monthsAttribute: 'announceMonths', months: 6 }));
    const record = clean([criticism('c2', '2024-01-15'), criticism('c3', '2024-01-15', 1)]);
    // c2: 6 months, to 2024-07-31; c3 its own 1 month, to 2024-02-29.
    expect(itemScores(scoredAt(fallback, record, '2024-02-29')).C1).toBe(6);
    expect(itemScores(scoredAt(fallback, record, '2024-07-31')).C1).toBe(8);
    expect(itemScores(scoredAt(fallback, record, '2024-08-01')).C1).toBe(10);
  });

  it('lastDayCounted says the same days', () => {
    const params = { announcementMonths: 3 };
    const window = conductRuleset().indicators[1]!.items[0]!.clauses[0]!.window;
    expect(lastDayCounted(criticism('c1', '2023-08-31', 6), window, params)).toBe('2024-02-29');
    expect(lastDayCounted(criticism('c2', '2024-01-15'), window, params)).toBe('2024-04-30');
    expect(lastDayCounted(criticism('c2', '2024-01-15'), undefined, params)).toBeUndefined();
  });
});

describe('until a date (C1.2: the listing\'s until)', () => {
  it('counts to the end of the month of its date; without one, with no end', () => {
    const record = clean([listing('l1', '2023-06-01', '2024-03-15')]);
    expect(itemScores(scoredAt(conductRuleset(), record, '2024-03-31')).C1).toBe(7);
    const after = scoredAt(conductRuleset(), record, '2024-04-01');
    expect(itemScores(after).C1).toBe(10);
    expect(linesOf(after, 'window.lapsed')[0]!.message).toBe('C1.2 列入重点关注名单:l1(2023-06-01) 不计:有效期已过(计至 2024-03-31)');
    expect(itemScores(scoredAt(conductRuleset(), clean([listing('l2', '2023-06-01')]), '2030-01-01')).C1).toBe(7);
    expect(lastDayCounted(listing('l2', '2023-06-01'), { untilAttribute: 'until' }, {})).toBeUndefined();
  });
});

describe('windows are checked at load', () => {
  const at = '$.indicators[1].items[0].clauses[0].window';

  it('a window that says no length', () => {
    expect(problemsOf(withClause('C1', 0, (c) => void (c.window = {})))).toEqual({ code: 'RULESET_REFERENCE', problems: [[at, 'window.empty', 'the window says neither months nor an attribute']] });
  });

  it('attributes of the wrong kind or misspelt, and a default naming no parameter, with a name it probably means where one is close', () => {
    const wrong = withClause('C1', 0, (c) => void (c.window = { monthsAttribute: 'announceMonth', untilAttribute: 'announceMonths', defaultParameter: 'announcementMonth' }));
    expect(problemsOf(wrong)!.problems).toEqual([
      [`${at}.monthsAttribute`, 'window.attribute', '"announceMonth" is not a number attribute (months) of the event types; did you mean "announceMonths"?'],
      [`${at}.untilAttribute`, 'window.attribute', '"announceMonths" is not a date attribute of the event types'],
      [`${at}.defaultParameter`, 'parameter.unknown', 'no parameter "announcementMonth"; did you mean "announcementMonths"?'],
    ]);
  });
});

describe('windows in a policy diff', () => {
  const older = conductRuleset();
  const said = (newer: Ruleset) => policyDiff(older, newer).map((c) => [c.code, c.path, c.field, c.message, c.en]);

  it('its months alone, said as months', () => {
    const newer = withClause('Q1', 0, (c) => void (c.window = { months: 24 }));
    expect(said(newer)).toEqual([
      ['clause.window', '$.indicators[0].items[0].clauses[0].window', 'window.months', 'Q1.1 一般质量事故: 期限 12 个月 → 24 个月', 'Q1.1 一般质量事故: counts for 12 months → 24 months'],
    ]);
    expect(policyDiff(older, newer).map((c) => [c.old, c.new, c.unit])).toEqual([[12, 24, '个月']]);
  });

  it('the whole window: months to the event\'s own, until a date, none', () => {
    expect(said(withClause('C1', 0, (c) => void delete c.window!.defaultParameter))).toEqual([
      ['clause.window', '$.indicators[1].items[0].clauses[0].window', 'window', 'C1.1 通报批评: 期限 按事件的公示期限(月)计,未写明时 3 个月 → 按事件的公示期限(月)计', "C1.1 通报批评: counts for the event's announceMonths, else 3 个月 → the event's announceMonths"],
    ]);
    const [toUntil] = policyDiff(older, withClause('Q1', 0, (c) => void (c.window = { untilAttribute: 'until' })));
    expect(toUntil!.message).toBe('Q1.1 一般质量事故: 期限 12 个月 → 计至事件的列入截止日期所在月底');
    const [none] = policyDiff(older, withClause('Q1', 0, (c) => void delete c.window));
    expect(none!.message).toBe('Q1.1 一般质量事故: 期限 12 个月 → 不限');
  });
});
