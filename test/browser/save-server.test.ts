/**
 * The save server as the officer and a foreign page meet it in chromium: a refusal of the
 * operating system's kind (here a `.history` that is a link out of the folder) is said in the
 * page's language, and a page of another origin can neither read the API nor save through it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, MISSING_CHROMIUM, openEditor, repo, type EditorSession } from './harness.js';

const available = chromiumAvailable();
if (!available && !process.env.CI) console.warn(MISSING_CHROMIUM);

describe.runIf(!available && process.env.CI)('browser tests in CI', () => {
  it('need chromium', () => {
    throw new Error(MISSING_CHROMIUM.replace('browser tests skipped', 'CI cannot skip the browser tests'));
  });
});

const E213 = '$.indicators[1].items[0].clauses[2].points';

describe.skipIf(!available)('the save server in chromium', { timeout: 180_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  let url: string;
  let rulesets: EditorSession['rulesets'];
  let outside: string;
  let foreign: Server;
  let foreignUrl: string;

  beforeAll(async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'credit-rules-outside-'));
    editor = await openEditor({ prepare: (root) => symlinkSync(outside, path.join(root, '.history')), viewport: { width: 1400, height: 900 }, warmUp: 'none' });
    ({ page, url, rulesets } = editor);
    // A page of another origin (another port of this machine), as a web page the officer visits could be.
    foreign = createServer((_, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
  }, 180_000);

  afterAll(async () => {
    await editor?.close();
    await new Promise((resolve) => foreign?.close(resolve));
    if (outside) rmSync(outside, { recursive: true, force: true });
  });

  it('says in Chinese, then in English, why a save was refused when .history is a link out of the folder; nothing is written', async () => {
    const before = readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8');
    await editor.load();
    await page.locator(`[data-path="${E213}"] input`).fill('5');
    await page.click('[data-action=save]');
    const report = page.locator('[data-role=save-report]');
    await report.waitFor();
    await expect.poll(() => report.textContent()).toContain('enterprise.json 没有保存:rulesets/.history 是一个链接或不是文件夹');
    expect(await report.textContent()).not.toMatch(/INTERNAL|was not saved/);
    mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repo, 'test-results/editor-save-refused.png') });

    await page.locator('.locale-switch button').nth(1).click();
    await page.click('[data-action=save]');
    await expect.poll(() => report.textContent()).toContain('enterprise.json was not saved: rulesets/.history is a link or not a folder');
    expect(await report.textContent()).not.toContain('没有保存');
    expect(readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8')).toBe(before);
    expect(readdirSync(outside)).toEqual([]);
    await page.locator('.locale-switch button').nth(0).click();
  });

  it('a page of another origin can neither read the API nor save through it', async () => {
    const before = readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8');
    const other = await editor.browser.newPage();
    await other.goto(foreignUrl);
    const attempts = await other.evaluate(async (editor) => {
      const outcome = async (request: Promise<Response>): Promise<string> => {
        try {
          const response = await request;
          return `answered ${response.status}`;
        } catch (error) {
          return `blocked: ${(error as Error).name}`;
        }
      };
      return {
        read: await outcome(fetch(`${editor}api/file?path=enterprise.json`)),
        save: await outcome(
          fetch(`${editor}api/file?path=enterprise.json`, {
            method: 'PUT',
            body: '{}',
            headers: { 'Content-Type': 'application/json', 'x-credit-rules-editor': '1', 'If-Match': '"x"' },
          }),
        ),
      };
    }, url);
    await other.close();
    expect(attempts.read).toBe('blocked: TypeError');
    expect(attempts.save).toBe('blocked: TypeError');
    expect(readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8')).toBe(before);
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
