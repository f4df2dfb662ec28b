/**
 * The JSON Schemas' validators. One strict Ajv instance (JSON Schema 2020-12) compiles each
 * schema once, at build time (scripts/build-validators.mjs → generated/validators.ts), so
 * neither the CLI nor the browser loads Ajv's compiler; `date` is a real calendar date
 * (2021-02-30 is refused). `test/schemas.test.ts` checks the generated code is current.
 */
import type { ErrorObject } from 'ajv';
import rulesetSchema from '../schemas/ruleset.schema.json' with { type: 'json' };
import recordSchema from '../schemas/record.schema.json' with { type: 'json' };
import caseSchema from '../schemas/case.schema.json' with { type: 'json' };
import * as generated from './generated/validators.js';
import { pointerToPath, type Problem } from './errors.js';
import type { EntityRecord, Ruleset } from './types.js';
import type { SampleCase } from './cases.js';

/** A validator that narrows its argument and keeps the last errors, as Ajv's do. */
export interface Validator<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}

export const validateRulesetSchema = generated.validateRuleset as unknown as Validator<Ruleset>;
export const validateRecordSchema = generated.validateRecord as unknown as Validator<EntityRecord>;
export const validateCaseSchema = generated.validateCase as unknown as Validator<SampleCase>;

/** The schemas, for editors that validate as the user types (Monaco's JSON support). */
export const schemas = { ruleset: rulesetSchema, record: recordSchema, case: caseSchema } as const;

const FIXES: Record<string, (e: ErrorObject) => string> = {
  required: (e) => `add "${(e.params as { missingProperty: string }).missingProperty}"`,
  additionalProperties: (e) => `remove "${(e.params as { additionalProperty: string }).additionalProperty}" or check its spelling`,
  enum: (e) => `use one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
  format: () => 'write a real calendar date as YYYY-MM-DD',
  type: (e) => `make it a ${(e.params as { type: string }).type}`,
  not: () => 'rename this key: __proto__, constructor and prototype are not allowed',
  propertyNames: () => 'rename this key: __proto__, constructor and prototype are not allowed',
};

/**
 * Ajv's errors as problems with a JSON path and a fix. `anyOf` failures of a condition
 * produce one error per branch; the most specific (deepest) ones are kept.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): Problem[] {
  if (!errors?.length) return [];
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  const relevant = errors.filter((e) => e.keyword !== 'anyOf' && (e.instancePath.split('/').length === deepest || e.keyword !== 'additionalProperties'));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of relevant.length ? relevant : errors) {
    const path = pointerToPath(e.instancePath);
    const message = e.keyword === 'format' ? `"${String(e.data)}" is not a date` : e.message ?? 'is invalid';
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message, fix: FIXES[e.keyword]?.(e) });
  }
  return problems;
}
