/**
 * Named conditions (`ruleset.conditions`, used as `{ "condition": name }`) as a graph: the
 * names each refers to, the loops among them, and values computed once per name (its
 * compiled predicate, its generated function, the event types it pins, its size and depth
 * written out).
 *
 * Named conditions refer to each other in layers, and written out in place the top of 100
 * layers that each name two conditions of the layer below is 2^100 tests. So nothing that
 * follows a reference expands it: `value` computes a name once, after the names it refers
 * to, in a loop rather than by recursion across references, and every other use reads the
 * result. Loading takes time in proportion to the ruleset's size, and no chain of names,
 * however long, can exhaust the stack while it loads.
 */
import { jsonPath, problemAt, type Problem } from './errors.js';
import type { Condition } from './types.js';

/**
 * How deep a named condition may nest, written out: each all, any, not and each reference
 * counts a level. Evaluating a condition takes up to a call per level (the closures, and the
 * shared functions of generated code), so this bound is what keeps any ruleset from
 * overflowing the stack when it runs: with Node's default stack, conditions nested 8,000
 * levels evaluated and 16,000 overflowed, and 512 (plus the ≤ 100 levels a ruleset's JSON
 * may nest) is well under a tenth of that. It is far above any real ruleset (the shipped
 * named conditions nest 3 levels, their rules' conditions 4) and leaves room for 100 layers
 * of names with a few levels each.
 */
export const MAX_NAMED_DEPTH = 512;

/**
 * Written out, a named condition of more parts than this is shared: generated code calls it
 * as a function instead of writing it into each use, and in both compiled forms it keeps
 * its result for the evaluation under way, so a name met along many paths (layers of names
 * again) is evaluated once per event, not once per path. The shipped named conditions have
 * at most 5 parts and are written into each use, as before.
 */
export const SHARED_PARTS = 32;

/**
 * The evaluation under way: each call of a compiled condition from outside (a matcher, a
 * predicate) that may reach a shared named condition takes a new stamp, and a shared
 * condition's kept result is good for its stamp only. Evaluation is synchronous, so one
 * counter serves every ruleset.
 */
export const evaluation = { stamp: 0 };

/** A value computed for one named condition from its own JSON, reading the values of the names it refers to from the graph. */
export type NamedAnalysis<T> = (condition: Condition, graph: NamedConditions) => T;

/** The named conditions as they are given: a graph, or the `conditions` of a ruleset. */
export type Named = NamedConditions | Readonly<Record<string, Condition>>;

/** The names a condition refers to itself, each once, in order (not those of the names it refers to). */
function namesIn(condition: Condition): string[] {
  const found = new Set<string>();
  const pending: Condition[] = [condition];
  while (pending.length) {
    const c = pending.pop()!;
    if ('condition' in c) found.add(c.condition);
    else if ('all' in c) for (let i = c.all.length - 1; i >= 0; i--) pending.push(c.all[i]!);
    else if ('any' in c) for (let i = c.any.length - 1; i >= 0; i--) pending.push(c.any[i]!);
    else if ('not' in c) pending.push(c.not);
  }
  return [...found];
}

/**
 * The strongly connected components of the graph (Tarjan's algorithm, with an explicit
 * stack), each listed after every component it refers to.
 */
function components(names: readonly string[], references: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const open: string[] = [];
  const isOpen = new Set<string>();
  const found: string[][] = [];
  const enter = (name: string): void => {
    index.set(name, index.size);
    low.set(name, index.get(name)!);
    open.push(name);
    isOpen.add(name);
  };
  for (const root of names) {
    if (index.has(root)) continue;
    enter(root);
    const walk: [string, number][] = [[root, 0]];
    while (walk.length) {
      const top = walk[walk.length - 1]!;
      const [name, next] = top;
      const targets = references.get(name)!;
      if (next < targets.length) {
        top[1]++;
        const target = targets[next]!;
        if (!index.has(target)) {
          enter(target);
          walk.push([target, 0]);
        } else if (isOpen.has(target)) low.set(name, Math.min(low.get(name)!, index.get(target)!));
        continue;
      }
      walk.pop();
      if (walk.length) {
        const parent = walk[walk.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(name)!));
      }
      if (low.get(name) !== index.get(name)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = open.pop()!;
        isOpen.delete(member);
        component.push(member);
      } while (member !== name);
      found.push(component);
    }
  }
  return found;
}

/** Named conditions as a graph; built once per ruleset, read by the checks and every compiled form. */
export class NamedConditions {
  private readonly conditions: ReadonlyMap<string, Condition>;
  /** The names each name refers to that exist, each once. */
  private readonly references = new Map<string, string[]>();
  /** Each name's place in an order where a name comes after every name it refers to. */
  private readonly rank = new Map<string, number>();
  /** The loops: groups of names that refer to one another, in dependency order. */
  readonly loops: readonly (readonly string[])[];
  /** Names on a loop, or that refer to one: they have no value. */
  private readonly looping = new Set<string>();
  private readonly onLoop = new Set<string>();
  private readonly values = new Map<NamedAnalysis<unknown>, Map<string, unknown>>();

