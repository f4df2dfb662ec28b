/**
 * The base score: an entity that had no project of the base rule in its
 * lookback starts each deduction item that has a `base` from it instead of its full score.
 * A project counts when it was permitted on or before the evaluation date and ended (its
 * completion, else its permit date plus `projectDefaultMonths`) on or after the start of
 * the lookback. Everything the base score means is here: where a `base` may be written, whether
 * it applies, and where an item starts; the trace's start line says which (`item.startBase`).
 */
import { forEachItem } from '../walk.js';
import type { CompiledItem, CompiledRuleset } from '../compile.js';
import { addDays, addMonths } from '../dates.js';
import type { Milli } from '../decimal.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { Matches } from '../match.js';
import { CHANGE_UNITS } from '../messages/codes.js';
import { baseRuleLabel, say, type Changes, type Label, type LocatedItem } from '../review/changes.js';
import type { BaseRule, EntityRecord, Ruleset } from '../types.js';

/** A `base` where it would mean nothing (not a deduction item) or above the full score: refused. */
export function baseProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  forEachItem(ruleset, (item, itemPath) => {
    if (item.base === undefined) return;
    const path = jsonPath([...itemPath, 'base']);
    if (item.kind !== 'deduction') problems.push(problemAt(path, 'base.notDeduction', { item: item.id, kind: item.kind }));
    else if (item.full !== undefined && item.base > item.full) {
      problems.push(problemAt(path, 'base.aboveFull', { base: item.base, full: item.full }));
    }
  });
  return problems;
}

let lastLookback = { asOf: '', months: -1, since: '' };

/** `asOf` minus the lookback, remembered for the next record (most share one evaluation date). */
function lookbackStart(asOf: string, months: number): string {
  if (lastLookback.asOf !== asOf || lastLookback.months !== months) lastLookback = { asOf, months, since: addMonths(asOf, -months) };
  return lastLookback.since;
}

/** Whether the base score applies: the entity had no project of the base rule in its lookback. */
export function baseApplies(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches): boolean {
  const rule = compiled.ruleset.baseRule;
  if (!rule) return false;
  const since = lookbackStart(asOf, rule.lookbackMonths);
  const projects = record.projects ?? [];
  for (let i = 0; i < projects.length; i++) {
    const project = projects[i]!;
    if (!matches.projects[i] || project.permitDate > asOf) continue;
    const end = project.completionDate ?? addMonths(project.permitDate, rule.projectDefaultMonths);
    if (end >= since) return false;
  }
  return true;
}

/**
 * The dates from which whether the base applies may change (for a forecast): each project's
 * permit date, from which it is a recent project, and the first date whose lookback starts
 * after the project ended. Every project, whatever its condition says, so none is missed.
 */
export function baseChangeDates(compiled: CompiledRuleset, record: EntityRecord): string[] {
  const rule = compiled.ruleset.baseRule;
  if (!rule) return [];
  const dates: string[] = [];
  for (const project of record.projects ?? []) {
    const end = project.completionDate ?? addMonths(project.permitDate, rule.projectDefaultMonths);
    // `asOf` minus the lookback is after `end` from about `end` plus the lookback on; month ends
    // clamp (2021-03-31 − 1 month = 2021-02-28), so step to the first day it really is.
    let first = addMonths(end, rule.lookbackMonths);
    while (addMonths(first, -rule.lookbackMonths) <= end) first = addDays(first, 1);
    dates.push(project.permitDate, first);
  }
  return dates;
}

/** An item's starting score: a deduction's base when the base applies, else its full score; a bonus or check starts at 0. */
export function startScore(item: CompiledItem, baseApplied: boolean): Milli {
  return item.starts[baseApplied ? 1 : 0];
}

/** In a policy diff: an item's base score. */
export function diffBase(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const b = now.value;
  c.number('item', [...now.path, 'base'], b.id, b.label, 'base', 'item.base', was.value.base, b.base, c.unit, { unit: c.unit });
}

/** In a policy diff: the base rule, added, removed, or its lookback, its projects' default length, its condition, reading and citation. */
export function diffBaseRule(c: Changes): void {
  const a = c.older.baseRule;
  const b = c.newer.baseRule;
  if (!a && !b) return;
  // Named by the title of the reading it follows, if any, else by the engine.
  const title = (r: Ruleset, rule: BaseRule): Label => r.readings.find((x) => x.id === rule.reading)?.title ?? baseRuleLabel(rule);
  if (!a) return c.added('baseRule', ['baseRule'], b!.citation.clause, title(c.newer, b!), b, say('baseRule.added', { clause: b!.citation.clause, months: b!.lookbackMonths }));
  if (!b) return c.removed('baseRule', ['baseRule'], a.citation.clause, title(c.older, a), a, say('baseRule.removed', { clause: a.citation.clause }));
  const clause = b.citation.clause;
  const label = title(c.newer, b);
  const months = CHANGE_UNITS.months;
  c.number('baseRule', ['baseRule', 'lookbackMonths'], clause, label, 'lookbackMonths', 'baseRule.lookbackMonths', a.lookbackMonths, b.lookbackMonths, months, {});
  c.number('baseRule', ['baseRule', 'projectDefaultMonths'], clause, label, 'projectDefaultMonths', 'baseRule.projectDefaultMonths', a.projectDefaultMonths, b.projectDefaultMonths, months, {});
  c.condition('baseRule', ['baseRule', 'projectCondition'], clause, label, a.projectCondition, b.projectCondition, 'projectCondition');
  c.reading('baseRule', ['baseRule', 'reading'], clause, label, a.reading, b.reading);
  c.citation('baseRule', ['baseRule', 'citation'], clause, label, a.citation, b.citation);
  c.provisional('baseRule', ['baseRule', 'provisional'], clause, label, a.provisional, b.provisional);
  c.rest('baseRule', ['baseRule'], clause, label, a, b, ['citation', 'reading', 'lookbackMonths', 'projectDefaultMonths', 'projectCondition', 'provisional']);
}
