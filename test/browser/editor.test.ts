/**
 * The editor in a real browser: load, change E2.1.3 and watch the cases move, undo, break the
 * JSON, save and reload, be refused an invalid save, time the recomputation, and a screenshot.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBenchRuleset, chromiumAvailable, copyRulesets, launchChromium, MISSING_CHROMIUM, repo, startEditor } from './harness.js';

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
const BENCH_CASES = 50;

describe.skipIf(!available)('the editor in chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  let server: ViteDevServer;
  let url: string;
  let rulesets: ReturnType<typeof copyRulesets>;
  const rulesetFile = (): string => path.join(rulesets.root, 'enterprise.json');

  const row = (casePath: string) => page.locator(`[data-case="${casePath}"]`);
  const e213 = () => page.locator(`[data-path="${E213}"] input`);
  async function loadPage(query = ''): Promise<void> {
    await page.goto(`${url}${query}`);
    await page.locator('.case-row').first().waitFor({ timeout: 90_000 });
  }

  beforeAll(async () => {
    rulesets = copyRulesets();
    addBenchRuleset(rulesets.root, BENCH_CASES);
    ({ url, server } = await startEditor(rulesets.root));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    // Warm up: the first visit makes Vite bundle Vue and Monaco; a reload then starts clean.
    await loadPage();
    await page.click('[data-tab=json]');
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 90_000 });
    await page.waitForTimeout(1000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rulesets?.remove();
  });

  it('loads the page with the ruleset as forms and every case scored', async () => {
    await loadPage();
    const caseFiles = readdirSync(path.join(rulesets.root, 'cases/enterprise')).filter((n) => n.endsWith('.json'));
    await expect.poll(() => page.locator('.case-row').count()).toBe(caseFiles.length);
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

  it('saves, and after a reload the change is there, on disk and in the page', async () => {
    const before = readFileSync(rulesetFile(), 'utf8');
    await page.click('[data-action=save]');
    await page.locator('[data-role=save-report]').waitFor();
    expect(await page.locator('[data-role=save-report]').textContent()).toContain('已保存 enterprise.json');
    const after = JSON.parse(readFileSync(rulesetFile(), 'utf8'));
    expect(after.indicators[1].items[0].clauses[2].points).toBe(-5);
    const history = readdirSync(path.join(rulesets.root, '.history'));
    expect(history.some((n) => n.startsWith('enterprise.') && readFileSync(path.join(rulesets.root, '.history', n), 'utf8') === before)).toBe(true);

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

  it(`recomputes and repaints ${BENCH_CASES} cases on a form edit, its time printed`, async () => {
    const measure = async (): Promise<{ cases: number; work: number[]; frame: number[]; shown: string[] }> =>
      page.evaluate(async (path) => {
        const input = document.querySelector<HTMLInputElement>(`[data-path="${path}"] input`)!;
        const macrotask = (): Promise<void> =>
          new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            channel.port2.postMessage(null);
          });
        const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
        const work: number[] = [];
        const frames: number[] = [];
        const shown: string[] = [];
        for (let i = 0; i < 24; i++) {
          await frame();
          await macrotask();
          const t0 = performance.now();
          input.value = i % 2 === 0 ? '6' : '5';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await macrotask(); // Vue has patched the DOM
          document.body.getBoundingClientRect(); // and the browser has laid it out
          work.push(performance.now() - t0);
          if (i < 2) shown.push([...document.querySelectorAll('.case-row')].map((row) => row.textContent).join('|'));
          await frame();
          await macrotask(); // the frame with the change has been painted
          frames.push(performance.now() - t0);
        }
        return { cases: document.querySelectorAll('.case-row').length, work: work.slice(4), frame: frames.slice(4), shown };
      }, E213);
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]! };
    };
    const fmt = (s: { median: number; p90: number; max: number }) => `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

    // The machine may be busy with other work: three rounds, each printed; the best shows what the editor costs.
    await loadPage('?ruleset=bench.json');
    await expect.poll(() => page.locator('.case-row').count()).toBe(BENCH_CASES);
    const rounds: { work: ReturnType<typeof stats>; frame: ReturnType<typeof stats>; cases: number }[] = [];
    for (let round = 1; round <= 3; round++) {
      const bench = await measure();
      const work = stats(bench.work);
      const frame = stats(bench.frame);
      rounds.push({ work, frame, cases: bench.cases });
      console.log(`[bench] round ${round}, ${bench.cases} cases, edit → recomputed, patched and laid out: ${fmt(work)}`);
      console.log(`[bench] round ${round}, ${bench.cases} cases, edit → next frame painted (includes waiting for vsync): ${fmt(frame)}`);
    }
    console.log(`[bench] load average while measuring: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);

    await loadPage('?ruleset=enterprise.json');
    const all = await measure();
    console.log(`[bench] ${all.cases} cases (all of enterprise), edit → recomputed, patched and laid out: ${fmt(stats(all.work))}`);

    // What is asserted is the behaviour: every case row is there and an edit repaints the scores
    // before the next frame. How long it takes is measured, not asserted (a shared machine makes a
    // timed assertion flaky): the figures above are printed for the record.
    expect(rounds.map((r) => r.cases)).toEqual([BENCH_CASES, BENCH_CASES, BENCH_CASES]);
    expect(all.shown[0]).not.toBe(all.shown[1]);
  });
});
