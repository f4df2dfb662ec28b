/**
 * Levels (e.g. a rating of poor or very poor, each with its points): a clause that scores by
 * `levels` gives an event the points of the first level, in the order written, whose condition
 * holds; a clause with `points` is a single level of its own. On a check clause the levels'
 * conditions are on the record, as the clause's is (an age band: 35 or under 50, 36 to 45 40):
 * the first level that holds scores, and none holding scores nothing, as for an event. Everything levels mean is here:
 * that a clause scores by points or by levels (not both, not neither) and that every level can
 * be reached (its load-time checks), the levels a clause compiles to and the parts of each
 * level's event test, the first level that matches (scoring), how the trace names the level
 * (the rule id and its label), and what a policy diff says of them. A level's points are
 * amounts like any other (points.ts).
 */
import type { CompiledClause } from '../compile.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { ClauseScoring } from '../messages/codes.js';
import { say, type Changes, type LocatedClause, type Path } from '../review/changes.js';
import type { Clause, Condition, Indicator, ItemKind, Level, Ruleset } from '../types.js';

/** A clause that scores neither by points nor by levels, or by both; a level after one without a condition, which nothing reaches. */
export function levelProblems(clause: Clause, clausePath: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  if (clause.effect !== 'veto' && clause.points === undefined && !clause.levels) problems.push(problemAt(jsonPath(clausePath), 'clause.noPoints', { clause: clause.id }));
  if (clause.points !== undefined && clause.levels) problems.push(problemAt(jsonPath([...clausePath, 'points']), 'clause.pointsAndLevels', { clause: clause.id }));
  const open = clause.levels?.findIndex((level) => level.when === undefined) ?? -1;
  if (open >= 0 && open < clause.levels!.length - 1) {
    const [level, next] = [clause.levels![open]!, clause.levels![open + 1]!];
    problems.push(problemAt(jsonPath([...clausePath, 'levels', open + 1]), 'level.unreachable', { level: next.id, before: level.id }));
  }
  return problems;
}

/** The levels a clause scores by: its `levels`, or one level of its own with its `points`. */
export function clauseLevels(clause: Clause): Level[] {
  return clause.levels ?? [{ id: clause.id, label: clause.label, points: clause.points ?? 0 }];
}

/** The parts of a level's event test: the ruleset's and the indicator's event conditions, the clause's, the level's (shared parts are evaluated once per event). */
export function levelParts(ruleset: Ruleset, indicator: Indicator, clause: Clause, level: Level): (Condition | undefined)[] {
  return [ruleset.eventCondition, indicator.eventCondition, clause.when, level.when];
}

/**
 * Whether a test that holds for an event is a later level of the clause it already scores
 * under. An event's tests run clause by clause and, within a clause, level by level in the
 * order written, so the first that holds is the event's level and the others are skipped.
 */
export function laterLevel(clause: number, scoredClause: number): boolean {
  return clause === scoredClause;
}

/** On a check clause whose condition holds, the first level whose record test holds (`record`: each record test's outcome); -1 when none does. */
export function firstRecordLevel(clause: CompiledClause, record: readonly boolean[]): number {
  const { levels } = clause;
  for (let l = 0; l < levels.length; l++) {
    const test = levels[l]!.check;
    if (test === undefined || record[test]) return l;
  }
  return -1;
}

/** The level's id as the trace's `rule`, for a clause of several levels. */
export function levelRule(clause: CompiledClause, level: number): string | undefined {
  return clause.levels.length > 1 ? clause.levels[level]!.level.id : undefined;
}

/** The level's label as the trace says it after the clause's, unless it is the clause's own. */
export function levelLabel(clause: CompiledClause, level: number): string | undefined {
  const label = clause.levels[level]!.level.label;
  return label === clause.clause.label ? undefined : label;
}

/** What a clause scores, for a policy change: its veto, its levels, or its points each time. */
export function clauseScoring(clause: Clause): ClauseScoring {
  if (clause.effect === 'veto') return { veto: clause.vetoes === undefined ? {} : { vetoes: clause.vetoes } };
  if (clause.levels) return { levels: clause.levels.map((l) => ({ label: l.label, points: l.points })) };
  return clause.points === undefined ? {} : { points: clause.points };
}

/** A level's fields a policy diff compares by name (any other is said as a field). */
const LEVEL_KEYS = ['id', 'label', 'when', 'points', 'provisional'];

/** In a policy diff: points each time that became levels or levels points, and each level added, removed or changed. */
export function diffLevels(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  const kind = now.item.kind;
  if ((a.points === undefined) !== (b.points === undefined) && a.effect !== 'veto' && b.effect !== 'veto') {
    c.changed('clause', [...now.path, a.levels ? 'levels' : 'points'], b.id, b.label, 'points', a.points ?? a.levels, b.points ?? b.levels, say('clause.scoring', { old: clauseScoring(a), new: clauseScoring(b), kind, unit: c.unit }));
  }
  if (a.levels && b.levels) diffEachLevel(c, b.id, b.label, kind, now.path, a.levels, b.levels, was.path);
}

function diffEachLevel(c: Changes, clauseId: string, clauseLabel: string, kind: ItemKind, path: Path, old: Level[], now: Level[], oldPath: Path): void {
  const before = new Map(old.map((l, i) => [l.id, { level: l, index: i }]));
  const after = new Set(now.map((l) => l.id));
  const unit = c.unit;
  now.forEach((level, li) => {
    const p: Path = [...path, 'levels', li];
    const label = `${clauseLabel} · ${level.label}`;
    const was = before.get(level.id)?.level;
    if (!was) {
      c.added('level', p, clauseId, label, level, say('level.added', { id: level.id, label, points: level.points, kind, unit }));
      return;
    }
    if (was.label !== level.label) c.changed('level', [...p, 'label'], level.id, clauseLabel, 'label', was.label, level.label, say('label', { old: was.label, new: level.label }));
    if (was.points !== level.points) c.changed('level', [...p, 'points'], level.id, label, 'points', was.points, level.points, say('points', { old: was.points, new: level.points, kind, unit }), unit);
    c.condition('level', [...p, 'when'], level.id, label, was.when, level.when);
    c.provisional('level', [...p, 'provisional'], level.id, label, was.provisional, level.provisional);
    c.rest('level', p, level.id, label, was, level, LEVEL_KEYS);
  });
  for (const [id, { level, index }] of before) {
    const label = `${clauseLabel} · ${level.label}`;
    if (!after.has(id)) c.removed('level', [...oldPath, 'levels', index], clauseId, label, level, say('level.removed', { id, label }));
  }
}
