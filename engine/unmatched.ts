/**
 * With a trace: the events of a type the table scores that no clause counted. Each is said,
 * with the shared condition it fails where there is one (INT-12's region, N1's landscaping
 * project), so that no event staff entered disappears from the explanation without a word.
 */
import type { CompiledRuleset } from './compile.js';
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
  const { ruleset, eventTests, clauses, items } = compiled;
  const named = ruleset.conditions;
  const indicatorsOf = (program: Int32Array): number[] => {
    const found = new Set<number>();
    for (let pc = 0; pc < program.length; pc += 2 + program[pc + 1]!) {
      const target = eventTests[program[pc]!]!.target;
      if (target.kind === 'level') found.add(items[clauses[target.clause]!.item]!.indicator);
    }
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

/** Writes a line for every event of a scored type without a clause that counted it (the caller resets the trace's place). */
export function traceUnmatched(compiled: CompiledRuleset, record: EntityRecord, asOf: string, matches: Matches, trace: TraceWriter): void {
  const events = record.events ?? [];
  const { eventTests, ruleset } = compiled;
  const shared = sharedConditions(compiled);
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    let counted = false;
    for (let h = matches.starts[e]!; h < matches.starts[e + 1]! && !counted; h++) counted = eventTests[matches.hits[h]!]!.target.kind === 'level';
    if (counted) continue;
    const candidates = shared.indicatorsByType.get(event.type);
    if (!candidates?.length) continue; // a type the table does not score (downgrades only, or unused: a warning says so)
    const facts = eventFacts(compiled, record, asOf, event);
    if (shared.table && !shared.table(facts)) {
      trace.setPlace();
      trace.unmatched(event, e, ruleset.eventConditionLabel);
      continue;
    }
    // Failing an indicator's own condition wherever its type could count: say the first.
    const failing = candidates.filter((i) => shared.indicators[i] && !shared.indicators[i]!(facts));
    const indicator = failing.length === candidates.length ? ruleset.indicators[failing[0]!]! : undefined;
    trace.setPlace(indicator?.id);
    trace.unmatched(event, e, indicator ? indicator.eventConditionLabel ?? `${indicator.id} ${indicator.label}的事件条件` : undefined);
  }
}
