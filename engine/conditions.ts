/**
 * Conditions in json-rules-engine's format, compiled into plain JavaScript closures: the
 * portable form, used where generated code (codegen.ts) is not allowed.
 * The compiled form keeps json-rules-engine's semantics exactly (a fact path on a
 * non-object yields the fact itself; an empty `any` is true; a value `{ fact }` is another
 * fact); `test/conditions.property.test.ts` checks it against json-rules-engine itself.
 *
 * One difference, by design: no condition throws. Where json-rules-engine's operator would
 * throw (`in` whose value is a fact that is not a list, `contains` or `<` meeting a value
 * with no primitive form), json-rules-engine fails the whole run; here that one test does
 * not hold — it is false, and a `not` above it true — as a condition that cannot be
 * evaluated does not hold. The generated code decides the same (`Operator.holds`), and the
 * property test checks both on such inputs too.
 *
 * A named condition is compiled once, into one predicate that every condition naming it
 * calls (namedConditions.ts), never copied into each: layers of names that each name two
 * of the layer below stay as small compiled as written. A large one keeps its result for
 * the evaluation under way, so it is evaluated once per event however many paths reach it.
 */
import type { Condition, FactCondition } from './types.js';
import { NamedConditions, evaluation, isLarge, type Named, type NamedAnalysis } from './namedConditions.js';
import { operators } from './operators.js';

/** The facts a condition sees: `event`, `project`, `record`, `asOf`, `parameters`. */
export type Facts = Readonly<Record<string, unknown>>;

export type Predicate = (facts: Facts) => boolean;

/**
 * The plain path resolver given to json-rules-engine in place of jsonpath-plus: a dotted
 * path of own properties (`licence.validUntil`), so `constructor` or `__proto__` in a path
 * finds nothing inherited.
 */
export function resolvePath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type Getter = (facts: Facts) => unknown;

/** The facts the engine always provides: read directly, without an own-property check. */
export const PROVIDED_FACTS: ReadonlySet<string> = new Set(['event', 'project', 'record', 'asOf', 'parameters']);

/** Reads a fact and, when it is an object, a dotted path of it: json-rules-engine's rule. */
function factGetter(fact: string, path: string | undefined): Getter {
  const own = PROVIDED_FACTS.has(fact)
    ? (facts: Facts): unknown => facts[fact]
    : (facts: Facts): unknown => (Object.hasOwn(facts, fact) ? facts[fact] : undefined);
  if (!path) return own;
  return (facts) => {
    const value = own(facts);
    return value !== null && typeof value === 'object' ? resolvePath(value, path) : value;
  };
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

function compileFact(condition: FactCondition): Predicate {
  const op = operators[condition.operator];
  if (!op) throw new Error(`unknown operator "${condition.operator}"`);
  const left = factGetter(condition.fact, condition.path);
  const { holds } = op;
  const value = condition.value;
  if (isFactReference(value)) {
    const right = factGetter(value.fact, value.path);
    return (facts) => holds(left(facts), right(facts));
  }
  return (facts) => holds(left(facts), value);
}

function compile(condition: Condition, graph: NamedConditions): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map((c) => compile(c, graph));
    if (parts.length === 1) return parts[0]!;
    return (facts) => {
      for (const part of parts) if (!part(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compile(c, graph));
    if (parts.length === 0) return () => true; // json-rules-engine: an empty set passes
    if (parts.length === 1) return parts[0]!;
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compile(condition.not, graph);
    return (facts) => !inner(facts);
  }
  if ('condition' in condition) return graph.value(namedPredicate, condition.condition);
  return compileFact(condition);
}

/** A named condition's predicate, compiled once per graph and called wherever it is named; a large one keeps its result for one evaluation. */
const namedPredicate: NamedAnalysis<Predicate> = (condition, graph) => {
  const predicate = compile(condition, graph);
  if (!isLarge(condition, graph)) return predicate;
  let stamp = -1;
  let result = false;
  return (facts) => {
    if (stamp !== evaluation.stamp) {
      result = predicate(facts);
      stamp = evaluation.stamp;
    }
    return result;
  };
};

/**
 * Compiles a condition. A named condition is compiled once per graph of `named` and shared;
 * a missing or circular reference throws (the ruleset checks report them with their JSON
 * path first).
 */
export function compileCondition(condition: Condition, named: Named = {}): Predicate {
  const graph = NamedConditions.of(named);
  const predicate = compile(condition, graph);
  if (!isLarge(condition, graph)) return predicate;
  // It may reach a named condition that keeps its result: each call is a new evaluation.
  return (facts) => {
    evaluation.stamp++;
    return predicate(facts);
  };
}

function eventTypes(condition: Condition, graph: NamedConditions): string[] | undefined {
  if ('all' in condition) {
    let found: string[] | undefined;
    for (const part of condition.all) {
      const types = eventTypes(part, graph);
      if (types) found = found ? found.filter((t) => types.includes(t)) : types;
    }
    return found;
  }
  if ('condition' in condition) return graph.has(condition.condition) ? graph.value(namedEventTypes, condition.condition) : undefined;
  if ('any' in condition || 'not' in condition) return undefined;
  if (condition.fact !== 'event' || condition.path !== 'type') return undefined;
  if (condition.operator === 'equal' && typeof condition.value === 'string') return [condition.value];
  if (condition.operator === 'in' && Array.isArray(condition.value) && condition.value.every((v) => typeof v === 'string')) {
    return condition.value as string[];
  }
  return undefined;
}

/** The event types a named condition pins, found once per graph. */
const namedEventTypes: NamedAnalysis<string[] | undefined> = (condition, graph) => eventTypes(condition, graph);

/**
 * The event types a condition can match, read from an `event.type` test that must hold
 * (at the top level or inside `all`); `undefined` when the condition doesn't pin the type.
 * Used only to index rules by type: the full condition is still evaluated.
 */
export function requiredEventTypes(condition: Condition, named: Named = {}): string[] | undefined {
  return eventTypes(condition, NamedConditions.of(named));
}
