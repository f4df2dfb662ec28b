/**
 * The editor in a real browser: load, change E2.1.3 and watch the cases move, undo, break the
 * JSON, save and reload, be refused an invalid save, time the recomputation, and a screenshot.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, MISSING_CHROMIUM, openEditor, repo, showCase, type EditorSession } from './harness.js';

const available = chromiumAvailable();
if (!available && !process.env.CI) console.warn(MISSING_CHROMIUM);

describe.runIf(!available && process.env.CI)('browser tests in CI', () => {
  it('need chromium', () => {
    throw new Error(MISSING_CHROMIUM.replace('browser tests skipped', 'CI cannot skip the browser tests'));
  });
});

const ONE_ACCIDENT = 'cases/enterprise/e213-one-general-accident.json';
const TWO_ACCIDENTS = 'cases/enterprise/e213-two-general-accidents.json';
const BASELINE = 'cases/enterprise/baseline-no-events.json';
const E213 = '$.indicators[1].items[0].clauses[2].points';

describe.skipIf(!available)('the editor in chromium', { timeout: 180_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  const rulesetFile = (): string => path.join(editor.rulesets.root, 'enterprise.json');

  /** A case's row, scrolled into sight (the list renders only the rows in sight). */
  const row = (casePath: string) => page.locator(`[data-case="${casePath}"]`);
  const e213 = () => page.locator(`[data-path="${E213}"] input`);
  /** Opens the page with the list scrolled to its end, where the editor's fixture cases are. */
  async function loadPage(query = ''): Promise<void> {
    await editor.load(query);
    await showCase(page, TWO_ACCIDENTS);
  }

  beforeAll(async () => {
    editor = await openEditor({ warmUp: 'json' });
    page = editor.page;
  }, 180_000);

  afterAll(async () => {
    await editor?.close();
  });

  it('loads the page with the ruleset as forms and every case scored', async () => {
    await loadPage();
    const caseFiles = readdirSync(path.join(editor.rulesets.root, 'cases/enterprise')).filter((n) => n.endsWith('.json'));
    await expect.poll(() => page.locator('[data-role=case-list]').getAttribute('data-count')).toBe(String(caseFiles.length));
    expect(await page.locator('.case-row').first().getAttribute('aria-setsize')).toBe(String(caseFiles.length));
    await expect.poll(() => page.locator('[data-indicator]').count()).toBe(7);
    expect(await e213().inputValue()).toBe('4');
    expect(await row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('85');
    expect(await row(ONE_ACCIDENT).locator('[data-role=grade]').textContent()).toBe('AA+');
    expect(await page.locator('[data-role=save-status]').textContent()).toContain('已保存');
  });

  it('changing E2.1.3 from 4 to 5 points takes 1 more point per accident and moves AA+ to AA; undo puts it back', async () => {
    await e213().fill('5');
    await expect.poll(() => row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('84');
    expect(await row(ONE_ACCIDENT).locator('[data-role=delta]').textContent()).toBe('▼1');
    expect(await row(ONE_ACCIDENT).locator('.grade-change').textContent()).toBe('AA+ → AA');
    expect(await row(TWO_ACCIDENTS).locator('[data-role=score]').textContent()).toBe('81');
    expect(await row(TWO_ACCIDENTS).locator('[data-role=delta]').textContent()).toBe('▼2');
    expect(await row(TWO_ACCIDENTS).locator('.grade-change').count()).toBe(0);
    expect(await row(BASELINE).locator('[data-role=delta]').textContent()).toBe('');

    // Every case that moved fell by exactly its number of E2.1.3 occurrences (none is capped here).
    await row(ONE_ACCIDENT).click();
    await expect.poll(() => page.locator('.trace-line[data-clause="E2.1.3"]').count()).toBe(1);
    expect(await page.locator('.trace-line[data-clause="E2.1.3"]').textContent()).toContain('原 −4');
    await row(TWO_ACCIDENTS).click();
    await expect.poll(() => page.locator('.trace-line[data-clause="E2.1.3"]').count()).toBe(2);

    await page.click('[data-action=undo]');
    await expect.poll(() => row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('85');
    expect(await e213().inputValue()).toBe('4');
    await page.click('[data-action=redo]');
    await expect.poll(() => row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('84');
    expect(await e213().inputValue()).toBe('5');
  });

  it('takes a screenshot of the main screen', async () => {
    await row(ONE_ACCIDENT).click();
    await page.locator(`[data-path="${E213}"]`).evaluate((field) => field.scrollIntoView({ block: 'center' }));
    mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repo, 'test-results/editor-main.png') });
  });

  it('keeps invalid JSON as typed, shows the error and keeps the cases\' scores', async () => {
    await page.click('[data-tab=json]');
    const editor = page.locator('.monaco-editor .view-lines');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('oops ');
    await page.locator('[data-role=json-error]').waitFor();
    expect(await page.locator('[data-role=json-error]').textContent()).toContain('第 1 行');
    expect(await page.locator('[data-role=save-status]').textContent()).toContain('JSON 有语法错误');
    expect(await row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('84');
    expect(await page.locator('[data-role=stale]').count()).toBe(1);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);

    // The forms lock, and nothing typed is lost on the way there and back.
    await page.click('[data-tab=form]');
    expect(await e213().isDisabled()).toBe(true);
    expect(await page.locator('fieldset.form-body [role=alert]').textContent()).toContain('表单暂时锁定');
    await page.click('[data-tab=json]');
    await page.locator('.monaco-editor .view-lines').waitFor();
    expect(await page.locator('.monaco-editor .view-line').first().textContent()).toContain('oops');

    // Fixing the text brings everything back.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'oops '.length; i++) await page.keyboard.press('Delete');
    await page.locator('[data-role=json-ok]').waitFor();
    await page.click('[data-tab=form]');
    expect(await e213().inputValue()).toBe('5');
  });

  it('shows in the JSON view what undo and redo put back after typing there', async () => {
    await page.click('[data-tab=json]');
    await page.locator('.monaco-editor .view-lines').waitFor();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('oops ');
    const firstLine = () => page.locator('.monaco-editor .view-line').first().textContent();
    await expect.poll(firstLine).toContain('oops');
    // Back and forth from the header: each time the text the history holds, though the last one came from typing.
    for (const [action, shown] of [['undo', false], ['redo', true], ['undo', false]] as const) {
      await page.click(`[data-action=${action}]`);
      await expect.poll(async () => (await firstLine())?.includes('oops')).toBe(shown);
    }
    await page.click('[data-tab=form]');
    expect(await e213().inputValue()).toBe('5');
  });

  it('saves, and after a reload the change is there, on disk and in the page', async () => {
    const before = readFileSync(rulesetFile(), 'utf8');
    await page.click('[data-action=save]');
    await page.locator('[data-role=save-report]').waitFor();
    expect(await page.locator('[data-role=save-report]').textContent()).toContain('已保存 enterprise.json');
    const after = JSON.parse(readFileSync(rulesetFile(), 'utf8'));
    expect(after.indicators[1].items[0].clauses[2].points).toBe(-5);
    const history = readdirSync(path.join(editor.rulesets.root, '.history'));
    expect(history.some((n) => n.startsWith('enterprise.') && readFileSync(path.join(editor.rulesets.root, '.history', n), 'utf8') === before)).toBe(true);

    await loadPage();
    expect(await e213().inputValue()).toBe('5');
    expect(await page.locator(`[data-path="${E213}"]`).getAttribute('class')).not.toContain('changed');
    expect(await row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe('84');
    expect(await row(ONE_ACCIDENT).locator('[data-role=delta]').textContent()).toBe('');
    expect(await page.locator('[data-role=save-status]').textContent()).toContain('已保存');
  });

  it('downloads the ruleset as JSON, the way a static build without server saves', async () => {
    await e213().fill('7');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download]')]);
    expect(download.suggestedFilename()).toBe('enterprise.json');
    const text = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(text).indicators[1].items[0].clauses[2].points).toBe(-7);
    await page.click('[data-action=undo]');
    expect(await e213().inputValue()).toBe('5');
  });

  it('refuses to save an invalid ruleset, and the file stays as it was', async () => {
    const before = readFileSync(rulesetFile(), 'utf8');
    await page.locator('[data-path="$.grades[1].min"] input').fill('95');
    expect(await page.locator('[data-path="$.grades[1].min"]').textContent()).toContain('必须低于上一等级 AAA 的 90 分');
    await page.locator('[data-role=ruleset-problems]').waitFor();
    await page.click('[data-action=save]');
    await page.locator('[data-role=save-report]').waitFor();
    expect(await page.locator('[data-role=save-report]').textContent()).toContain('没有保存');
    expect(readFileSync(rulesetFile(), 'utf8')).toBe(before);

    // The server refuses too, with the engine's reasons, should anything send it an invalid ruleset.
    const answer = await page.evaluate(async () => {
      const file = (await (await fetch('/api/file?path=enterprise.json')).json()) as { hash: string; text: string };
      const json = JSON.parse(file.text);
      json.grades[1].min = 95;
      const response = await fetch('/api/file?path=enterprise.json', {
        method: 'PUT',
        body: JSON.stringify(json),
        headers: { 'Content-Type': 'application/json', 'x-credit-rules-editor': '1', 'If-Match': `"${file.hash}"` },
      });
      return { status: response.status, body: (await response.json()) as { error: { code: string; problems: { path: string }[] } } };
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.problems.map((p) => p.path)).toContain('$.grades[1].min');
    expect(readFileSync(rulesetFile(), 'utf8')).toBe(before);

    await page.click('[data-action=undo]');
    await expect.poll(() => page.locator('[data-role=ruleset-problems]').count()).toBe(0);
  });

  it('renders only the case rows in sight, each at its place; scrolling shows the right cases', async () => {
    await editor.load();
    const names = readdirSync(path.join(editor.rulesets.root, 'cases/enterprise')).filter((n) => n.endsWith('.json')).sort().map((n) => `cases/enterprise/${n}`);
    const list = page.locator('[data-role=case-list]');
    expect(await list.getAttribute('data-count')).toBe(String(names.length));
    /** The rows rendered: case, place in the list (from 1), and where the row is laid out in the list's content, in rows. */
    const rendered = () =>
      page.locator('.case-row[data-case]').evaluateAll((rows) => {
        const list = rows[0]!.parentElement!;
        return rows.map((row) => ({ path: row.getAttribute('data-case')!, place: Number(row.getAttribute('aria-posinset')), at: (row.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop) / (row as HTMLElement).offsetHeight }));
      });
    const check = async (): Promise<string[]> => {
      const rows = await rendered();
      for (const row of rows) {
        expect(row.path).toBe(names[row.place - 1]);
        expect(Math.round(row.at)).toBe(row.place - 1);
      }
      return rows.map((r) => r.path);
    };

    const inSight = Math.ceil((await list.evaluate((el) => el.clientHeight)) / 44);
    const top = await check();
    expect(top[0]).toBe(names[0]);
    expect(top.length).toBeGreaterThanOrEqual(inSight);
    expect(top.length).toBeLessThan(inSight + 14); // the rows in sight and a few below, not all 158

    await list.evaluate((el) => void (el.scrollTop = 100 * 44));
    await expect.poll(async () => (await rendered()).some((r) => r.path === names[100])).toBe(true);
    const middle = await check();
    expect(middle).not.toContain(names[0]);
    expect(middle).not.toContain(names.at(-1));

    await list.evaluate((el) => void (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await rendered()).at(-1)?.path).toBe(names.at(-1));
    await check();
    // The list is as tall as every row would make it.
    expect(await list.evaluate((el) => el.scrollHeight)).toBe(names.length * 44);

    // The arrow keys walk past the rows rendered: the next case is scrolled into sight and focused.
    await list.evaluate((el) => void (el.scrollTop = 0));
    await expect.poll(async () => (await rendered())[0]?.path).toBe(names[0]);
    await page.locator(`[data-case="${names[0]}"]`).focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-case'))).toBe(names[30]);
    expect(await page.locator(`[data-case="${names[30]}"]`).isVisible()).toBe(true);
    await check();
  });

  it('re-renders only the rows of the cases an edit changes', async () => {
    await loadPage();
    const texts = () => page.locator('.case-row[data-case]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-case')!, `${r.className}|${r.textContent}`])));
    // The rows in sight settle once fonts and the list's height are final; only then is a change an edit's.
    const inSight = () => page.locator('.case-row[data-case]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')).join());
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await expect.poll(async () => {
      const first = await inSight();
      await page.waitForTimeout(200);
      return first === (await inSight());
    }).toBe(true);
    const before = await texts();
    await page.locator('[data-role=case-list]').evaluate((list) => {
      const touched = new Set<string>();
      new MutationObserver((records) => {
        for (const record of records) {
          const node = record.target instanceof Element ? record.target : record.target.parentElement;
          const row = node?.closest('[data-case]');
          touched.add(row ? row.getAttribute('data-case')! : '(the list)');
        }
      }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as unknown as { touchedRows: Set<string> }).touchedRows = touched;
    });
    // One point more per general accident (the earlier tests saved 5).
    const points = Number(await e213().inputValue());
    const score = Number(await row(ONE_ACCIDENT).locator('[data-role=score]').textContent());
    await e213().fill(String(points + 1));
    await expect.poll(() => row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe(String(score - 1));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const after = await texts();
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]).sort();
    expect(changed).toEqual(expect.arrayContaining([ONE_ACCIDENT, TWO_ACCIDENTS]));
    expect(changed.length).toBeLessThan(Object.keys(after).length);
    const touched = await page.evaluate(() => [...(window as unknown as { touchedRows: Set<string> }).touchedRows].sort());
    expect(touched).toEqual(changed);
    await page.click('[data-action=undo]');
    await expect.poll(() => row(ONE_ACCIDENT).locator('[data-role=score]').textContent()).toBe(String(score));
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