  private constructor(named: Readonly<Record<string, Condition>>) {
    this.conditions = new Map(Object.entries(named));
    for (const [name, condition] of this.conditions) this.references.set(name, namesIn(condition).filter((n) => this.conditions.has(n)));
    const loops: string[][] = [];
    for (const component of components([...this.conditions.keys()], this.references)) {
      const loop = component.length > 1 || this.references.get(component[0]!)!.includes(component[0]!);
      if (loop) loops.push(component.reverse());
      if (loop) for (const name of component) this.onLoop.add(name);
      if (loop || component.some((name) => this.references.get(name)!.some((n) => this.looping.has(n)))) for (const name of component) this.looping.add(name);
      for (const name of component) this.rank.set(name, this.rank.size);
    }
    this.loops = loops;
  }

  /** The graph of `named`: itself if it is one already. */
  static of(named: Named = {}): NamedConditions {
    return named instanceof NamedConditions ? named : new NamedConditions(named);
  }

  /** The names, in the order the ruleset lists them. */
  names(): IterableIterator<string> {
    return this.conditions.keys();
  }

  has(name: string): boolean {
    return this.conditions.has(name);
  }

  /** The condition named `name`; throws for a name the ruleset does not have (the ruleset checks report it first). */
  get(name: string): Condition {
    const condition = this.conditions.get(name);
    if (!condition) throw new Error(`no condition named "${name}"`);
    return condition;
  }

  /** The names `name` refers to directly, that exist. */
  referencesOf(name: string): readonly string[] {
    return this.references.get(name) ?? [];
  }

  /** Whether `name` is on a loop or refers to one. */
  isLooping(name: string): boolean {
    return this.looping.has(name);
  }

  /**
   * The names `name` reaches (itself included) that `done` does not accept, each after the
   * names it refers to; a name `done` accepts is not followed further. Without recursion.
   */
  dependenciesFirst(name: string, done: (name: string) => boolean): string[] {
    if (!this.conditions.has(name)) throw new Error(`no condition named "${name}"`);
    if (this.onLoop.has(name)) throw new Error(`condition "${name}" refers to itself`);
    if (this.looping.has(name)) throw new Error(`condition "${name}" names a condition that refers to itself`);
    const found = new Set<string>();
    const pending = [name];
    while (pending.length) {
      const next = pending.pop()!;
      if (found.has(next) || done(next)) continue;
      found.add(next);
      for (const target of this.references.get(next)!) pending.push(target);
    }
    return [...found].sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
  }

  /**
   * `analysis` of the condition named `name`, computed once per graph: first for the names it
   * reaches, dependencies first, so `analysis` finds theirs already computed when it reads
   * them with `value` again. Throws for a name that is missing or on a loop.
   */
  value<T>(analysis: NamedAnalysis<T>, name: string): T {
    const computed = (this.values.get(analysis) ?? new Map<string, unknown>()) as Map<string, T>;
    this.values.set(analysis, computed);
    if (computed.has(name)) return computed.get(name)!;
    for (const next of this.dependenciesFirst(name, (n) => computed.has(n))) computed.set(next, analysis(this.get(next), this));
    return computed.get(name)!;
  }
}

/** The number of parts of a condition written out: tests, all/any/not and references (a reference also counts its target's). */
export const expandedSize: NamedAnalysis<number> = (condition, graph) => {
  if ('all' in condition) return condition.all.reduce((sum, c) => sum + expandedSize(c, graph), 1);
  if ('any' in condition) return condition.any.reduce((sum, c) => sum + expandedSize(c, graph), 1);
  if ('not' in condition) return 1 + expandedSize(condition.not, graph);
  if ('condition' in condition) return 1 + graph.value(expandedSize, condition.condition);
  return 1;
};

/** Whether a condition, written out, has more than `SHARED_PARTS` parts: a named one is then shared, and any may reach one that is. */
export function isLarge(condition: Condition, graph: NamedConditions): boolean {
  return expandedSize(condition, graph) > SHARED_PARTS;
}

/** How deep a condition nests written out, each all/any/not and each reference a level; a missing name counts as a test. */
export const expandedDepth: NamedAnalysis<number> = (condition, graph) => {
  if ('all' in condition) return condition.all.reduce((deepest, c) => Math.max(deepest, 1 + expandedDepth(c, graph)), 1);
  if ('any' in condition) return condition.any.reduce((deepest, c) => Math.max(deepest, 1 + expandedDepth(c, graph)), 1);
  if ('not' in condition) return 1 + expandedDepth(condition.not, graph);
  if ('condition' in condition) return 1 + (graph.has(condition.condition) ? graph.value(expandedDepth, condition.condition) : 0);
  return 1;
};

