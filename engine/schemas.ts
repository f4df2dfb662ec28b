/**
 * The JSON Schemas' validators. One strict Ajv instance (JSON Schema 2020-12) compiles each
 * schema once, at build time (scripts/build-validators.mjs → generated/validators.ts), so
 * neither the CLI nor the browser loads Ajv's compiler; `date` is a real calendar date
 * (2021-02-30 is refused). `test/schemas.test.ts` checks the generated code is current.
 */
import rulesetSchema from '../schemas/ruleset.schema.json' with { type: 'json' };
import recordSchema from '../schemas/record.schema.json' with { type: 'json' };
import caseSchema from '../schemas/case.schema.json' with { type: 'json' };
import * as generated from './generated/validators.js';
import { pointerToPath, problemAt, quoted, type Problem } from './errors.js';
import type { ProblemParamsByCode } from './messages/codes.js';
import { closest } from './suggest.js';
import type { EntityRecord, Ruleset } from './types.js';
import type { SampleCase } from './review/cases.js';

/**
 * One error of a generated validator: the fields of Ajv's `ErrorObject` read here, declared
 * here so the package's types need no Ajv (a devDependency: it only generates the validators).
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  propertyName?: string;
}

/** A validator that narrows its argument and keeps the last errors, as Ajv's do. */
export interface Validator<T> {
  (data: unknown): data is T;
  errors?: SchemaError[] | null;
}

export const validateRulesetSchema = generated.validateRuleset as unknown as Validator<Ruleset>;
export const validateRecordSchema = generated.validateRecord as unknown as Validator<EntityRecord>;
export const validateCaseSchema = generated.validateCase as unknown as Validator<SampleCase>;
/**
 * The record schema's fast path: true exactly when `validateRecordSchema` is, without
 * collecting errors (scripts/accept-codegen.mjs). A false is explained by the latter.
 */
export const acceptRecordSchema = generated.acceptRecord as unknown as (data: unknown) => data is EntityRecord;

/** The schemas, for editors that validate as the user types (Monaco's JSON support). */
export const schemas = { ruleset: rulesetSchema, record: recordSchema, case: caseSchema } as const;

/** The value at a JSON pointer (`/events/2/date`) of the validated data. */
function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The key a `propertyNames` error refuses, if it is one. */
function refusedKey(e: SchemaError): string | undefined {
  const own = (e as { propertyName?: string }).propertyName;
  if (own !== undefined) return own;
  return e.keyword === 'propertyNames' ? (e.params as { propertyName: string }).propertyName : undefined;
}

/**
 * When every branch of an `anyOf` failed, the branch that came closest is the one the author
 * meant: one that failed only further down (an `all` whose list holds a bad condition), else
 * the one with the fewest errors of its own (at the value or its direct properties). A
 * condition with a misspelt operator is a fact test, not an `all` missing its list. The
 * errors of the other branches are left out.
 */
function closestBranches(errors: readonly SchemaError[]): readonly SchemaError[] {
  const dropped = new Set<SchemaError>();
  for (const group of errors) {
    if (group.keyword !== 'anyOf') continue;
    const branches = new Map<string, SchemaError[]>();
    let deeper = false; // an error further down: a branch went into the value (an `all`'s list) and failed there
    for (const e of errors) {
      if (e === group) continue;
      const [branch, keyword, key] = e.schemaPath.startsWith(`${group.schemaPath}/`) ? e.schemaPath.slice(group.schemaPath.length + 1).split('/') : [];
      const own = branch !== undefined && (e.instancePath === group.instancePath ? keyword !== 'properties' : keyword === 'properties' && e.instancePath === `${group.instancePath}/${key}`);
      if (own) branches.set(branch, [...(branches.get(branch) ?? []), e]);
      else if (e.instancePath.startsWith(`${group.instancePath}/`)) deeper = true;
    }
    const fewest = deeper ? 0 : Math.min(...[...branches.values()].map((own) => own.length));
    for (const own of branches.values()) if (own.length > fewest) for (const e of own) dropped.add(e);
  }
  return dropped.size ? errors.filter((e) => !dropped.has(e)) : errors;
}

/** A schema node as this walk reads it. */
interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

/**
 * The keys the object schema of the value at `pointer` (`/indicators/0/items/0`) allows, found
 * by walking `schema` along the data (its properties, items and local `$ref`s): the errors'
 * own `schemaPath` is relative to the definition that failed, not to the schema.
 */
function allowedKeys(schema: object, pointer: string): string[] | undefined {
  const resolve = (node: SchemaNode | undefined): SchemaNode | undefined => {
    for (let hops = 0; node?.$ref?.startsWith('#/') && hops < 8; hops++) {
      node = node.$ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], schema) as SchemaNode | undefined;
    }
    return node;
  };
  let node = resolve(schema as SchemaNode);
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    const next = node?.properties && Object.hasOwn(node.properties, key) ? node.properties[key] : /^\d+$/.test(key) ? node?.items : typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
    node = resolve(next);
  }
  return node?.properties ? Object.keys(node.properties).filter((k) => k !== '$schema') : undefined;
}

/** A key the schema does not allow, outside a condition's branches (whose keys say which branch was meant). */
const unknownKey = (e: SchemaError): boolean => e.keyword === 'additionalProperties' && !e.schemaPath.includes('/anyOf/');

/**
 * Ajv's errors on `data` as problems with a JSON path and a fix. `anyOf` failures of a
 * condition produce one error per branch; the most specific (deepest) ones are kept. A
 * refused key is named at its own path. With the `schema` the errors are of, a key it does
 * not allow is named at its own path too, with the allowed key it probably means.
 */
export function schemaProblems(all: readonly SchemaError[] | null | undefined, data: unknown, schema?: object): Problem[] {
  if (!all?.length) return [];
  const errors = closestBranches(all);
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  const relevant = errors.filter((e) => e.keyword !== 'anyOf' && (e.instancePath.split('/').length === deepest || e.keyword !== 'additionalProperties' || (schema && unknownKey(e))));
  const refusedPaths = new Set<string>();
  for (const e of errors) {
    const key = refusedKey(e);
    if (key !== undefined) refusedPaths.add(`${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of relevant.length ? relevant : errors) {
    const key = refusedKey(e);
    let problem: Problem;
    const allowed = schema && unknownKey(e) ? allowedKeys(schema, e.instancePath) : undefined;
    if (key !== undefined) {
      problem = problemAt(pointerToPath(`${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`), 'schema.key', { key });
    } else if (allowed) {
      const extra = String(e.params.additionalProperty);
      const guess = closest(extra, allowed);
      problem = problemAt(pointerToPath(`${e.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`), 'schema.unknownKey', { key: extra, allowed, ...(guess ? { guess } : {}) });
    } else if (refusedPaths.has(e.instancePath)) {
      continue; // the refused key's own value: its problem is the key
    } else {
      const params: ProblemParamsByCode['schema.invalid'] = { keyword: e.keyword, message: e.message ?? 'is invalid', params: e.params as Record<string, unknown> };
      if (e.keyword === 'format') {
        const value = valueAt(data, e.instancePath);
        if (value === '') params.empty = true;
        else params.value = quoted(value);
      }
      problem = problemAt(pointerToPath(e.instancePath), 'schema.invalid', params);
    }
    const id = `${problem.path} ${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
