/**
 * Keep one per key: among the occurrences counted in a scope (a clause, an item, an
 * indicator, the whole ruleset) that share a value of an event attribute, only one counts —
 * the highest (its absolute points, after a multiplier, so a doubled occurrence competes at
 * its doubled points), or the first or the last by a date attribute. `oncePer` on a clause
 * (e.g. once per project) is the first by date; `highestPer` on an item (e.g. only the highest
 * award per project) is the highest. The choice never depends on the order a record lists its
 * events in: ties go to the earlier date, then to the event listed first. An event without the
 * attribute shares no value with another, so it counts on its own.
 *
 * Everything this mechanism means is here: its load-time checks, its compiled form, how it
 * chooses, and the trace line of an occurrence it leaves out.
 */
import type { CompiledRuleset } from '../compile.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import { fromMilli, type Milli } from '../decimal.js';
import { attributeKinds, attributeLabel, ownAttribute, unknownAttribute } from '../attributes.js';
import { closest } from '../suggest.js';
import { forEachItem, type Path } from '../walk.js';
import { eventRef, type TraceWriter } from '../trace.js';
import type { AttributeRef, KeepSummary } from '../messages/codes.js';
import type { PolicySection } from '../review/diff.js';
import { attributeRef, same, say, sides, type Changes, type LocatedClause, type LocatedItem, type Path as ChangePath } from '../review/changes.js';
import type { Citation, EntityEvent, KeepOne, Ruleset } from '../types.js';

/** One keep rule as the scorer applies it. */
export interface CompiledKeep {
  per: string;
  choose: KeepOne['choose'];
  by: string;
  clause: string;
  label: string;
  text: string;
  /** `oncePer`, whose trace line has its own wording ("counts once"). */
  oncePer: boolean;
}

/** The keep rules of a compiled ruleset, by scope. */
export interface KeepRules {
  /** Per clause index (sparse). */
  clauses: (CompiledKeep | undefined)[];
  /** Per item index, whether one of its clauses keeps one per key. */
  clausesOfItem: boolean[];
  /** Per item index (sparse). */
  items: (CompiledKeep | undefined)[];
  /** Per indicator index (sparse). */
  indicators: (CompiledKeep | undefined)[];
  ruleset: CompiledKeep | undefined;
  /** Whether an indicator or the ruleset keeps one across items (scored before any item). */
  across: boolean;
}

/** An occurrence as keep rules see it: the event it counts, the clause and its points. */
export interface Counted {
  event: number;
  clause: number;
  points: Milli;
}

// ---------------------------------------------------------------- load-time checks

/** Every keep rule of a ruleset with its JSON path. */
function keepRulesIn(ruleset: Ruleset): [KeepOne, Path][] {
  const found: [KeepOne, Path][] = [];
  if (ruleset.keepOne) found.push([ruleset.keepOne, ['keepOne']]);
  ruleset.indicators.forEach((indicator, ii) => {
    if (indicator.keepOne) found.push([indicator.keepOne, ['indicators', ii, 'keepOne']]);
    indicator.items.forEach((item, ti) => {
      if (item.keepOne) found.push([item.keepOne, ['indicators', ii, 'items', ti, 'keepOne']]);
      item.clauses.forEach((clause, ci) => {
        if (clause.keepOne) found.push([clause.keepOne, ['indicators', ii, 'items', ti, 'clauses', ci, 'keepOne']]);
      });
    });
  });
  return found;
}

/** The problems of keep rules: unknown attributes, an ordering attribute that is not a date, two rules on one item. */
export function keepOneProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const attributes = attributeKinds(ruleset);
  for (const [rule, path] of keepRulesIn(ruleset)) {
    if (!attributes.has(rule.per)) problems.push(unknownAttribute(rule.per, [...path, 'per'], attributes.keys()));
    if (rule.by === undefined) continue;
    if (rule.choose === 'highest') {
      problems.push(problemAt(jsonPath([...path, 'by']), 'keep.byWithHighest', {}));
      continue;
    }
    const types = attributes.get(rule.by);
    if (!types || [...types].some((t) => t !== 'date')) {
      const guess = closest(rule.by, [...attributes].filter(([, t]) => [...t].every((x) => x === 'date')).map(([name]) => name));
      problems.push(problemAt(jsonPath([...path, 'by']), 'keep.byNotDate', { by: rule.by, known: types !== undefined, guess }));
    }
  }
  forEachItem(ruleset, (item, itemPath) => {
    if (item.keepOne && item.highestPer) {
      problems.push(problemAt(jsonPath([...itemPath, 'highestPer']), 'keep.highestPerAndKeepOne', { item: item.id }));
    }
  });
  return problems;
}

// ---------------------------------------------------------------- compiled form

const compiledRules = new WeakMap<CompiledRuleset, KeepRules>();

function compileKeep(rule: KeepOne, oncePer = false): CompiledKeep {
  return { per: rule.per, choose: rule.choose, by: rule.by ?? 'date', clause: rule.citation.clause, label: rule.label, text: rule.citation.text, oncePer };
}

