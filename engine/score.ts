/**
 * Phase two of an evaluation: from the matches, the points. Windows, the base score,
 * per-occurrence points, "once per", doubling, "highest only", "not deducted again",
 * caps, vetoes and grades, all driven by the ruleset's data. Points are thousandths
 * (decimal.ts), so every sum is exact.
 */
import type { CompiledRuleset } from './compile.js';
import { fromMilli, type Milli } from './decimal.js';
import { applyDowngrades, traceIdleDowngradeEvents } from './downgrade.js';
import { baseApplies, startScore } from './mechanisms/base.js';
import { checkClauseCapCut, checkScore, clauseCapsCut, limitedScore } from './mechanisms/cap.js';
import { applyMultiplier } from './mechanisms/multiplier.js';
import { dropAlreadyDeducted } from './mechanisms/notAgain.js';
import { applyVeto } from './mechanisms/veto.js';
import { ineligibleReasons } from './mechanisms/eligibility.js';
import { firstRecordLevel, laterLevel } from './mechanisms/levels.js';
import { perOutcome } from './mechanisms/per.js';
import { gradeOf } from './grade.js';
import { keepOne, keepOnePerClause, keepRules, traceLeftOut, type CompiledKeep, type KeepRules, type OnLeftOut } from './mechanisms/keep.js';
import type { Matches } from './match.js';
import { inWindow, lastDayCounted, monthIndex } from './mechanisms/window.js';
import { TraceWriter } from './trace.js';
import { traceUnmatched, unmatchedEvents, type Unmatched } from './unmatched.js';
import type { EntityEvent, EntityRecord, IndicatorResult, ItemResult, Result } from './types.js';

const NONE: Occurrence[] = [];
const NO_UNMATCHED: Unmatched[] = [];
const NO_LINES: (() => void)[] = [];

/** One event counted by one clause, in its window. */
interface Occurrence {
  event: number;
  clause: number;
  level: number;
  points: Milli;
  /** Extra points from a multiplier, already included in `points`. */
  extra: Milli;
}

/** What one evaluation has gathered before items are scored. */
interface Gathered {
  /** Occurrences per item index (sparse). */
  occurrences: Occurrence[][];
  /** Veto occurrences per item: they score nothing themselves but did count there (for `notAgain`). */
  vetoed: Occurrence[][];
  /** The first veto occurrence per vetoed indicator. */
  vetoes: (Occurrence | undefined)[];
  /** Per item with a multiplier, the events its condition holds for. */
  multiplied: Set<number>[];
  /** With a trace, per item, the events a clause matched that do not count at the evaluation date. */
  outside: { event: number; clause: number }[][];
}

/** The occurrences that counted in item `t`, vetoed ones too: a veto absorbed their points, but they were counted. */
function countedIn(gathered: Gathered, t: number): readonly Occurrence[] {
  const own = gathered.occurrences[t] ?? NONE;
  const vetoed = gathered.vetoed[t];
  return vetoed ? [...own, ...vetoed] : own;
}

/** Each event, each clause it matches (its first matching level: levels.ts), if the event is in the clause's window; with a trace, those outside it apart. */
function gather(compiled: CompiledRuleset, events: readonly EntityEvent[], asOf: string, matches: Matches, withTrace: boolean): Gathered {
  const { clauses, eventTests, parameters } = compiled;
  const { hits, starts } = matches;
  const asOfMonth = monthIndex(asOf);
  const gathered: Gathered = { occurrences: [], vetoed: [], vetoes: [], multiplied: [], outside: [] };
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    let lastClause = -1;
    for (let h = starts[e]!; h < starts[e + 1]!; h++) {
      const target = eventTests[hits[h]!]!.target;
      if (target.kind === 'multiplier') (gathered.multiplied[target.item] ??= new Set()).add(e);
      if (target.kind !== 'level' || laterLevel(target.clause, lastClause)) continue;
      lastClause = target.clause;
      const clause = clauses[target.clause]!;
      if (!inWindow(event, clause.window, asOf, asOfMonth, parameters)) {
        if (withTrace) (gathered.outside[clause.item] ??= []).push({ event: e, clause: target.clause });
        continue;
      }
      const each = clause.levels[target.level]!.points;
      const occurrence: Occurrence = { event: e, clause: target.clause, level: target.level, points: clause.per ? perOutcome(clause.per, each, event).points : each, extra: 0 };
      if (clause.veto) {
        gathered.vetoes[clause.vetoes] ??= occurrence;
        (gathered.vetoed[clause.item] ??= []).push(occurrence);
      } else {
        (gathered.occurrences[clause.item] ??= []).push(occurrence);
      }
    }
  }
  return gathered;
}

/**
 * A `check` item: the points of its clauses whose record condition holds (the first level that
 * holds, levels.ts; times a quantity, per.ts; within the clause's cap), up to its full score.
 */
