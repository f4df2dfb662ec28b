/**
 * The registry view in Chromium: the synthetic registry (合成数据) loads and is labelled so, an
 * edit moves its grade distribution (checked against the engine run here on the same records),
 * an entity that changes grade opens with its trace, a CSV registry loads, the compare view
 * shows the same, and the English mode reads English. Screenshots in test-results/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadRuleset, type Ruleset } from '../../engine/index.js';
import { SYNTHETIC_AS_OF, syntheticRegistry } from '../../editor/model/syntheticRegistry.js';
import { SYNTHETIC_COUNT } from '../../editor/stores/registry.js';
import { chromiumAvailable, MISSING_CHROMIUM, openEditor, repo, type EditorSession } from './harness.js';

const available = chromiumAvailable();
if (!available && !process.env.CI) console.warn(MISSING_CHROMIUM);

const FULL = '$.indicators[1].items[0].full';

/** The grade of each synthetic enterprise under a ruleset, by the engine in Node. */
function gradesUnder(json: Ruleset): (string | null)[] {
  const compiled = loadRuleset(json);
  return syntheticRegistry(SYNTHETIC_COUNT).map((record) => evaluate(compiled, record, { asOf: SYNTHETIC_AS_OF, trace: false }).grade);
}

/** The grade distribution of the synthetic registry under a ruleset. */
function distribution(json: Ruleset): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const grade of gradesUnder(json)) counts.set(grade, (counts.get(grade) ?? 0) + 1);
  return counts;
}

