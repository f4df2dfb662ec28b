/**
 * What the browser tests stand on: Debian's chromium driven by playwright-core, and the editor's
 * Vite dev server started in-process on a free port against a temporary copy of rulesets/, so
 * saving in a test never touches the real files.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { upstreamMonacoRace } from './monacoRace.js';

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
    // A dependency cache of this checkout's own: node_modules may be shared with other checkouts,
    // whose servers would rewrite node_modules/.vite under this one (504 Outdated Optimize Dep).
    cacheDir: path.join(repo, '.vite-browser'),
    // No watcher, no HMR: edits elsewhere in the repository (the engine is a config dependency)
    // must not restart the server or reload the page in the middle of a test.
    // node_modules may be a link to another checkout's: its real place may be served too (Monaco's font).
    server: { host: '127.0.0.1', port, strictPort: true, watch: null, hmr: false, fs: { allow: [repo, realpathSync(path.join(repo, 'node_modules'))] } },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** The editor open in chromium on a temporary copy of the rulesets, with what a test needs to drive and to end it. */
export interface EditorSession {
  url: string;
  server: ViteDevServer;
  browser: Browser;
  page: Page;
  rulesets: { root: string; remove(): void };
  /** The page's uncaught errors and console errors so far (a test may clear it). */
  errors: string[];
  /** Opens `query` (e.g. `?ruleset=enterprise.json`) and waits until the first case row (or `ready`) shows. */
  load(query?: string, ready?: string): Promise<void>;
  close(): Promise<void>;
}

export interface EditorOptions {
  /** Whether the editor's fixture cases are added to the enterprise cases (default true). */
  fixtures?: boolean;
  /** Changes the temporary rulesets folder before the server starts. */
  prepare?(root: string): void;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /**
   * The first visit makes Vite bundle Vue, Monaco and the charts (and may reload the page):
   * `cases` opens the page once, `json` also opens the JSON view; `none` opens nothing.
   */
  warmUp?: 'cases' | 'json' | 'none';
  /** What `load` waits for, unless told otherwise. */
  ready?: string;
  /** A script every page runs before its own (`page.addInitScript`). */
  initScript?: string;
}

/** How long the first page may take: Vite bundles the dependencies on the first visit. */
const FIRST_LOAD_MS = 120_000;

/**
 * The browser tests' and the editor bench's start-up: the rulesets copied, the dev server
 * started, chromium launched, a page opened (dialogs accepted, errors collected and printed)
 * and, unless `warmUp` is `none`, the editor loaded once so that later loads are quick.
 */
export async function openEditor(options: EditorOptions = {}): Promise<EditorSession> {
  const rulesets = copyRulesets({ fixtures: options.fixtures });
  options.prepare?.(rulesets.root);
  const { url, server } = await startEditor(rulesets.root);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1600, height: 1000 }, acceptDownloads: options.acceptDownloads });
  if (options.initScript) await page.addInitScript(options.initScript);
  const errors: string[] = [];
  page.on('pageerror', (error) => {
    console.error('page error:', error.stack ?? error.message);
    if (!upstreamMonacoRace(error)) errors.push(error.message);
  });
  page.on('console', (message) => {
    // A resource the page asks for and the server refuses is a test's own business (404s are tested on purpose).
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
    console.error('console error:', message.text());
    errors.push(message.text());
  });
  page.on('dialog', (dialog) => void dialog.accept());
  const load = async (query = '', ready = options.ready ?? '.case-row'): Promise<void> => {
    await page.goto(`${url}${query}`, { timeout: FIRST_LOAD_MS });
    await page.locator(ready).first().waitFor({ timeout: FIRST_LOAD_MS });
  };
  const close = async (): Promise<void> => {
    await browser.close();
    await server.close();
    rulesets.remove();
  };
  try {
    if (options.warmUp !== 'none') await load();
    if (options.warmUp === 'json') {
      await page.click('[data-tab=json]');
      await page.locator('.monaco-editor .view-lines').waitFor({ timeout: FIRST_LOAD_MS });
      await page.waitForTimeout(1000);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, server, browser, page, rulesets, errors, load, close };
}

/**
 * The case list renders only the rows in sight: scrolls it, half a screen at a time from the
 * top, until the row of `casePath` is rendered, and returns its locator.
 */
export async function showCase(page: Page, casePath: string): Promise<Locator> {
  const found = await page.locator('[data-role=case-list]').evaluate(async (list, wanted) => {
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const rendered = (): boolean => list.querySelector(`[data-case="${CSS.escape(wanted)}"]`) !== null;
    for (let top = 0; !rendered() && top <= list.scrollHeight; top += Math.max(44, list.clientHeight / 2)) {
      list.scrollTop = top;
      await frame();
      await frame();
    }
    return rendered();
  }, casePath);
  if (!found) throw new Error(`no case ${casePath} in the case list`);
  const row = page.locator(`[data-case="${casePath}"]`);
  await row.scrollIntoViewIfNeeded();
  return row;
}