/** At most this many names of a walk, its start and its end, are written in a message. */
const SHOWN = 8;

/** A walk of `length` names as a message writes it, `a → b → c`, from its start and its end: the middle of a long one left out. */
function walkText(start: readonly string[], end: readonly string[], length: number): string {
  if (start.length + end.length >= length) return [...start, ...end.slice(start.length + end.length - length)].join(' → ');
  return [...start, `… (${length - start.length - end.length} more) …`, ...end].join(' → ');
}

/**
 * For each name of a loop, a walk from it back to itself, as its problem writes it. Two
 * breadth-first searches from the loop's first name `r`, one along references and one
 * against them, give each member a shortest way to `r` and back; only the ends of a long
 * walk are read off, so a loop of thousands of names is described in time in proportion to
 * its size.
 */
function loopWalks(graph: NamedConditions, loop: readonly string[]): Map<string, string> {
  const members = new Set(loop);
  const r = loop[0]!;
  const inLoop = (names: readonly string[]): string[] => names.filter((n) => members.has(n));
  const referrers = new Map<string, string[]>(loop.map((m) => [m, []]));
  for (const m of loop) for (const n of inLoop(graph.referencesOf(m))) referrers.get(n)!.push(m);
  /** Each member's neighbour one step nearer r, and its distance from r, searching along `next`. */
  const search = (next: (name: string) => readonly string[]): Map<string, { via: string; distance: number }> => {
    const found = new Map([[r, { via: r, distance: 0 }]]);
    const queue = [r];
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!;
      for (const n of inLoop(next(at))) {
        if (found.has(n)) continue;
        found.set(n, { via: at, distance: found.get(at)!.distance + 1 });
        queue.push(n);
      }
    }
    return found;
  };
  const toR = search((name) => referrers.get(name)!); // via: the name `name` refers to on its way to r
  const fromR = search((name) => graph.referencesOf(name)); // via: the name that refers to `name` on the way from r
  /** Up to `count` names from `start` to r, following `via`. */
  const steps = (start: string, tree: typeof toR, count: number): string[] => {
    const out = [start];
    while (out.length < count && out[out.length - 1] !== r) out.push(tree.get(out[out.length - 1]!)!.via);
    return out;
  };
  const walks = new Map<string, string>();
  const first = inLoop(graph.referencesOf(r)).sort((a, b) => toR.get(a)!.distance - toR.get(b)!.distance)[0]!;
  const own = [r, ...steps(first, toR, Infinity)]; // r → its nearest referent → … → r, read once
  walks.set(r, walkText(own.slice(0, SHOWN / 2), own.slice(-SHOWN / 2), own.length));
  for (const m of loop) {
    if (m === r) continue;
    // m → … → r, then r → … → m: its start read along toR, its end read back from m along fromR.
    const length = toR.get(m)!.distance + fromR.get(m)!.distance + 1;
    walks.set(m, walkText(steps(m, toR, SHOWN / 2), steps(m, fromR, SHOWN / 2).reverse(), length));
  }
  return walks;
}

/**
 * The problems of the named conditions a schema cannot see: a name on a loop (each member,
 * with a walk back to itself), and a name that nests deeper than `MAX_NAMED_DEPTH` through
 * the names it refers to (those where the limit is first passed, not every name above them).
 */
export function namedConditionProblems(named: Named): Problem[] {
  const graph = NamedConditions.of(named);
  const problems: Problem[] = [];
  const onLoops = new Map<string, string>();
  for (const loop of graph.loops) for (const [name, walk] of loopWalks(graph, loop)) onLoops.set(name, walk);
  for (const name of graph.names()) {
    const walk = onLoops.get(name);
    if (walk !== undefined) {
      problems.push(problemAt(jsonPath(['conditions', name]), 'condition.cycle', { walk }));
      continue;
    }
    if (graph.isLooping(name)) continue; // it names a loop, reported at the loop
    const depth = graph.value(expandedDepth, name);
    const deeper = graph.referencesOf(name).filter((n) => graph.value(expandedDepth, n) > MAX_NAMED_DEPTH);
    if (depth <= MAX_NAMED_DEPTH || deeper.length) continue;
    const chain = [name];
    for (let at = name; chain.length < SHOWN / 2 && graph.referencesOf(at).length; ) {
      at = graph.referencesOf(at).reduce((a, b) => (graph.value(expandedDepth, b) > graph.value(expandedDepth, a) ? b : a));
      chain.push(at);
    }
    problems.push(problemAt(jsonPath(['conditions', name]), 'condition.tooDeep', { depth, chain, max: MAX_NAMED_DEPTH }));
  }
  return problems;
}
