/**
 * Running the built command line in tests: `dist/credit-rules.js` is rebuilt only when it is
 * missing or older than what it is built from, once even when test files run in parallel.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'credit-rules.js');
export const RULESET = 'rulesets/enterprise.json';
export const FIXTURES = 'test/fixtures';

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    return false;
  }
  const sources = ['engine', 'schemas', 'package.json', 'vite.cli.config.ts'].map((p) => newestMtime(join(ROOT, p)));
  return built >= Math.max(...sources);
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Builds the CLI unless dist is up to date; a lock directory keeps parallel test files from building at once. */
export function ensureBuilt(): void {
  const lock = join(ROOT, 'dist.build-lock');
  for (let waited = 0; !isFresh(); waited += 100) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building: wait for it (a lock older than 2 minutes is stale).
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(100);
      continue;
    }
    try {
      if (!isFresh()) {
        const build = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
        if (build.status !== 0) throw new Error(`npm run build:cli failed:\n${build.stdout}\n${build.stderr}`);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/credit-rules.js ...args` in the project root. Every run is checked for what
 * must never happen: a stack trace, a timeout (a hang), a signal.
 */
export function cli(args: readonly string[], options: { input?: string | Buffer; env?: Record<string, string>; timeout?: number } = {}): Run {
  const run: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CREDIT_RULES_DEBUG: '', ...options.env },
    timeout: options.timeout ?? 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(run.error, `credit-rules ${args.join(' ')} did not finish`).toBeUndefined();
  expect(run.signal).toBeNull();
  expect(run.stderr, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).not.toMatch(/credit-rules: internal error/);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The results of `--format json` output. */
export function results(run: Run): { id: string; score: number; grade: string | null; [key: string]: unknown }[] {
  return JSON.parse(run.stdout);
}
