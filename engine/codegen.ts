/**
 * Conditions compiled to JavaScript source: one function per condition, with fact reads,
 * paths and the common operators inlined, so V8 optimizes each as straight-line code. Same
 * semantics as the closures of `conditions.ts` (both are checked against json-rules-engine);
 * where `new Function` is not allowed (a strict Content-Security-Policy) the closures serve.
 *
 * What is known when a ruleset is compiled is folded in: its parameters are constants, and
 * in a matcher for one event type, `event.type` is that type, so a part that tests the type
 * is decided once, at compile time, instead of once per event.
 *
 * A named condition is written into the code that uses it when it is small written out (as
 * every named condition of the shipped rulesets is), so the folding above and the matcher's
 * shared reads reach into it. A larger one is generated once, as a function of the facts
 * shared by every matcher of the ruleset, and called (written out, layers of names that each
 * name two of the layer below double at every layer); it keeps its result for the
 * evaluation under way, so it runs once per event however many paths reach it.
 *
 * No generated test throws: an operator is written in only where its expression cannot
 * throw, and is otherwise `Operator.holds`, as the closures use (conditions.ts says why).
 */
import type { Condition, FactCondition } from './types.js';
import { PROVIDED_FACTS, compileCondition, resolvePath, type Facts, type Predicate } from './conditions.js';
import { isIsoDate } from './dates.js';
import { NamedConditions, SHARED_PARTS, evaluation, expandedSize, type Named, type NamedAnalysis } from './namedConditions.js';
import { operators, type Operator } from './operators.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Facts whose values are known when the code is generated. */
export interface KnownFacts {
  /** The `parameters` fact, fixed for a compiled ruleset. */
  parameters?: Readonly<Record<string, unknown>>;
  /** The `type` of every event the generated code will see. */
  eventType?: string;
  /** Attributes of the event already read, each into a local variable: attribute → variable. */
  eventAttributes?: ReadonlyMap<string, string>;
}

/** An operand: generated code, or a value known at generation. */
type Operand = { code: string } | { value: unknown };

/**
 * Operators whose test is inlined as an expression of `a` (fact value) and `b` (value), and
 * when: only where the expression cannot throw. `in` reads `b.indexOf`, which only a list
 * known at generation is sure to have; anywhere else `in` is `holds`, which never throws.
 */
const INLINE: Record<string, { when: (b: Operand) => boolean; code: (a: string, b: string) => string }> = {
  equal: { when: () => true, code: (a, b) => `${a} === ${b}` },
  notEqual: { when: () => true, code: (a, b) => `${a} !== ${b}` },
  in: { when: (b) => 'value' in b && Array.isArray(b.value), code: (a, b) => `${b}.indexOf(${a}) > -1` },
  notIn: { when: (b) => 'value' in b && Array.isArray(b.value), code: (a, b) => `${b}.indexOf(${a}) === -1` },
  missing: { when: () => true, code: (a, b) => `(${a} === null || ${a} === undefined) === ${b}` },
};

/** `validate` of a fact value known at generation: false where it throws, as `holds` is. */
function validates(op: Operator, factValue: unknown): boolean {
  try {
    return op.validate(factValue);
  } catch {
    return false;
  }
}

