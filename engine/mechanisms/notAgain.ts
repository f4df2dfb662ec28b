/**
 * Not deducted again: an event sharing the value of `attribute` with one that
 * counted in the `items` named — inside its window, even where a cap or a veto absorbed its
 * points — is not counted here. Everything it means is here: its load-time checks, which
 * occurrences it drops, and the trace line of each (`keep.notAgain`).
 */
import { forEachItem } from '../walk.js';
import type { CompiledRuleset } from '../compile.js';
import type { Milli } from '../decimal.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import { attributeKinds, attributeLabel, ownAttribute, unknownAttribute } from '../attributes.js';
import { eventRef, type TraceWriter } from '../trace.js';
import { attributeRef, same, say, type Changes, type LocatedItem, type Path } from '../review/changes.js';
import type { EntityEvent, Ruleset } from '../types.js';

/** An item it names that does not exist, or an attribute no event has: refused. */
export function notAgainProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const itemIds = new Set(ruleset.indicators.flatMap((i) => i.items.map((t) => t.id)));
  const attributes = attributeKinds(ruleset);
  forEachItem(ruleset, (item, itemPath) => {
    const rule = item.notAgain;
    if (!rule) return;
    const at = [...itemPath, 'notAgain'];
    if (!attributes.has(rule.attribute)) problems.push(unknownAttribute(rule.attribute, [...at, 'attribute'], attributes.keys()));
    rule.items.forEach((id, k) => {
      if (!itemIds.has(id)) problems.push(problemAt(jsonPath([...at, 'items', k]), 'notAgain.unknownItem', { item: id }));
    });
  });
  return problems;
}

/** An occurrence as this rule reads it. */
interface Counted {
  event: number;
  clause: number;
  points: Milli;
}

/**
 * Item `item`'s occurrences less those whose attribute matches an occurrence that counted (or
 * was vetoed) in the items it names: `countedIn(t)` gives those of item `t`. With a trace,
 * `say` takes the line of each dropped one.
 */
export function dropAlreadyDeducted<T extends Counted>(compiled: CompiledRuleset, item: number, kept: T[], countedIn: (item: number) => readonly Counted[], events: readonly EntityEvent[], trace: TraceWriter | undefined, say: ((line: () => void) => void) | undefined): T[] {
  const rule = compiled.items[item]!.item.notAgain;
  const targets = compiled.notAgainItems[item]!;
  if (!rule || !targets.length || !kept.length) return kept;
  const counted = new Map<unknown, Counted>();
  for (const t of targets) {
    for (const o of countedIn(t)) {
      const value = ownAttribute(events[o.event]!, rule.attribute);
      if (value !== undefined && value !== null && !counted.has(value)) counted.set(value, o);
    }
  }
  return kept.filter((o) => {
    const earlier = counted.get(ownAttribute(events[o.event]!, rule.attribute));
    if (!earlier) return true;
    if (trace && say) say(() => {
      const [ref, where] = [eventRef(events[earlier.event]!, earlier.event), compiled.items[compiled.clauses[earlier.clause]!.item]!.item.id];
      trace.skipped('keep.notAgain', rule.citation.text, events[o.event]!, o.event, {
        clause: rule.citation.clause, label: rule.label, attribute: rule.attribute, attributeLabel: attributeLabel(compiled.ruleset, rule.attribute), earlier: ref, item: where,
      });
    });
    return false;
  });
}

/** In a policy diff: an item's "not deducted again", added, removed, or its items, attribute, label and citation. */
export function diffNotAgain(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const of = { item: now.value.id, itemLabel: now.value.label };
  const path: Path = [...now.path, 'notAgain'];
  c.itemRule(path, was.value.notAgain, now.value.notAgain, {
    added: (n) => say('notAgain.added', { clause: n.citation.clause, label: n.label, items: n.items, ...of }),
    removed: (n) => say('notAgain.removed', { clause: n.citation.clause, label: n.label, ...of }),
  }, (clause, a, b) => {
    if (!same(a.items, b.items)) c.changed('item', [...path, 'items'], clause, b.label, 'items', a.items, b.items, say('notAgain.items', { old: a.items, new: b.items }));
    if (a.attribute !== b.attribute) {
      c.changed('item', [...path, 'attribute'], clause, b.label, 'attribute', a.attribute, b.attribute, say('notAgain.attribute', { old: attributeRef(c.older, a.attribute), new: attributeRef(c.newer, b.attribute) }));
    }
  });
}