/** The shorthand forms as keep rules: `oncePer` keeps the first, `highestPer` the highest. */
function shorthand(label: string, citation: Citation, per: string, choose: KeepOne['choose'], oncePer = false): CompiledKeep {
  return compileKeep({ label, citation, per, choose }, oncePer);
}

/** The keep rules of a compiled ruleset, by scope (computed once per ruleset). */
export function keepRules(compiled: CompiledRuleset): KeepRules {
  let rules = compiledRules.get(compiled);
  if (rules) return rules;
  const { ruleset } = compiled;
  rules = {
    clauses: compiled.clauses.map(({ clause }) => (clause.keepOne ? compileKeep(clause.keepOne) : clause.oncePer !== undefined ? shorthand(clause.label, { clause: clause.id, text: clause.citation.text }, clause.oncePer, 'first', true) : undefined)),
    clausesOfItem: compiled.items.map(({ clauses }) => clauses.some((c) => compiled.clauses[c]!.clause.keepOne !== undefined || compiled.clauses[c]!.clause.oncePer !== undefined)),
    items: compiled.items.map(({ item }) => (item.keepOne ? compileKeep(item.keepOne) : item.highestPer ? shorthand(item.highestPer.label, item.highestPer.citation, item.highestPer.attribute, 'highest') : undefined)),
    indicators: ruleset.indicators.map((indicator) => (indicator.keepOne ? compileKeep(indicator.keepOne) : undefined)),
    ruleset: ruleset.keepOne ? compileKeep(ruleset.keepOne) : undefined,
    across: Boolean(ruleset.keepOne) || ruleset.indicators.some((indicator) => indicator.keepOne),
  };
  compiledRules.set(compiled, rules);
  return rules;
}

// ---------------------------------------------------------------- choosing

/** The date an occurrence is ordered by: its `by` attribute, else its date. */
function orderDate(event: EntityEvent, by: string): string {
  const value = ownAttribute(event, by);
  return typeof value === 'string' ? value : event.date;
}

/** Whether `a` is kept rather than `b` under `rule`. */
function before(rule: CompiledKeep, a: Counted, b: Counted, events: readonly EntityEvent[]): boolean {
  if (rule.choose === 'highest') {
    const [pa, pb] = [Math.abs(a.points), Math.abs(b.points)];
    if (pa !== pb) return pa > pb;
  }
  const [da, db] = [orderDate(events[a.event]!, rule.by), orderDate(events[b.event]!, rule.by)];
  if (da !== db) return rule.choose === 'last' ? da > db : da < db;
  return a.event < b.event;
}

/** What an occurrence left out is told: the one kept, and the value they share. */
export type OnLeftOut<T extends Counted> = (left: T, kept: T, value: unknown) => void;

/**
 * The occurrences `rule` keeps, in their order: per value of its attribute, the one chosen;
 * `leftOut` hears of each other one. Without a value an occurrence is kept.
 */
export function keepOne<T extends Counted>(rule: CompiledKeep, occurrences: T[], events: readonly EntityEvent[], leftOut?: OnLeftOut<T>): T[] {
  if (occurrences.length < 2) return occurrences;
  const chosen = new Map<unknown, T>();
  for (const o of occurrences) {
    const value = ownAttribute(events[o.event]!, rule.per);
    if (value === undefined || value === null) continue;
    const current = chosen.get(value);
    if (!current || before(rule, o, current, events)) chosen.set(value, o);
  }
  if (chosen.size === occurrences.length) return occurrences;
  return occurrences.filter((o) => {
    const value = ownAttribute(events[o.event]!, rule.per);
    if (value === undefined || value === null) return true;
    const kept = chosen.get(value)!;
    if (kept === o) return true;
    leftOut?.(o, kept, value);
    return false;
  });
}

/** Per clause, at most one occurrence per value of the clause's keep rule. */
export function keepOnePerClause<T extends Counted>(rules: KeepRules, occurrences: T[], events: readonly EntityEvent[], leftOut: (rule: CompiledKeep) => OnLeftOut<T> | undefined): T[] {
  if (occurrences.length < 2) return occurrences;
  const byClause = new Map<number, T[]>();
  for (const o of occurrences) {
    if (!rules.clauses[o.clause]) continue;
    let own = byClause.get(o.clause);
    if (!own) byClause.set(o.clause, (own = []));
    own.push(o);
  }
  const kept = new Set<T>();
  for (const [clause, own] of byClause) for (const o of keepOne(rules.clauses[clause]!, own, events, leftOut(rules.clauses[clause]!))) kept.add(o);
  return occurrences.filter((o) => !rules.clauses[o.clause] || kept.has(o));
}

// ---------------------------------------------------------------- explaining

