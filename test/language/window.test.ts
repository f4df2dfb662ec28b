/** Windows (engine/mechanisms/window.ts): months, to the month's end or to the day, the months an event gives, until a date; the lapsed lines, the load-time checks, the forecast's dates, the policy changes. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, forecast, lastDayCounted, loadRuleset, policyDiff, rulesetHints, type Clause, type Ruleset, type WindowEnd } from '../../engine/index.js';
import { clean, conductRuleset, itemScores, linesOf, scoredAt } from './conduct.js';
import { cite, compile, problemsOf } from './subsidy.js';

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

/** The conduct table with its windows ending as `end` says, for the whole ruleset. */
function endingAt(end: WindowEnd): Ruleset {
  return { ...conductRuleset(), windows: { end, citation: cite('第十条', '有效期计算至期满之日') } };
}

describe('where windows end: to the day (windows.end "day")', () => {
  // 2023-06-15 + 12 months = 2024-06-15: counted that day itself, not the day after.
  const record = clean([accident('a1', '2023-06-15')]);

  it('counts an event through the corresponding day of its last month, and not the day after', () => {
    expect(itemScores(scoredAt(endingAt('day'), record, '2024-06-15')).Q1).toBe(15);
    const after = scoredAt(endingAt('day'), record, '2024-06-16');
    expect(itemScores(after).Q1).toBe(20);
    const [line] = linesOf(after, 'window.lapsed');
    expect(line).toMatchObject({ clause: 'Q1.1', events: ['a1'], params: { until: '2024-06-15' } });
    expect(line!.message).toBe('Q1.1 一般质量事故:a1(2023-06-15) 不计:有效期已过(计至 2024-06-15)');
  });

  it('the same event under monthEnd still counts to the end of that month', () => {
    expect(itemScores(scoredAt(endingAt('monthEnd'), record, '2024-06-16')).Q1).toBe(15);
    expect(itemScores(scoredAt(endingAt('monthEnd'), record, '2024-06-30')).Q1).toBe(15);
    expect(itemScores(scoredAt(endingAt('monthEnd'), record, '2024-07-01')).Q1).toBe(20);
  });

  it('a last month without the day ends on its last day: 2021-01-31 + 1 month counts on 2021-02-28, not on 03-01', () => {
    const once = clean([criticism('c1', '2021-01-31', 1)]);
    expect(itemScores(scoredAt(endingAt('day'), once, '2021-02-28')).C1).toBe(8);
    const after = scoredAt(endingAt('day'), once, '2021-03-01');
    expect(itemScores(after).C1).toBe(10);
    expect(linesOf(after, 'window.lapsed')[0]!.params).toMatchObject({ until: '2021-02-28' });
  });

  it('in a leap year: 2024-01-31 + 1 month counts on 2024-02-29; 2020-02-29 + 12 months on 2021-02-28, not on 03-01', () => {
    const leap = clean([criticism('c1', '2024-01-31', 1)]);
    expect(itemScores(scoredAt(endingAt('day'), leap, '2024-02-29')).C1).toBe(8);
    expect(itemScores(scoredAt(endingAt('day'), leap, '2024-03-01')).C1).toBe(10);
    const fromLeapDay = clean([criticism('c2', '2020-02-29', 12)]);
    expect(itemScores(scoredAt(endingAt('day'), fromLeapDay, '2021-02-28')).C1).toBe(8);
    expect(itemScores(scoredAt(endingAt('day'), fromLeapDay, '2021-03-01')).C1).toBe(10);
  });

  it('a day-of-month later than the evaluation\'s, in the last month, still counts: 2023-11-30 + 3 months counts on 2024-02-29', () => {
    const record = clean([criticism('c1', '2023-11-30')]); // the parameter's 3 months
    expect(itemScores(scoredAt(endingAt('day'), record, '2024-02-29')).C1).toBe(8);
    expect(itemScores(scoredAt(endingAt('day'), record, '2024-03-01')).C1).toBe(10);
  });

  it('until a date: counted on that date itself, not the day after (under monthEnd to the month\'s end)', () => {
    const listed = clean([listing('l1', '2023-06-01', '2024-03-15')]);
    expect(itemScores(scoredAt(endingAt('day'), listed, '2024-03-15')).C1).toBe(7);
    const after = scoredAt(endingAt('day'), listed, '2024-03-16');
    expect(itemScores(after).C1).toBe(10);
    expect(linesOf(after, 'window.lapsed')[0]!.message).toBe('C1.2 列入重点关注名单:l1(2023-06-01) 不计:有效期已过(计至 2024-03-15)');
    expect(itemScores(scoredAt(endingAt('monthEnd'), listed, '2024-03-16')).C1).toBe(7);
    // Without a date, on without end either way.
    expect(itemScores(scoredAt(endingAt('day'), clean([listing('l2', '2023-06-01')]), '2030-01-01')).C1).toBe(7);
  });

  it('a window\'s own end overrides the ruleset\'s, both ways', () => {
    const record = clean([accident('a1', '2023-06-15')]);
    const dayButQ = endingAt('day');
    dayButQ.indicators[0]!.items[0]!.clauses[0]!.window = { months: 12, end: 'monthEnd' };
    expect(itemScores(scoredAt(dayButQ, record, '2024-06-30')).Q1).toBe(15);
    const onlyQ = withClause('Q1', 0, (c) => void (c.window = { months: 12, end: 'day' }));
    expect(itemScores(scoredAt(onlyQ, record, '2024-06-16')).Q1).toBe(20);
    // The other windows of that ruleset still end at the month's end.
    expect(itemScores(scoredAt(onlyQ, clean([listing('l1', '2023-06-01', '2024-03-15')]), '2024-03-31')).C1).toBe(7);
  });

  it('a window of 0 months counts an event on its own day only, and the hint says so', () => {
    const zero = endingAt('day');
    zero.indicators[0]!.items[0]!.clauses[0]!.window = { months: 0 };
    expect(itemScores(scoredAt(zero, clean([accident('a1', '2024-06-01')]), '2024-06-01')).Q1).toBe(15);
    expect(itemScores(scoredAt(zero, clean([accident('a1', '2024-06-01')]), '2024-06-02')).Q1).toBe(20);
    expect(rulesetHints(zero).map((h) => h.zh)).toEqual(['Q1.1 的期限为 0 个月,只计评价日当天的事件']);
    expect(rulesetHints(withClause('Q1', 0, (c) => void (c.window = { months: 0 }))).map((h) => h.en)).toEqual(["Q1.1 counts for 0 months: only events of the evaluation's own month count"]);
  });

  it('lastDayCounted reads a window\'s end', () => {
    expect(lastDayCounted(criticism('c1', '2021-01-31'), { months: 1, end: 'day' }, {})).toBe('2021-02-28');
    expect(lastDayCounted(criticism('c1', '2021-01-15'), { months: 1, end: 'day' }, {})).toBe('2021-02-15');
    expect(lastDayCounted(criticism('c1', '2021-01-15'), { months: 1 }, {})).toBe('2021-02-28');
    expect(lastDayCounted(listing('l1', '2021-01-15', '2022-05-09'), { untilAttribute: 'until', end: 'day' }, {})).toBe('2022-05-09');
  });
});

