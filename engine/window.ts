/**
 * Whether an event still counts at the evaluation date (INT-1, N6): an event dated d with a
 * validity of w months counts at D iff d ≤ D ≤ end-of-month(d + w). Adding months never
 * changes which month a clamped date falls in, so the right-hand test is a comparison of
 * months: month(d) + w ≥ month(D). A "currently listed" window runs to the end of the
 * month of its `until` (month(until) ≥ month(D)), or on without one.
 */
import { addMonths, endOfMonth, isIsoDate } from './dates.js';
import type { EntityEvent, Window } from './types.js';

/** Months since year 0 of an ISO date: 2021-02-28 → 2021 * 12 + 1. */
export function monthIndex(date: string): number {
  const digit = (i: number): number => date.charCodeAt(i) - 48;
  return (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + digit(5) * 10 + digit(6) - 1;
}

function attribute(event: EntityEvent, name: string): unknown {
  return Object.hasOwn(event, name) ? event[name] : undefined;
}

/** The validity in months of an event under a window, or `undefined` when it has no end. */
function validityMonths(event: EntityEvent, window: Window, parameters: Readonly<Record<string, unknown>>): number | undefined {
  if (window.monthsAttribute !== undefined) {
    const own = attribute(event, window.monthsAttribute);
    if (typeof own === 'number') return own;
    if (window.defaultParameter !== undefined) return parameters[window.defaultParameter] as number;
  }
  return window.months;
}

/** The last day the event counts, or `undefined` when it counts without end (for explanations). */
export function lastDayCounted(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string | undefined {
  if (!window) return undefined;
  if (window.untilAttribute !== undefined) {
    const until = attribute(event, window.untilAttribute);
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
    const until = attribute(event, window.untilAttribute);
    return !isIsoDate(until) || monthIndex(until) >= asOfMonth;
  }
  const months = validityMonths(event, window, parameters);
  return months === undefined || monthIndex(event.date) + months >= asOfMonth;
}
