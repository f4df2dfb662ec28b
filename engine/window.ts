/**
 * Whether an event still counts at the evaluation date (INT-1, N6): an event dated d with a
 * validity of w months counts at D iff d ≤ D ≤ end-of-month(d + w). A "currently listed"
 * window runs to the end of the month of its `until`, or on without one.
 */
import { addMonths, endOfMonth, isIsoDate } from './dates.js';
import type { EntityEvent, Window } from './types.js';

/** The last day the event counts, or `undefined` when it counts without end. */
export function lastDayCounted(event: EntityEvent, window: Window | undefined, parameters: Readonly<Record<string, unknown>>): string | undefined {
  if (!window) return undefined;
  if (window.untilAttribute !== undefined) {
    const until = Object.hasOwn(event, window.untilAttribute) ? event[window.untilAttribute] : undefined;
    return isIsoDate(until) ? endOfMonth(until) : undefined;
  }
  let months = window.months;
  if (window.monthsAttribute !== undefined) {
    const own = Object.hasOwn(event, window.monthsAttribute) ? event[window.monthsAttribute] : undefined;
    if (typeof own === 'number') months = own;
    else if (window.defaultParameter !== undefined) months = parameters[window.defaultParameter] as number;
  }
  return months === undefined ? undefined : endOfMonth(addMonths(event.date, months));
}

/** True when the event counts at `asOf`. */
export function inWindow(event: EntityEvent, window: Window | undefined, asOf: string, parameters: Readonly<Record<string, unknown>>): boolean {
  if (event.date > asOf) return false;
  const last = lastDayCounted(event, window, parameters);
  return last === undefined || asOf <= last;
}
