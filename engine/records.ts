/**
 * Checking an entity record: its JSON Schema, then what only the ruleset knows (event types
 * and attribute values it declares) and what no schema can say (unique ids, references to
 * projects of the same record, a published grade that exists).
 */
import type { CompiledRuleset } from './compile.js';
import { jsonPath, problemAt, type Problem } from './errors.js';
import { declaredFieldProblems, declaredFieldsFit } from './fields.js';
import { acceptRecordSchema, schemaProblems, validateRecordSchema } from './schemas.js';
import { eventProject, projectsById } from './match.js';
import { checkCompiled } from './usage.js';
import { checkVocabulary } from './vocabulary.js';
import type { EntityRecord } from './types.js';
import type { Locale } from './messages/codes.js';

/** The outcome of validating a record: its problems (errors) and warnings. */
export interface RecordCheck {
  valid: boolean;
  problems: Problem[];
  warnings: string[];
}

const idBuffer: (string | undefined)[] = new Array<string | undefined>(32).fill(undefined);

/**
 * For each item of a list, whether an earlier item has the same id; `undefined` when none
 * does (the common case, without allocating): short lists are scanned, long ones hashed.
 */
function repeatedIds(items: readonly { id?: string }[]): boolean[] | undefined {
  let repeated: boolean[] | undefined;
  if (items.length <= 32) {
    // Each id read once: the items are of many shapes, and reading from them is slow.
    const ids = idBuffer;
    for (let i = 0; i < items.length; i++) {
      const id = (ids[i] = items[i]!.id);
      if (id === undefined) continue;
      for (let j = 0; j < i; j++) {
        if (ids[j] !== id) continue;
        (repeated ??= [])[i] = true;
        break;
      }
    }
    return repeated;
  }
  const seen = new Set<string>();
  items.forEach(({ id }, i) => {
    if (id === undefined) return;
    if (seen.has(id)) (repeated ??= [])[i] = true;
    seen.add(id);
  });
  return repeated;
}

/** The id a record gives itself, when it gives one (to name it in an error, valid or not). */
export function recordIdOf(record: unknown): string | undefined {
  const id = record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * True when `validateRecord(record, compiled)` finds nothing to say of the record itself
 * (its schema, kind, published grade, ids and project dates): checked without allocating,
 * for lists of up to 32. Its events' attributes and projects are left to the checking
 * matchers (`matchCompiled(…, true)`), which test them as they match. A false is explained
 * by `validateRecord`; where code generation is not allowed, every record takes that path.
 */
export function recordFits(record: unknown, compiled: CompiledRuleset): record is EntityRecord {
  if (!compiled.eventFits || !acceptRecordSchema(record) || record.kind !== compiled.ruleset.entityKind) return false;
  if (record.publishedRating && !compiled.gradeNames.has(record.publishedRating.grade)) return false;
  const projects = record.projects ?? [];
  if (repeatedIds(projects) || (record.events && repeatedIds(record.events))) return false;
  for (const project of projects) if (project.completionDate !== undefined && project.completionDate < project.permitDate) return false;
  return declaredFieldsFit(record, compiled.ruleset);
}

/** Validates a record against the schema and, when given, a compiled ruleset's vocabulary; the warnings in `locale` (English by default). */
export function validateRecord(record: unknown, compiled?: CompiledRuleset, locale: Locale = 'en'): RecordCheck {
  if (compiled !== undefined) checkCompiled(compiled);
  if (!acceptRecordSchema(record) && !validateRecordSchema(record)) {
    return { valid: false, problems: schemaProblems(validateRecordSchema.errors, record), warnings: [] };
  }
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const projects = record.projects ?? [];
  const repeatedProjects = repeatedIds(projects);
  for (let i = 0; i < projects.length; i++) {
    const project = projects[i]!;
    if (repeatedProjects?.[i]) problems.push(problemAt(jsonPath(['projects', i, 'id']), 'project.duplicate', { id: project.id }));
    if (project.completionDate !== undefined && project.completionDate < project.permitDate) {
      problems.push(problemAt(jsonPath(['projects', i, 'completionDate']), 'project.completionBeforePermit', { completion: project.completionDate, permit: project.permitDate }));
    }
  }
  const byId = projectsById(record);
  const events = record.events ?? [];
  const repeatedEvents = repeatedIds(events);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (repeatedEvents?.[i]) problems.push(problemAt(jsonPath(['events', i, 'id']), 'event.duplicate', { id: event.id! }));
    if (event.project !== undefined && !eventProject(record, event, byId)) {
      problems.push(problemAt(jsonPath(['events', i, 'project']), 'event.unknownProject', { project: event.project, projects: projects.map((p) => p.id) }));
    }
    if (compiled && !compiled.eventFits?.(event)) checkVocabulary(compiled, event, i, problems, warnings, locale);
  }
  if (compiled && record.publishedRating && !compiled.grades.some((g) => g.grade === record.publishedRating!.grade)) {
    problems.push(problemAt('$.publishedRating.grade', 'record.unknownGrade', { grade: record.publishedRating.grade, ruleset: compiled.ruleset.id, grades: compiled.grades.map((g) => g.grade) }));
  }
  if (compiled) problems.push(...declaredFieldProblems(record, compiled.ruleset));
  if (compiled && record.kind !== compiled.ruleset.entityKind) {
    problems.push(problemAt('$.kind', 'record.wrongKind', { ruleset: compiled.ruleset.id, entityKind: compiled.ruleset.entityKind, kind: record.kind }));
  }
  return { valid: problems.length === 0, problems, warnings };
}
