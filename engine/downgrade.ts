/**
 * Downgrades after publication. From the published grade, the events dated after the
 * publication (the grade could not have known them) and on or before the evaluation date are
 * applied in date order: one grade down, or straight to the lowest. Until `recalcMonths` after
 * the latest downgrade, the downgraded grade and its floor score stand; from then on, the
 * table.
 */
import { programTargets, type CompiledRuleset } from './compile.js';
import { addMonths } from './dates.js';
import { fromMilli, toMilli } from './decimal.js';
import { gradeBelow, lowestGrade } from './grade.js';
import type { Matches } from './match.js';
import type { TraceWriter } from './trace.js';
import { CHANGE_UNITS } from './messages/codes.js';
import { LABELS, same, say, type Changes, type Path } from './review/changes.js';
import type { DowngradeRepeat, DowngradeResult, DowngradeRule, Downgrades, EntityEvent, EntityRecord, Result } from './types.js';

/** A downgrade rule, or a repeat (e.g. a second accident within a year). */
type DowngradeCase = DowngradeRule | DowngradeRepeat;

/** Applies the downgrades to a result whose table score is already computed. */
export function applyDowngrades(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches, result: Result, trace: TraceWriter | undefined): void {
  const rules = compiled.ruleset.downgrades;
  const published = record.publishedRating;
  if (!rules || !published || !rules.fromGrades.includes(published.grade)) return;
  const events = record.events ?? [];

  const order: { event: EntityEvent; i: number }[] = [];
  events.forEach((event, i) => {
    if (event.date > published.date && event.date <= asOf && matches.starts[i + 1]! > matches.starts[i]!) order.push({ event, i });
  });
  order.sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.i - b.i));

  const earlier: string[][] = rules.repeats.map(() => []);
  const steps: DowngradeResult['steps'] = [];
  let grade = published.grade;
  let since: string | undefined;
  const lowest = lowestGrade(compiled);

  for (const { event, i } of order) {
    const triggers: DowngradeCase[] = [];
    for (let h = matches.starts[i]!; h < matches.starts[i + 1]!; h++) {
      const target = compiled.eventTests[matches.hits[h]!]!.target;
      if (target.kind === 'downgrade') {
        triggers.push(rules.rules[target.rule]!);
      } else if (target.kind === 'repeat') {
        const repeat = rules.repeats[target.repeat]!;
        const dates = earlier[target.repeat]!;
        const within = dates.filter((d) => event.date <= addMonths(d, repeat.withinMonths)).length;
        if (within + 1 >= repeat.count) triggers.push(repeat);
        dates.push(event.date);
      }
    }
    if (!triggers.length) continue;
    const decisive = triggers.find((t) => t.effect === 'lowest') ?? triggers[0]!;
    const next = decisive.effect === 'lowest' ? lowest : gradeBelow(compiled, grade);
    if (next === grade) {
      trace?.downgradeNoChange(decisive, event, i, grade);
      continue;
    }
    const id = event.id ?? `events[${i}]`;
    steps.push({ clause: decisive.id, event: id, date: event.date, from: grade, to: next });
    trace?.downgradeStep(decisive, event, i, grade, next);
    grade = next;
    since = event.date;
  }
  if (!since) return;

  const until = addMonths(since, rules.recalcMonths);
  const downgrade: DowngradeResult = { from: published.grade, to: grade, since, until, steps };
  if (asOf >= until) {
    trace?.downgradeExpired(rules.recalcCitation, rules.recalcMonths, since, until);
    return;
  }
  // The lowest score of the grade: its own floor where the ruleset names one, else its grade line.
  const floor = Object.hasOwn(rules.floors, grade) ? toMilli(rules.floors[grade]!) : compiled.grades.find((g) => g.grade === grade)!.min;
  trace?.downgradeFloor(rules.floorCitation, grade, fromMilli(floor), result.computedScore);
  result.grade = grade;
  result.score = fromMilli(floor);
  result.downgraded = true;
  result.downgrade = downgrade;
}

const downgradeOnly = new WeakMap<CompiledRuleset, Map<string, DowngradeCase[]>>();

