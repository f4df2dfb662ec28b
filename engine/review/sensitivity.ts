/**
 * Which numbers of a ruleset its sample cases pin down: each number a policy officer may change
 * (a clause's or level's points, a cap, a maximum, a full or base score, a window's months, a
 * grade line, a downgrade floor or period, the base rule's months, a multiplier, a `per`'s step
 * and thresholds, a number or date
 * parameter, a number a condition compares with) is moved one step each way, the ruleset loaded
 * again, and the cases run; a number whose moves no case notices is reported with the kind of
 * case that would pin it. The step is the number's own unit: a month, a day, a whole count, and
 * for points the ruleset's precision (1 when every amount is whole, else 0.1, 0.01…).
 */
import { compareWithExpected, type SampleCase } from './cases.js';
import type { CompiledRuleset } from '../compile.js';
import { fromMilli, toMilli } from '../decimal.js';
import { CreditRulesError, jsonPath } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { parameterTypes } from '../parameters.js';
import { loadRuleset } from '../ruleset.js';
import type { Clause, Condition, Item, Ruleset } from '../types.js';
import { forEachClause, forEachCondition, forEachItem, isFactReference, type Path } from '../walk.js';

/** What kind of number it is: it decides the step and the case that would pin it. */
export type NumberKind =
  | 'points' | 'clauseCap' | 'itemCap' | 'itemMax' | 'itemFull' | 'itemBase' | 'windowMonths' | 'gradeLine' | 'downgradeFloor' | 'recalcMonths'
  | 'repeatCount' | 'repeatMonths' | 'lookbackMonths' | 'projectMonths' | 'multiplier' | 'parameter' | 'dateParameter' | 'conditionValue'
  | 'perStep' | 'perAbove' | 'perBelow';

/** One number of the ruleset. */
export interface RulesetNumber {
  kind: NumberKind;
  /** Its JSON path (`$.indicators[2].items[0].max`). */
  path: string;
  /** Whose number it is: a clause, an item, a grade, a parameter's name, a downgrade rule. */
  owner: string;
  /** The owner's label, as the ruleset writes it. */
  label: string;
  value: number | string;
  /** One step of it (a date parameter's step is a day). */
  step: number;
  /** Past this magnitude the number can change no score (see `InertReason`). */
  inertPast?: { limit: number; reason: InertReason };
}

/**
 * Why a move can change no score whatever the record, so no case can pin it: a bonus or
 * check clause's points raised past its item's maximum or full score (the item stops there
 * first), a deduction past its item's full score (the floor at 0 stops it first), a deduction
 * cap raised past the full score, a check item's full score raised past what its clauses give
 * (`fullPastExclusiveClauses`: past what they give together, when some of them ask one field of
 * the record for different values and so never hold together),
 * a grade line moved between two scores a record can have (every amount a multiple of 5: no
 * score lies between 1049 and 1050).
 */
export type InertReason = 'pointsPastItemLimit' | 'capPastFull' | 'fullPastClauses' | 'fullPastExclusiveClauses' | 'betweenScores';

/** A number no case notices, with what was tried. */
export interface Unpinned extends RulesetNumber {
  /** The values tried that every case passed with (a move the loader refuses is not among them). */
  unnoticed: (number | string)[];
  /** The values the loader refused (a grade line above the next, a cap of the wrong sign): no case is needed for them. */
  refused: (number | string)[];
  /** Moves no record could notice, with why (then they are not in `unnoticed`). */
  inert: { value: number | string; reason: InertReason; limit: number }[];
}

export interface SensitivityReport {
  /** Numbers walked and moves tried (loaded and run). */
  numbers: number;
  moves: number;
  /** Numbers every move of which some case notices, or the loader refuses. */
  pinned: number;
  /** Numbers that could change, one way or both, with every case still passing (`unnoticed` not empty). */
  unpinned: Unpinned[];
  /** Numbers pinned but for moves no record could notice: said with why. */
  inert: Unpinned[];
}

