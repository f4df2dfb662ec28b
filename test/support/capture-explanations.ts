/**
 * Writes test/fixtures/trace-lines.json and test/fixtures/policy-changes.json from the engine
 * as it is: `npx tsx test/support/capture-explanations.ts`. They were captured from commit
 * 56045a8, before the sentences moved into engine/messages; capture again only to record a
 * wording changed on purpose, and say so in the commit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyLines, traceLines } from './explanations.js';
import { root } from './load.js';

const write = (file: string, value: unknown): void => writeFileSync(join(root, 'test', 'fixtures', file), `${JSON.stringify(value, null, 1)}\n`);
write('trace-lines.json', traceLines());
write('policy-changes.json', policyLines());
