/**
 * The forecast in the case detail, in a real browser: open sample case C145 and see its step
 * chart, each change with its reasons, what restores a grade and the one event that cost it,
 * in Chinese and in English, as the engine's `forecast` gives them. Screenshots of both.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../engine/index.js';
import { readJson, shippedRuleset } from '../support/load.js';
import { chromiumAvailable, openEditor, repo, showCase, type EditorSession } from './harness.js';

const CASE = 'cases/enterprise/145-vetoes-quality-and-wage-safety-lapsed.json';

describe.skipIf(!chromiumAvailable())('the forecast in the case detail, in chromium', { timeout: 180_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  const sample = readJson<{ asOf: string; record: unknown }>(`rulesets/${CASE}`);
  const expected = forecast(shippedRuleset('enterprise').compiled, sample.record, { asOf: sample.asOf });

  beforeAll(async () => {
    editor = await openEditor({ fixtures: false, viewport: { width: 1600, height: 1100 }, warmUp: 'none' });
    ({ page } = editor);
    await editor.load('?ruleset=enterprise.json');
  }, 180_000);

  afterAll(async () => {
    await editor?.close();
  });

  const forecastView = () => page.locator('[data-role=forecast]');

  it('shows the step chart and each change with its reasons in Chinese', async () => {
    await (await showCase(page, CASE)).click();
    await forecastView().waitFor({ timeout: 30_000 });
    expect(await page.locator('.forecast-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))).toEqual(expected.steps.map((s) => s.date));
    expect(await page.locator('.forecast-step [data-role=forecast-score]').allTextContents()).toEqual(expected.steps.map((s) => String(s.score)));
    const veto = page.locator('.forecast-step[data-date="2024-07-01"] .forecast-reasons li').first();
    expect(await veto.textContent()).toBe('E2.1.5 重大以上质量事故:qa1(2019-06-15) 不计:有效期已过(计至 2024-06-30)');
    // The chart is drawn: a step line and the grade lines it crosses, labelled.
    const chart = page.locator('[data-role=forecast-chart] svg');
    await chart.waitFor();
    expect(await chart.locator('path').count()).toBeGreaterThan(3);
    expect(await chart.locator('text').allTextContents()).toEqual(expect.arrayContaining(['A', 'AA']));
    expect(await page.locator('[data-role=forecast-restore] li[data-grade="AA"] .forecast-note').textContent()).toBe('AA 级(80 分以上):2025-02-01 起');
    expect(await page.locator('[data-role=forecast-restore] li[data-grade="AA+"] .forecast-note').textContent()).toBe('AA+ 级(85 分以上):不会恢复,因为 2027-01-02 起不再有变化,得分停在 67 分');
    expect(await page.locator('[data-role=forecast-without] li[data-event="qa1"] .forecast-note').textContent()).toBe('若没有 qa1(2019-06-15 工程质量事故),2024-06-30 得分 67 分(多 21 分),等级 A');
    // A tall window, so that the whole of the case panel shows in the screenshots.
    await page.setViewportSize({ width: 1600, height: 2600 });
    await forecastView().scrollIntoViewIfNeeded();
    mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    // Under the note of the first grade never reached, what keeps the score down: the base score on five items and the blacklisting.
    expect(await page.locator('[data-role=forecast-restore] li[data-grade="AA+"] .forecast-standing li').count()).toBe(6);
    await forecastView().screenshot({ path: path.join(repo, 'test-results/forecast-zh.png') });
    await page.screenshot({ path: path.join(repo, 'test-results/forecast-page.png') });
  });

  it('says the same in English after the switch', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('[data-role=forecast] h4').first().textContent()).toBe('If nothing new happens: the score over time');
    const veto = page.locator('.forecast-step[data-date="2024-07-01"] .forecast-reasons li').first();
    expect(await veto.textContent()).toBe(expected.steps[1]!.reasons[0]!.en);
    expect(await veto.textContent()).toContain('qa1 (2019-06-15) not counted');
    expect(await page.locator('[data-role=forecast-restore] li[data-grade="AA"] .forecast-note').textContent()).toBe('AA (80 points or more): from 2025-02-01');
    expect(await page.locator('[data-role=forecast-without] li[data-event="qa1"] .forecast-note').textContent()).toBe('without qa1 (2019-06-15 工程质量事故): 67 on 2024-06-30 (+21), grade A');
    await forecastView().screenshot({ path: path.join(repo, 'test-results/forecast-en.png') });
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