function scoreCheck(compiled: CompiledRuleset, i: number, record: EntityRecord, matches: Matches, trace: TraceWriter | undefined): Milli {
  const compiledItem = compiled.items[i]!;
  let total = 0;
  let met = false;
  compiledItem.checks.forEach((test, k) => {
    if (!matches.record[test]) return;
    const clause = compiled.clauses[compiledItem.clauses[k]!]!;
    const level = firstRecordLevel(clause, matches.record);
    if (level < 0) return;
    met = true;
    const each = clause.levels[level]!.points;
    const per = clause.per && perOutcome(clause.per, each, record);
    const points = per ? per.points : each;
    trace?.check(clause, level, points, per);
    total += points + checkClauseCapCut(clause, points, trace);
  });
  if (!met) trace?.checkFailed(compiledItem.item, compiledItem.clauses.map((c) => compiled.clauses[c]!.clause.label));
  return checkScore(compiledItem, total, trace);
}

/** Says a trace line of an occurrence left out: at once, or later (after the item's start line). */
type Say = (line: () => void) => void;

/** With a trace, how `keepOne` tells of an occurrence `rule` leaves out. */
function teller(compiled: CompiledRuleset, events: readonly EntityEvent[], trace: TraceWriter | undefined, say: Say | undefined, rule: CompiledKeep): OnLeftOut<Occurrence> | undefined {
  return trace && say && ((left, chosen, value) => say(() => traceLeftOut(trace, compiled, rule, events, left, chosen, value)));
}

/**
 * An item's occurrences that count within the item: less those already deducted elsewhere
 * (notAgain), one per key within a clause (oncePer, keepOne), doubled where the multiplier
 * holds, one per key within the item (highestPer, keepOne). `say` takes the trace lines.
 */
function keptInItem(compiled: CompiledRuleset, rules: KeepRules, i: number, occurrences: Occurrence[], gathered: Gathered, events: readonly EntityEvent[], trace: TraceWriter | undefined, say: Say | undefined): Occurrence[] {
  const { item } = compiled.items[i]!;
  let list = item.notAgain ? dropAlreadyDeducted(compiled, i, occurrences, (t) => countedIn(gathered, t), events, trace, say) : occurrences;
  if (rules.clausesOfItem[i]) list = keepOnePerClause(rules, list, events, (rule) => teller(compiled, events, trace, say, rule));
  const doubled = gathered.multiplied[i];
  if (item.multiplier && doubled) applyMultiplier(list, item.multiplier.factor, doubled);
  const own = rules.items[i];
  return own ? keepOne(own, list, events, teller(compiled, events, trace, say, own)) : list;
}

/** Where a ruleset keeps one per key across items: each item's occurrences that count, and with a trace the lines of those left out. */
interface KeptAcross {
  occurrences: Occurrence[][];
  leftOut: (() => void)[][];
}

/**
 * For a ruleset that keeps one per key across the items of an indicator or of the whole
 * table: every item's occurrences (`keptInItem`), then one per key across them. Their trace
 * lines wait for their item's start line.
 */
function keptAcross(compiled: CompiledRuleset, rules: KeepRules, events: readonly EntityEvent[], gathered: Gathered, trace: TraceWriter | undefined): KeptAcross {
  const kept: KeptAcross = { occurrences: [], leftOut: [] };
  const later = (i: number): Say => (line) => (kept.leftOut[i] ??= []).push(line);
  gathered.occurrences.forEach((occurrences, i) => {
    kept.occurrences[i] = keptInItem(compiled, rules, i, occurrences, gathered, events, trace, later(i));
  });
  const across = (rule: CompiledKeep, items: readonly number[]): void => {
    const pooled = items.flatMap((i) => kept.occurrences[i] ?? NONE);
    const itemOf = new Map(items.flatMap((i) => (kept.occurrences[i] ?? NONE).map((o) => [o, i] as const)));
    const tell: OnLeftOut<Occurrence> | undefined = trace && ((left, chosen, value) => later(itemOf.get(left)!)(() => traceLeftOut(trace, compiled, rule, events, left, chosen, value)));
    const survivors = new Set(keepOne(rule, pooled, events, tell));
    for (const i of items) if (kept.occurrences[i]) kept.occurrences[i] = kept.occurrences[i]!.filter((o) => survivors.has(o));
  };
  compiled.indicators.forEach((indicator, ii) => {
    const rule = rules.indicators[ii];
    if (rule) across(rule, indicator.items);
  });
  if (rules.ruleset) across(rules.ruleset, compiled.items.map((_, i) => i));
  return kept;
}

/** Says a line at once. */
const atOnce: Say = (line) => line();

/**
 * A deduction or bonus item: the occurrences that count (`keptInItem`, or `across` where the
 * ruleset keeps one per key across items), then clause caps, and the item's start and cap
 * (deduction, never below 0) or maximum (bonus; reduction, never below 0 with `before`, the
 * items before it).
 */
