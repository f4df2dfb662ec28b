/**
 * A ruleset compiled for evaluation: every condition turned into a predicate once, event
 * tests indexed by the event type they require, numbers turned into exact thousandths.
 */
import { requiredEventTypes, type Predicate } from './conditions.js';
import { canGenerate, generateEventMatcher, generatePredicate, type EventMatcher, type KnownFacts } from './codegen.js';
import { CodeCache, jsonKey, partNumber } from './codeCache.js';
import { fromMilli, toMilli, type Milli } from './decimal.js';
import { eligibilityTests } from './mechanisms/eligibility.js';
import { clauseLevels, levelParts } from './mechanisms/levels.js';
import { compiledPer, type CompiledPer } from './mechanisms/per.js';
import { compiledWindow } from './mechanisms/window.js';
import { NamedConditions } from './namedConditions.js';
import { attributeLocal, generateEventFits, vocabularySource } from './vocabulary.js';
import type { AttributeSpec, Clause, Condition, EntityEvent, EventType, Indicator, IndicatorResult, Item, ItemResult, Level, Ruleset, Window } from './types.js';

/** What an event test decides when it holds. */
export type EventTarget =
  | { kind: 'level'; clause: number; level: number }
  | { kind: 'multiplier'; item: number }
  | { kind: 'downgrade'; rule: number }
  | { kind: 'repeat'; repeat: number };

/**
 * A condition over one event's facts: as JSON (for the reference engine), and as the
 * conjunction of its parts' slots, so a part shared by many tests (the ruleset's and the
 * indicator's event conditions, a clause's own condition under its levels) is evaluated
 * once per event.
 */
/** The targets of a program's tests, in order (a program as `programsByType` lays it out). */
export function programTargets(compiled: CompiledRuleset, program: Int32Array): EventTarget[] {
  const targets: EventTarget[] = [];
  for (let pc = 0; pc < program.length; pc += 2 + program[pc + 1]!) targets.push(compiled.eventTests[program[pc]!]!.target);
  return targets;
}

/** The slots a program's tests read, in order, with repeats. */
function programSlots(program: Int32Array): number[] {
  const slots: number[] = [];
  for (let pc = 0; pc < program.length; pc += 2 + program[pc + 1]!) for (let i = 0; i < program[pc + 1]!; i++) slots.push(program[pc + 2 + i]!);
  return slots;
}

export interface EventTest {
  condition: Condition;
  slots: number[];
  target: EventTarget;
}

/** A condition over the record (check clauses, eligibility) or over a project (base rule). */
export interface PlainTest {
  condition: Condition;
  predicate: Predicate;
}

export interface CompiledLevel {
  level: Level;
  points: Milli;
  /** On a check clause, the index of the record test of the level's condition (none: the level always holds). */
  check?: number;
}

export interface CompiledClause {
  clause: Clause;
  /** The clause's window with its end written in (mechanisms/window.ts). */
  window: Window | undefined;
  item: number;
  levels: CompiledLevel[];
  cap: Milli | undefined;
  /** Points per quantity (mechanisms/per.ts). */
  per: CompiledPer | undefined;
  veto: boolean;
  /** Index of the vetoed indicator. */
  vetoes: number;
}

export interface CompiledItem {
  item: Item;
  kind: Item['kind'];
  indicator: number;
  clauses: number[];
  full: Milli;
  /** Where the item's score starts, with a recent project and without (the base rule): a deduction's full or base score, else 0. */
  starts: readonly [Milli, Milli];
  cap: Milli | undefined;
  max: Milli | undefined;
  /** Indices of the check tests of a `check` item's clauses, in clause order. */
  checks: number[];
  /** Whether some clause of the item has its own cap, or counts once per attribute value. */
  clauseCaps: boolean;
  oncePer: boolean;
  /** The item's result when it scores its start: with the full score, and with the base (frozen, shared). */
  atStart: readonly [Readonly<ItemResult>, Readonly<ItemResult>];
}

export interface CompiledEventType {
  type: EventType;
  attributes: readonly (readonly [string, AttributeSpec])[];
  /** Whether some rule can match events of this type (others are reported as unused). */
  used: boolean;
}

export interface CompiledIndicator {
  indicator: Indicator;
  items: number[];
  /** The indicator's result when every item scores its start, without and with the base (frozen, shared). */
  atStart: readonly [Readonly<IndicatorResult>, Readonly<IndicatorResult>];
}

