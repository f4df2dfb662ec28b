/**
 * The reference path: the same matches as `match.ts`, computed by json-rules-engine itself
 * (with the plain path resolver, never jsonpath-plus), one engine run per event. It is slow
 * by design and exists so the compiled path can be tested against the library whose
 * condition format the rulesets use. Not for production evaluation.
 */
import { Engine, Operator } from 'json-rules-engine';
import type { CompiledRuleset } from '../../engine/compile.js';
import { resolvePath, type Facts } from '../../engine/conditions.js';
import { today } from '../../engine/dates.js';
import { evaluate, type EvaluateOptions } from '../../engine/evaluate.js';
import { eventFacts, type Matches } from '../../engine/match.js';
import { customOperatorNames, operators } from '../../engine/operators.js';
import { scoreRecord } from '../../engine/score.js';
import type { Condition, EntityRecord, Result } from '../../engine/types.js';

/** json-rules-engine wants a boolean root: a bare fact test is wrapped in `all`. */
function rootCondition(condition: Condition): Condition {
  return 'all' in condition || 'any' in condition || 'not' in condition || 'condition' in condition ? condition : { all: [condition] };
}

/** A json-rules-engine engine holding one rule per condition, with our operators and named conditions. */
export function referenceEngine(conditions: readonly Condition[], named: Readonly<Record<string, Condition>> = {}): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: (value, path) => resolvePath(value, path) });
  for (const name of customOperatorNames) {
    const def = operators[name]!;
    engine.addOperator(new Operator(name, (a, b) => def.test(a, b), def.validate));
  }
  for (const [name, condition] of Object.entries(named)) engine.setCondition(name, rootCondition(condition) as never);
  conditions.forEach((condition, index) => {
    engine.addRule({ conditions: rootCondition(condition) as never, event: { type: 'hit', params: { index } } });
  });
  return engine;
}

/** The indices of the conditions that hold for these facts, ascending. */
export async function referenceHits(engine: Engine, facts: Facts): Promise<number[]> {
  const { events } = await engine.run({ ...facts });
  return events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
}

/** Matches a record with json-rules-engine. */
export class ReferenceMatcher {
  private readonly events: Engine;
  private readonly record: Engine;
  private readonly project: Engine | undefined;

  constructor(private readonly compiled: CompiledRuleset) {
    const named = compiled.ruleset.conditions;
    this.events = referenceEngine(compiled.eventTests.map((t) => t.condition), named);
    this.record = referenceEngine(compiled.recordTests.map((t) => t.condition), named);
    this.project = compiled.projectTest ? referenceEngine([compiled.projectTest.condition], named) : undefined;
  }

  async match(record: EntityRecord, asOf: string): Promise<Matches> {
    const { compiled } = this;
    const hits: number[] = [];
    const starts: number[] = [0];
    for (const event of record.events ?? []) {
      hits.push(...(await referenceHits(this.events, eventFacts(compiled, record, asOf, event))));
      starts.push(hits.length);
    }
    const recordHits = new Set(await referenceHits(this.record, { record, asOf, parameters: compiled.parameters }));
    const projectHits: boolean[] = [];
    for (const project of record.projects ?? []) {
      projectHits.push(this.project ? (await referenceHits(this.project, { project, record, asOf, parameters: compiled.parameters })).length > 0 : true);
    }
    return { hits, starts, record: compiled.recordTests.map((_, i) => recordHits.has(i)), projects: projectHits };
  }
}

/** Evaluates a record already validated, with json-rules-engine deciding every condition. */
export async function evaluateReference(matcher: ReferenceMatcher, compiled: CompiledRuleset, record: EntityRecord, options: EvaluateOptions = {}): Promise<Result> {
  const asOf = options.asOf ?? record.asOf ?? today();
  return scoreRecord(compiled, record, asOf, await matcher.match(record, asOf), options.trace !== false);
}

/**
 * Each case's result through the json-rules-engine reference path and through the compiled one,
 * `[file, result]` pairs for a test to compare (warnings left out: the reference has none).
 */
export async function bothPaths(compiled: CompiledRuleset, cases: readonly { file: string; case: { record: EntityRecord; asOf: string } }[]): Promise<{ reference: [string, Result][]; fast: [string, Result][] }> {
  const matcher = new ReferenceMatcher(compiled);
  const reference: [string, Result][] = [];
  const fast: [string, Result][] = [];
  for (const { file, case: c } of cases) {
    const result = evaluate(compiled, c.record, { asOf: c.asOf });
    delete result.warnings;
    fast.push([file, result]);
    reference.push([file, await evaluateReference(matcher, compiled, c.record, { asOf: c.asOf })]);
  }
  return { reference, fast };
}
