/**
 * The OpenAPI 3.1 document of the service, written from the route table (app.ts) and the JSON
 * Schemas of schemas/ as they are: each schema becomes a component with its `$id` dropped and
 * its references pointed into the document, so no schema is written twice.
 */
import pkg from '../../package.json' with { type: 'json' };
import recordSchema from '../../schemas/record.schema.json' with { type: 'json' };
import rulesetSchema from '../../schemas/ruleset.schema.json' with { type: 'json' };
import caseSchema from '../../schemas/case.schema.json' with { type: 'json' };
import resultSchema from '../../schemas/result.schema.json' with { type: 'json' };
import diffSchema from '../../schemas/diff.schema.json' with { type: 'json' };
import problemSchema from '../../schemas/problem.schema.json' with { type: 'json' };
import type { Content, Route, SchemaName } from './app.js';

/** The schema files and their component names. */
export const COMPONENTS: Readonly<Record<Exclude<SchemaName, 'Object'>, { file: string; schema: object }>> = {
  Record: { file: 'record.schema.json', schema: recordSchema },
  Ruleset: { file: 'ruleset.schema.json', schema: rulesetSchema },
  SampleCase: { file: 'case.schema.json', schema: caseSchema },
  Result: { file: 'result.schema.json', schema: resultSchema },
  DiffReport: { file: 'diff.schema.json', schema: diffSchema },
  Problem: { file: 'problem.schema.json', schema: problemSchema },
};

const byFile = new Map(Object.entries(COMPONENTS).map(([name, { file }]) => [file, name]));
const at = (name: string): string => `#/components/schemas/${name}`;

/** A schema of schemas/ as a component: `#/$defs/x` becomes `#/components/schemas/Name/$defs/x`, `record.schema.json` the Record component. */
function component(name: string, schema: unknown): unknown {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const hash = child.indexOf('#');
        const file = hash === -1 ? child : child.slice(0, hash);
        const fragment = hash === -1 ? '' : child.slice(hash + 1);
        const target = file === '' ? name : byFile.get(file);
        if (target === undefined) throw new Error(`${name}: a $ref to ${child}, which is not one of the schemas of the OpenAPI document`);
        out.$ref = at(target) + fragment;
      } else out[key] = rewrite(child);
    }
    return out;
  };
  // The document is the schemas' resource now: their own id and dialect go (the dialect is the document's jsonSchemaDialect).
  const { $id: _id, $schema: _dialect, ...body } = rewrite(schema) as Record<string, unknown>;
  return body;
}

/** `Result|(Result|Problem)[]` as a schema: `|` one of, `[]` a list of, a name a component. */
function schemaOf(spec: string): object {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '(') depth++;
    else if (spec[i] === ')') depth--;
    else if (spec[i] === '|' && depth === 0) {
      parts.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(spec.slice(start));
  if (parts.length > 1) return { anyOf: parts.map(schemaOf) };
  if (spec.endsWith('[]')) return { type: 'array', items: schemaOf(spec.slice(0, -2).replace(/^\((.*)\)$/, '$1')) };
  return spec === 'Object' ? { type: 'object' } : { $ref: at(spec) };
}

const content = (c: Content): object => Object.fromEntries(Object.entries(c).map(([type, spec]) => [type, { schema: schemaOf(spec) }]));

const operationId = (route: Route): string =>
  route.method.toLowerCase() + route.path.replace(/[{}.]/g, '/').split('/').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** The OpenAPI 3.1 document of `routes`. */
export function openapiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: 'the ruleset: a file name without .json (enterprise), or a folder of versions (enterprise-versions)' }));
    const query = (route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, schema: { type: 'string' }, description: q.description, ...(q.example ? { example: q.example } : {}) }));
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) responses[status] = { description: r.description, ...(r.content ? { content: content(r.content) } : {}) };
    if (!route.open) responses['401'] = { description: 'the service was started with a token and the request does not carry it', content: content({ 'application/problem+json': 'Problem' }) };
    responses['default'] = { description: 'any other problem (404 unknown route, 405 method, 408 timeout, 500 internal)', content: content({ 'application/problem+json': 'Problem' }) };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: operationId(route),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(pathParams.length || query.length ? { parameters: [...pathParams, ...query] } : {}),
      ...(route.body ? { requestBody: { required: true, description: route.body.description, content: content(route.body.content) } } : {}),
      responses,
      ...(route.open ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'credit-rules',
      version: pkg.version,
      description: 'Credit scoring with rulesets as data: every point explained. Errors are application/problem+json with the engine\'s code and each problem\'s JSON path and fix. A service started on an address other than 127.0.0.1 requires "Authorization: Bearer TOKEN" on every request but the health checks.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, { schema }]) => [name, component(name, schema)])),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }, {}],
  };
}
