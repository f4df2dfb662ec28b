/**
 * Conditions compiled to JavaScript source: one function per condition, with fact reads,
 * paths and the common operators inlined, so V8 optimizes each as straight-line code. Same
 * semantics as the closures of `conditions.ts` (both are checked against json-rules-engine);
 * where `new Function` is not allowed (a strict Content-Security-Policy) the closures serve.
 */
import type { Condition, FactCondition } from './types.js';
import { PROVIDED_FACTS, compileCondition, type Facts, type Predicate } from './conditions.js';
import { operators } from './operators.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Operators whose test is inlined as an expression of `a` (fact value) and `b` (value). */
const INLINE: Record<string, (a: string, b: string) => string> = {
  equal: (a, b) => `${a} === ${b}`,
  notEqual: (a, b) => `${a} !== ${b}`,
  in: (a, b) => `${b}.indexOf(${a}) > -1`,
  notIn: (a, b) => `${b}.indexOf(${a}) === -1`,
};

class Generator {
  private temps = 0;
  readonly constants: unknown[] = [];

  constructor(private readonly named: Readonly<Record<string, Condition>>) {}

  temp(): string {
    return `t${this.temps++}`;
  }

  declarations(): string {
    return this.temps ? `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};` : '';
  }

  constant(value: unknown): string {
    if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
      return typeof value === 'number' && !Number.isFinite(value) ? `k[${this.constants.push(value) - 1}]` : JSON.stringify(value);
    }
    return `k[${this.constants.push(value) - 1}]`;
  }

  /** An expression reading a fact and its path into `target`, with json-rules-engine's rules. */
  read(target: string, fact: string, path: string | undefined): string {
    const base = PROVIDED_FACTS.has(fact) ? `f.${fact}` : `(H(f, ${JSON.stringify(fact)}) ? f[${JSON.stringify(fact)}] : undefined)`;
    if (!path) return `${target} = ${base}`;
    let steps = `${target} = ${base}, ${target} = (${target} !== null && typeof ${target} === "object") ? (`;
    const keys = path.split('.');
    keys.forEach((key, i) => {
      const access = IDENTIFIER.test(key) ? `${target}.${key}` : `${target}[${JSON.stringify(key)}]`;
      const guard = i === 0 ? '' : `${target} !== null && typeof ${target} === "object" && `;
      steps += `${i ? ', ' : ''}${target} = (${guard}H(${target}, ${JSON.stringify(key)})) ? ${access} : undefined`;
    });
    return `${steps}, ${target}) : ${target}`;
  }

  fact(condition: FactCondition): string {
    const op = operators[condition.operator];
    if (!op) throw new Error(`unknown operator "${condition.operator}"`);
    const a = this.temp();
    const value = condition.value;
    let right: string;
    let prelude = this.read(a, condition.fact, condition.path);
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) {
      const ref = value as { fact: string; path?: string };
      right = this.temp();
      prelude += `, ${this.read(right, ref.fact, ref.path)}`;
    } else {
      right = this.constant(value);
    }
    const inline = INLINE[condition.operator];
    const test = inline ? inline(a, right) : `O[${JSON.stringify(condition.operator)}].validate(${a}) && O[${JSON.stringify(condition.operator)}].test(${a}, ${right})`;
    return `(${prelude}, ${test})`;
  }

  expression(condition: Condition, seen: readonly string[]): string {
    if ('all' in condition) {
      if (!condition.all.length) return 'true';
      return `(${condition.all.map((c) => this.expression(c, seen)).join(' && ')})`;
    }
    if ('any' in condition) {
      if (!condition.any.length) return 'true'; // json-rules-engine: an empty set passes
      return `(${condition.any.map((c) => this.expression(c, seen)).join(' || ')})`;
    }
    if ('not' in condition) return `!${this.expression(condition.not, seen)}`;
    if ('condition' in condition) {
      const name = condition.condition;
      if (seen.includes(name)) throw new Error(`condition "${name}" refers to itself`);
      const target = Object.hasOwn(this.named, name) ? this.named[name] : undefined;
      if (!target) throw new Error(`no condition named "${name}"`);
      return this.expression(target, [...seen, name]);
    }
    return this.fact(condition);
  }
}

let generationAllowed: boolean | undefined;

function canGenerate(): boolean {
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
export function generatePredicate(condition: Condition, named: Readonly<Record<string, Condition>> = {}): Predicate {
  if (!canGenerate()) return compileCondition(condition, named);
  const generator = new Generator(named);
  const body = generator.expression(condition, []);
  const source = `return function condition(f) {\n${generator.declarations()}\nreturn ${body};\n};`;
  const factory = new Function('k', 'O', 'H', source) as (k: unknown[], o: typeof operators, h: typeof Object.hasOwn) => Predicate;
  return factory(generator.constants, operators, Object.hasOwn);
}

/** Finds the event tests that hold for one event's facts, appending their indices to `hits`. */
export type EventMatcher = (facts: Facts, hits: number[]) => void;

/**
 * One function per event type that evaluates all of the type's event tests in order, each
 * part inlined once and remembered in a local variable (0 unknown, 1 false, 2 true), so a
 * part shared by many tests runs once per event. `program` is `[test, slotCount, slot…]…`.
 * `undefined` where code generation is not allowed (the matcher then interprets the program).
 */
export function generateEventMatcher(program: Int32Array, slotConditions: readonly Condition[], named: Readonly<Record<string, Condition>>): EventMatcher | undefined {
  if (!canGenerate()) return undefined;
  const generator = new Generator(named);
  const used = new Set<number>();
  const lines: string[] = [];
  for (let pc = 0; pc < program.length; ) {
    const test = program[pc]!;
    const count = program[pc + 1]!;
    const slots = Array.from(program.subarray(pc + 2, pc + 2 + count));
    pc += 2 + count;
    for (const slot of slots) used.add(slot);
    const parts = slots.map((slot) => `(s${slot} || (s${slot} = ${generator.expression(slotConditions[slot]!, [])} ? 2 : 1)) === 2`);
    lines.push(`if (${parts.join(' && ') || 'true'}) hits.push(${test});`);
  }
  const memo = used.size ? `let ${[...used].map((s) => `s${s} = 0`).join(', ')};` : '';
  const source = `return function matchEvent(f, hits) {\n${generator.declarations()}\n${memo}\n${lines.join('\n')}\n};`;
  const factory = new Function('k', 'O', 'H', source) as (k: unknown[], o: typeof operators, h: typeof Object.hasOwn) => EventMatcher;
  return factory(generator.constants, operators, Object.hasOwn);
}
