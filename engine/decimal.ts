/**
 * Points as exact decimals. A table's points have at most three decimals
 * (0.3, 0.5, 1.5…), so they are held as integer thousandths: sums are exact and a
 * score can never drift across a grade line.
 */
import { problemAt, type Problem } from './errors.js';

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

/** Points written finer than 0.001, in a ruleset or a case, as the problem at `path`; `undefined` when exact. */
export function inexactPoints(points: number | undefined, path: string): Problem | undefined {
  if (points === undefined || hasExactMilli(points)) return undefined;
  return problemAt(path, 'points.inexact', { points });
}

/** True when `points` is written with at most three decimals. */
function hasExactMilli(points: number): boolean {
  return Number.isFinite(points) && Math.abs(points * SCALE - Math.round(points * SCALE)) < 1e-6;
}
