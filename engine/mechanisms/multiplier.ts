/**
 * A multiplier (e.g. twice the deduction for an event that was concealed): the occurrences of
 * an item whose event meets the multiplier's condition count `factor` times. The extra points are
 * kept apart (`extra`), so the trace says them on a line of their own (`multiplier.extra`), and
 * "highest only" compares the points after it. Its factor is exact like any amount
 * (points.ts); its condition is matched with the others (compile.ts).
 */
import type { Milli } from '../decimal.js';
import { CHANGE_UNITS } from '../messages/codes.js';
import { say, type Changes, type LocatedItem, type Path } from '../review/changes.js';

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

/** In a policy diff: an item's multiplier, added, removed, or its factor, label, condition and citation. */
export function diffMultiplier(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const of = { item: now.value.id, itemLabel: now.value.label };
  const path: Path = [...now.path, 'multiplier'];
  c.itemRule(path, was.value.multiplier, now.value.multiplier, {
    added: (m) => say('multiplier.added', { clause: m.citation.clause, label: m.label, factor: m.factor, ...of }),
    removed: (m) => say('multiplier.removed', { clause: m.citation.clause, label: m.label, ...of }),
  }, (clause, a, b) => {
    if (a.factor !== b.factor) c.changed('item', [...path, 'factor'], clause, b.label, 'factor', a.factor, b.factor, say('multiplier.factor', { old: a.factor, new: b.factor }), CHANGE_UNITS.factor);
  });
}
