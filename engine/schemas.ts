/**
 * One strict Ajv instance (JSON Schema 2020-12) compiles each schema once; the validators
 * are exported ready to use. `date` is a real calendar date (2021-02-30 is refused).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import rulesetSchema from '../schemas/ruleset.schema.json' with { type: 'json' };
import recordSchema from '../schemas/record.schema.json' with { type: 'json' };
import caseSchema from '../schemas/case.schema.json' with { type: 'json' };
import { isIsoDate } from './dates.js';
import { pointerToPath, type Problem } from './errors.js';
import type { EntityRecord, Ruleset } from './types.js';
import type { SampleCase } from './cases.js';

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addFormat('date', { type: 'string', validate: isIsoDate });
ajv.addSchema(recordSchema);

export const validateRulesetSchema = ajv.compile<Ruleset>(rulesetSchema);
export const validateRecordSchema = ajv.getSchema<EntityRecord>(recordSchema.$id) as ValidateFunction<EntityRecord>;
export const validateCaseSchema = ajv.compile<SampleCase>(caseSchema);

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
