/**
 * The JSON Schemas of what the engine writes (results, the diff report, problems), compiled
 * for tests with the same Ajv options as scripts/build-validators.mjs: strict, 2020-12, every
 * error, and `date` a real calendar date.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isIsoDate } from '../../engine/dates.js';

const root = join(import.meta.dirname, '..', '..');
export const SCHEMA_NAMES = ['record', 'ruleset', 'case', 'result', 'diff', 'problem'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** A schema file of schemas/, parsed. */
export const schemaFile = (name: SchemaName): Record<string, unknown> & { $id: string } => JSON.parse(readFileSync(join(root, 'schemas', `${name}.schema.json`), 'utf8'));

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addFormat('date', { type: 'string', validate: isIsoDate });
for (const name of SCHEMA_NAMES) ajv.addSchema(schemaFile(name));

/** Ajv's errors of `data` against a schema of schemas/, as `path message` lines: empty when valid. */
export function contractErrors(name: SchemaName, data: unknown): string[] {
  const validate = ajv.getSchema(schemaFile(name).$id)!;
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
