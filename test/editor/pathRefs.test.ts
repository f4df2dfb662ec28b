/**
 * What keeps an edit's reach small: a field's value, hints and provisional note each come
 * through a ref of its own path, set only when that entry changes.
 */
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, shallowRef, watch } from 'vue';
import { pathRefs } from '../../editor/composables/usePathRefs.js';
import { keyedRefs } from '../../editor/composables/useStable.js';
import { formatJson, setIn, shareUnchanged } from '../../editor/model/paths.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { rulesetText } from './support.js';

/** How often each ref notified, counted at once (a sync watcher per ref). */
function counting(refs: Record<string, { readonly value: unknown }>): Record<string, number> {
  const counts = Object.fromEntries(Object.keys(refs).map((k) => [k, 0]));
  for (const [name, r] of Object.entries(refs)) watch(() => r.value, () => counts[name]!++, { flush: 'sync' });
  return counts;
}

describe('pathRefs', () => {
  it("sets only the refs whose values an edit changed, and follows lists and removed keys", () => {
    const scope = effectScope();
    scope.run(() => {
      let document: unknown = { a: { x: 1, y: [1, 2] }, b: { z: 'z' } };
      const refs = pathRefs(document);
      const x = refs.at(['a', 'x']);
      const y1 = refs.at(['a', 'y', 1]);
      const z = refs.at(['b', 'z']);
      const b = refs.at(['b']);
      const counts = counting({ x, y1, z, b });
      expect([x.value, y1.value, z.value]).toEqual([1, 2, 'z']);

      document = setIn(document, ['a', 'x'], 2);
      refs.update(document);
      expect(x.value).toBe(2);
      expect(counts).toEqual({ x: 1, y1: 0, z: 0, b: 0 });

      document = setIn(document, ['a', 'y', 1], 5);
      refs.update(document);
      expect(y1.value).toBe(5);
      expect(counts).toEqual({ x: 1, y1: 1, z: 0, b: 0 });

      // A new document equal in value (the JSON view's parse): only values that are not the same primitive move.
      document = JSON.parse(JSON.stringify(document));
      refs.update(document);
      expect(counts).toEqual({ x: 1, y1: 1, z: 0, b: 1 });

      document = setIn(document, ['b', 'z'], undefined);
      refs.update(document);
      expect(z.value).toBeUndefined();
      // A ref asked for later starts from the document as it is now.
      expect(refs.at(['a', 'y', 0]).value).toBe(1);
    });
    scope.stop();
  });
});

describe('keyedRefs', () => {
  it('sets a key’s ref only when its own entry changes, before components update', async () => {
    const scope = effectScope();
    await scope.run(async () => {
      const map = shallowRef(new Map([['p', { n: 1 }], ['q', { n: 2 }]]));
      const at = keyedRefs(() => map.value);
      const p = at('p');
      const q = at('q');
      const r = at('r');
      const counts = counting({ p, q, r });
      map.value = new Map([['p', { n: 1 }], ['q', { n: 3 }]]);
      await nextTick();
      expect([p.value, q.value, r.value]).toEqual([{ n: 1 }, { n: 3 }, undefined]);
      expect(counts).toEqual({ p: 0, q: 1, r: 0 });
      map.value = new Map([['r', { n: 4 }]]);
      await nextTick();
      expect([p.value, q.value, r.value]).toEqual([undefined, undefined, { n: 4 }]);
      expect(counts).toEqual({ p: 1, q: 2, r: 1 });
    });
    scope.stop();
  });
});

describe('the ruleset store', () => {
  it('an edit of E2.1’s full score notifies that field’s value and no other field’s value or hint', async () => {
    setActivePinia(createPinia());
    const store = useRulesetStore();
    store.open('enterprise.json', rulesetText, 'h');
    const full = ['indicators', 1, 'items', 0, 'full'];
    const points = ['indicators', 1, 'items', 0, 'clauses', 3, 'points'];
    const line = ['grades', 0, 'min'];
    const counts = counting({
      full: store.valueAt(full),
      points: store.valueAt(points),
      line: store.valueAt(line),
      eventTypes: store.valueAt(['eventTypes']),
      pointsHint: store.citationHintRef('$.indicators[1].items[0].clauses[3].points'),
      lineHint: store.valueHintRef('$.grades[0].min'),
    });
    store.setValue(full, 19, 'full');
    await nextTick();
    expect(store.valueAt(full).value).toBe(19);
    expect(counts).toEqual({ full: 1, points: 0, line: 0, eventTypes: 0, pointsHint: 0, lineHint: 0 });
    // A grade line no score reaches: its hint appears, and the other field's stays as it was.
    store.setValue(line, 101, 'line');
    await nextTick();
    expect(store.valueHintRef('$.grades[0].min').value).toEqual(store.valueHintAt(line));
    expect(store.valueHintAt(line)).toBeDefined();
    expect(counts).toEqual({ full: 1, points: 0, line: 1, eventTypes: 0, pointsHint: 0, lineHint: 1 });
  });
});

describe('shareUnchanged', () => {
  it('keeps every part of the old document that the new one equals, in value and key order', () => {
    const before = { a: { x: 1, y: [1, { z: 2 }] }, b: { c: 'c' }, d: [1, 2] };
    const after = JSON.parse('{"a":{"x":1,"y":[1,{"z":3}]},"b":{"c":"c"},"d":[1,2,3]}');
    const shared = shareUnchanged(before, after);
    expect(shared).toEqual(after);
    expect(shared.b).toBe(before.b);
    expect(shared.a).not.toBe(before.a);
    expect(shared.a.y[0]).toBe(1);
    expect(shared.d).not.toBe(before.d);
    // Equal in every value: the old document itself.
    expect(shareUnchanged(before, JSON.parse(JSON.stringify(before)))).toBe(before);
    // The same keys in another order are another document (its text differs).
    const reordered = shareUnchanged(before, JSON.parse('{"b":{"c":"c"},"a":{"x":1,"y":[1,{"z":2}]},"d":[1,2]}'));
    expect(reordered).not.toBe(before);
    expect(Object.keys(reordered)).toEqual(['b', 'a', 'd']);
    expect(reordered.a).toBe(before.a);
    // A key named __proto__ stays a key.
    const proto = shareUnchanged({}, JSON.parse('{"__proto__":{"p":1}}'));
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('a digit typed in the JSON view notifies that field only, and the text stays as typed', async () => {
    setActivePinia(createPinia());
    const store = useRulesetStore();
    store.open('enterprise.json', rulesetText, 'h');
    const months = ['indicators', 1, 'items', 0, 'clauses', 2, 'window', 'months'];
    const counts = counting({ months: store.valueAt(months), full: store.valueAt(['indicators', 1, 'items', 0, 'full']), grades: store.valueAt(['grades']) });
    const before = store.ruleset!;
    const text = formatJson(setIn(before, months, 600), store.style);
    store.setJsonText(text, 'typed');
    await nextTick();
    expect(store.valueAt(months).value).toBe(600);
    expect(counts).toEqual({ months: 1, full: 0, grades: 0 });
    expect(store.ruleset!.indicators[0]).toBe(before.indicators[0]);
    expect(store.jsonText).toBe(text);
    expect(store.textToSave()).toBe(text);
    expect(store.status).toBe('valid');
  });
});