/**
 * A ruleset loaded for evaluation (`loadRuleset`): an opaque handle to pass to `evaluate`,
 * `validateRecord`, `runCases`…; an app reads only the ruleset it was made from and the
 * identity results name. Everything else is the engine's (tagged internal, left out of the
 * package's declarations) and may change in any version.
 */
export interface CompiledRuleset {
  /** The ruleset as it was loaded (read it, don't change it). */
  readonly ruleset: Ruleset;
  /** @internal The ruleset's named conditions as a graph: each compiled once, shared by every condition that names it. */
  readonly named: NamedConditions;
  /** What a result names as its ruleset: one frozen object shared by every result. */
  readonly identity: Readonly<{ id: string; version: string }>;
  /** @internal */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** @internal */
  readonly indicators: readonly CompiledIndicator[];
  /** @internal */
  readonly items: readonly CompiledItem[];
  /** @internal */
  readonly clauses: readonly CompiledClause[];
  /** @internal */
  readonly eventTests: readonly EventTest[];
  /** The distinct parts of event tests, as JSON and compiled; `EventTest.slots` index these. @internal */
  readonly slotConditions: readonly Condition[];
  /** @internal */
  readonly slotPredicates: readonly Predicate[];
  /**
   * The event tests to try for an event of each type (the type's own and those that pin no
   * type; `untypedProgram` for any other type), as flat programs:
   * `[test, slotCount, slot…, test, slotCount, slot…]`.
   * @internal
   */
  readonly programsByType: ReadonlyMap<string, Int32Array>;
  /** @internal */
  readonly untypedProgram: Int32Array;
  /** The programs as generated functions, where code generation is allowed. @internal */
  readonly matchersByType: ReadonlyMap<string, EventMatcher>;
  /** @internal */
  readonly untypedMatcher: EventMatcher | undefined;
  /**
   * For each event type the ruleset declares and uses, its matcher that first checks the
   * event's attributes as `validateRecord` does, and returns -1 for one it would refuse.
   * @internal
   */
  readonly checkingMatchers: ReadonlyMap<string, EventMatcher>;
  /** @internal */
  readonly recordTests: readonly PlainTest[];
  /** @internal */
  readonly eligibilityTests: readonly number[];
  /** @internal */
  readonly projectTest: PlainTest | undefined;
  /** The grades' names, to check a published grade. @internal */
  readonly gradeNames: ReadonlySet<string>;
  /** Grade lines in thousandths, highest first. @internal */
  readonly grades: readonly { grade: string; min: Milli }[];
  /** The ruleset's event types by name, with their attributes as a list. @internal */
  readonly eventTypes: ReadonlyMap<string, CompiledEventType>;
  /** True when an event needs no word from `checkVocabulary` (generated; `undefined` where code generation is not allowed). @internal */
  readonly eventFits: ((event: EntityEvent) => boolean) | undefined;
  /** Item ids of `notAgain` targets, resolved to item indices, per item. @internal */
  readonly notAgainItems: readonly (readonly number[])[];
}

/** An item's result when it scores its start: frozen, as every result with it shares it. */
function itemAtStart(item: Item, start: Milli): Readonly<ItemResult> {
  return Object.freeze({ id: item.id, label: item.label, score: fromMilli(start), start: fromMilli(start) });
}

function allOf(...parts: (Condition | undefined)[]): Condition {
  const present = parts.filter((p): p is Condition => p !== undefined);
  return { all: present };
}