/** The trace line of an occurrence `rule` leaves out, naming the one it keeps. */
export function traceLeftOut(trace: TraceWriter, compiled: CompiledRuleset, rule: CompiledKeep, events: readonly EntityEvent[], left: Counted, kept: Counted, value: unknown): void {
  const ref = eventRef(events[kept.event]!, kept.event);
  const common = { clause: rule.clause, label: rule.label, attribute: rule.per, attributeLabel: attributeLabel(compiled.ruleset, rule.per), value: String(value) };
  const event = events[left.event]!;
  if (rule.oncePer) trace.skipped('keep.oncePer', rule.text, event, left.event, { ...common, first: ref });
  else if (rule.choose === 'highest') trace.skipped('keep.highest', rule.text, event, left.event, { ...common, best: ref, bestPoints: fromMilli(Math.abs(kept.points)), points: fromMilli(Math.abs(left.points)) });
  else trace.skipped('keep.ordered', rule.text, event, left.event, { ...common, choose: rule.choose, by: rule.by, byLabel: attributeLabel(compiled.ruleset, rule.by), kept: ref, keptDate: orderDate(events[kept.event]!, rule.by) });
}

/** A keepOne rule as a change says it. */
function keepSummary(r: Ruleset, rule: KeepOne): KeepSummary {
  const summary: KeepSummary = { ...attributeRef(r, rule.per), choose: rule.choose };
  if (rule.by !== undefined) summary.by = attributeRef(r, rule.by);
  return summary;
}

/**
 * In a policy diff: the keepOne rule of the whole ruleset, an indicator, an item or a clause
 * (`of`, its id; empty for the ruleset), added, removed, or what it keeps, its label and citation.
 */
export function diffKeepOne(c: Changes, section: PolicySection, path: ChangePath, of: string, was: KeepOne | undefined, now: KeepOne | undefined): void {
  if (same(was, now)) return;
  const at: ChangePath = [...path, 'keepOne'];
  if (!was) return c.added(section, at, now!.citation.clause, now!.label, now, say('keepOne.added', { clause: now!.citation.clause, label: now!.label, of, ...keepSummary(c.newer, now!) }));
  if (!now) return c.removed(section, at, was.citation.clause, was.label, was, say('keepOne.removed', { clause: was.citation.clause, label: was.label, of }));
  const clause = now.citation.clause;
  const [before, after] = [keepSummary(c.older, was), keepSummary(c.newer, now)];
  if (!same(before, after)) c.changed(section, at, clause, now.label, 'keepOne', was, now, say('keepOne.changed', { old: before, new: after }));
  if (was.label !== now.label) c.changed(section, [...at, 'label'], clause, '', 'label', was.label, now.label, say('label', { old: was.label, new: now.label }));
  c.citation(section, [...at, 'citation'], clause, now.label, was.citation, now.citation);
}

/** In a policy diff: a clause's keepOne. */
export function diffClauseKeepOne(c: Changes, was: LocatedClause, now: LocatedClause): void {
  diffKeepOne(c, 'clause', now.path, now.value.id, was.value.keepOne, now.value.keepOne);
}

/** In a policy diff: an item's keepOne. */
export function diffItemKeepOne(c: Changes, was: LocatedItem, now: LocatedItem): void {
  diffKeepOne(c, 'item', now.path, now.value.id, was.value.keepOne, now.value.keepOne);
}

/** In a policy diff: the whole ruleset's keepOne. */
export function diffRulesetKeepOne(c: Changes): void {
  diffKeepOne(c, 'keep', [], '', c.older.keepOne, c.newer.keepOne);
}

/** In a policy diff: a clause that counts once per attribute value, or every time. */
export function diffOncePer(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  if (a.oncePer === b.oncePer) return;
  const once = (r: Ruleset, v: string | undefined): AttributeRef | undefined => (v === undefined ? undefined : attributeRef(r, v));
  c.changed('clause', [...now.path, 'oncePer'], b.id, b.label, 'oncePer', a.oncePer, b.oncePer, say('clause.oncePer', sides(once(c.older, a.oncePer), once(c.newer, b.oncePer))));
}

/** In a policy diff: an item's "highest only" (highestPer), added, removed, or its attribute, label and citation. */
export function diffHighestPer(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const of = { item: now.value.id, itemLabel: now.value.label };
  const path: ChangePath = [...now.path, 'highestPer'];
  c.itemRule(path, was.value.highestPer, now.value.highestPer, {
    added: (h) => say('highestPer.added', { clause: h.citation.clause, label: h.label, ...attributeRef(c.newer, h.attribute), ...of }),
    removed: (h) => say('highestPer.removed', { clause: h.citation.clause, label: h.label, ...of }),
  }, (clause, a, b) => {
    if (a.attribute !== b.attribute) {
      c.changed('item', [...path, 'attribute'], clause, b.label, 'attribute', a.attribute, b.attribute, say('highestPer.attribute', { old: attributeRef(c.older, a.attribute), new: attributeRef(c.newer, b.attribute) }));
    }
  });
}
