/**
 * The dates a forecast says a score or grade changes on, one kind of date each, worked out by
 * hand on the conduct table (conduct.ts: 40 points, A from 36, B from 28; Q1.1 a general
 * accident −5 for 12 months, Q1.2 a major one vetoes Q for 12 months, C1.1 a criticism −2
 * for its announceMonths or the 3-month parameter, C1.2 a listing −3 until its `until`, C2.1
 * a penalty −3 for 24 months; a base score of 10 for Q1 after 24 months without a project;
 * downgrades hold 12 months). A window counts an event from its date through the end of the
 * month its months end in, so the change is on the first day of the next month: each test
 * would fail with the month end left out, or a window a month or a day longer or shorter.
 */
import { describe, expect, it } from 'vitest';
import { forecast, type EntityRecord } from '../../engine/index.js';
import { clean, conductRuleset, type Ev } from './conduct.js';
import { applicant, compile } from './subsidy.js';

const conduct = compile(conductRuleset());

/** The forecast's steps as `date score grade`, from `asOf` to `until`. */
function timeline(record: EntityRecord, asOf: string, until = '2026-12-31'): string[] {
  return forecast(conduct, record, { asOf, until }).steps.map((s) => `${s.date} ${s.score} ${s.grade}`);
}

/** The codes of the reasons a forecast gives for the step on `date`. */
function reasonsOn(record: EntityRecord, asOf: string, date: string): string[] {
  const step = forecast(conduct, record, { asOf, until: '2026-12-31' }).steps.find((s) => s.date === date);
  return step ? step.reasons.map((r) => r.code) : [];
}

const accident = (id: string, date: string, severity = 'general'): Ev => ({ id, type: 'accident', date, severity });

describe('an event leaves its window at the end of the month its months end in', () => {
  it('a 12-month window: an accident of 2024-03-15 counts through 2025-03-31, so the score comes back on 2025-04-01', () => {
    const record = clean([accident('a1', '2024-03-15')]);
    // 40 − 5 = 35, B; then 40, A.
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 35 B', '2025-04-01 40 A']);
    expect(reasonsOn(record, '2024-06-30', '2025-04-01')).toEqual(['window.lapsed']);
  });

  it("an event's own months, into a shorter month: one month from 2024-01-31 is 2024-02-29, counted through it, back on 2024-03-01", () => {
    const record = clean([{ id: 'c1', type: 'criticism', date: '2024-01-31', announceMonths: 1 }]);
    expect(timeline(record, '2024-02-10')).toEqual(['2024-02-10 38 A', '2024-03-01 40 A']);
  });

  it("the parameter's 3 months when the event has none: 2024-05-20 counts through 2024-08-31, back on 2024-09-01", () => {
    expect(timeline(clean([{ id: 'c1', type: 'criticism', date: '2024-05-20' }]), '2024-06-30')).toEqual(['2024-06-30 38 A', '2024-09-01 40 A']);
  });

  it('until a date the event names: listed until 2024-10-15, counted through 2024-10-31, back on 2024-11-01', () => {
    expect(timeline(clean([{ id: 'l1', type: 'listing', date: '2024-04-01', until: '2024-10-15' }]), '2024-06-30')).toEqual(['2024-06-30 37 A', '2024-11-01 40 A']);
  });

  it('two windows end in one month: one step, with both reasons, on the first of the next', () => {
    const record = clean([accident('a1', '2024-03-01'), accident('a2', '2024-03-31')]);
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 30 B', '2025-04-01 40 A']);
    expect(reasonsOn(record, '2024-06-30', '2025-04-01')).toEqual(['window.lapsed', 'window.lapsed']);
  });
});

describe('a veto ends with its window', () => {
  it('a major accident of 2024-02-10 zeroes Q (20) through 2025-02-28; from 2025-03-01 Q counts again', () => {
    const record = clean([accident('m1', '2024-02-10', 'major')]);
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 20 C', '2025-03-01 40 A']);
    expect(reasonsOn(record, '2024-06-30', '2025-03-01')).toEqual(['window.lapsed']);
  });
});

describe('a downgrade lapses 12 months after it, to the day; the penalty behind it at its own window end', () => {
  it('published A, a penalty on 2024-03-01: B at 28 until 2025-02-28, the table (37, A) from 2025-03-01, 40 from 2026-04-01', () => {
    const record = clean([{ id: 'p1', type: 'penalty', date: '2024-03-01' }], { publishedRating: { grade: 'A', date: '2024-01-01' } });
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 28 B', '2025-03-01 37 A', '2026-04-01 40 A']);
    expect(reasonsOn(record, '2024-06-30', '2025-03-01')).toEqual(['downgrade.expired']);
  });
});

describe('a base score starts when the last project leaves the 24-month lookback, and ends with a new permit', () => {
  it('a project completed 2023-08-31 is recent through 2025-08-31: from 2025-09-01 Q1 starts at its base, 10 (30, B)', () => {
    const record = applicant([], { projects: [{ id: 'P1', permitDate: '2022-03-10', completionDate: '2023-08-31' }] });
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 40 A', '2025-09-01 30 B']);
    expect(reasonsOn(record, '2024-06-30', '2025-09-01')).toEqual(['item.startBase']);
  });

  it('at a month end the lookback clamps: completed 2022-02-28, still recent on 2024-02-29 (24 months back is 2022-02-28), base from 2024-03-01', () => {
    const record = applicant([], { projects: [{ id: 'P1', permitDate: '2021-01-04', completionDate: '2022-02-28' }] });
    expect(timeline(record, '2024-01-15', '2024-12-31')).toEqual(['2024-01-15 40 A', '2024-03-01 30 B']);
  });

  it('a project without a completion date is taken to end 12 months after its permit: permitted 2023-05-20, ends 2024-05-20, recent through 2026-05-20, base from 2026-05-21', () => {
    const record = applicant([], { projects: [{ id: 'P1', permitDate: '2023-05-20' }] });
    expect(timeline(record, '2024-06-30')).toEqual(['2024-06-30 40 A', '2026-05-21 30 B']);
  });

  it('a project permitted after the evaluation date ends the base score on its permit date', () => {
    const record = applicant([], { projects: [{ id: 'P1', permitDate: '2024-09-15' }] });
    expect(timeline(record, '2024-06-30', '2025-12-31')).toEqual(['2024-06-30 30 B', '2024-09-15 40 A']);
  });
});