function scoreEvents(compiled: CompiledRuleset, rules: KeepRules, i: number, events: readonly EntityEvent[], gathered: Gathered, across: KeptAcross | undefined, baseApplied: boolean, trace: TraceWriter | undefined, before: Milli): Milli {
  const compiledItem = compiled.items[i]!;
  const { item } = compiledItem;
  const clauses = compiled.clauses;
  // The trace says where the item starts before what it leaves out.
  const start = startScore(compiledItem, baseApplied);
  if (item.kind === 'deduction') trace?.start(item, start, baseApplied && item.base !== undefined);
  let kept: Occurrence[];
  if (across) {
    for (const line of across.leftOut[i] ?? NO_LINES) line();
    kept = across.occurrences[i] ?? NONE;
  } else {
    const occurrences = gathered.occurrences[i];
    kept = occurrences ? keptInItem(compiled, rules, i, occurrences, gathered, events, trace, trace && atOnce) : NONE;
  }

  let total = 0;
  for (const o of kept) {
    trace?.occurrence(clauses[o.clause]!, o.level, events[o.event]!, o.event, o.points - o.extra, item.multiplier, o.extra);
    total += o.points;
  }
  total += clauseCapsCut(compiled, compiledItem, kept, trace);
  return limitedScore(compiledItem, start, total, trace, before);
}

/** Scores a record from its matches. `withTrace` adds the explanation of every point. */
export function scoreRecord(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches, withTrace: boolean): Result {
  const { ruleset, clauses, items, indicators } = compiled;
  const events = record.events ?? [];
  const trace = withTrace ? new TraceWriter(ruleset) : undefined;
  const baseApplied = baseApplies(compiled, record, asOf, matches);
  const gathered = gather(compiled, events, asOf, matches, withTrace);
  const { vetoes } = gathered;
  const rules = keepRules(compiled);
  const across = rules.across ? keptAcross(compiled, rules, events, gathered, trace) : undefined;

  // With a trace, the events no clause counted are said under the indicator whose condition they fail.
  const unmatched = trace ? unmatchedEvents(compiled, record, asOf, matches) : NO_UNMATCHED;
  const itemScores: Milli[] = new Array<Milli>(items.length);
  let computed = 0;
  const b = baseApplied ? 1 : 0;
  const indicatorResults: IndicatorResult[] = [];
  // Indicator by indicator, so that a trace reads in the table's order, a veto after the
  // lines of the indicator it takes.
  for (let ii = 0; ii < indicators.length; ii++) {
    const { indicator, items: indices, atStart } = indicators[ii]!;
    let score = 0;
    for (const i of indices) {
      const compiledItem = items[i]!;
      trace?.setPlace(indicator.id, compiledItem.item.id);
      if (compiledItem.kind === 'check') itemScores[i] = scoreCheck(compiled, i, record, matches, trace);
      // Without occurrences an item scores its start; the trace still says where it starts.
      else if (!trace && !(across ? across.occurrences[i] : gathered.occurrences[i])) itemScores[i] = startScore(compiledItem, baseApplied);
      else itemScores[i] = scoreEvents(compiled, rules, i, events, gathered, across, baseApplied, trace, score);
      for (const o of gathered.outside[i] ?? NONE) {
        const clause = clauses[o.clause]!;
        trace!.outOfWindow(clause, events[o.event]!, o.event, asOf, lastDayCounted(events[o.event]!, clause.window, compiled.parameters));
      }
      score += itemScores[i]!;
    }
    const veto = vetoes[ii];
    if (veto) score = applyVeto(compiled, ii, veto, events, score, itemScores, trace);
    if (trace) traceUnmatched(compiled, record, unmatched, trace, ii);
    computed += score;
    // An indicator, or item, that scores its start has the result every such record has.
    let untouched = !veto;
    for (const i of indices) untouched &&= itemScores[i] === items[i]!.starts[b];
    if (untouched) {
      indicatorResults.push(atStart[b]);
      continue;
    }
    const itemResults: ItemResult[] = [];
    for (const i of indices) {
      const compiledItem = items[i]!;
      const start = compiledItem.starts[b];
      const { item } = compiledItem;
      itemResults.push(itemScores[i] === start ? compiledItem.atStart[b] : { id: item.id, label: item.label, score: fromMilli(itemScores[i]!), start: fromMilli(start) });
    }
    indicatorResults.push({ id: indicator.id, label: indicator.label, score: fromMilli(score), items: itemResults, vetoedBy: veto ? clauses[veto.clause]!.clause.id : undefined });
  }

  if (trace) traceUnmatched(compiled, record, unmatched, trace);
  trace?.setPlace();
  const reasons = ineligibleReasons(compiled, matches, trace);
  const eligible = reasons.length === 0;

  const computedGrade = eligible ? gradeOf(compiled, computed) : null;
  const result: Result = {
    id: record.id,
    ruleset: compiled.identity,
    asOf,
    score: fromMilli(computed),
    grade: computedGrade,
    eligible,
    computedScore: fromMilli(computed),
    computedGrade,
    downgraded: false,
    baseApplied,
    indicators: indicatorResults,
  };
  if (!eligible) result.ineligibleReasons = reasons;
  if (eligible) applyDowngrades(compiled, record, asOf, matches, result, trace);
  if (eligible && trace) traceIdleDowngradeEvents(compiled, record, asOf, matches, trace);
  if (trace) result.trace = trace.entries;
  return result;
}
