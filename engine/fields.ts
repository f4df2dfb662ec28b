/**
 * The record and project fields a ruleset declares (`recordFields`, `projectFields`): a
 * ruleset for another kind of entity says what its records carry (an applicant's
 * qualification, a project's category), and a record is checked against it as its events
 * are checked against the event types: present when required, of the declared kind.
 */
import { jsonPath, problemAt, quoted, type Problem } from './errors.js';
import { fieldSpecParams, valueFits } from './vocabulary.js';
import type { AttributeSpec, EntityRecord, Ruleset } from './types.js';

type Declared = Readonly<Record<string, AttributeSpec>>;

/** Whether `holder` has every required declared field, each of its declared kind. */
function fits(holder: Readonly<Record<string, unknown>>, declared: Declared): boolean {
  for (const name in declared) {
    const spec = declared[name]!;
    const present = Object.hasOwn(holder, name) && holder[name] !== null && holder[name] !== undefined;
    if (present ? !valueFits(spec, holder[name]) : spec.required) return false;
  }
  return true;
}

/** True when the record and its projects fit the ruleset's declared fields (always, when it declares none). */
export function declaredFieldsFit(record: EntityRecord, ruleset: Ruleset): boolean {
  if (ruleset.recordFields && !fits(record, ruleset.recordFields)) return false;
  if (ruleset.projectFields) for (const project of record.projects ?? []) if (!fits(project, ruleset.projectFields)) return false;
  return true;
}

function check(holder: Readonly<Record<string, unknown>>, declared: Declared, at: (string | number)[], what: 'record' | 'project', problems: Problem[]): void {
  for (const [name, spec] of Object.entries(declared)) {
    const present = Object.hasOwn(holder, name) && holder[name] !== null && holder[name] !== undefined;
    const path = jsonPath([...at, name]);
    if (!present) {
      if (spec.required) problems.push(problemAt(path, 'field.required', { ...fieldSpecParams(name, spec), holder: what }));
      continue;
    }
    if (valueFits(spec, holder[name])) continue;
    problems.push(problemAt(path, 'field.invalid', { ...fieldSpecParams(name, spec), found: quoted(holder[name]) }));
  }
}

/** The problems of a record against the ruleset's declared fields. */
export function declaredFieldProblems(record: EntityRecord, ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  if (ruleset.recordFields) check(record, ruleset.recordFields, [], 'record', problems);
  if (ruleset.projectFields) (record.projects ?? []).forEach((project, i) => check(project, ruleset.projectFields!, ['projects', i], 'project', problems));
  return problems;
}