describe('a ruleset that states no end counts to the month\'s end', () => {
  it('has the results of one that states monthEnd, and not those of one that states day', () => {
    const silent = conductRuleset();
    expect(silent.windows).toBeUndefined();
    const record = clean([accident('a1', '2023-06-15'), criticism('c1', '2023-12-10'), listing('l1', '2023-06-01', '2024-03-15')]);
    for (const asOf of ['2024-03-10', '2024-03-16', '2024-03-31', '2024-04-01', '2024-06-16', '2024-06-30', '2024-07-01']) {
      const { score, indicators } = scoredAt(silent, record, asOf);
      expect({ asOf, score, indicators }).toEqual({ asOf, ...pick(scoredAt(endingAt('monthEnd'), record, asOf)) });
    }
    // Hand-worked: on 2024-06-16 the accident (to 2024-06-30) still counts under monthEnd; to the day it lapsed on 06-15.
    expect(itemScores(scoredAt(silent, record, '2024-06-16')).Q1).toBe(15);
    expect(itemScores(scoredAt(endingAt('day'), record, '2024-06-16')).Q1).toBe(20);
  });
});

const pick = ({ score, indicators }: { score: number; indicators: unknown }) => ({ score, indicators });

describe('the forecast under each end', () => {
  const record = { ...clean([accident('a1', '2023-06-15')]), asOf: '2024-01-01' };
  const dates = (ruleset: Ruleset) => forecast(compile(ruleset), record, { until: '2025-01-01' }).steps.map((s) => [s.date, s.score]);

  it('the score comes back the day after the last day counted: 2024-06-16 to the day, 2024-07-01 at the month\'s end', () => {
    expect(dates(endingAt('day'))).toEqual([['2024-01-01', 35], ['2024-06-16', 40]]);
    expect(dates(endingAt('monthEnd'))).toEqual([['2024-01-01', 35], ['2024-07-01', 40]]);
    expect(dates(conductRuleset())).toEqual([['2024-01-01', 35], ['2024-07-01', 40]]);
  });
});

