/**
 * Phase one of an evaluation: which conditions hold for which events, projects and the
 * record. The compiled matcher here is the fast path; `reference.ts` computes the same
 * matches with json-rules-engine, and the scorer cannot tell them apart.
 */
import type { CompiledRuleset } from './compile.js';
import type { Facts } from './conditions.js';
import type { EntityEvent, EntityRecord, Project } from './types.js';

export interface Matches {
  /** For each event, the indices of the event tests that hold, ascending. */
  events: number[][];
  /** For each record test (check clauses, eligibility), whether it holds. */
  record: boolean[];
  /** For each project, whether the base rule's project condition holds. */
  projects: boolean[];
}

/** The project an event names, or `null` (records have few projects: a scan beats a map). */
export function eventProject(record: EntityRecord, event: EntityEvent): Project | null {
  if (event.project === undefined || !record.projects) return null;
  for (const project of record.projects) if (project.id === event.project) return project;
  return null;
}

/** The facts a condition sees for one event. */
export function eventFacts(compiled: CompiledRuleset, record: EntityRecord, asOf: string, event: EntityEvent): Facts {
  return { event, project: eventProject(record, event), record, asOf, parameters: compiled.parameters };
}

const NO_HITS: number[] = [];

/**
 * Runs an event type's program where code generation is not allowed: each part is evaluated
 * at most once per event (memo[slot] is 2 true or 1 false while stamp[slot] is this event's
 * stamp); the arrays are reused across calls, matching being synchronous.
 */
function interpret(compiled: CompiledRuleset, program: Int32Array, facts: Facts): number[] {
  const { slotPredicates } = compiled;
  const scratch = scratchFor(compiled);
  const { memo, stamp } = scratch;
  const current = nextStamp(scratch);
  let hits = NO_HITS;
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
    if (holds) (hits === NO_HITS ? (hits = []) : hits).push(test);
  }
  return hits;
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

/** Evaluates every compiled condition that applies, with plain JavaScript. */
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string): Matches {
  // One facts object for the record, its event and project set per event (predicates are pure).
  const facts: { event: EntityEvent | null; project: Project | null; record: EntityRecord; asOf: string; parameters: unknown } = {
    event: null, project: null, record, asOf, parameters: compiled.parameters,
  };
  const events: number[][] = [];
  const untyped = compiled.untypedMatcher;
  for (const event of record.events ?? []) {
    facts.event = event;
    facts.project = eventProject(record, event);
    if (untyped) {
      const found: number[] = [];
      (compiled.matchersByType.get(event.type) ?? untyped)(facts, found);
      events.push(found.length ? found : NO_HITS);
    } else {
      events.push(interpret(compiled, compiled.programsByType.get(event.type) ?? compiled.untypedProgram, facts));
    }
  }
  const recordFacts: Facts = { record, asOf, parameters: compiled.parameters };
  const recordHits: boolean[] = [];
  for (const test of compiled.recordTests) recordHits.push(test.predicate(recordFacts));
  const projectFacts = { project: null as Project | null, record, asOf, parameters: compiled.parameters };
  const projectHits: boolean[] = [];
  for (const project of record.projects ?? []) {
    projectFacts.project = project;
    projectHits.push(compiled.projectTest ? compiled.projectTest.predicate(projectFacts) : true);
  }
  return { events, record: recordHits, projects: projectHits };
}