/** Whether a condition tests the event's type, itself or through the names it uses: its code then differs by event type. */
const testsEventType: NamedAnalysis<boolean> = (condition, graph) => {
  if ('all' in condition) return condition.all.some((c) => testsEventType(c, graph));
  if ('any' in condition) return condition.any.some((c) => testsEventType(c, graph));
  if ('not' in condition) return testsEventType(condition.not, graph);
  if ('condition' in condition) return graph.value(testsEventType, condition.condition);
  const value = condition.value as { fact?: unknown; path?: unknown } | null;
  const typeRead = (fact: unknown, path: unknown): boolean => fact === 'event' && path === 'type';
  return typeRead(condition.fact, condition.path) || (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact') && typeRead(value.fact, value.path));
};

/**
 * The functions of the named conditions too large to write in, each generated once and shared
 * by all the code generated for one ruleset (one per event type for a condition that tests
 * the type, which each folds in). Made for a graph and the ruleset's parameters by
 * `namedFunctions`.
 */
class NamedFunctions {
  private readonly made = new Map<string, Predicate>();

  constructor(
    readonly graph: NamedConditions,
    private readonly parameters: Readonly<Record<string, unknown>> | undefined,
  ) {}

  /** Whether `name` is written into the code that uses it, rather than called. */
  inlined(name: string): boolean {
    return this.graph.value(expandedSize, name) <= SHARED_PARTS;
  }

  /** The function of `name` for events of `eventType` (or of any type), generated after those it calls. */
  get(name: string, eventType: string | undefined): Predicate {
    const key = (n: string): string => JSON.stringify(this.graph.value(testsEventType, n) ? [n, eventType ?? null] : [n]);
    for (const next of this.graph.dependenciesFirst(name, (n) => this.inlined(n) || this.made.has(key(n)))) {
      const generator = new Generator(this, { parameters: this.parameters, eventType });
      const body = `result = ${generator.expression(this.graph.get(next))};\nstamp = E.stamp;\nreturn result;`;
      this.made.set(key(next), generator.build<Predicate>('condition', 'f', body, true));
    }
    return this.made.get(key(name))!;
  }
}

/** Each graph's shared functions, per parameters object: a compiled ruleset generates all its code with one. */
const functionsOf = new WeakMap<NamedConditions, WeakMap<object, NamedFunctions>>();
const NO_PARAMETERS = {};

function namedFunctions(named: Named, parameters: Readonly<Record<string, unknown>> | undefined): NamedFunctions {
  const graph = NamedConditions.of(named);
  const byParameters = functionsOf.get(graph) ?? new WeakMap<object, NamedFunctions>();
  functionsOf.set(graph, byParameters);
  let functions = byParameters.get(parameters ?? NO_PARAMETERS);
  if (!functions) byParameters.set(parameters ?? NO_PARAMETERS, (functions = new NamedFunctions(graph, parameters)));
  return functions;
}

/** A conjunction, with parts known true left out and a part known false deciding it. */
function and(parts: readonly string[]): string {
  if (parts.includes('false')) return 'false';
  const open = parts.filter((p) => p !== 'true');
  return open.length === 0 ? 'true' : open.length === 1 ? open[0]! : `(${open.join(' && ')})`;
}

/** A disjunction, with parts known false left out and a part known true deciding it. */
function or(parts: readonly string[]): string {
  if (parts.includes('true')) return 'true';
  const open = parts.filter((p) => p !== 'false');
  return open.length === 0 ? 'false' : open.length === 1 ? open[0]! : `(${open.join(' || ')})`;
}

class Generator {
  readonly constants: unknown[] = [];
  /** Each fact (and path) read, by key, and the local variable that caches it. */
  private readonly reads = new Map<string, string>();
  /** The shared functions the code calls, each bound to a constant `n0`, `n1`… */
  private readonly calls = new Map<Predicate, string>();

  constructor(
    private readonly named: NamedFunctions,
    private readonly known: KnownFacts = {},
  ) {}

  /** The locals: cached reads start as `U` (not read yet). */
  declarations(): string {
    return this.reads.size ? `let ${[...this.reads.values()].map((r) => `${r} = U`).join(', ')};` : '';
  }

  constant(value: unknown): string {
    if (value === null || typeof value === 'boolean' || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return JSON.stringify(value);
    return `k[${this.constants.push(value) - 1}]`;
  }

  /**
   * A fact and its path, with json-rules-engine's rules (a path on a non-object yields the
   * fact itself), read at most once per call: the first use stores it in a local.
   */
  read(fact: string, path: string | undefined): Operand {
    if (fact === 'parameters' && this.known.parameters) return { value: path ? resolvePath(this.known.parameters, path) : this.known.parameters };
    if (fact === 'event' && path === 'type' && this.known.eventType !== undefined) return { value: this.known.eventType };
    const local = fact === 'event' && path !== undefined && !path.includes('.') ? this.known.eventAttributes?.get(path) : undefined;
    if (local !== undefined) return { code: local };
    const key = JSON.stringify([fact, path ?? null]);
    let r = this.reads.get(key);
    if (!r) this.reads.set(key, (r = `r${this.reads.size}`));
    let steps = PROVIDED_FACTS.has(fact) ? `${r} = f.${fact}` : `${r} = H(f, ${JSON.stringify(fact)}) ? f[${JSON.stringify(fact)}] : undefined`;
    if (path) {
      const keys = path.split('.').map((key, i) => {
        const access = IDENTIFIER.test(key) ? `${r}.${key}` : `${r}[${JSON.stringify(key)}]`;
        const guard = i === 0 ? '' : `${r} !== null && typeof ${r} === "object" && `;
        return `${r} = (${guard}H(${r}, ${JSON.stringify(key)})) ? ${access} : undefined`;
      });
      steps += `, ${r} !== null && typeof ${r} === "object" && (${keys.join(', ')})`;
    }
    return { code: `(${r} !== U ? ${r} : (${steps}, ${r}))` };
  }

  fact(condition: FactCondition): string {
    const op = operators[condition.operator];
    if (!op) throw new Error(`unknown operator "${condition.operator}"`);
    const value = condition.value;
    const left = this.read(condition.fact, condition.path);
    const right: Operand = value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')
      ? this.read((value as { fact: string }).fact, (value as { path?: string }).path)
      : { value };
    if ('value' in left && 'value' in right) return String(op.holds(left.value, right.value));
    const name = JSON.stringify(condition.operator);
    const inline = INLINE[condition.operator]?.when(right) ? INLINE[condition.operator]!.code : undefined;
    const b = 'code' in right ? right.code : this.constant(right.value);
    if ('value' in left) {
      if (!validates(op, left.value)) return 'false';
      // Parenthesized, as the other branch is: under a `not`, `!"a" === b` would negate "a".
      return inline ? `(${inline(this.constant(left.value), b)})` : `O[${name}].holds(${this.constant(left.value)}, ${b})`;
    }
    if (inline) return `(a = ${left.code}, ${inline('a', b)})`;
    return `(a = ${left.code}, O[${name}].holds(a, ${b}))`;
  }

  expression(condition: Condition): string {
    if ('all' in condition) return and(condition.all.map((c) => this.expression(c)));
    if ('any' in condition) {
      if (!condition.any.length) return 'true'; // json-rules-engine: an empty set passes
      return or(condition.any.map((c) => this.expression(c)));
    }
    if ('not' in condition) {
      const inner = this.expression(condition.not);
      return inner === 'true' ? 'false' : inner === 'false' ? 'true' : `!${inner}`;
    }
    if ('condition' in condition) {
      const name = condition.condition;
      if (this.named.inlined(name)) return this.expression(this.named.graph.get(name));
      return `${this.call(this.named.get(name, this.known.eventType))}(f)`;
    }
    return this.fact(condition);
  }

  /** The constant that holds a shared function in the generated code. */
  private call(fn: Predicate): string {
    let local = this.calls.get(fn);
    if (!local) this.calls.set(fn, (local = `n${this.calls.size}`));
    return local;
  }

  /**
   * The generated function, given its body; `a` holds the fact value under test. Code that
   * calls shared functions starts a new evaluation (`E.stamp`), unless it is `shared` itself:
   * then it keeps its `result` for the evaluation under way, which its body sets.
   */
  build<T>(name: string, parameters: string, body: string, shared = false): T {
    const calls = this.calls.size ? `const ${[...this.calls.values()].map((local, i) => `${local} = N[${i}]`).join(', ')};\n` : '';
    const kept = shared ? 'let stamp = -1, result = false;\n' : '';
    const start = shared ? 'if (stamp === E.stamp) return result;\n' : this.calls.size ? 'E.stamp++;\n' : '';
    const source = `${calls}${kept}return function ${name}(${parameters}) {\n${start}let a;\n${this.declarations()}\n${body}\n};`;
    type Factory = (k: unknown[], o: typeof operators, h: typeof Object.hasOwn, u: symbol, d: typeof isIsoDate, n: Predicate[], e: typeof evaluation) => T;
    const factory = new Function('k', 'O', 'H', 'U', 'D', 'N', 'E', source) as Factory;
    return factory(this.constants, operators, Object.hasOwn, NOT_READ, isIsoDate, [...this.calls.keys()], evaluation);
  }
}

/** What a cached read holds before the fact is read. */
const NOT_READ = Symbol('not read');

let generationAllowed: boolean | undefined;

/** Whether `new Function` is allowed here (not under a strict Content-Security-Policy). */
export function canGenerate(): boolean {
  if (generationAllowed === undefined) {
    try {
      generationAllowed = new Function('return true')() === true;
    } catch {
      generationAllowed = false;
    }
  }
  return generationAllowed;
}

/** Compiles a condition to generated JavaScript, or to closures where code generation is not allowed. */
export function generatePredicate(condition: Condition, named: Named = {}, known: KnownFacts = {}): Predicate {
  if (!canGenerate()) return compileCondition(condition, named);
  const generator = new Generator(namedFunctions(named, known.parameters), known);
  const body = generator.expression(condition);
  return generator.build<Predicate>('condition', 'f', `return ${body};`);
}

/**
 * Finds the event tests that hold for one event's facts, writing their indices to `hits`
 * from `n` on (the caller leaves room for every test) and returning the new end.
 */
export type EventMatcher = (facts: Facts, hits: Int32Array, n: number) => number;

/**
 * One function per event type that evaluates all of the type's event tests in order, each
 * part inlined once and, when several tests share it, remembered in a local variable
 * (0 unknown, 1 false, 2 true), so it runs once per event; a part decided at compile time
 * is left out, or leaves its test out. `program` is `[test, slotCount, slot…]…`.
 * `vocabulary`, when given, runs first: statements on the event `e` (vocabulary.ts) that
 * return -1, instead of the new end, for an event its type's vocabulary refuses, and read
 * the attributes that `known.eventAttributes` names, so the tests use them as read.
 * `undefined` where code generation is not allowed (the matcher then interprets the program).
 */
export function generateEventMatcher(program: Int32Array, slotConditions: readonly Condition[], named: Named, known: KnownFacts = {}, vocabulary = ''): EventMatcher | undefined {
  if (!canGenerate()) return undefined;
  const generator = new Generator(namedFunctions(named, known.parameters), known);
  const tests: [number, number[]][] = [];
  const uses = new Map<number, number>();
  for (let pc = 0; pc < program.length; ) {
    const slots = Array.from(program.subarray(pc + 2, pc + 2 + program[pc + 1]!));
    tests.push([program[pc]!, slots]);
    for (const slot of slots) uses.set(slot, (uses.get(slot) ?? 0) + 1);
    pc += 2 + slots.length;
  }
  const expressions = new Map<number, string>();
  const memo = new Set<number>();
  const part = (slot: number): string => {
    let expression = expressions.get(slot);
    if (expression === undefined) expressions.set(slot, (expression = generator.expression(slotConditions[slot]!)));
    if (expression === 'true' || expression === 'false' || uses.get(slot)! < 2) return expression;
    memo.add(slot);
    return `(s${slot} || (s${slot} = ${expression} ? 2 : 1)) === 2`;
  };
  const lines: string[] = [];
  for (const [test, slots] of tests) {
    const holds = and(slots.map(part));
    if (holds !== 'false') lines.push(holds === 'true' ? `hits[n++] = ${test};` : `if (${holds}) hits[n++] = ${test};`);
  }
  const memos = memo.size ? `let ${[...memo].map((s) => `s${s} = 0`).join(', ')};` : '';
  const checks = vocabulary && `const e = f.event;\n${vocabulary}\n`;
  return generator.build<EventMatcher>('matchEvent', 'f, hits, n', `${checks}${memos}\n${lines.join('\n')}\nreturn n;`);
}
