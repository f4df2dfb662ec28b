/**
 * The package as another app gets it: `import … from 'credit-rules'` resolves to the built
 * library and its declarations, which type-check under the strictest compiler options a
 * consumer may use (the engine's own sources need not).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './cli-helpers.js';

let app: string;

beforeAll(() => {
  ensureBuilt();
  const types = spawnSync('npm', ['run', 'build:types'], { cwd: ROOT, encoding: 'utf8' });
  expect(types.status, types.stderr).toBe(0);
  app = mkdtempSync(join(tmpdir(), 'credit-rules-app-'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(ROOT, join(app, 'node_modules', 'credit-rules'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
  const main = `import { readFileSync } from 'node:fs';
import { CreditRulesError, evaluate, loadRuleset, type Result } from 'credit-rules';
const ruleset = loadRuleset(JSON.parse(readFileSync(${JSON.stringify(join(ROOT, 'rulesets', 'enterprise.json'))}, 'utf8')));
const result: Result = evaluate(ruleset, { id: 'E', kind: 'enterprise', projects: [{ id: 'P1', permitDate: '2020-01-01' }] }, { asOf: '2021-06-30' });
try {
  evaluate(ruleset, { id: 'E', kind: 'enterprise' }, { asOf: '2021-02-30' });
} catch (error) {
  if (error instanceof CreditRulesError) console.log(error.code);
}
console.log(result.score, result.grade);
`;
  writeFileSync(join(app, 'main.ts'), main);
  // The same program without its two type annotations, for Node 20 to run.
  writeFileSync(join(app, 'main.mjs'), main.replace(', type Result', '').replace(': Result', ''));
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
    },
    files: ['main.ts'],
  }));
}, 120_000);

afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('the package, imported by another app', () => {
  it('type-checks under strict, exactOptionalPropertyTypes and no skipLibCheck', () => {
    const check = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);

  it('runs: a score, and a coded error for a date that is not one', () => {
    const run = spawnSync(process.execPath, [join(app, 'main.mjs')], { cwd: app, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // No licence (E1 0), a recent project (full scores): 0 + 20 + 20 + 0 + 8 + 12 + 12 = 72, grade A.
    expect(run.stdout.trim().split('\n')).toEqual(['USAGE', '72 A']);
  });
});