/** The smallest step the ruleset's amounts are written in: 1, 0.1, 0.01 or 0.001. */
export function pointsStep(ruleset: Ruleset): number {
  let decimals = 0;
  const see = (n: number | undefined): void => {
    if (n === undefined) return;
    const milli = Math.abs(toMilli(n));
    const d = milli % 1000 === 0 ? 0 : milli % 100 === 0 ? 1 : milli % 10 === 0 ? 2 : 3;
    decimals = Math.max(decimals, d);
  };
  forEachItem(ruleset, (item) => [item.full, item.base, item.cap, item.max].forEach(see));
  forEachClause(ruleset, (clause) => {
    see(clause.points);
    see(clause.cap);
    clause.levels?.forEach((l) => see(l.points));
  });
  ruleset.grades.forEach((g) => see(g.min));
  return 10 ** -decimals;
}

/**
 * The grain of every score the table can give, in thousandths: the greatest common divisor of
 * its amounts (points, full and base scores, caps, maxima, downgrade floors), so every score is
 * a multiple of it.
 */
export function scoreGrain(ruleset: Ruleset): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let grain = 0;
  const see = (n: number | undefined): void => {
    if (n !== undefined) grain = gcd(grain, Math.abs(toMilli(n)));
  };
  forEachItem(ruleset, (item) => [item.full, item.base, item.cap, item.max].forEach(see));
  forEachClause(ruleset, (clause) => {
    see(clause.points);
    see(clause.cap);
    clause.levels?.forEach((l) => see(l.points));
  });
  Object.values(ruleset.downgrades?.floors ?? {}).forEach(see);
  return grain || 1;
}

/**
 * The values a condition requires of each field it tests plainly (`fact.path` equal to a
 * literal, or in a list of literals; through `all`): two conditions that require one field to
 * take values from disjoint sets never hold together. Anything else (`any`, `not`, a named
 * condition, a comparison) requires nothing here.
 */
function requiredValues(condition: Condition): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const need = (key: string, values: unknown[]): void => {
    const before = out.get(key);
    out.set(key, before ? before.filter((v) => values.includes(v)) : values);
  };
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('fact' in c && !isFactReference(c.value)) {
      const key = `${c.fact}.${c.path ?? ''}`;
      if (c.operator === 'equal' && (c.value === null || typeof c.value !== 'object')) need(key, [c.value]);
      else if (c.operator === 'in' && Array.isArray(c.value) && c.value.every((v) => v === null || typeof v !== 'object')) need(key, c.value);
    }
  };
  visit(condition);
  return out;
}

const exclusive = (a: Map<string, unknown[]>, b: Map<string, unknown[]>): boolean => [...a].some(([key, values]) => b.has(key) && !b.get(key)!.some((v) => values.includes(v)));

/**
 * The most a check item's clauses can give: the largest sum over clauses that can hold
 * together (two clauses that ask one field for different values never do: a senior title and
 * an intermediate one). Past it, the item's full score changes nothing.
 */
function checkLimit(item: Item): RulesetNumber['inertPast'] {
  const clauses = item.clauses.map((c) => ({ points: Math.max(0, toMilli(c.points ?? 0), ...(c.levels ?? []).map((l) => toMilli(l.points))), needs: requiredValues(c.when) }));
  const plain = clauses.reduce((sum, c) => sum + c.points, 0);
  // Every subset of a check item's few clauses; past 12 clauses, the plain sum (an upper bound).
  let best = clauses.length > 12 ? plain : 0;
  for (let set = 1; clauses.length <= 12 && set < 1 << clauses.length; set++) {
    const chosen = clauses.filter((_, i) => set & (1 << i));
    if (chosen.some((a, i) => chosen.slice(i + 1).some((b) => exclusive(a.needs, b.needs)))) continue;
    best = Math.max(best, chosen.reduce((sum, c) => sum + c.points, 0));
  }
  return { limit: fromMilli(best), reason: best < plain ? 'fullPastExclusiveClauses' : 'fullPastClauses' };
}

/** The step of a quantity a `per` counts (a step, a threshold): 1 for a whole number, else its last decimal place (0.5 → 0.1). */
function quantityStep(value: number | undefined): number {
  if (value === undefined || Number.isInteger(value)) return 1;
  return 10 ** -Math.min(3, String(value).split('.')[1]!.length);
}

