/**
 * Whether an event still counts at the evaluation date: an event dated d with a validity of w
 * months counts at D iff d ≤ D ≤ end-of-month(d + w), to the end of the month it lapses in.
 * Adding months never changes which month a clamped date falls in, so the right-hand test is a
 * comparison of months: month(d) + w ≥ month(D). A "currently listed" window runs to the end of
 * the month of its `until` (month(until) ≥ month(D)), or on without one.
 */
import { forEachClause } from '../walk.js';
import { addDays, addMonths, endOfMonth, isIsoDate } from '../dates.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import { attributeKinds, ownAttribute } from '../attributes.js';
import { closest } from '../suggest.js';
import { CHANGE_UNITS, type WindowSummary } from '../messages/codes.js';
import { attributeRef, parameterValue, same, say, type Changes, type LocatedClause } from '../review/changes.js';
import type { EntityEvent, Ruleset, Window } from '../types.js';

/**
 * A window's load-time checks: it says how long (months, or an attribute), its attributes are
 * event attributes of the right kind (a number of months, a date to count until), and its
 * default names a parameter (whose type, a whole number of months, parameters.ts checks).
 */
export function windowProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const kinds = attributeKinds(ruleset);
  const attribute = (name: string | undefined, kind: 'number' | 'date', path: (string | number)[]): void => {
    if (name === undefined) return;
    const found = kinds.get(name);
    if (found && [...found].every((k) => k === kind)) return;
    const fitting = [...kinds].filter(([, k]) => [...k].every((x) => x === kind)).map(([n]) => n);
    problems.push(problemAt(jsonPath(path), 'window.attribute', { name, kind, guess: closest(name, fitting) }));
  };
  forEachClause(ruleset, (clause, clausePath) => {
    const w = clause.window;
    if (!w) return;
    const at = [...clausePath, 'window'];
    if (w.months === undefined && w.monthsAttribute === undefined && w.untilAttribute === undefined) {
      problems.push(problemAt(jsonPath(at), 'window.empty', {}));
    }
    attribute(w.monthsAttribute, 'number', [...at, 'monthsAttribute']);
    attribute(w.untilAttribute, 'date', [...at, 'untilAttribute']);
    if (w.defaultParameter !== undefined && !Object.hasOwn(ruleset.parameters, w.defaultParameter)) {
      const guess = closest(w.defaultParameter, Object.keys(ruleset.parameters));
      problems.push(problemAt(jsonPath([...at, 'defaultParameter']), 'parameter.unknown', { name: w.defaultParameter, guess, inWindow: true }));
    }
  });
  return problems;
}

/** Months since year 0 of an ISO date: 2021-02-28 → 2021 * 12 + 1. */
export function monthIndex(date: string): number {
  const digit = (i: number): number => date.charCodeAt(i) - 48;
  return (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + digit(5) * 10 + digit(6) - 1;
}

/** The validity in months of an event under a window, or `undefined` when it has no end. */
function validityMonths(event: EntityEvent, window: Window, parameters: Readonly<Record<string, unknown>>): number | undefined {
  if (window.monthsAttribute !== undefined) {
    const own = ownAttribute(event, window.monthsAttribute);
    if (typeof own === 'number') return own;
    if (window.defaultParameter !== undefined) return parameters[window.defaultParameter] as number;
  }
  return window.months;
}

/** The last day the event counts, or `undefined` when it counts without end (for explanations). */
export function lastDayCounted(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string | undefined {
  if (!window) return undefined;
  if (window.untilAttribute !== undefined) {
    const until = ownAttribute(event, window.untilAttribute);
    return isIsoDate(until) ? endOfMonth(until) : undefined;
  }
  const months = validityMonths(event, window, parameters);
  return months === undefined ? undefined : endOfMonth(addMonths(event.date, months));
}

/** True when the event counts at `asOf`; `asOfMonth` is `monthIndex(asOf)`. */
export function inWindow(event: EntityEvent, window: Window | undefined, asOf: string, asOfMonth: number, parameters: Readonly<Record<string, unknown>>): boolean {
  if (event.date > asOf) return false;
  if (!window) return true;
  if (window.untilAttribute !== undefined) {
    const until = ownAttribute(event, window.untilAttribute);
    return !isIsoDate(until) || monthIndex(until) >= asOfMonth;
  }
  const months = validityMonths(event, window, parameters);
  return months === undefined || monthIndex(event.date) + months >= asOfMonth;
}

/**
 * The dates from which whether the event counts under `window` may change (for a forecast):
 * its own date, from which it counts, and the day after its last day counted.
 */
export function windowChangeDates(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string[] {
  const last = lastDayCounted(event, window, parameters);
  return last === undefined ? [event.date] : [event.date, addDays(last, 1)];
}

/** A window as data, for a policy change: months, to the date an attribute names, or the months an attribute gives (with what holds without them). */
export function windowSummary(window: Window | undefined, ruleset: Ruleset): WindowSummary {
  if (!window) return { kind: 'none' };
  if (window.untilAttribute !== undefined) return { kind: 'until', ...attributeRef(ruleset, window.untilAttribute) };
  if (window.monthsAttribute !== undefined) {
    const fallback = window.defaultParameter !== undefined ? ruleset.parameters[window.defaultParameter] : undefined;
    const summary: WindowSummary = { kind: 'attribute', ...attributeRef(ruleset, window.monthsAttribute) };
    if (fallback) summary.fallback = parameterValue(fallback);
    else if (window.months !== undefined) summary.fallbackMonths = window.months;
    return summary;
  }
  return window.months === undefined ? { kind: 'none' } : { kind: 'months', months: window.months };
}

/** In a policy diff: a clause's window (its months alone, said as months, or the whole window). */
export function diffWindow(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  if (same(a.window, b.window)) return;
  const months = a.window?.months !== undefined && b.window?.months !== undefined && Object.keys(a.window).length === 1 && Object.keys(b.window).length === 1;
  c.changed('clause', [...now.path, 'window'], b.id, b.label, months ? 'window.months' : 'window', months ? a.window!.months : a.window, months ? b.window!.months : b.window,
    say('clause.window', { old: windowSummary(a.window, c.older), new: windowSummary(b.window, c.newer) }), months ? CHANGE_UNITS.months : undefined);
}
