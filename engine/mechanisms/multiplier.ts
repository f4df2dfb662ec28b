/**
 * A multiplier (E7.7: concealed and then found, twice the deduction): the occurrences of an
 * item whose event meets the multiplier's condition count `factor` times. The extra points are
 * kept apart (`extra`), so the trace says them on a line of their own (`multiplier.extra`), and
 * "highest only" compares the points after it (INT-9). Its factor is exact like any amount
 * (points.ts); its condition is matched with the others (compile.ts).
 */
import type { Milli } from '../decimal.js';

/** An occurrence as a multiplier changes it. */
interface Multiplied {
  event: number;
  points: Milli;
  extra: Milli;
}

/** Multiplies, in place, the points of the occurrences whose event is among `events`. */
export function applyMultiplier(occurrences: readonly Multiplied[], factor: number, events: ReadonlySet<number>): void {
  for (const o of occurrences) {
    if (!events.has(o.event)) continue;
    const points = Math.round(o.points * factor);
    o.extra = points - o.points;
    o.points = points;
  }
}
