/**
 * Vetoes (e.g. after a serious accident the whole indicator scores nothing): a clause with
 * `effect: "veto"` scores nothing itself, but an occurrence of it in its window makes the whole
 * indicator it names (`vetoes`, else its own) score 0. Everything a veto means is here: where
 * it may be written, and what it does to its indicator, with the trace line that says so.
 */
import { forEachClause } from '../walk.js';
import type { CompiledRuleset } from '../compile.js';
import type { Milli } from '../decimal.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { TraceWriter } from '../trace.js';
import { say, sides, type Changes, type LocatedClause } from '../review/changes.js';
import type { EntityEvent, Ruleset } from '../types.js';

/** A veto on a check clause, or of an indicator that does not exist: refused. */
export function vetoProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const indicatorIds = new Set(ruleset.indicators.map((i) => i.id));
  forEachClause(ruleset, (clause, at, item) => {
    if (clause.effect !== 'veto') return;
    if (item.kind === 'check') problems.push(problemAt(jsonPath([...at, 'effect']), 'veto.onCheck', {}));
    if (clause.vetoes !== undefined && !indicatorIds.has(clause.vetoes)) {
      problems.push(problemAt(jsonPath([...at, 'vetoes']), 'veto.unknownIndicator', { indicator: clause.vetoes }));
    }
  });
  return problems;
}

/**
 * Zeroes indicator `ii`, whose items scored `score` in all, for the veto `occurrence` (its
 * clause and event): every item of it scores 0 and the trace says what was taken. Returns the
 * indicator's score, 0.
 */
export function applyVeto(compiled: CompiledRuleset, ii: number, occurrence: { clause: number; event: number }, events: readonly EntityEvent[], score: Milli, itemScores: Milli[], trace: TraceWriter | undefined): Milli {
  const { indicator, items } = compiled.indicators[ii]!;
  const clause = compiled.clauses[occurrence.clause]!;
  trace?.setPlace(indicator.id, compiled.items[clause.item]!.item.id);
  trace?.veto(clause, indicator, events[occurrence.event]!, occurrence.event, score);
  for (const i of items) itemScores[i] = 0;
  return 0;
}

/** In a policy diff: a clause that became a veto or no longer is one, or vetoes another indicator. */
export function diffVeto(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  const p = now.path;
  const vetoA = a.effect === 'veto';
  const vetoB = b.effect === 'veto';
  if (vetoA !== vetoB) {
    // Without `vetoes`, a veto zeroes the indicator that holds it (a clause's parent is its item).
    const own = (r: Ruleset, item: LocatedClause['item']): string => r.indicators.find((i) => i.items.includes(item))!.id;
    const effect = { old: vetoA ? { vetoes: a.vetoes ?? own(c.older, was.item) } : null, new: vetoB ? { vetoes: b.vetoes ?? own(c.newer, now.item) } : null };
    c.changed('clause', [...p, 'effect'], b.id, b.label, 'effect', a.effect, b.effect, say('clause.effect', effect));
  } else if (vetoB && a.vetoes !== b.vetoes) {
    c.changed('clause', [...p, 'vetoes'], b.id, b.label, 'vetoes', a.vetoes, b.vetoes, say('clause.vetoes', sides(a.vetoes, b.vetoes)));
  }
}