/** Every number of the ruleset a policy officer may change, with its step. */
export function rulesetNumbers(ruleset: Ruleset): RulesetNumber[] {
  const step = pointsStep(ruleset);
  const out: RulesetNumber[] = [];
  const add = (kind: NumberKind, path: Path, owner: string, label: string, value: number | string | undefined, by = step, inertPast?: RulesetNumber['inertPast']): void => {
    if (value !== undefined) out.push({ kind, path: jsonPath(path), owner, label, value, step: by, ...(inertPast ? { inertPast } : {}) });
  };
  // What an item can give or take at most, whatever its events: a bonus its maximum, a check its full score, a deduction its full score (then the floor at 0).
  const itemLimit = (item: Item): number | undefined => (item.kind === 'bonus' || item.kind === 'reduction' ? item.max : item.full);
  const clauseLimit = (item: Item, clause: Clause): RulesetNumber['inertPast'] => {
    const limits = [itemLimit(item), clause.cap].filter((n): n is number => n !== undefined);
    return limits.length ? { limit: Math.min(...limits), reason: 'pointsPastItemLimit' } : undefined;
  };
  forEachItem(ruleset, (item, path) => {
    add('itemFull', [...path, 'full'], item.id, item.label, item.full, step, item.kind === 'check' ? checkLimit(item) : undefined);
    add('itemBase', [...path, 'base'], item.id, item.label, item.base);
    add('itemCap', [...path, 'cap'], item.id, item.label, item.cap, step, item.kind === 'deduction' && item.full !== undefined ? { limit: item.full, reason: 'capPastFull' } : undefined);
    add('itemMax', [...path, 'max'], item.id, item.label, item.max);
    if (item.multiplier) add('multiplier', [...path, 'multiplier', 'factor'], item.multiplier.citation.clause, item.multiplier.label, item.multiplier.factor, 1);
  });
  forEachClause(ruleset, (clause, path, item) => {
    const past = clauseLimit(item, clause);
    add('points', [...path, 'points'], clause.id, clause.label, clause.points, step, past);
    clause.levels?.forEach((level, li) => add('points', [...path, 'levels', li, 'points'], level.id, `${clause.label} · ${level.label}`, level.points, step, past));
    add('clauseCap', [...path, 'cap'], clause.id, clause.label, clause.cap);
    add('windowMonths', [...path, 'window', 'months'], clause.id, clause.label, clause.window?.months, 1);
    if (clause.per) {
      const per = clause.per;
      add('perStep', [...path, 'per', 'step'], clause.id, per.path, per.step, quantityStep(per.step));
      add('perAbove', [...path, 'per', 'above'], clause.id, per.path, per.above, quantityStep(per.above));
      add('perBelow', [...path, 'per', 'below'], clause.id, per.path, per.below, quantityStep(per.below));
    }
  });
  ruleset.grades.slice(0, -1).forEach((g, i) => add('gradeLine', ['grades', i, 'min'], g.grade, g.grade, g.min));
  const d = ruleset.downgrades;
  if (d) {
    for (const [grade, floor] of Object.entries(d.floors)) add('downgradeFloor', ['downgrades', 'floors', grade], d.floorCitation.clause, grade, floor);
    add('recalcMonths', ['downgrades', 'recalcMonths'], d.recalcCitation.clause, d.recalcCitation.clause, d.recalcMonths, 1);
    d.repeats.forEach((r, i) => {
      add('repeatCount', ['downgrades', 'repeats', i, 'count'], r.id, r.label, r.count, 1);
      add('repeatMonths', ['downgrades', 'repeats', i, 'withinMonths'], r.id, r.label, r.withinMonths, 1);
    });
  }
  const b = ruleset.baseRule;
  if (b) {
    add('lookbackMonths', ['baseRule', 'lookbackMonths'], b.citation.clause, b.label ?? b.citation.clause, b.lookbackMonths, 1);
    add('projectMonths', ['baseRule', 'projectDefaultMonths'], b.citation.clause, b.label ?? b.citation.clause, b.projectDefaultMonths, 1);
  }
  const types = parameterTypes(ruleset);
  for (const [name, p] of Object.entries(ruleset.parameters)) {
    const type = types.get(name);
    if (type === 'date' && typeof p.value === 'string') add('dateParameter', ['parameters', name, 'value'], name, p.label, p.value, 1);
    else if (typeof p.value === 'number') add('parameter', ['parameters', name, 'value'], name, p.label, p.value, type === 'integer' || Number.isInteger(p.value) ? 1 : step);
  }
  // A number written into a condition rather than a parameter (a threshold compared with).
  forEachCondition(ruleset, (condition, path) => {
    if (!('fact' in condition)) return;
    const value = condition.value;
    if (typeof value === 'number' && !isFactReference(value)) add('conditionValue', [...path, 'value'], `${condition.fact}.${condition.path ?? ''}`, condition.operator, value, Number.isInteger(value) ? 1 : step);
  });
  return out;
}