/** Compiles a ruleset that has passed its schema and reference checks. */
export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const named = NamedConditions.of(ruleset.conditions);
  const parameters = Object.fromEntries(Object.entries(ruleset.parameters).map(([k, p]) => [k, p.value]));
  // What every generated function of this ruleset reads besides its own condition (codeCache.ts).
  const cache = canGenerate() ? CodeCache.of([ruleset.conditions, parameters]) : undefined;
  const compile = (condition: Condition, key: string | undefined = cache && jsonKey(condition)): Predicate => {
    const generate = (): Predicate => generatePredicate(condition, named, { parameters });
    return cache ? cache.get(key && `p${key}`, generate) : generate();
  };

  const indicators: CompiledIndicator[] = [];
  const items: CompiledItem[] = [];
  const clauses: CompiledClause[] = [];
  const eventTests: EventTest[] = [];
  const recordTests: PlainTest[] = [];
  const slotPredicates: Predicate[] = [];
  const slotConditions: Condition[] = [];
  /** Each slot's condition as a key (codeCache.ts), written once for its predicate and the matchers that read it. */
  const slotKeys: (string | undefined)[] = [];
  const slotOf = new Map<Condition, number>();
  const slots = (...parts: (Condition | undefined)[]): number[] =>
    parts
      .filter((p): p is Condition => p !== undefined)
      .map((part) => {
        let slot = slotOf.get(part);
        if (slot === undefined) {
          const key = cache && jsonKey(part);
          slot = slotPredicates.push(compile(part, key)) - 1;
          slotConditions.push(part);
          slotKeys.push(key);
          slotOf.set(part, slot);
        }
        return slot;
      });
  const indicatorIndex = new Map(ruleset.indicators.map((ind, i) => [ind.id, i]));
  const itemIds = new Map<string, number>();

  ruleset.indicators.forEach((indicator, ii) => {
    const indices: number[] = [];
    for (const item of indicator.items) {
      const itemIndex = items.length;
      itemIds.set(item.id, itemIndex);
      indices.push(itemIndex);
      const full = toMilli(item.full ?? 0);
      const base = toMilli(item.base ?? item.full ?? 0);
      const starts = item.kind === 'deduction' ? [full, base] as const : [0, 0] as const;
      const compiledItem: CompiledItem = {
        item,
        kind: item.kind,
        indicator: ii,
        clauses: [],
        full,
        starts,
        atStart: [itemAtStart(item, starts[0]), itemAtStart(item, starts[1])],
        cap: item.cap === undefined ? undefined : toMilli(item.cap),
        max: item.max === undefined ? undefined : toMilli(item.max),
        checks: [],
        clauseCaps: item.clauses.some((c) => c.cap !== undefined),
        oncePer: item.clauses.some((c) => c.oncePer !== undefined),
      };
      items.push(compiledItem);
      if (item.multiplier) {
        const condition = item.multiplier.when;
        eventTests.push({ condition, slots: slots(condition), target: { kind: 'multiplier', item: itemIndex } });
      }
      for (const clause of item.clauses) {
        const clauseIndex = clauses.length;
        compiledItem.clauses.push(clauseIndex);
        const levels = clauseLevels(clause);
        clauses.push({
          clause,
          window: compiledWindow(clause.window, ruleset),
          item: itemIndex,
          levels: levels.map((level) => ({ level, points: toMilli(level.points) })),
          cap: clause.cap === undefined ? undefined : toMilli(clause.cap),
          per: compiledPer(clause, item.kind === 'check', ruleset),
          veto: clause.effect === 'veto',
          vetoes: clause.vetoes === undefined ? ii : indicatorIndex.get(clause.vetoes) ?? ii,
        });
        if (item.kind === 'check') {
          compiledItem.checks.push(recordTests.length);
          recordTests.push({ condition: clause.when, predicate: compile(clause.when) });
          for (const level of clauses[clauseIndex]!.levels) {
            const when = level.level.when;
            if (when) level.check = recordTests.push({ condition: when, predicate: compile(when) }) - 1;
          }
          continue;
        }
        levels.forEach((level, li) => {
          const parts = levelParts(ruleset, indicator, clause, level);
          eventTests.push({ condition: allOf(...parts), slots: slots(...parts), target: { kind: 'level', clause: clauseIndex, level: li } });
        });
      }
    }
    const atStart = (b: 0 | 1): Readonly<IndicatorResult> => {
      const score = indices.reduce((sum, i) => sum + items[i]!.starts[b], 0);
      const itemResults = Object.freeze(indices.map((i) => items[i]!.atStart[b])) as ItemResult[];
      return Object.freeze({ id: indicator.id, label: indicator.label, score: fromMilli(score), items: itemResults, vetoedBy: undefined });
    };
    indicators.push({ indicator, items: indices, atStart: [atStart(0), atStart(1)] });
  });

  ruleset.downgrades?.rules.forEach((rule, r) => {
    eventTests.push({ condition: rule.when, slots: slots(rule.when), target: { kind: 'downgrade', rule: r } });
  });
  ruleset.downgrades?.repeats.forEach((repeat, r) => {
    eventTests.push({ condition: repeat.when, slots: slots(repeat.when), target: { kind: 'repeat', repeat: r } });
  });

  const typed = new Map<string, number[]>();
  const untypedTests: number[] = [];
  eventTests.forEach((test, i) => {
    const types = requiredEventTypes(test.condition, named);
    if (!types) untypedTests.push(i);
    else for (const type of types) typed.set(type, [...(typed.get(type) ?? []), i]);
  });
  const testsByType = new Map<string, number[]>();
  for (const [type, tests] of typed) testsByType.set(type, [...tests, ...untypedTests].sort((a, b) => a - b));
  const program = (tests: readonly number[]): Int32Array => {
    let length = 0;
    for (const t of tests) length += 2 + eventTests[t]!.slots.length;
    const out = new Int32Array(length);
    let at = 0;
    for (const t of tests) {
      const { slots } = eventTests[t]!;
      out[at++] = t;
      out[at++] = slots.length;
      out.set(slots, at);
      at += slots.length;
    }
    return out;
  };
  const programsByType = new Map([...testsByType].map(([type, tests]) => [type, program(tests)]));
  const untypedProgram = program(untypedTests);
  // A matcher is generated from its program and the conditions of the slots it reads, each
  // named in its key by a number standing for the condition's key.
  const slotParts = slotKeys.map((key) => (key === undefined ? undefined : partNumber(key)));
  const matcher = (tests: Int32Array, known: KnownFacts, vocabulary = ''): EventMatcher | undefined => {
    const generate = (): EventMatcher | undefined => generateEventMatcher(tests, slotConditions, named, known, vocabulary);
    if (!cache) return generate();
    const read = [...new Set(programSlots(tests))].sort((a, b) => a - b);
    // Every part is a number or a list of numbers, so a space separates them unambiguously.
    const key = read.every((slot) => slotParts[slot] !== undefined)
      ? ['m', partNumber(JSON.stringify([known.eventType ?? null, [...(known.eventAttributes?.keys() ?? [])], vocabulary])), tests.join(','), ...read.map((slot) => `${slot}:${slotParts[slot]}`)].join(' ')
      : undefined;
    return cache.get(key, generate);
  };
  const matchersByType = new Map<string, EventMatcher>();
  for (const [type, p] of programsByType) {
    const generated = matcher(p, { parameters, eventType: type });
    if (generated) matchersByType.set(type, generated);
  }
  const eventTypes = new Map(Object.entries(ruleset.eventTypes).map(([name, type]) => [name, { type, attributes: Object.entries(type.attributes), used: untypedTests.length > 0 || typed.has(name) }]));
  const checkingMatchers = new Map<string, EventMatcher>();
  for (const [name, type] of eventTypes) {
    if (!type.used) continue;
    const eventAttributes = new Map(type.attributes.map(([attribute], i) => [attribute, attributeLocal(i)]));
    const generated = matcher(programsByType.get(name) ?? untypedProgram, { parameters, eventType: name, eventAttributes }, vocabularySource(type, 'return -1;'));
    if (generated) checkingMatchers.set(name, generated);
  }
  const fitsKey = cache && jsonKey([...eventTypes].map(([name, type]) => [name, type.used, type.type]));

  const projectCondition = ruleset.baseRule?.projectCondition;
  return {
    ruleset,
    named,
    identity: Object.freeze({ id: ruleset.id, version: ruleset.version }),
    parameters,
    indicators,
    items,
    clauses,
    eventTests,
    slotConditions,
    slotPredicates,
    programsByType,
    untypedProgram,
    matchersByType,
    checkingMatchers,
    untypedMatcher: matcher(untypedProgram, { parameters }),
    recordTests,
    eligibilityTests: eligibilityTests(ruleset, recordTests, compile),
    projectTest: projectCondition ? { condition: projectCondition, predicate: compile(projectCondition) } : undefined,
    gradeNames: new Set(ruleset.grades.map((g) => g.grade)),
    grades: [...ruleset.grades].sort((a, b) => b.min - a.min).map((g) => ({ grade: g.grade, min: toMilli(g.min) })),
    eventTypes,
    eventFits: cache ? cache.get(fitsKey && `f${fitsKey}`, () => generateEventFits(eventTypes)) : generateEventFits(eventTypes),
    notAgainItems: items.map((it) => (it.item.notAgain?.items ?? []).map((id) => itemIds.get(id) ?? -1).filter((i) => i >= 0)),
  };
}
