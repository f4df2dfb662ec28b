/**
 * Points as exact decimals (INT-7). The table's points have at most three decimals
 * (0.3, 0.5, 0.8, 1.5), so they are held as integer thousandths: sums are exact and a
 * score can never drift across a grade line.
 */

/** Thousandths of a point. */
export type Milli = number;

const SCALE = 1000;

/** Points → thousandths. Callers pass numbers the schema has checked to have ≤ 3 decimals. */
export function toMilli(points: number): Milli {
  return Math.round(points * SCALE);
}

/** Thousandths → the nearest number, which prints as the exact decimal (85.9, not 85.900000001). */
export function fromMilli(milli: Milli): number {
  return milli / SCALE;
}

/** True when `points` is written with at most three decimals. */
export function hasExactMilli(points: number): boolean {
  return Number.isFinite(points) && Math.abs(points * SCALE - Math.round(points * SCALE)) < 1e-6;
}
