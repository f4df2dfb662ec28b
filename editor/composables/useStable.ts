/**
 * A computed that keeps its previous value while each new one equals it. A value worked out
 * afresh from the draft on every edit (hints, changed sections, parameter types) is a new
 * object even when nothing in it changed, and everything reading it would update: kept, it
 * stops there, so an edit updates only what it changes.
 */
import { computed, shallowRef, watch, type ComputedRef, type ShallowRef } from 'vue';
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

/**
 * One ref per key of a map worked out afresh on edits (hints, provisional notes by path), each
 * set only when its own entry changes: a field reads its entry through its ref, so an edit
 * updates the fields whose entries changed, and no other is even asked. The refs are set before
 * components update (a `pre` watcher); the map itself stays the synchronous answer.
 */
export function keyedRefs<T>(map: () => ReadonlyMap<string, T>): (key: string) => Readonly<ShallowRef<T | undefined>> {
  const refs = new Map<string, ShallowRef<T | undefined>>();
  let current: ReadonlyMap<string, T> = new Map();
  watch(
    map,
    (next) => {
      current = next;
      for (const [key, entry] of refs) {
        const value = next.get(key);
        if (!jsonEqual(entry.value, value)) entry.value = value;
      }
    },
    { immediate: true },
  );
  return (key) => {
    let entry = refs.get(key);
    if (!entry) refs.set(key, (entry = shallowRef(current.get(key))));
    return entry;
  };
}
