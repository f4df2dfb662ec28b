/**
 * The package as an app gets it: `npm pack`, the tarball installed into an empty app with only
 * TypeScript (and @types/node, for the examples' `node:fs`), the README's library examples,
 * taken from README.md itself, compiled under the strictest options an app may use for each
 * module system and run, their output compared with the README's `// →` comments. And the
 * repository's own `npm ci`: no dependency that refuses Node 20.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './cli-helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The README's library section: from its heading to the next of its level. */
const LIBRARY = /\n## Library\n[\s\S]*?(?=\n## )/.exec(README)?.[0] ?? '';
const EXAMPLES = [...LIBRARY.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

const MODULES = [
  { name: 'node16', module: 'Node16', moduleResolution: 'Node16' },
  { name: 'nodenext', module: 'NodeNext', moduleResolution: 'NodeNext' },
  { name: 'bundler', module: 'ESNext', moduleResolution: 'Bundler' },
] as const;

const version = (name: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let tmp: string;
let app: string;
let tarball: string;
let install: { status: number | null; output: string };

function run(command: string, args: readonly string[], cwd: string): { status: number | null; output: string; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, stdout: r.stdout, stderr: r.stderr };
}

const tsc = (project: string): ReturnType<typeof run> => run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], app);

beforeAll(() => {
  ensureBuilt();
  const types = spawnSync('npm', ['run', 'build:types'], { cwd: ROOT, encoding: 'utf8' });
  expect(types.status, types.stderr).toBe(0);
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-pack-'));
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  expect(pack.status, pack.output).toBe(0);
  tarball = join(tmp, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);

  app = join(tmp, 'app');
  mkdirSync(join(app, 'examples'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'an-app', private: true, type: 'module' }));
  // The versions this repository uses, so npm finds them in its cache.
  install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`], app);

  EXAMPLES.forEach((code, i) => writeFileSync(join(app, 'examples', `example-${i + 1}.ts`), code));
  // Everything the library exports, with no @types/node: its declarations must not need them.
  writeFileSync(join(app, 'library.ts'), "import * as library from 'credit-rules';\nimport type { Result, CompiledRuleset, ExitStatus } from 'credit-rules';\nexport const names: string[] = Object.keys(library);\nexport type Used = [Result, CompiledRuleset, ExitStatus];\n");
  const strictest = { target: 'ES2022', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, resolveJsonModule: true };
  for (const m of MODULES) {
    const emit = m.name === 'nodenext' ? { outDir: 'out', rootDir: 'examples' } : { noEmit: true };
    writeFileSync(join(app, `tsconfig.${m.name}.json`), JSON.stringify({ compilerOptions: { ...strictest, module: m.module, moduleResolution: m.moduleResolution, types: ['node'], ...emit }, include: ['examples'] }));
    writeFileSync(join(app, `tsconfig.library.${m.name}.json`), JSON.stringify({ compilerOptions: { ...strictest, module: m.module, moduleResolution: m.moduleResolution, types: [], noEmit: true }, files: ['library.ts'] }));
  }
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the built library, the CLI, their declarations, the rulesets and schemas: no sources, nothing stale', () => {
    const listing = run('tar', ['tzf', tarball], tmp);
    const files = listing.stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/credit-rules.js');
    expect(files).toContain('dist/types/index.d.ts');
    expect(files).toContain('rulesets/enterprise-versions/enterprise-n4.json');
    expect(files).toContain('schemas/record.schema.json');
    expect(files.filter((f) => f.startsWith('engine/') || f.startsWith('test/') || f.startsWith('editor/'))).toEqual([]);
    const dist = files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/types/'));
    // Every chunk is one the two entries import: nothing dead (an earlier build's reference.js, say).
    const entries = ['dist/index.js', 'dist/credit-rules.js'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    for (const chunk of dist.filter((f) => f.startsWith('dist/assets/'))) expect(entries, chunk).toContain(`./assets/${chunk.slice('dist/assets/'.length)}`);
    expect(dist.filter((f) => !f.startsWith('dist/assets/')).sort()).toEqual(['dist/credit-rules.js', 'dist/index.js']);
    // The declarations import only each other: no devDependency (ajv) behind a type.
    for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect([...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]).filter((s) => !s!.startsWith('.')), file).toEqual([]);
    }
  });

  it('installs into an empty app with no engine warning and no error', () => {
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/EBADENGINE|npm error|ERR!/);
  });

  it.each(MODULES.map((m) => m.name))('compiles the README examples under strict, exactOptionalPropertyTypes, no skipLibCheck, module %s', (name) => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
    const check = tsc(`tsconfig.${name}.json`);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  }, 120_000);

  it('type-checks everything it exports without @types/node', () => {
    const check = tsc('tsconfig.library.node16.json');
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  }, 120_000);

  it('runs the README examples, which print what their comments say', () => {
    if (!existsSync(join(app, 'out'))) expect(tsc('tsconfig.nodenext.json').status).toBe(0); // emitted by the nodenext check
    EXAMPLES.forEach((code, i) => {
      const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]);
      const result = run(process.execPath, [join(app, 'out', `example-${i + 1}.js`)], app);
      expect(result.stderr, `example ${i + 1}`).toBe('');
      expect(result.stdout.trimEnd().split('\n'), `example ${i + 1}`).toEqual(expected);
    });
  }, 120_000);

  it('exports the rulesets, their versions and cases, the schemas and package.json; nothing else', () => {
    writeFileSync(join(app, 'exports.mjs'), `
const json = async (p) => (await import(p, { with: { type: 'json' } })).default;
console.log((await json('credit-rules/rulesets/enterprise.json')).id);
console.log((await json('credit-rules/rulesets/enterprise-versions/enterprise-n4.json')).version);
console.log((await json('credit-rules/rulesets/cases/enterprise/001-baseline-full-scores.json')).expected.score);
console.log((await json('credit-rules/schemas/record.schema.json')).$id);
console.log((await json('credit-rules/package.json')).name);
for (const p of ['credit-rules/dist/index.js', 'credit-rules/engine/index.ts', 'credit-rules/rulesets/project-lead.md']) {
  try { await import(p); console.log('imported', p); } catch (error) { console.log(error.code); }
}`);
    const result = run(process.execPath, ['exports.mjs'], app);
    const schemaId = (JSON.parse(readFileSync(join(ROOT, 'schemas', 'record.schema.json'), 'utf8')) as { $id: string }).$id;
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual(['enterprise', '2021.1-n4', '80', schemaId, 'credit-rules', ...Array(3).fill('ERR_PACKAGE_PATH_NOT_EXPORTED')]);
  });
});

describe('the README documents the whole public API', () => {
  it('names every export of engine/index.ts in its library section', () => {
    const index = readFileSync(join(ROOT, 'engine', 'index.ts'), 'utf8');
    const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/).pop()!).filter(Boolean));
    expect(names.length).toBeGreaterThan(90);
    expect(names.filter((name) => !LIBRARY.includes(`\`${name}`))).toEqual([]);
  });
});

describe("the repository's own install on Node 20", () => {
  it('npm ci prints no EBADENGINE: every locked dependency supports this Node', () => {
    const dir = join(tmp, 'ci');
    mkdirSync(dir);
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, file), join(dir, file));
    const ci = run('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
    expect(ci.status, ci.output).toBe(0);
    expect(ci.output.split('\n').filter((l) => l.includes('EBADENGINE'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['package-lock.json', 'package.json']); // a dry run: nothing installed
  }, 120_000);
});
