/**
 * Whether an event still counts at the evaluation date. An event dated d with a validity of w
 * months counts at D iff d ≤ D ≤ its last day, which is, by the window's end (its own `end`,
 * else the ruleset's `windows.end`, else `monthEnd`):
 * - `monthEnd`: end-of-month(d + w), the end of the month it lapses in. Adding months never
 *   changes which month a clamped date falls in, so the test is a comparison of months:
 *   month(d) + w ≥ month(D).
 * - `day`: d + w months itself, the corresponding day or the month's last day when it has none
 *   (dates.ts clamps). In months and days: month(d) + w > month(D), or the same month and
 *   day(d) ≥ day(D) (a clamped day is ≥ any day of its month, as day(d) is then), which is
 *   (month(d) + w)·32 + day(d) ≥ month(D)·32 + day(D).
 * A "currently listed" window runs to its `until` (to the end of that month under `monthEnd`),
 * or on without one.
 */
import { forEachClause } from '../walk.js';
import { addDays, addMonths, endOfMonth, isIsoDate } from '../dates.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import { attributeKinds, ownAttribute } from '../attributes.js';
import { closest } from '../suggest.js';
import { CHANGE_UNITS, type WindowSummary } from '../messages/codes.js';
import { attributeRef, LABELS, parameterValue, same, say, type Changes, type LocatedClause } from '../review/changes.js';
import type { EntityEvent, Ruleset, Window, WindowEnd } from '../types.js';

/** Where a window ends when neither it nor its ruleset says: the month's end, as rulesets written before `end` existed count. */
export const DEFAULT_WINDOW_END: WindowEnd = 'monthEnd';

/** Where a window ends: its own `end`, else its ruleset's `windows.end`, else the month's end. */
export function windowEnd(window: Window, ruleset: Pick<Ruleset, 'windows'>): WindowEnd {
  return window.end ?? ruleset.windows?.end ?? DEFAULT_WINDOW_END;
}

/** A clause's window as scoring reads it (compile.ts): its end written in, from the ruleset where the window says none. */
export function compiledWindow(window: Window | undefined, ruleset: Ruleset): Window | undefined {
  return window && { ...window, end: windowEnd(window, ruleset) };
}

/**
 * A window's load-time checks: it says how long (months, or an attribute), its attributes are
 * event attributes of the right kind (a number of months, a date to count until), and its
 * default names a parameter (whose type, a whole number of months, parameters.ts checks). The
 * schema allows only the two ends; ruleset.ts checks `windows.reading` with every reading.
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

/** The day of the month of an ISO date: 2021-02-28 → 28. */
function dayOfMonth(date: string): number {
  return (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
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

/**
 * The last day the event counts, or `undefined` when it counts without end (for explanations).
 * The window's `end` decides (the month's end without one): pass a compiled window, whose end
 * is written in, to follow its ruleset's `windows.end`.
 */
export function lastDayCounted(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string | undefined {
  if (!window) return undefined;
  const toDay = window.end === 'day';
  if (window.untilAttribute !== undefined) {
    const until = ownAttribute(event, window.untilAttribute);
    if (!isIsoDate(until)) return undefined;
    return toDay ? until : endOfMonth(until);
  }
  const months = validityMonths(event, window, parameters);
  if (months === undefined) return undefined;
  const last = addMonths(event.date, months);
  return toDay ? last : endOfMonth(last);
}

/** True when the event counts at `asOf` under a compiled window (its `end` written in); `asOfMonth` is `monthIndex(asOf)`. */
export function inWindow(event: EntityEvent, window: Window | undefined, asOf: string, asOfMonth: number, parameters: Readonly<Record<string, unknown>>): boolean {
  if (event.date > asOf) return false;
  if (!window) return true;
  const toDay = window.end === 'day';
  if (window.untilAttribute !== undefined) {
    const until = ownAttribute(event, window.untilAttribute);
    if (!isIsoDate(until)) return true;
    return toDay ? until >= asOf : monthIndex(until) >= asOfMonth;
  }
  const months = validityMonths(event, window, parameters);
  if (months === undefined) return true;
  const lastMonth = monthIndex(event.date) + months;
  return toDay ? lastMonth * 32 + dayOfMonth(event.date) >= asOfMonth * 32 + dayOfMonth(asOf) : lastMonth >= asOfMonth;
}

/**
 * The dates from which whether the event counts under `window` may change (for a forecast):
 * its own date, from which it counts, and the day after its last day counted.
 */
export function windowChangeDates(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string[] {
  const last = lastDayCounted(event, window, parameters);
  return last === undefined ? [event.date] : [event.date, addDays(last, 1)];
}

/**
 * A window as data, for a policy change: months, to the date an attribute names, or the months
 * an attribute gives (with what holds without them); with the end the window states itself
 * (the ruleset's is said once, by `diffWindowRule`), and for a date the end it counts to.
 */
export function windowSummary(window: Window | undefined, ruleset: Ruleset): WindowSummary {
  if (!window) return { kind: 'none' };
  const own = window.end === undefined ? {} : { end: window.end };
  if (window.untilAttribute !== undefined) return { kind: 'until', ...attributeRef(ruleset, window.untilAttribute), end: windowEnd(window, ruleset) };
  if (window.monthsAttribute !== undefined) {
    const fallback = window.defaultParameter !== undefined ? ruleset.parameters[window.defaultParameter] : undefined;
    const summary: WindowSummary = { kind: 'attribute', ...attributeRef(ruleset, window.monthsAttribute), ...own };
    if (fallback) summary.fallback = parameterValue(fallback);
    else if (window.months !== undefined) summary.fallbackMonths = window.months;
    return summary;
  }
  return window.months === undefined ? { kind: 'none' } : { kind: 'months', months: window.months, ...own };
}

/** True for a window of months alone, with maybe its own end. */
const onlyMonths = (w: Window | undefined): w is Window & { months: number } =>
  w?.months !== undefined && Object.keys(w).every((key) => key === 'months' || key === 'end');

/** In a policy diff: a clause's window (its months alone, said as months, or the whole window). */
export function diffWindow(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  if (same(a.window, b.window)) return;
  const months = onlyMonths(a.window) && onlyMonths(b.window) && a.window.end === b.window.end;
  c.changed('clause', [...now.path, 'window'], b.id, b.label, months ? 'window.months' : 'window', months ? a.window!.months : a.window, months ? b.window!.months : b.window,
    say('clause.window', { old: windowSummary(a.window, c.older), new: windowSummary(b.window, c.newer) }), months ? CHANGE_UNITS.months : undefined);
}

/**
 * In a policy diff: where the ruleset's windows end (a change of what they count to, said
 * once for all the windows that state no end of their own), its citation and its reading.
 */
export function diffWindowRule(c: Changes): void {
  const [a, b] = [c.older.windows, c.newer.windows];
  if (same(a, b)) return;
  const clause = b?.citation?.clause ?? a?.citation?.clause ?? '';
  const [old, now] = [a?.end ?? DEFAULT_WINDOW_END, b?.end ?? DEFAULT_WINDOW_END];
  if (old !== now) c.changed('window', ['windows', 'end'], clause, LABELS.windows, 'end', old, now, say('windows.end', { old, new: now }));
  c.citation('window', ['windows', 'citation'], clause, LABELS.windows, a?.citation, b?.citation);
  c.reading('window', ['windows', 'reading'], clause, LABELS.windows, a?.reading, b?.reading);
}
