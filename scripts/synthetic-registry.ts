/**
 * Writes the synthetic (合成) registry the editor generates at start to a file, for the CLI:
 *
 *   npx tsx scripts/synthetic-registry.ts [count=3000] [out=registry/synthetic-enterprises.ndjson]
 *   npx credit-rules evaluate registry/synthetic-enterprises.ndjson --ruleset rulesets/enterprise.json --as-of 2021-06-30 --format csv
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SYNTHETIC_AS_OF, SYNTHETIC_SEED, syntheticRegistry } from '../editor/model/syntheticRegistry.js';

const count = Number(process.argv[2] ?? 3000);
const out = process.argv[3] ?? 'registry/synthetic-enterprises.ndjson';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, syntheticRegistry(count).map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`wrote ${count} synthetic (合成) enterprise records to ${out}, seed ${SYNTHETIC_SEED}, as of ${SYNTHETIC_AS_OF}`);
