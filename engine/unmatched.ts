/**
 * With a trace: the events of a type the table scores that no clause counted. Each is said,
 * with the shared condition it fails where there is one (e.g. an event from another region, or
 * of a project of another kind), so that no event staff entered disappears from the explanation
 * without a word.
 */
import { programTargets, type CompiledRuleset } from './compile.js';
import { compileCondition, type Predicate } from './conditions.js';
import { eventFacts, type Matches } from './match.js';
import type { TraceWriter } from './trace.js';
import type { EntityRecord } from './types.js';

interface SharedConditions {
  /** The ruleset's event condition, if any. */
  table: Predicate | undefined;
  /** Each indicator's, if any. */
  indicators: (Predicate | undefined)[];
  /** Per event type, the indicators whose clauses could count it (the table's tests for the type). */
  indicatorsByType: Map<string, number[]>;
}

const compiledShared = new WeakMap<CompiledRuleset, SharedConditions>();

function sharedConditions(compiled: CompiledRuleset): SharedConditions {
  let shared = compiledShared.get(compiled);
  if (shared) return shared;
  const { ruleset, clauses, items, named } = compiled;
  const indicatorsOf = (program: Int32Array): number[] => {
    const found = new Set<number>();
    for (const target of programTargets(compiled, program)) if (target.kind === 'level') found.add(items[clauses[target.clause]!.item]!.indicator);
    return [...found].sort((a, b) => a - b);
  };
  shared = {
    table: ruleset.eventCondition && compileCondition(ruleset.eventCondition, named),
    indicators: ruleset.indicators.map((i) => i.eventCondition && compileCondition(i.eventCondition, named)),
    indicatorsByType: new Map([...compiled.programsByType].map(([type, program]) => [type, indicatorsOf(program)])),
  };
  compiledShared.set(compiled, shared);
  return shared;
}

/** An event of a scored type that no clause counted, and the shared condition it fails, when known. */
export interface Unmatched {
  event: number;
  /** The indicator whose condition it fails (its index); none when it fails the table's, or no shared condition. */
  indicator?: number;
  /** The words of the condition it fails (`eventConditionLabel`), when they are written. */
  condition?: string;
}

/** Every event of a scored type that no clause counted, in record order. */
export function unmatchedEvents(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches): Unmatched[] {
  const events = record.events ?? [];
  const { eventTests, ruleset } = compiled;
  const shared = sharedConditions(compiled);
  const found: Unmatched[] = [];
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    let counted = false;
    for (let h = matches.starts[e]!; h < matches.starts[e + 1]! && !counted; h++) counted = eventTests[matches.hits[h]!]!.target.kind === 'level';
    if (counted) continue;
    const candidates = shared.indicatorsByType.get(event.type);
    if (!candidates?.length) continue; // a type the table does not score (downgrades only, or unused: a warning says so)
    const facts = eventFacts(compiled, record, asOf, event);
    if (shared.table && !shared.table(facts)) {
      found.push({ event: e, condition: ruleset.eventConditionLabel });
      continue;
    }
    // Failing an indicator's own condition wherever its type could count: say the first.
    const failing = candidates.filter((i) => shared.indicators[i] && !shared.indicators[i]!(facts));
    if (failing.length < candidates.length) {
      found.push({ event: e });
      continue;
    }
    found.push({ event: e, indicator: failing[0]!, condition: ruleset.indicators[failing[0]!]!.eventConditionLabel });
  }
  return found;
}

/** Writes the lines of those of `unmatched` under the indicator `indicator` (an index), or, without one, those under none. */
export function traceUnmatched(compiled: CompiledRuleset, record: EntityRecord, unmatched: readonly Unmatched[], trace: TraceWriter, indicator?: number): void {
  const events = record.events ?? [];
  for (const u of unmatched) {
    if (u.indicator !== indicator) continue;
    const failed = indicator === undefined ? undefined : compiled.ruleset.indicators[indicator]!;
    trace.setPlace(failed?.id);
    trace.unmatched(events[u.event]!, u.event, u.condition, failed);
  }
}
