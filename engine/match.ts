/**
 * Phase one of an evaluation: which conditions hold for which events, projects and the
 * record. The compiled matcher here is the fast path; `test/support/reference.ts` computes the same
 * matches with json-rules-engine, and the scorer cannot tell them apart.
 */
import type { CompiledRuleset } from './compile.js';
import type { Facts } from './conditions.js';
import type { EntityEvent, EntityRecord, Project } from './types.js';

export interface Matches {
  /**
   * The indices of the event tests that hold, event by event, each event's ascending:
   * event e's are `hits[starts[e]]` up to, not including, `hits[starts[e + 1]]`.
   */
  hits: ArrayLike<number>;
  starts: ArrayLike<number>;
  /** For each record test (check clauses, eligibility), whether it holds. */
  record: boolean[];
  /** For each project, whether the base rule's project condition holds. */
  projects: boolean[];
}

/**
 * A record's projects by id when it has more than a few (the first of a repeated id, as a
 * scan finds it), so finding each event's project stays linear; `undefined` for a few.
 */
export function projectsById(record: EntityRecord): ReadonlyMap<string, Project> | undefined {
  const projects = record.projects;
  if (!projects || projects.length <= 16) return undefined;
  const byId = new Map<string, Project>();
  for (const project of projects) if (!byId.has(project.id)) byId.set(project.id, project);
  return byId;
}

/** The project an event names, or `null`: a scan of the record's few projects, else `byId`. */
export function eventProject(record: EntityRecord, event: EntityEvent, byId?: ReadonlyMap<string, Project>): Project | null {
  if (event.project === undefined || !record.projects) return null;
  if (byId) return byId.get(event.project) ?? null;
  for (const project of record.projects) if (project.id === event.project) return project;
  return null;
}

/** The facts a condition sees for one event. */
export function eventFacts(compiled: CompiledRuleset, record: EntityRecord, asOf: string, event: EntityEvent): Facts {
  return { event, project: eventProject(record, event), record, asOf, parameters: compiled.parameters };
}

/**
 * Runs an event type's program where code generation is not allowed, writing the tests that
 * hold into `hits` from `n` and returning the new end: each part is evaluated at most once
 * per event (memo[slot] is 2 true or 1 false while stamp[slot] is this event's stamp); the
 * arrays are reused across calls, matching being synchronous.
 */
function interpret(compiled: CompiledRuleset, program: Int32Array, facts: Facts, hits: Int32Array, n: number): number {
  const { slotPredicates } = compiled;
  const scratch = scratchFor(compiled);
  const { memo, stamp } = scratch;
  const current = nextStamp(scratch);
  let pc = 0;
  while (pc < program.length) {
    const test = program[pc]!;
    const end = pc + 2 + program[pc + 1]!;
    let holds = true;
    for (pc += 2; pc < end; pc++) {
      const slot = program[pc]!;
      let known = stamp[slot] === current ? memo[slot]! : 0;
      if (known === 0) {
        memo[slot] = known = slotPredicates[slot]!(facts) ? 2 : 1;
        stamp[slot] = current;
      }
      if (known === 1) {
        holds = false;
        break;
      }
    }
    pc = end;
    if (holds) hits[n++] = test;
  }
  return n;
}

interface Scratch {
  memo: Uint8Array;
  stamp: Int32Array;
  next: number;
}

const scratches = new WeakMap<CompiledRuleset, Scratch>();

function scratchFor(compiled: CompiledRuleset): Scratch {
  let scratch = scratches.get(compiled);
  if (!scratch) {
    const n = compiled.slotPredicates.length;
    scratch = { memo: new Uint8Array(n), stamp: new Int32Array(n), next: 0 };
    scratches.set(compiled, scratch);
  }
  return scratch;
}

function nextStamp(scratch: Scratch): number {
  if (scratch.next === 0x7fffffff) {
    scratch.stamp.fill(0);
    scratch.next = 0;
  }
  return ++scratch.next;
}

/** The event hits of the last match; grown when a record needs more. */
let hitBuffer = new Int32Array(4096);
let startBuffer = new Int32Array(257);

/**
 * Evaluates every compiled condition that applies, with plain JavaScript. The event hits
 * are written to buffers the next call reuses: score them before matching again.
 * With `check`, each event is first checked as `validateRecord` checks it (a type the
 * ruleset uses, its attributes, its project in the record), and the first that would
 * draw a word from it ends the match with `undefined`.
 */
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string): Matches;
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string, check: boolean): Matches | undefined;
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string, check = false): Matches | undefined {
  // One facts object for the record, its event and project set per event (predicates are pure).
  const facts: { event: EntityEvent | null; project: Project | null; record: EntityRecord; asOf: string; parameters: unknown } = {
    event: null, project: null, record, asOf, parameters: compiled.parameters,
  };
  const events = record.events ?? [];
  if (startBuffer.length <= events.length) startBuffer = new Int32Array(events.length + 1);
  const starts = startBuffer;
  const most = compiled.eventTests.length;
  const untyped = compiled.untypedMatcher;
  const byId = projectsById(record);
  let hits = hitBuffer;
  let n = 0;
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    starts[e] = n;
    if (n + most > hits.length) {
      hits = new Int32Array(Math.max(hits.length * 2, n + most));
      hits.set(hitBuffer.subarray(0, n));
      hitBuffer = hits;
    }
    facts.event = event;
    facts.project = eventProject(record, event, byId);
    // The type's own matcher takes its type as given: only an own `type` chooses it, as
    // json-rules-engine reads only own properties.
    const type = Object.hasOwn(event, 'type') ? event.type : undefined;
    if (!check) {
      n = untyped
        ? ((type !== undefined && compiled.matchersByType.get(type)) || untyped)(facts, hits, n)
        : interpret(compiled, (type !== undefined && compiled.programsByType.get(type)) || compiled.untypedProgram, facts, hits, n);
      continue;
    }
    const checking = type !== undefined ? compiled.checkingMatchers.get(type) : undefined;
    if (!checking || (facts.project === null && event.project !== undefined)) return undefined;
    n = checking(facts, hits, n);
    if (n < 0) return undefined;
  }
  starts[events.length] = n;
  const recordFacts: Facts = { record, asOf, parameters: compiled.parameters };
  const recordHits: boolean[] = [];
  for (const test of compiled.recordTests) recordHits.push(test.predicate(recordFacts));
  const projectFacts = { project: null as Project | null, record, asOf, parameters: compiled.parameters };
  const projectHits: boolean[] = [];
  for (const project of record.projects ?? []) {
    projectFacts.project = project;
    projectHits.push(compiled.projectTest ? compiled.projectTest.predicate(projectFacts) : true);
  }
  return { hits, starts, record: recordHits, projects: projectHits };
}
