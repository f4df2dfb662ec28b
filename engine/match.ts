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

/** The facts a condition sees for one event. */
export function eventFacts(compiled: CompiledRuleset, record: EntityRecord, asOf: string, event: EntityEvent, projects: ReadonlyMap<string, Project>): Facts {
  const project = event.project === undefined ? null : projects.get(event.project) ?? null;
  return { event, project, record, asOf, parameters: compiled.parameters };
}

/** The record's projects by id. */
export function projectsById(record: EntityRecord): Map<string, Project> {
  const map = new Map<string, Project>();
  for (const project of record.projects ?? []) map.set(project.id, project);
  return map;
}

const NO_HITS: number[] = [];

/** Evaluates every compiled condition that applies, with plain JavaScript. */
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string): Matches {
  const projects = projectsById(record);
  const { slotPredicates } = compiled;
  // Each part is evaluated at most once per event: memo[slot] is 2 (true) or 1 (false)
  // when stamp[slot] is the current event's stamp.
  const memo = new Uint8Array(slotPredicates.length);
  const stamp = new Int32Array(slotPredicates.length);
  // One facts object for the record, its event and project set per event (predicates are pure).
  const facts: { event: EntityEvent | null; project: Project | null; record: EntityRecord; asOf: string; parameters: unknown } = {
    event: null, project: null, record, asOf, parameters: compiled.parameters,
  };
  const events: number[][] = [];
  const recordEvents = record.events ?? [];
  for (let e = 0; e < recordEvents.length; e++) {
    const event = recordEvents[e]!;
    const program = compiled.programsByType.get(event.type) ?? compiled.untypedProgram;
    let hits = NO_HITS;
    if (program.length) {
      facts.event = event;
      facts.project = event.project === undefined ? null : projects.get(event.project) ?? null;
      const current = e + 1;
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
    }
    events.push(hits);
  }
  const recordFacts: Facts = { record, asOf, parameters: compiled.parameters };
  const recordHits = compiled.recordTests.map((test) => test.predicate(recordFacts));
  const projectTest = compiled.projectTest;
  const projectHits = (record.projects ?? []).map((project) =>
    projectTest ? projectTest.predicate({ project, record, asOf, parameters: compiled.parameters }) : true,
  );
  return { events, record: recordHits, projects: projectHits };
}
