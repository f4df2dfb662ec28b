/**
 * Caps and maxima: how far a clause, an item or a bonus may go. A clause's `cap` limits its own
 * total (its absolute value); a deduction item's `cap` limits what it loses (deductions stop
 * once it is used up) and the item never goes below 0; a bonus item's `max` limits what it adds
 * (none: a plain sum); a reduction's `max` limits what it takes from the items before it, which
 * it never takes below 0; a check item scores at most its `full`, and a check clause at most its `cap`. Everything a cap means is here:
 * where it may be written, how it cuts, and the trace line of each cut.
 */
import { forEachItem } from '../walk.js';
import type { CompiledClause, CompiledItem, CompiledRuleset } from '../compile.js';
import type { Milli } from '../decimal.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { TraceWriter } from '../trace.js';
import type { Changes, LocatedClause, LocatedItem } from '../review/changes.js';
import type { Ruleset } from '../types.js';

/** A cap or maximum written where it would mean nothing: refused, with the field that does mean it. */
export function capProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  forEachItem(ruleset, (item, at) => {
    if (item.kind === 'bonus' && item.cap !== undefined) {
      problems.push(problemAt(jsonPath([...at, 'cap']), 'cap.onBonus', { item: item.id }));
    }
    if (item.kind !== 'bonus' && item.kind !== 'reduction' && item.max !== undefined) {
      problems.push(problemAt(jsonPath([...at, 'max']), 'max.notBonus', { item: item.id, kind: item.kind }));
    }
    if (item.kind === 'check' && item.cap !== undefined) {
      problems.push(problemAt(jsonPath([...at, 'cap']), 'cap.onCheck', { item: item.id }));
    }
    if (item.kind === 'reduction' && item.cap !== undefined) {
      problems.push(problemAt(jsonPath([...at, 'cap']), 'cap.onReduction', { item: item.id }));
    }
    if (item.kind === 'reduction' && item.full !== undefined) {
      problems.push(problemAt(jsonPath([...at, 'full']), 'full.onReduction', { item: item.id }));
    }
  });
  return problems;
}

/** The points each clause cap of an item cuts from `kept`'s total (0 when none bites). */
export function clauseCapsCut(compiled: CompiledRuleset, item: CompiledItem, kept: readonly { clause: number; points: Milli }[], trace: TraceWriter | undefined): Milli {
  if (!item.clauseCaps || !kept.length) return 0;
  let cuts = 0;
  for (const c of item.clauses) {
    const clause = compiled.clauses[c]!;
    if (clause.cap === undefined) continue;
    let sum = 0;
    for (const o of kept) if (o.clause === c) sum += o.points;
    if (Math.abs(sum) <= clause.cap) continue;
    const cut = sum > 0 ? clause.cap - sum : -clause.cap - sum;
    trace?.clauseCap(clause, sum, clause.cap, cut);
    cuts += cut;
  }
  return cuts;
}

/** What a check clause's own cap cuts from its `points` (0, or negative: the part over the cap). */
export function checkClauseCapCut(clause: CompiledClause, points: Milli, trace: TraceWriter | undefined): Milli {
  if (clause.cap === undefined || points <= clause.cap) return 0;
  trace?.clauseCap(clause, points, clause.cap, clause.cap - points);
  return clause.cap - points;
}

/**
 * An item's score from where it starts and the sum of its points: a bonus up to its maximum,
 * a deduction's loss up to its cap and never below 0, a reduction's up to its maximum and
 * never more than `before`, the total of the items before it in its indicator.
 */
export function limitedScore(item: CompiledItem, start: Milli, total: Milli, trace: TraceWriter | undefined, before: Milli): Milli {
  if (item.kind === 'reduction') {
    const taken = -total;
    const max = item.max ?? Infinity;
    const counted = Math.min(taken, max);
    if (counted < taken) trace?.cap(item.item, taken, max, taken - counted);
    if (counted <= before) return -counted;
    trace?.floor(item.item, counted - Math.max(0, before));
    return -Math.max(0, before);
  }
  if (item.kind === 'bonus') {
    const max = item.max ?? Infinity;
    if (total <= max) return total;
    trace?.cap(item.item, total, max, max - total);
    return max;
  }
  const deduction = -total;
  const cap = item.cap ?? Infinity;
  const counted = Math.min(deduction, cap);
  if (counted < deduction) trace?.cap(item.item, deduction, cap, deduction - counted);
  if (start - counted >= 0) return start - counted;
  trace?.floor(item.item, counted - start);
  return 0;
}

/** A check item's points, at most its full score. */
export function checkScore(item: CompiledItem, total: Milli, trace: TraceWriter | undefined): Milli {
  const capped = Math.min(total, item.full);
  if (capped < total) trace?.cap(item.item, total, item.full, capped - total);
  return capped;
}

/** In a policy diff: an item's cap and maximum. */
export function diffItemCaps(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const [a, b] = [was.value, now.value];
  const { unit } = c;
  c.number('item', [...now.path, 'cap'], b.id, b.label, 'cap', 'item.cap', a.cap, b.cap, unit, { unit, deduction: b.kind === 'deduction' });
  c.number('item', [...now.path, 'max'], b.id, b.label, 'max', 'item.max', a.max, b.max, unit, b.kind === 'reduction' ? { unit, reduction: true } : { unit });
}

/** In a policy diff: a clause's own cap. */
export function diffClauseCap(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const b = now.value;
  c.number('clause', [...now.path, 'cap'], b.id, b.label, 'cap', 'clause.cap', was.value.cap, b.cap, c.unit, { kind: now.item.kind, unit: c.unit });
}