describe.skipIf(!available)('the registry view in chromium', { timeout: 240_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  let url: string;
  let rulesets: EditorSession['rulesets'];
  const saved = JSON.parse(readFileSync(path.join(repo, 'rulesets/enterprise.json'), 'utf8')) as Ruleset;

  const cell = (grade: string, column: 'before' | 'after' | 'change') => page.locator(`[data-role=grade-table] tr[data-grade="${grade}"] [data-role=${column}]`);
  async function openRegistry(query = '?ruleset=enterprise.json'): Promise<void> {
    await editor.load(query);
    await page.click('[data-tab=registry]');
    await page.locator('[data-role=registry-summary]').waitFor({ timeout: 60_000 });
  }

  beforeAll(async () => {
    editor = await openEditor({ fixtures: false, warmUp: 'none' });
    ({ page, url, rulesets } = editor);
    // Four cores, whatever this machine has: three workers score the registry, each a part, the first joining them.
    await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 }));
    // Warm up: the first visit makes Vite bundle its dependencies (and may reload the page).
    await openRegistry();
    await page.waitForTimeout(1000);
  }, 240_000);

  afterAll(async () => {
    await editor?.close();
  });

  it('loads the synthetic registry, labelled 合成数据, with the distribution the engine gives', async () => {
    await openRegistry();
    expect(await page.locator('[data-role=synthetic-badge]').textContent()).toBe('合成数据');
    expect(await page.locator('[data-role=registry-source]').textContent()).toContain(`合成数据:${SYNTHETIC_COUNT} 家企业`);
    // The evaluation date as the rulesets write it, not as the browser's locale would (06/30/2021).
    expect(await page.locator('[data-role=registry-asof] input').inputValue()).toBe(SYNTHETIC_AS_OF);
    const expected = distribution(saved);
    for (const grade of ['AAA', 'AA+', 'AA', 'A', 'B']) {
      expect(Number(await cell(grade, 'before').textContent())).toBe(expected.get(grade) ?? 0);
      expect(Number(await cell(grade, 'after').textContent())).toBe(expected.get(grade) ?? 0);
    }
    expect(await page.locator('[data-role=registry-summary]').textContent()).toContain('等级变化 0 家');
    expect(await page.locator('[data-role=registry-unchanged]').count()).toBe(1);
    expect(await page.locator('[data-role=grade-chart] canvas').count()).toBe(1);
    expect(await page.locator('[data-role=histogram-chart] canvas').count()).toBe(1);
  });

  it('an edit moves the distribution as the engine says, and lists the entities that change grade', async () => {
    await page.locator(`[data-path="${FULL}"] input`).fill('19');
    const edited = structuredClone(saved);
    edited.indicators[1]!.items[0]!.full = 19;
    const before = distribution(saved);
    const after = distribution(edited);
    await expect.poll(() => cell('AA', 'after').textContent(), { timeout: 30_000 }).toBe(String(after.get('AA') ?? 0));
    for (const grade of ['AAA', 'AA+', 'AA', 'A', 'B']) {
      expect(Number(await cell(grade, 'before').textContent())).toBe(before.get(grade) ?? 0);
      expect(Number(await cell(grade, 'after').textContent())).toBe(after.get(grade) ?? 0);
    }
    const [gradesBefore, gradesAfter] = [gradesUnder(saved), gradesUnder(edited)];
    const changed = gradesBefore.filter((grade, i) => grade !== gradesAfter[i]).length;
    expect(changed).toBeGreaterThan(0);
    expect(await page.locator('[data-role=registry-summary]').textContent()).toContain(`等级变化 ${changed} 家(降 ${changed} 家,升 0 家)`);
    expect(await page.locator('[data-role=registry-changed] [data-entity]').count()).toBe(Math.min(50, changed));
    // The lead worker says where its time went: the edited ruleset compiled and its part scored (the saved one's scores were kept), the other parts waited for, the summary, within its total.
    const { run, workers, cores } = await page.evaluate(() => {
      type Store = { workerCount: number; lastRun: { workerMs: number; spans: { compile: number; evaluate: number; waiting: number; summary: number } | null } | null };
      const pinia = (globalThis as unknown as { __creditRulesEditor: { pinia: { _s: Map<string, Store> } } }).__creditRulesEditor.pinia;
      const store = pinia._s.get('registry')!;
      return { run: store.lastRun, workers: store.workerCount, cores: navigator.hardwareConcurrency };
    });
    expect([cores, workers]).toEqual([4, 3]);
    expect(run!.spans!.compile).toBeGreaterThan(0);
    expect(run!.spans!.evaluate).toBeGreaterThan(0);
    expect(run!.spans!.waiting).toBeGreaterThanOrEqual(0);
    expect(run!.spans!.compile + run!.spans!.evaluate + run!.spans!.waiting + run!.spans!.summary).toBeCloseTo(run!.workerMs, 1);
  });

  it('a click opens the entity with its trace, the changed line marked with the saved points', async () => {
    const first = page.locator('[data-role=registry-changed] [data-entity]').first();
    const id = await first.getAttribute('data-entity');
    await first.click();
    const detail = page.locator('[data-role=registry-detail]');
    await detail.waitFor();
    expect(await detail.locator('h3').textContent()).toContain(id!);
    expect(await detail.locator('h3 .synthetic').textContent()).toBe('合成数据');
    const line = detail.locator('.trace-line[data-clause="E2.1"]');
    expect(await line.count()).toBeGreaterThan(0);
    expect(await detail.locator('.trace-line.changed').count()).toBeGreaterThan(0);
    expect(await detail.locator('.trace-line.changed .was').first().textContent()).toContain('原');
    mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repo, 'test-results/editor-registry.png') });
  });

  it('undo brings the distribution back; typing on does not wait for the registry', async () => {
    await page.click('[data-action=undo]');
    await expect.poll(() => page.locator('[data-role=registry-summary]').textContent(), { timeout: 30_000 }).toContain('等级变化 0 家');
    // Five edits in one go: the page answers each at once, and the registry ends on the last.
    const timings = await page.evaluate((path) => {
      const input = document.querySelector<HTMLInputElement>(`[data-path="${path}"] input`)!;
      const out: number[] = [];
      for (const value of ['19', '18.5', '19.5', '18', '19']) {
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(performance.now() - t0);
      }
      return out;
    }, FULL);
    expect(timings).toHaveLength(5);
    const edited = structuredClone(saved);
    edited.indicators[1]!.items[0]!.full = 19;
    await expect.poll(() => cell('AA', 'after').textContent(), { timeout: 30_000 }).toBe(String(distribution(edited).get('AA') ?? 0));
    await page.click('[data-action=undo]');
  });

  it('loads a CSV registry (one row per entity, project or event) and scores it', async () => {
    const csv = [
      'row,entity,name,landscapingScope,licenceValidUntil,project,permitDate,completionDate,contractAmount,type,date,severity,award',
      'entity,CSV-1,甲园林公司,true,2030-12-31,,,,,,,,',
      'project,CSV-1,,,,P1,2020-03-01,2020-12-01,3000000,,,,',
      'event,CSV-1,,,,P1,,,,qualityAccident,2020-06-01,general,',
      'entity,CSV-2,乙园林公司,true,2030-12-31,,,,,,,,',
      'event,CSV-2,,,,,,,,qualityAward,2021-01-10,,city',
      'event,CSV-3,,,,,,,,qualityAccident,not-a-date,general,',
    ].join('\n');
    const file = path.join(rulesets.root, '..', 'registry.csv');
    writeFileSync(file, `\uFEFF${csv}\n`);
    await page.locator('[data-role=registry-file]').setInputFiles(file);
    await expect.poll(() => page.locator('[data-role=registry-source]').textContent()).toBe('文件 registry.csv:3 家');
    expect(await page.locator('[data-role=synthetic-badge]').count()).toBe(0);
    await page.locator('[data-role=registry-invalid]').waitFor();
    expect(await page.locator('[data-role=registry-invalid]').textContent()).toContain('CSV-3');
    const compiled = loadRuleset(saved);
    const grades = ['CSV-1', 'CSV-2'].map((id) => {
      const record = id === 'CSV-1'
        ? { id, kind: 'enterprise' as const, name: '甲园林公司', licence: { landscapingScope: true, validUntil: '2030-12-31' }, projects: [{ id: 'P1', permitDate: '2020-03-01', completionDate: '2020-12-01', contractAmount: 3000000 }], events: [{ type: 'qualityAccident', date: '2020-06-01', project: 'P1', severity: 'general' }] }
        : { id, kind: 'enterprise' as const, name: '乙园林公司', licence: { landscapingScope: true, validUntil: '2030-12-31' }, projects: [], events: [{ type: 'qualityAward', date: '2021-01-10', award: 'city' }] };
      return evaluate(compiled, record as never, { asOf: SYNTHETIC_AS_OF, trace: false }).grade;
    });
    const total = (grade: string) => grades.filter((g) => g === grade).length;
    for (const grade of ['AA', 'A']) expect(Number(await cell(grade, 'after').textContent())).toBe(total(grade));
    await page.click('[data-action=registry-synthetic]');
    await expect.poll(() => page.locator('[data-role=synthetic-badge]').count()).toBe(1);
  });

  it('shows the same in the compare view, between the saved version and the N4 draft', async () => {
    await page.goto(`${url}?ruleset=enterprise.json&view=compare&old=enterprise.json&new=${encodeURIComponent('enterprise-versions/enterprise-n4.json')}`);
    const panel = page.locator('.compare-registry [data-role=registry]');
    await panel.locator('[data-role=registry-summary]').waitFor({ timeout: 60_000 });
    const n4 = JSON.parse(readFileSync(path.join(repo, 'rulesets/enterprise-versions/enterprise-n4.json'), 'utf8')) as Ruleset;
    const after = distribution(n4);
    await expect.poll(() => panel.locator('[data-role=grade-table] tr[data-grade="AA"] [data-role=after]').textContent(), { timeout: 30_000 }).toBe(String(after.get('AA') ?? 0));
    expect(await panel.locator('[data-role=synthetic-badge]').textContent()).toBe('合成数据');
    expect(await panel.locator('[data-role=grade-table] thead').textContent()).toContain('enterprise-n4.json');
  });

  it('reads English in the English mode', async () => {
    await openRegistry();
    await page.click('button:text-is("EN")');
    await expect.poll(() => page.locator('[data-role=synthetic-badge]').textContent()).toBe('Synthetic data');
    expect(await page.locator('[data-role=registry-asof] input').inputValue()).toBe(SYNTHETIC_AS_OF);
    await page.locator(`[data-path="${FULL}"] input`).fill('19');
    await expect.poll(() => page.locator('[data-role=registry-summary]').textContent(), { timeout: 30_000 }).toMatch(/grades changed \(\d+ down, 0 up\)/);
    await page.locator('[data-role=registry-changed] [data-entity]').first().click();
    await page.locator('[data-role=registry-detail]').waitFor();
    await page.screenshot({ path: path.join(repo, 'test-results/editor-registry-en.png') });
    await page.click('button:text-is("中文")');
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
