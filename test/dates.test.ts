import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, endOfMonth, isIsoDate } from '../engine/dates.js';
import { inWindow, lastDayCounted, monthIndex } from '../engine/mechanisms/window.js';

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-02-30')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2021-04-31')).toBe(false);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('2021-1-01')).toBe(false);
    expect(isIsoDate(20210101)).toBe(false);
  });

  it('adds calendar months, clamping to the last day (INT-1)', () => {
    expect(addMonths('2020-11-30', 3)).toBe('2021-02-28');
    expect(addMonths('2019-11-30', 3)).toBe('2020-02-29');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2020-07-01', -24)).toBe('2018-07-01');
    expect(addMonths('2021-03-31', -1)).toBe('2021-02-28');
    expect(addMonths('2020-12-15', 1)).toBe('2021-01-15');
  });

  const day = fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  /** Date's calendar: the string is a day it writes back the same. */
  const real = (s: string): boolean => {
    const date = new Date(`${s}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
  };

  it("agrees with Date's calendar on real days and on strings one character from one", () => {
    fc.assert(fc.property(day, (s) => isIsoDate(s)), { numRuns: 3000 });
    const nearMiss = fc.tuple(day, fc.nat(9), fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ':', ' ', 'a', '٣'))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    fc.assert(fc.property(nearMiss, (s) => isIsoDate(s) === real(s)), { numRuns: 5000 });
  });

  it("adds months as Date's calendar does, to the month's last day at most", () => {
    fc.assert(
      fc.property(day.filter((s) => s >= '1100' && s < '9900'), fc.integer({ min: -1200, max: 1200 }), (s, months) => {
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
        const expected = new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
        expect(addMonths(s, months)).toBe(expected);
        expect(endOfMonth(s)).toBe(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the end of the month', () => {
    expect(endOfMonth('2020-07-10')).toBe('2020-07-31');
    expect(endOfMonth('2020-02-03')).toBe('2020-02-29');
    expect(endOfMonth('2021-02-03')).toBe('2021-02-28');
  });
});

describe('windows (INT-1, N2, N6)', () => {
  const announcement = { monthsAttribute: 'announceMonths', defaultParameter: 'announcementMonths' };
  const parameters = { announcementMonths: 3 };

  it("reproduces N6's example: an announcement ending 2020-07-10 counts through 2020-07-31", () => {
    const event = { type: 'qualityCriticism', date: '2020-04-10' };
    expect(lastDayCounted(event, announcement, parameters)).toBe('2020-07-31');
    expect(inWindow(event, announcement, '2020-07-31', monthIndex('2020-07-31'), parameters)).toBe(true);
    expect(inWindow(event, announcement, '2020-08-01', monthIndex('2020-08-01'), parameters)).toBe(false);
  });

  it("reproduces N2's example: applying 2020-07-01, the last 2 years start 2018-07-01", () => {
    const at = (date: string) => inWindow({ type: 'x', date }, { months: 24 }, '2020-07-01', monthIndex('2020-07-01'), {});
    expect(at('2018-07-01')).toBe(true);
    expect(at('2018-06-30')).toBe(false); // it lapsed on 2020-06-30, the end of its month
    expect(at('2020-07-01')).toBe(true);
    expect(at('2020-07-02')).toBe(false); // dated after the evaluation
  });

  it('an event takes its own announcement months over the default', () => {
    const event = { type: 'qualityCriticism', date: '2020-01-15', announceMonths: 6 };
    expect(lastDayCounted(event, announcement, parameters)).toBe('2020-07-31');
  });

  it('a listing counts to the end of the month of its until, or on without one', () => {
    const until = { untilAttribute: 'until' };
    const listed = { type: 'listing', date: '2019-01-01', until: '2021-03-05' };
    expect(inWindow(listed, until, '2021-03-31', monthIndex('2021-03-31'), {})).toBe(true);
    expect(inWindow(listed, until, '2021-04-01', monthIndex('2021-04-01'), {})).toBe(false);
    expect(inWindow({ type: 'listing', date: '2019-01-01' }, until, '2030-01-01', monthIndex('2030-01-01'), {})).toBe(true);
    expect(inWindow({ type: 'listing', date: '2030-01-02' }, until, '2030-01-01', monthIndex('2030-01-01'), {})).toBe(false);
  });

  it('the month comparison equals the literal rule d ≤ D ≤ end-of-month(d + w) for any dates', () => {
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.integer({ min: 0, max: 72 }), (d, D, w) => {
        const literal = d <= D && D <= endOfMonth(addMonths(d, w));
        expect(inWindow({ type: 'x', date: d }, { months: w }, D, monthIndex(D), {})).toBe(literal);
      }),
      { numRuns: 5000 },
    );
  });

  it('to the day, the month-and-day arithmetic equals the literal rule d ≤ D ≤ d + w months (clamped), and until D ≤ until', () => {
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    // Days near a month's end, where clamping happens, drawn often.
    const monthEndish = fc.tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 26, max: 31 })).map(([y, m, day]) => addDays(`${y}-${String(m).padStart(2, '0')}-01`, day - 1));
    const any = fc.oneof(date, monthEndish);
    fc.assert(
      fc.property(any, any, fc.integer({ min: 0, max: 72 }), (d, D, w) => {
        const literal = d <= D && D <= addMonths(d, w);
        expect(inWindow({ type: 'x', date: d }, { months: w, end: 'day' }, D, monthIndex(D), {})).toBe(literal);
        expect(lastDayCounted({ type: 'x', date: d }, { months: w, end: 'day' }, {})).toBe(addMonths(d, w));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(any, any, any, (d, D, until) => {
        expect(inWindow({ type: 'x', date: d, until }, { untilAttribute: 'until', end: 'day' }, D, monthIndex(D), {})).toBe(d <= D && D <= until);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('addDays', () => {
  it('crosses month and year ends, leap days, and years written below 100', () => {
    expect(['2021-02-28', '2020-02-28', '2020-02-29', '2021-12-31', '0050-02-28'].map((d) => addDays(d, 1))).toEqual(['2021-03-01', '2020-02-29', '2020-03-01', '2022-01-01', '0050-03-01']);
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
    expect(addDays('2021-01-01', 365)).toBe('2022-01-01');
  });

  it('moves one day at a time as the calendar does: the next day is a real date just after', () => {
    const date = fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-30'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, (d) => {
        const next = addDays(d, 1);
        expect(isIsoDate(next) && next > d).toBe(true);
        expect(addDays(next, -1)).toBe(d);
      }),
      { numRuns: 2000 },
    );
  });
});
