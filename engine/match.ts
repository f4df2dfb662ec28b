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

/** Evaluates every compiled condition that applies, with plain JavaScript. */
export function matchCompiled(compiled: CompiledRuleset, record: EntityRecord, asOf: string): Matches {
  const projects = projectsById(record);
  const { eventTests, slotPredicates } = compiled;
  // Each part is evaluated at most once per event: 0 unknown, 1 false, 2 true.
  const memo = new Uint8Array(slotPredicates.length);
  const events: number[][] = [];
  for (const event of record.events ?? []) {
    const candidates = compiled.testsByType.get(event.type) ?? compiled.untypedTests;
    const hits: number[] = [];
    if (candidates.length) {
      const facts = eventFacts(compiled, record, asOf, event, projects);
      memo.fill(0);
      for (const t of candidates) {
        let holds = true;
        for (const slot of eventTests[t]!.slots) {
          let known = memo[slot]!;
          if (known === 0) memo[slot] = known = slotPredicates[slot]!(facts) ? 2 : 1;
          if (known === 1) {
            holds = false;
            break;
          }
        }
        if (holds) hits.push(t);
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
