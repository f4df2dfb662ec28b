/**
 * A computed that keeps its previous value while each new one equals it. A value worked out
 * afresh from the draft on every edit (hints, changed sections, parameter types) is a new
 * object even when nothing in it changed, and everything reading it would update: kept, it
 * stops there, so an edit updates only what it changes.
 */
import { computed, type ComputedRef } from 'vue';
import { jsonEqual } from '../model/paths.js';

/** Equal sets: the same members. */
export function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const member of a) if (!b.has(member)) return false;
  return true;
}

/** Equal maps: the same keys, each with a `jsonEqual` value. */
export function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (!b.has(key) || !jsonEqual(value, b.get(key))) return false;
  return true;
}

/** `computed(get)`, but the previous value stays while `equal` (JSON equality unless told) finds the new one the same. */
export function stableComputed<T>(get: () => T, equal: (previous: T, next: T) => boolean = jsonEqual): ComputedRef<T> {
  return computed((previous?: T) => {
    const next = get();
    return previous !== undefined && equal(previous, next) ? previous : next;
  });
}
