/**
 * The record and project fields a ruleset declares (`recordFields`, `projectFields`): a
 * ruleset for another kind of entity says what its records carry (an applicant's
 * qualification, a project's category), and a record is checked against it as its events
 * are checked against the event types: present when required, of the declared kind.
 */
import { jsonPath, quoted, type Problem } from './errors.js';
import { valueFits } from './vocabulary.js';
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

function check(holder: Readonly<Record<string, unknown>>, declared: Declared, at: (string | number)[], what: [en: string, zh: string], problems: Problem[]): void {
  for (const [name, spec] of Object.entries(declared)) {
    const present = Object.hasOwn(holder, name) && holder[name] !== null && holder[name] !== undefined;
    const path = jsonPath([...at, name]);
    if (!present) {
      if (spec.required) problems.push({ path, message: `${what[0]} needs "${name}" (${spec.label})`, fix: spec.values ? `add "${name}": one of ${spec.values.join(', ')}` : `add "${name}"`, zh: `${what[1]}须填写“${spec.label}”` });
      continue;
    }
    if (valueFits(spec, holder[name])) continue;
    problems.push({
      path,
      message: `${quoted(holder[name])} is not a valid ${name} (${spec.label})`,
      fix: spec.type === 'enum' ? `use one of ${spec.values!.join(', ')}` : spec.type === 'date' ? 'write a real calendar date as YYYY-MM-DD' : `write a ${spec.type}`,
      zh: spec.type === 'enum' ? `“${spec.label}”只能是:${spec.values!.map((v) => spec.valueLabels?.[v] ?? v).join('、')}` : `“${spec.label}”填写不正确`,
    });
  }
}

/** The problems of a record against the ruleset's declared fields. */
export function declaredFieldProblems(record: EntityRecord, ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  if (ruleset.recordFields) check(record, ruleset.recordFields, [], ['the record', '记录'], problems);
  if (ruleset.projectFields) (record.projects ?? []).forEach((project, i) => check(project, ruleset.projectFields!, ['projects', i], ['a project', '工程项目'], problems));
  return problems;
}