/** Per event type that the table scores nowhere, the downgrade rules (and repeats) that concern it. */
function downgradeOnlyTypes(compiled: CompiledRuleset, rules: Downgrades): Map<string, DowngradeCase[]> {
  let types = downgradeOnly.get(compiled);
  if (types) return types;
  types = new Map();
  for (const [type, program] of compiled.programsByType) {
    const concerned: DowngradeCase[] = [];
    let scored = false;
    for (const target of programTargets(compiled, program)) {
      if (target.kind === 'level') scored = true;
      else if (target.kind === 'downgrade') concerned.push(rules.rules[target.rule]!);
      else if (target.kind === 'repeat') concerned.push(rules.repeats[target.repeat]!);
    }
    if (!scored && concerned.length) types.set(type, concerned);
  }
  downgradeOnly.set(compiled, types);
  return types;
}

/**
 * With a trace: a line for each event that only the downgrades concern and that changed no
 * grade, saying why (not a case of the rule, no published grade to lower, not after its
 * publication), so that no event staff entered leaves the explanation without a word.
 * Those that did change the grade, or found it at the lowest, have their lines from `applyDowngrades`.
 */
export function traceIdleDowngradeEvents(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches, trace: TraceWriter): void {
  const rules = compiled.ruleset.downgrades;
  if (!rules) return;
  const types = downgradeOnlyTypes(compiled, rules);
  const published = record.publishedRating;
  const events = record.events ?? [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const concerned = types.get(event.type);
    if (!concerned) continue;
    let hit: DowngradeCase | undefined;
    for (let h = matches.starts[i]!; h < matches.starts[i + 1]! && !hit; h++) {
      const target = compiled.eventTests[matches.hits[h]!]!.target;
      if (target.kind === 'downgrade') hit = rules.rules[target.rule];
      else if (target.kind === 'repeat') hit = rules.repeats[target.repeat];
    }
    if (!hit) {
      trace.downgradeNotACase(concerned[0]!, event, i, concerned.slice(1).map((r) => r.label));
    } else if (event.date > asOf) {
      trace.downgradeAfterAsOf(hit, event, i, asOf);
    } else if (!published) {
      trace.downgradeNoPublished(hit, event, i);
    } else if (!rules.fromGrades.includes(published.grade)) {
      trace.downgradeGradeNotConcerned(hit, event, i, published.grade, rules.fromGrades);
    } else if (event.date <= published.date) {
      trace.downgradeBeforePublication(hit, event, i, published.date, rules.reading);
    }
  }
}

/**
 * The dates from which the downgrades may change the result (for a forecast): each event
 * after the publication, from its date (it may lower the grade), and `recalcMonths` after it
 * (the table decides again, if it was the latest to lower the grade).
 */
export function downgradeChangeDates(compiled: CompiledRuleset, record: EntityRecord): string[] {
  const rules = compiled.ruleset.downgrades;
  const published = record.publishedRating;
  if (!rules || !published || !rules.fromGrades.includes(published.grade)) return [];
  const dates: string[] = [];
  for (const event of record.events ?? []) if (event.date > published.date) dates.push(event.date, addMonths(event.date, rules.recalcMonths));
  return dates;
}

