/**
 * What the browser tests stand on: Debian's chromium driven by playwright-core, and the editor's
 * Vite dev server started in-process on a free port against a temporary copy of rulesets/, so
 * saving in a test never touches the real files.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const repo = path.resolve(import.meta.dirname, '../..');

/** Whether the browser is there; in CI its absence is a failure, elsewhere a skip with a hint. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export const MISSING_CHROMIUM = `chromium not found at ${CHROMIUM}: apt-get install -y chromium; browser tests skipped`;

/** Launches chromium headless; Playwright gives it a fresh temporary --user-data-dir of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A temporary copy of rulesets/ plus (unless `fixtures` is false) the editor's fixture cases;
 * `remove` deletes it.
 */
export function copyRulesets({ fixtures: withFixtures = true }: { fixtures?: boolean } = {}): { root: string; remove(): void } {
  const base = mkdtempSync(path.join(tmpdir(), 'credit-rules-browser-'));
  const root = path.join(base, 'rulesets');
  cpSync(path.join(repo, 'rulesets'), root, { recursive: true, filter: (source) => !source.includes(`${path.sep}.history`) });
  const fixtures = path.join(repo, 'test/fixtures/editor-cases');
  if (!withFixtures) return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
  mkdirSync(path.join(root, 'cases/enterprise'), { recursive: true });
  for (const name of readdirSync(fixtures)) cpSync(path.join(fixtures, name), path.join(root, 'cases/enterprise', name));
  return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** Adds `bench.json` (the enterprise ruleset) with exactly `count` cases, duplicating when there are fewer. */
export function addBenchRuleset(root: string, count: number): void {
  cpSync(path.join(root, 'enterprise.json'), path.join(root, 'bench.json'));
  const from = path.join(root, 'cases/enterprise');
  const to = path.join(root, 'cases/bench');
  mkdirSync(to, { recursive: true });
  const names = readdirSync(from).filter((n) => n.endsWith('.json')).sort();
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]!;
    cpSync(path.join(from, name), path.join(to, `${String(i + 1).padStart(3, '0')}-${name}`));
  }
}

/** The editor's dev server (vite.config.ts) on a free port, serving `root` as the rulesets folder. */
export async function startEditor(root: string): Promise<{ url: string; server: ViteDevServer }> {
  process.env.CREDIT_RULES_ROOT = root;
  const port = await freePort();
  const server = await createServer({
    configFile: path.join(repo, 'vite.config.ts'),
    root: repo,
    logLevel: 'warn',
    // No watcher, no HMR: edits elsewhere in the repository (the engine is a config dependency)
    // must not restart the server or reload the page in the middle of a test.
    server: { host: '127.0.0.1', port, strictPort: true, watch: null, hmr: false },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}/`, server };
}
