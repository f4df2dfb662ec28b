/**
 * Typed fields, print, export, clause search, take-all-as-expected and one language at a time,
 * in chromium: what a policy officer sees and gets.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, MISSING_CHROMIUM, openEditor, repo, showCase, type EditorSession } from './harness.js';

const available = chromiumAvailable();
if (!available && !process.env.CI) console.warn(MISSING_CHROMIUM);

const TWO_ACCIDENTS = 'cases/enterprise/e213-two-general-accidents.json';
const E213 = '$.indicators[1].items[0].clauses[2].points';
const N7 = '$.parameters.awardsScoredFrom.value';
const N4 = 'enterprise-versions/enterprise-n4.json';

describe.skipIf(!available)('forms, print, export and language in chromium', { timeout: 240_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  let url: string;
  let rulesets: EditorSession['rulesets'];
  const shots = path.join(repo, 'test-results');

  async function loadPage(query = '', locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
    await page.goto(`${url}${query}`);
    await page.evaluate((l) => localStorage.setItem('credit-rules.locale', l), locale);
    await editor.load(query, '.case-row, [data-role=compare-view]');
  }
  const scores = () => page.locator('.case-row [data-role=score]').allTextContents();

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    editor = await openEditor({ acceptDownloads: true, warmUp: 'none' });
    ({ page, url, rulesets } = editor);
    await loadPage();
  }, 240_000);

  afterAll(async () => {
    await editor?.close();
  });

  it('keeps the N7 date a date field through Backspace and refuses 明年: no case moves, nothing to save', async () => {
    await loadPage();
    const field = page.locator(`[data-path="${N7}"]`);
    const input = field.locator('input');
    const before = await scores();
    await input.click();
    await input.press('End');
    await input.press('Backspace');
    expect(await field.getAttribute('data-type')).toBe('date');
    expect(await input.getAttribute('type')).toBe('text');
    await input.fill('明年');
    await expect.poll(() => field.locator('[role=alert]').textContent()).toBe('不是有效日期,未采用:请按 YYYY-MM-DD 填写真实日期(如 2018-01-01);规则仍为 2018-01-01');
    await input.fill('2021-02-30');
    expect(await field.locator('[role=alert]').count()).toBe(1);
    expect(await scores()).toEqual(before);
    expect(await page.locator('[data-role=save-status]').textContent()).toContain('已保存');
    await page.keyboard.press('Control+s');
    await page.waitForTimeout(300);
    expect(JSON.parse(readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8')).parameters.awardsScoredFrom.value).toBe('2018-01-01');
    await input.fill('2019-01-01');
    await expect.poll(() => page.locator('[data-role=save-status]').textContent()).toContain('未保存');
  });

  it('shows beside the field that 0 points switches E2.1.3 off, and names the final value in the undo tooltip', async () => {
    await loadPage();
    const field = page.locator(`[data-path="${E213}"]`);
    await field.locator('input').click();
    await field.locator('input').press('Control+a');
    await page.keyboard.type('0');
    await expect.poll(() => field.locator('[data-role=value-hint]').textContent()).toBe('E2.1.3 的分值为 0,这一条不再扣分或加分');
    const aaa = page.locator('[data-path="$.grades[0].min"] input');
    await aaa.click();
    await aaa.press('Control+a');
    await page.keyboard.type('91');
    await expect.poll(() => page.locator('[data-action=undo]').getAttribute('title')).toBe('撤销:AAA 级最低分:91');
  });

  it('finds a clause by Chinese words and jumps to it, highlighted', async () => {
    await loadPage();
    await page.fill('[data-role=clause-search]', '一般质量事故');
    await page.press('[data-role=clause-search]', 'Enter');
    const row = page.locator('.form-body [data-clause="E2.1.3"]');
    await expect.poll(() => row.getAttribute('class')).toContain('search-hit');
    const box = await row.boundingBox();
    expect(box && box.y > 0 && box.y < 1000).toBe(true);
    await page.fill('[data-role=clause-search]', 'E5');
    expect(await page.locator('[data-role=search-hit]').first().getAttribute('data-id')).toBe('E5');
  });

  it('prints the open case as a 计分表 on A4, every line and total, nothing cut off', async () => {
    await loadPage();
    await (await showCase(page, TWO_ACCIDENTS)).click();
    await page.locator('[data-role=case-detail]').waitFor();
    const sheet = page.locator('[data-role=scoring-sheet]');
    expect(await sheet.count()).toBe(0); // not built on screen: only for printing
    let pdf: Buffer;
    await page.emulateMedia({ media: 'print' });
    try {
      await sheet.waitFor();
      expect(await sheet.isVisible()).toBe(true);
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await sheet.locator('[data-role=sheet-as-of]').textContent()).toBe('2021-06-30');
      expect(await sheet.locator('[data-role=sheet-version]').textContent()).toBe('2021.1(正式,2021-02-19 起施行)');
      expect(await sheet.locator('[data-role=sheet-score]').textContent()).toBe('83');
      expect(await sheet.locator('[data-role=sheet-grade]').textContent()).toBe('AA');
      // every indicator with its total, E2 with both accidents and the regulation's words
      expect(await sheet.locator('[data-role=sheet-indicator-total]').allTextContents()).toEqual(['8', '18', '23', '2', '8', '12', '12']);
      expect(await sheet.locator('.sheet-line[data-clause="E2.1.3"]').count()).toBe(2);
      expect(await sheet.locator('.sheet-line[data-clause="E2.1.3"] .sheet-cite').first().textContent()).toContain('一般等级质量事故');
      // nothing wider than the page
      const overflow = await sheet.evaluate((el) => [...el.querySelectorAll('table, td, th')].filter((c) => c.scrollWidth > c.clientWidth + 1).length);
      expect(overflow).toBe(0);
      // Printed as the sheet was built for print media (page.pdf alone announces no printing to the page).
      pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    // Back on screen, the sheet is gone again.
    await expect.poll(() => sheet.count()).toBe(0);
    const text = pdf.toString('latin1');
    const pages = text.match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    for (const box of pages) {
      const [, w, h] = /\[0 0 ([\d.]+) ([\d.]+)\]/.exec(box)!;
      expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]); // A4 in points
    }
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'editor-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('exports the case results to Excel and CSV with Chinese headers', async () => {
    await loadPage();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('.cases-tools [data-action=export-xlsx]')]);
    expect(xlsx.suggestedFilename()).toBe('enterprise-案例结果.xlsx');
    const [sheet] = await readXlsxFile(readFileSync((await xlsx.path())!));
    expect(sheet!.data[0]!.slice(0, 6)).toEqual(['案例', '编号', '主体名称', '评价日', '得分', '等级']);
    const cases = Number(await page.locator('[data-role=case-list]').getAttribute('data-count'));
    expect(sheet!.data).toHaveLength(cases + 1);
    const two = sheet!.data.find((r) => r[1] === 'EDITOR-2')!;
    expect(two.slice(4, 6)).toEqual([83, 'AA']);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.cases-tools [data-action=export-csv]')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF案例,编号,')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(cases + 1);
  });

  it('takes all current results as expected after listing them, and undoes it in one step', async () => {
    await loadPage();
    await page.locator(`[data-path="${E213}"] input`).fill('5');
    await expect.poll(() => page.locator('[data-action=take-all-expected]').isEnabled()).toBe(true);
    await page.click('[data-action=take-all-expected]');
    const rows = page.locator('[data-role=take-all-row]');
    const listed = await rows.count();
    expect(listed).toBeGreaterThan(0);
    expect(await page.locator('[data-role=take-all-row][data-case="cases/enterprise/e213-one-general-accident.json"]').textContent()).toContain('84 · AA');
    await page.click('[data-action=take-all-confirm]');
    await expect.poll(() => page.locator('[data-role=summary]').textContent()).toContain('与预期不符 0 个');
    expect(await page.locator('[data-action=undo]').getAttribute('title')).toBe(`撤销:将 ${listed} 个案例的当前结果设为预期`);
    await page.click('[data-action=undo]');
    await expect.poll(() => page.locator('[data-role=summary]').textContent()).toContain(`与预期不符 ${listed} 个`);
  });

  it('speaks Chinese in the JSON view: problems and hovers name the field, no worker English', async () => {
    await loadPage();
    await page.click('[data-tab=json]');
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 90_000 });
    await page.click('[data-tab=form]');
    await page.locator(`[data-path="${E213}"] input`).fill('-3');
    await page.click('[data-tab=json]');
    const problem = page.locator('[data-role=json-problems] [data-role=problem-place]');
    await expect.poll(() => problem.first().textContent()).toBe('E2.1.3 一般质量事故 · 分值');
    await problem.first().click();
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    // Revealing the line scrolls the editor and Monaco redraws its decorations: take the
    // squiggle's box once it is laid out, not the box of one already replaced
    const boxes: Array<{ x: number; y: number; width: number; height: number }> = [];
    await expect.poll(async () => { const box = await squiggle.boundingBox(); if (box) boxes.push(box); return boxes.length; }).toBeGreaterThan(0);
    const box = boxes[0]!;
    await page.mouse.move(box.x + Math.min(4, box.width / 2), box.y + box.height / 2 - 4);
    const hover = page.locator('.monaco-hover:visible');
    await expect.poll(() => hover.first().textContent(), { timeout: 20_000 }).toContain('E2.1.3 一般质量事故 · 分值');
    const words = await hover.first().textContent();
    expect(words).toContain('扣分项的分值须为扣分');
    expect(words).not.toMatch(/Incorrect type|Expected|must be/);
    await page.screenshot({ path: path.join(shots, 'editor-json-zh.png') });
  });

  it('speaks English in English mode: title, compare tooltips and the diff editor controls', async () => {
    await loadPage(`?view=compare&old=enterprise.json&new=${N4}`, 'en');
    expect(await page.title()).toBe('Credit rules editor');
    const line = page.locator('.policy-change[data-clause="E4.1"] [data-role=change-text]');
    expect(await line.getAttribute('title')).toMatch(/counts for 24 months → 12 months$/);
    // The impact of the change, exported with English headers
    const [impact] = await Promise.all([page.waitForEvent('download'), page.click('[data-role=impact] [data-action=export-csv]')]);
    expect(impact.suggestedFilename()).toBe('impact of the change.csv');
    const impactRows = readFileSync((await impact.path())!, 'utf8').trimEnd().split('\r\n');
    expect(impactRows[0]).toBe('\uFEFFID,Case,Evaluated on,Old score,Old grade,New score,New grade,Change,Grade changed,Items that moved,Problem');
    expect(impactRows.find((r) => r.startsWith('C103,'))).toMatch(/,90,AAA,88,AA\+,-2,yes,/);
    // The folded stretches' controls ("16 hidden lines", "Show Unchanged Region")
    const folded = () => page.locator('.monaco-diff-editor .diff-hidden-lines').allTextContents().then((all) => all.join(' '));
    await expect.poll(folded, { timeout: 90_000 }).toMatch(/\d+ hidden lines/);
    await page.click('.locale-switch button:nth-child(1)');
    await expect.poll(() => page.title()).toBe('信用评价规则编辑器');
    await expect.poll(folded, { timeout: 30_000 }).toMatch(/\d+ 个隐藏的行/);
    expect(await folded()).not.toMatch(/hidden lines/);
    await page.click('.locale-switch button:nth-child(2)');
    await page.click('[data-mode=edit]');
    await page.locator('.case-row').first().waitFor();
    await (await showCase(page, TWO_ACCIDENTS)).click();
    await page.screenshot({ path: path.join(shots, 'editor-english.png') });
    const visible = await page.evaluate(() => document.querySelector('.cases-pane')?.textContent ?? '');
    expect(visible).not.toContain('e213-two-general-accidents'); // no file names
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