/** In a policy diff: the downgrade rules or repeats of one list, added, removed or changed. */
function diffDowngradeRules<T extends DowngradeRule | DowngradeRepeat>(c: Changes, key: 'rules' | 'repeats', old: readonly T[], now: readonly T[]): void {
  const before = new Map(old.map((r, i) => [r.id, { rule: r, index: i }]));
  const after = new Set(now.map((r) => r.id));
  now.forEach((rule, i) => {
    const p: Path = ['downgrades', key, i];
    const was = before.get(rule.id)?.rule;
    if (!was) {
      c.added('downgrade', p, rule.id, rule.label, rule, say('downgradeRule.added', { id: rule.id, label: rule.label, effect: rule.effect }));
      return;
    }
    if (was.label !== rule.label) c.changed('downgrade', [...p, 'label'], rule.id, '', 'label', was.label, rule.label, say('label', { old: was.label, new: rule.label }));
    if (was.effect !== rule.effect) c.changed('downgrade', [...p, 'effect'], rule.id, rule.label, 'effect', was.effect, rule.effect, say('downgradeRule.effect', { old: was.effect, new: rule.effect }));
    if ('count' in rule && 'count' in was) {
      c.number('downgrade', [...p, 'count'], rule.id, rule.label, 'count', 'repeat.count', was.count, rule.count, CHANGE_UNITS.count, {});
      c.number('downgrade', [...p, 'withinMonths'], rule.id, rule.label, 'withinMonths', 'repeat.withinMonths', was.withinMonths, rule.withinMonths, CHANGE_UNITS.months, {});
    }
    c.condition('downgrade', [...p, 'when'], rule.id, rule.label, was.when, rule.when);
    c.citation('downgrade', [...p, 'citation'], rule.id, rule.label, was.citation, rule.citation);
    c.rest('downgrade', p, rule.id, rule.label, was, rule, ['id', 'label', 'citation', 'when', 'effect', 'count', 'withinMonths']);
  });
  for (const [id, { rule, index }] of before) {
    if (!after.has(id)) c.removed('downgrade', ['downgrades', key, index], id, rule.label, rule, say('downgradeRule.removed', { id, label: rule.label }));
  }
}

/** In a policy diff: downgrades added or removed, the grades they apply to, floors, the recalculation, and their rules. */
export function diffDowngrades(c: Changes): void {
  const a = c.older.downgrades;
  const b = c.newer.downgrades;
  if (!a && !b) return;
  if (!a) return c.added('downgrade', ['downgrades'], b!.citation.clause, LABELS.downgrades, b, say('downgrades.added', { clause: b!.citation.clause }));
  if (!b) return c.removed('downgrade', ['downgrades'], a.citation.clause, LABELS.downgrades, a, say('downgrades.removed', { clause: a.citation.clause }));
  const clause = b.citation.clause;
  if (!same(a.fromGrades, b.fromGrades)) {
    c.changed('downgrade', ['downgrades', 'fromGrades'], clause, LABELS.downgrades, 'fromGrades', a.fromGrades, b.fromGrades, say('downgrades.fromGrades', { old: a.fromGrades, new: b.fromGrades }));
  }
  const floor = b.floorCitation.clause;
  for (const grade of new Set([...Object.keys(a.floors), ...Object.keys(b.floors)])) {
    const old = Object.hasOwn(a.floors, grade) ? a.floors[grade] : undefined;
    const now = Object.hasOwn(b.floors, grade) ? b.floors[grade] : undefined;
    // A grade without a floor of its own takes its grade line.
    c.number('downgrade', ['downgrades', 'floors', grade], floor, LABELS.downgradeFloor, `floors.${grade}`, 'downgrades.floor', old, now, c.unit, { grade, unit: c.unit });
  }
  c.citation('downgrade', ['downgrades', 'floorCitation'], floor, LABELS.downgradeFloor, a.floorCitation, b.floorCitation);
  const recalc = b.recalcCitation.clause;
  if (a.recalcMonths !== b.recalcMonths) {
    c.changed('downgrade', ['downgrades', 'recalcMonths'], recalc, LABELS.recalculation, 'recalcMonths', a.recalcMonths, b.recalcMonths,
      say('downgrades.recalcMonths', { old: a.recalcMonths, new: b.recalcMonths }), CHANGE_UNITS.months);
  }
  c.citation('downgrade', ['downgrades', 'recalcCitation'], recalc, LABELS.recalculation, a.recalcCitation, b.recalcCitation);
  c.reading('downgrade', ['downgrades', 'reading'], clause, LABELS.downgrades, a.reading, b.reading);
  c.citation('downgrade', ['downgrades', 'citation'], clause, LABELS.downgrades, a.citation, b.citation);
  diffDowngradeRules(c, 'rules', a.rules, b.rules);
  diffDowngradeRules(c, 'repeats', a.repeats, b.repeats);
  c.rest('downgrade', ['downgrades'], clause, LABELS.downgrades, a, b, ['citation', 'fromGrades', 'floors', 'floorCitation', 'recalcMonths', 'recalcCitation', 'reading', 'rules', 'repeats']);
}