/** `json` with the value at `path` (a JSON path as `jsonPath` writes it) replaced. */
function withValue(json: Ruleset, path: string, value: number | string): Ruleset {
  const copy = structuredClone(json) as unknown as Record<string, unknown>;
  const keys = [...path.slice(1).matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
  let at: Record<string | number, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[keys[keys.length - 1]!] = value;
  return copy as unknown as Ruleset;
}

/** The day `days` after an ISO date (before, when negative). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The two neighbours of a number, one step each way (a date a day each way). */
function neighbours(n: RulesetNumber): (number | string)[] {
  if (typeof n.value === 'string') return [addDays(n.value, -1), addDays(n.value, 1)];
  return [fromMilli(toMilli(n.value) - toMilli(n.step)), fromMilli(toMilli(n.value) + toMilli(n.step))];
}

/** Whether some case's result under `compiled` differs from what it expects. */
function noticed(compiled: CompiledRuleset, cases: readonly SampleCase[]): boolean {
  for (const c of cases) {
    try {
      if (compareWithExpected(c.expected, evaluate(compiled, c.record, { asOf: c.asOf, trace: false, validate: false })).length) return true;
    } catch (error) {
      if (!(error instanceof CreditRulesError)) throw error;
      return true;
    }
  }
  return false;
}

/**
 * Moves each number of `json` one step each way and runs `cases` under each: the numbers no
 * case notices. The cases should pass as they are (`credit-rules test` first).
 */
export function sensitivity(json: Ruleset, cases: readonly SampleCase[]): SensitivityReport {
  const numbers = rulesetNumbers(json);
  const grain = scoreGrain(json);
  const unpinned: Unpinned[] = [];
  let moves = 0;
  const inert: Unpinned[] = [];
  for (const n of numbers) {
    const unnoticed: (number | string)[] = [];
    const refused: (number | string)[] = [];
    const inertMoves: Unpinned['inert'] = [];
    for (const value of neighbours(n)) {
      let compiled: CompiledRuleset;
      try {
        compiled = loadRuleset(withValue(json, n.path, value));
      } catch (error) {
        if (!(error instanceof CreditRulesError)) throw error;
        refused.push(value);
        continue;
      }
      moves++;
      if (noticed(compiled, cases)) continue;
      // A grade line moved between two scores a record can have: no record's grade changes.
      if (n.kind === 'gradeLine' && typeof value === 'number' && typeof n.value === 'number') {
        const [lo, hi] = [Math.min(toMilli(value), toMilli(n.value)), Math.max(toMilli(value), toMilli(n.value))];
        if (Math.ceil(lo / grain) * grain >= hi) {
          inertMoves.push({ value, reason: 'betweenScores', limit: fromMilli(grain) });
          continue;
        }
      }
      // A move past the item's own limit (in magnitude) changes nothing any record could show.
      if (n.inertPast && typeof value === 'number' && typeof n.value === 'number' && Math.abs(toMilli(value)) > Math.abs(toMilli(n.value)) && Math.abs(toMilli(n.value)) >= toMilli(n.inertPast.limit)) {
        inertMoves.push({ value, reason: n.inertPast.reason, limit: n.inertPast.limit });
      } else unnoticed.push(value);
    }
    if (unnoticed.length) unpinned.push({ ...n, unnoticed, refused, inert: inertMoves });
    else if (inertMoves.length) inert.push({ ...n, unnoticed, refused, inert: inertMoves });
  }
  return { numbers: numbers.length, moves, pinned: numbers.length - unpinned.length, unpinned, inert };
}