describe('the end in a policy diff', () => {
  const said = (older: Ruleset, newer: Ruleset) => policyDiff(older, newer).map((c) => [c.code, c.path, c.field, c.old, c.new, c.message, c.en]);

  it('the ruleset\'s end: one line for every window, and its citation', () => {
    const older = endingAt('monthEnd');
    expect(said(older, endingAt('day'))).toEqual([
      ['windows.end', '$.windows.end', 'end', 'monthEnd', 'day', '第十条 计算期限: 各期限 计至到期当月月底 → 计至到期月的对应日', '第十条 windows: every window counts to the end of the month it ends in → to the corresponding day it ends on'],
    ]);
    // A policy change, counted with the table's (not the identity's, `meta`).
    expect(policyDiff(older, endingAt('day')).map((c) => c.section)).toEqual(['window']);
    // From nothing stated: the default was the month's end; the citation is new.
    expect(said(conductRuleset(), endingAt('day')).map(([code, path]) => [code, path])).toEqual([['windows.end', '$.windows.end'], ['citation.text', '$.windows.citation']]);
    // Without a citation, the line names what changed by the engine's label alone.
    expect(said(conductRuleset(), { ...conductRuleset(), windows: { end: 'day' } }).map(([, , , , , zh, en]) => [zh, en])).toEqual([
      ['计算期限: 各期限 计至到期当月月底 → 计至到期月的对应日', 'windows: every window counts to the end of the month it ends in → to the corresponding day it ends on'],
    ]);
    // Stating the default changes no window.
    expect(policyDiff(conductRuleset(), { ...conductRuleset(), windows: { end: 'monthEnd' } })).toEqual([]);
  });

  it('a window\'s own end, with its months or alone; a date said to the day', () => {
    const older = conductRuleset();
    expect(said(older, withClause('Q1', 0, (c) => void (c.window = { months: 12, end: 'day' })))).toEqual([
      ['clause.window', '$.indicators[0].items[0].clauses[0].window', 'window', { months: 12 }, { months: 12, end: 'day' }, 'Q1.1 一般质量事故: 期限 12 个月 → 12 个月(计至到期月的对应日)', 'Q1.1 一般质量事故: counts for 12 months → 12 months (to the corresponding day it ends on)'],
    ]);
    const both = withClause('Q1', 0, (c) => void (c.window = { months: 12, end: 'day' }));
    const [months] = policyDiff(both, withClause('Q1', 0, (c) => void (c.window = { months: 24, end: 'day' })));
    expect([months!.field, months!.old, months!.new, months!.message]).toEqual(['window.months', 12, 24, 'Q1.1 一般质量事故: 期限 12 个月(计至到期月的对应日) → 24 个月(计至到期月的对应日)']);
    const [until] = policyDiff(older, withClause('C1', 1, (c) => void (c.window = { untilAttribute: 'until', end: 'day' })));
    expect([until!.message, until!.en]).toEqual(['C1.2 列入重点关注名单: 期限 计至事件的列入截止日期所在月底 → 计至事件的列入截止日期当日', "C1.2 列入重点关注名单: counts for to the end of the month of the event's until → to the event's until"]);
  });
});

/** The problems loading `ruleset` names: where, which, the fix in English and the sentence in Chinese. */
function refused(ruleset: Ruleset): { path: string; code: string | undefined; fix: string | undefined; zh: string | undefined }[] {
  try {
    loadRuleset(ruleset);
  } catch (error) {
    if (error instanceof CreditRulesError) return error.problems.map((p) => ({ path: p.path, code: p.code, fix: p.fix, zh: p.zh }));
    throw error;
  }
  return [];
}

describe('where windows end is checked at load', () => {
  it('an end that is neither, on the ruleset or on a window, with the path and the two it may be', () => {
    const wrong = { ...conductRuleset(), windows: { end: 'month' } } as unknown as Ruleset;
    expect(refused(wrong)).toEqual([{ path: '$.windows.end', code: 'schema.invalid', fix: 'use one of "monthEnd", "day"', zh: '只能是 "monthEnd"、"day" 之一' }]);
    const onWindow = withClause('Q1', 0, (c) => void (c.window = { months: 12, end: 'days' as WindowEnd }));
    expect(refused(onWindow)).toEqual([{ path: '$.indicators[0].items[0].clauses[0].window.end', code: 'schema.invalid', fix: 'use one of "monthEnd", "day"', zh: '只能是 "monthEnd"、"day" 之一' }]);
  });

  it('a reading it follows must be one of the ruleset\'s', () => {
    const ruleset: Ruleset = { ...conductRuleset(), windows: { end: 'day', reading: 'INT-9' } };
    expect(problemsOf(ruleset)!.problems).toEqual([['$.windows.reading', 'reading.unknown', expect.stringContaining('INT-9')]]);
  });
});
