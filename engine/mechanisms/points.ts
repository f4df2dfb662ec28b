/**
 * Amounts: every number of points (or of the ruleset's unit) is exact to 0.001 (decimal.ts), within
 * what a table in its unit gives, and of the sign its item's kind takes; a clause scores
 * `points` per occurrence or the points of its first matching level (levels.ts).
 * Everything an amount must be is checked here; how it is summed exactly is `decimal.ts`.
 */
import { inexactPoints } from '../decimal.js';
import { forEachItem } from '../walk.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import { levelProblems } from './levels.js';
import { say, type Changes, type LocatedClause, type LocatedItem } from '../review/changes.js';
import type { Ruleset } from '../types.js';
import { DEFAULT_UNIT } from '../messages/codes.js';

/**
 * The largest amount a ruleset counted in points (the default unit) may give: tables of
 * points are out of 100 or 1000 (some start every entity at 1000 and grade above it); a larger
 * number is more likely an amount of money typed without its `unit`.
 */
const MAX_POINTS = 10_000;

/** The problems of a ruleset's amounts. */
export function pointsProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const unitIsPoints = ruleset.unit === undefined || ruleset.unit === DEFAULT_UNIT;
  const exact = (value: number | undefined, path: (string | number)[]): void => {
    const inexact = inexactPoints(value, jsonPath(path));
    if (inexact) problems.push(inexact);
    else if (value !== undefined && unitIsPoints && Math.abs(value) > MAX_POINTS) {
      problems.push(problemAt(jsonPath(path), 'points.tooLarge', { points: value, max: MAX_POINTS }));
    }
  };
  forEachItem(ruleset, (item, itemPath) => {
    if ((item.kind === 'deduction' || item.kind === 'check') && item.full === undefined) problems.push(problemAt(jsonPath([...itemPath, 'full']), 'item.noFull', { item: item.id, kind: item.kind }));
    for (const key of ['full', 'base', 'cap', 'max'] as const) exact(item[key], [...itemPath, key]);
    if (item.multiplier) exact(item.multiplier.factor, [...itemPath, 'multiplier', 'factor']);
    item.clauses.forEach((clause, ci) => {
      const clausePath = [...itemPath, 'clauses', ci];
      exact(clause.points, [...clausePath, 'points']);
      exact(clause.cap, [...clausePath, 'cap']);
      problems.push(...levelProblems(clause, clausePath));
      const levels = clause.levels ?? (clause.points === undefined ? [] : [{ points: clause.points }]);
      levels.forEach((level, li) => {
        const at = clause.levels ? [...clausePath, 'levels', li, 'points'] : [...clausePath, 'points'];
        if (clause.levels) exact(level.points, at);
        const takes = item.kind === 'deduction' || item.kind === 'reduction';
        const wrongSign = (takes && level.points > 0) || (!takes && level.points < 0);
        if (!wrongSign) return;
        problems.push(problemAt(jsonPath(at), 'points.sign', { kind: item.kind, points: level.points }));
      });
    });
  });
  ruleset.grades.forEach((grade, i) => exact(grade.min, ['grades', i, 'min']));
  return problems;
}

/** In a policy diff: an item's full score. */
export function diffFull(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const b = now.value;
  c.number('item', [...now.path, 'full'], b.id, b.label, 'full', 'item.full', was.value.full, b.full, c.unit, { unit: c.unit });
}

/** In a policy diff: a clause's points each time (points that became levels: levels.ts). */
export function diffClausePoints(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  if (a.points === undefined || b.points === undefined || a.points === b.points) return;
  c.changed('clause', [...now.path, 'points'], b.id, b.label, 'points', a.points, b.points, say('points', { old: a.points, new: b.points, kind: now.item.kind, unit: c.unit }), c.unit);
}
