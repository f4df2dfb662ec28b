/**
 * Paths a condition reads are checked against what is there to read: a record's fields
 * (schemas/record.schema.json and the ruleset's `recordFields`), a project's (and
 * `projectFields`), an event's attributes (the ruleset's `eventTypes`). A typo such as
 * `licence.validUntill`, or json-rules-engine's own JSONPath `$.licence.validUntil`, would
 * otherwise load and silently never match.
 */
import recordSchema from '../schemas/record.schema.json' with { type: 'json' };
import { attributeKinds } from './attributes.js';
import { forEachCondition, isFactReference, type Path } from './walk.js';
import { jsonPath, problemAt, type Problem } from './errors.js';
import type { FieldFact } from './messages/codes.js';
import { closest } from './suggest.js';
import type { Ruleset } from './types.js';

/** A schema's fields: name → its own fields (for an object), or null (a value, or a list of its own things). */
type Fields = ReadonlyMap<string, Fields | null>;

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  $ref?: string;
}

function fieldsOf(node: SchemaNode): Fields {
  const fields = new Map<string, Fields | null>();
  for (const [name, child] of Object.entries(node.properties ?? {})) fields.set(name, child.type === 'object' && child.properties ? fieldsOf(child) : null);
  return fields;
}

const RECORD_FIELDS = fieldsOf(recordSchema as SchemaNode);
const PROJECT_FIELDS = fieldsOf((recordSchema as { $defs: Record<string, SchemaNode> }).$defs.project!);
/** The facts a condition may read. */
const FACTS = ['event', 'project', 'record', 'asOf', 'parameters'];

/** The fields a fact offers in this ruleset, or `undefined` for a fact without fields (asOf). */
function factFields(ruleset: Ruleset): Record<string, Fields> {
  const declared = (extra: Record<string, unknown> | undefined, base: Fields): Fields => new Map([...base, ...Object.keys(extra ?? {}).map((k) => [k, null] as const)]);
  const attributes = new Map([...attributeKinds(ruleset).keys()].map((name) => [name, null] as const));
  return { record: declared(ruleset.recordFields, RECORD_FIELDS), project: declared(ruleset.projectFields, PROJECT_FIELDS), event: attributes };
}

/** The problems of the paths conditions read: unknown fields, JSONPath, paths into values. */
export function factPathProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const offered = factFields(ruleset);
  const check = (fact: string, path: string | undefined, at: Path): void => {
    if (!FACTS.includes(fact)) {
      problems.push(problemAt(jsonPath(at.slice(0, -1).concat('fact')), 'fact.unknown', { fact, guess: closest(fact, FACTS), facts: FACTS }));
      return;
    }
    if (path === undefined) return;
    const keys = path.split('.');
    if (keys[0] === '$' || path.startsWith('$')) {
      const dotted = keys.filter((k) => k !== '$').join('.').replace(/^\$/, '');
      problems.push(problemAt(jsonPath(at), 'path.jsonPath', { path, dotted }));
      return;
    }
    if (fact === 'asOf') {
      problems.push(problemAt(jsonPath(at), 'path.asOfFields', {}));
      return;
    }
    const offeredFields = Object.hasOwn(offered, fact) ? offered[fact] : undefined;
    if (!offeredFields) return; // parameters: parameters.ts
    let fields: Fields | null = offeredFields;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const read = keys.slice(0, i).join('.');
      if (fields === null) {
        problems.push(problemAt(jsonPath(at), 'path.intoValue', { fact: fact as FieldFact, read, key }));
        return;
      }
      if (!fields.has(key)) {
        problems.push(problemAt(jsonPath(at), 'path.unknownField', { fact: fact as FieldFact, read, key, guess: closest(key, fields.keys()) }));
        return;
      }
      fields = fields.get(key) ?? null;
    }
  };
  forEachCondition(ruleset, (condition, path) => {
    if (!('fact' in condition)) return;
    check(condition.fact, condition.path, [...path, 'path']);
    const value = condition.value;
    if (isFactReference(value) && typeof value.fact === 'string' && (value.path === undefined || typeof value.path === 'string')) check(value.fact, value.path, [...path, 'value', 'path']);
  });
  return problems;
}
