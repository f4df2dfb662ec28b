/**
 * A multiplier (E7.7: concealed and then found, twice the deduction): the occurrences of an
 * item whose event meets the multiplier's condition count `factor` times. The extra points are
 * kept apart (`extra`), so the trace says them on a line of their own (`multiplier.extra`), and
 * "highest only" compares the points after it (INT-9). Its factor is exact like any amount
 * (points.ts); its condition is matched with the others (compile.ts).
 */
import type { Milli } from '../decimal.js';
import { CHANGE_UNITS } from '../messages/codes.js';
import { same, say, type Changes, type LocatedItem, type Path } from '../review/changes.js';

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
  const ma = was.value.multiplier;
  const mb = now.value.multiplier;
  if (same(ma, mb)) return;
  const of = { item: now.value.id, itemLabel: now.value.label };
  const mp: Path = [...now.path, 'multiplier'];
  if (!ma) c.added('item', mp, mb!.citation.clause, mb!.label, mb, say('multiplier.added', { clause: mb!.citation.clause, label: mb!.label, factor: mb!.factor, ...of }));
  else if (!mb) c.removed('item', mp, ma.citation.clause, ma.label, ma, say('multiplier.removed', { clause: ma.citation.clause, label: ma.label, ...of }));
  else {
    const mid = mb.citation.clause;
    if (ma.factor !== mb.factor) c.changed('item', [...mp, 'factor'], mid, mb.label, 'factor', ma.factor, mb.factor, say('multiplier.factor', { old: ma.factor, new: mb.factor }), CHANGE_UNITS.factor);
    if (ma.label !== mb.label) c.changed('item', [...mp, 'label'], mid, '', 'label', ma.label, mb.label, say('label', { old: ma.label, new: mb.label }));
    c.condition('item', [...mp, 'when'], mid, mb.label, ma.when, mb.when);
    c.citation('item', [...mp, 'citation'], mid, mb.label, ma.citation, mb.citation);
  }
}
