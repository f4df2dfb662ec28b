/**
 * Caps and maxima: how far a clause, an item or a bonus may go. A clause's `cap` limits its own
 * total (its absolute value); a deduction item's `cap` limits what it loses ("累计扣完 N 分为止")
 * and the item never goes below 0; a bonus item's `max` limits what it adds (none: a plain
 * sum); a check item scores at most its `full`. Everything a cap means is here: where it may
 * be written, how it cuts, and the trace line of each cut.
 */
import { forEachItem } from '../walk.js';
import type { CompiledItem, CompiledRuleset } from '../compile.js';
import type { Milli } from '../decimal.js';
import { jsonPath, type Problem } from '../errors.js';
import type { TraceWriter } from '../trace.js';
import type { Changes, LocatedClause, LocatedItem } from '../review/changes.js';
import type { Ruleset } from '../types.js';

/** A cap or maximum written where it would mean nothing: refused, with the field that does mean it. */
export function capProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  forEachItem(ruleset, (item, at) => {
    if (item.kind === 'bonus' && item.cap !== undefined) {
      problems.push({ path: jsonPath([...at, 'cap']), message: `bonus item ${item.id} has a "cap", which limits deductions`, fix: 'write the most a bonus item adds as "max"', zh: `加分项 ${item.id} 设了扣分上限 cap,加分上限应写作 max` });
    }
    if (item.kind !== 'bonus' && item.max !== undefined) {
      problems.push({
        path: jsonPath([...at, 'max']), message: `${item.kind} item ${item.id} has a "max", which limits bonuses`,
        fix: item.kind === 'deduction' ? 'write the most a deduction item takes as "cap"' : 'remove "max": a check item scores up to its "full"', zh: `${item.id} 不是加分项,不能设加分上限 max`,
      });
    }
    if (item.kind === 'check' && item.cap !== undefined) {
      problems.push({ path: jsonPath([...at, 'cap']), message: `check item ${item.id} has a "cap", which limits deductions`, fix: 'remove "cap": a check item scores up to its "full"', zh: `${item.id} 是“符合条件得分”项,不能设扣分上限 cap` });
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

/**
 * An item's score from where it starts and the sum of its points: a bonus up to its maximum,
 * a deduction's loss up to its cap and never below 0.
 */
export function limitedScore(item: CompiledItem, start: Milli, total: Milli, trace: TraceWriter | undefined): Milli {
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
  c.number('item', [...now.path, 'max'], b.id, b.label, 'max', 'item.max', a.max, b.max, unit, { unit });
}

/** In a policy diff: a clause's own cap. */
export function diffClauseCap(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const b = now.value;
  c.number('clause', [...now.path, 'cap'], b.id, b.label, 'cap', 'clause.cap', was.value.cap, b.cap, c.unit, { kind: now.item.kind, unit: c.unit });
}
