/**
 * The HTML report of `credit-rules diff --format html` in a real browser: it fetches nothing,
 * shows why each case moved, and prints to A4 pages (page.pdf, with the page size the report's
 * own @page rule gives).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, RULESET } from '../cli-helpers.js';
import { chromiumAvailable, launchChromium } from './harness.js';

describe.skipIf(!chromiumAvailable())('the diff report in chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let tmp: string;
  let file: string;

  beforeAll(async () => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'credit-rules-report-browser-'));
    file = join(tmp, 'report.html');
    expect(cli(['diff', RULESET, 'rulesets/enterprise-versions/enterprise-n4.json', '--cases', 'rulesets/cases/enterprise', '--format', 'html', '--output', file]).status).toBe(0);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('opens with no request beyond the file, shows the chart and the reasons, and prints on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(10);
    const why = page.locator('tr.why').first();
    expect(await why.isVisible()).toBe(true);
    expect(await why.textContent()).toContain('E4.2 省园林优秀管理奖、省级AAA级守合同重信用:ev3(2019-12-20) 跨过期限边界');

    const pdf = join(tmp, 'report.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const bytes = readFileSync(pdf, 'latin1');
    const boxes = bytes.match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
    // A4 is 210 × 297 mm, 595.3 × 841.9 points (chromium rounds to its pixel grid); several pages, all A4.
    expect(boxes.length).toBeGreaterThan(2);
    for (const box of boxes) {
      const [, , width, height] = box.replace(/[^\d. ]/g, ' ').trim().split(/\s+/).map(Number);
      expect([Math.abs(width! - 595.3) < 1.5, Math.abs(height! - 841.9) < 1.5]).toEqual([true, true]);
    }
    await page.close();
  });
});
