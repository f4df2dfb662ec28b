/**
 * An edit updates only the components whose values it changes: counted in chromium through
 * Vue's devtools hook (a stand-in installed before the app starts), which Vue tells of every
 * component it updates.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openEditor, type EditorSession } from './harness.js';

const available = chromiumAvailable();

/** Counts each component Vue updates, by name and, for a field, by its path. */
const HOOK = `
window.__componentUpdates = [];
window.__VUE_DEVTOOLS_GLOBAL_HOOK__ = {
  enabled: true, apps: [], appRecords: [], on() {}, once() {}, off() {},
  emit(event, ...args) {
    if (event !== 'component:updated') return;
    const component = args[3];
    const name = component ? component.type.__name || component.type.name || '?' : '?';
    const path = component && component.props && Array.isArray(component.props.path) ? component.props.path.join('.') : null;
    window.__componentUpdates.push(path ? name + ' ' + path : name);
  },
};`;

const FULL = '$.indicators[1].items[0].full';
const GRADE_LINE = '$.grades[1].min';
const E214 = '$.indicators[1].items[0].clauses[3].points';

describe.skipIf(!available)('what an edit updates', { timeout: 180_000 }, () => {
  let editor: EditorSession;
  let page: Page;

  beforeAll(async () => {
    editor = await openEditor({ fixtures: false, initScript: HOOK });
    page = editor.page;
    await editor.load('?ruleset=enterprise.json');
    await page.click('[data-tab=form]');
    await page.locator('[data-indicator]').first().waitFor();
  }, 180_000);

  afterAll(async () => {
    await editor?.close();
  });

  /** Types `value` into the field at `path` and returns the components updated, sorted, once the page has settled. */
  async function updatesOf(path: string, value: string): Promise<string[]> {
    const before = await page.locator('[data-role=summary]').textContent();
    await page.evaluate(() => void ((window as unknown as { __componentUpdates: string[] }).__componentUpdates = []));
    await page.locator(`[data-path="${path}"] input`).fill(value);
    await expect.poll(() => page.locator('[data-role=summary]').textContent()).not.toBe(before);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return page.evaluate(() => [...(window as unknown as { __componentUpdates: string[] }).__componentUpdates].sort());
  }

  it("updates, for E2.1's full score, its item, the cases that moved and the summaries, and no other part of the form", async () => {
    const updated = await updatesOf(FULL, '19');
    const names = new Set(updated.map((u) => u.split(' ')[0]));
    // The edited item's card and fields, in its indicator's section.
    expect(updated.filter((u) => u.startsWith('ItemCard'))).toEqual(['ItemCard']);
    expect(updated.filter((u) => u.startsWith('IndicatorSection'))).toEqual(['IndicatorSection']);
    // Of its fields, the one edited: the others keep their props (the same path array, the same checks).
    expect(updated.filter((u) => u.startsWith('NumberField'))).toEqual(['NumberField indicators.1.items.0.full']);
    // The cases that moved, in the rows in sight only.
    const rows = updated.filter((u) => u === 'CaseListRow').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(await page.locator('.case-row[data-case]').count());
    // Nothing else of the form: parameters, grades, downgrades, readings, the search, other items and their fields.
    for (const untouched of ['ParametersSection', 'GradesSection', 'DowngradesSection', 'ReadingsSection', 'ClauseSearch', 'TextField', 'ListField', 'ClauseRow', 'RulesetInfo', 'RulesetPicker'])
      expect(names.has(untouched), `${untouched} updated: ${updated.join(', ')}`).toBe(false);
  });

  it('updates, for a grade line, the grades and the cases whose grade moved, and no item of the table', async () => {
    const updated = await updatesOf(GRADE_LINE, '86');
    const names = new Set(updated.map((u) => u.split(' ')[0]));
    // The line edited, not the other lines or the downgrade floors beside them.
    expect(updated.filter((u) => u.startsWith('NumberField'))).toEqual(['NumberField grades.1.min']);
    for (const untouched of ['ItemCard', 'IndicatorSection', 'ParametersSection', 'ClauseSearch', 'TextField', 'ListField', 'ClauseRow', 'RulesetInfo', 'RulesetPicker'])
      expect(names.has(untouched), `${untouched} updated: ${updated.join(', ')}`).toBe(false);
  });

  it('updates, for an edit that moves only cases out of sight, the counts and not the case list', async () => {
    await page.locator(`[data-path="${FULL}"] input`).fill('20');
    await page.locator('[data-role=case-list]').evaluate((list) => void (list.scrollTop = 0));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // E2.1.4 at 9 moves cases 023 and 157: neither is among the rows rendered at the top of the list.
    const rendered = await page.locator('.case-row[data-case]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case')));
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.some((path) => /\/(023|157)-/.test(path ?? ''))).toBe(false);
    const updated = await updatesOf(E214, '9');
    expect(updated).toContain('CasesSummary');
    expect(updated).toContain(`NumberField ${E214.slice(2).replace(/\[(\d+)\]/g, '.$1')}`);
    for (const untouched of ['CasesPanel', 'CaseListRow', 'GradesSection', 'ClauseSearch'])
      expect(updated, `${untouched} updated`).not.toContain(untouched);
    await page.locator('[data-role=case-list]').evaluate((list) => void (list.scrollTop = list.scrollHeight));
    await expect.poll(() => page.locator('[data-case$="157-larger-accidents-5y-both-edges.json"] [data-role=delta]').textContent()).toBe('▼1');
  });

  it("scores the rows in sight in the edit's own task, and the other cases with the counts in the task after", async () => {
    await page.locator('[data-role=case-list]').evaluate((list) => void (list.scrollTop = 0));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const seen = await page.evaluate(async (path) => {
      const summary = document.querySelector('[data-role=summary]')!;
      const scores = () => [...document.querySelectorAll('.case-row[data-case] [data-role=score]')].map((s) => s.textContent).join();
      const counts = summary.textContent;
      const rows = scores();
      const input = document.querySelector<HTMLInputElement>(`[data-path="${path}"] input`)!;
      input.value = '18';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (let i = 0; i < 5; i++) await Promise.resolve(); // Vue's update, still in the edit's task
      const inTask = { busy: summary.getAttribute('aria-busy'), countsSame: summary.textContent === counts, rowsMoved: scores() !== rows };
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { inTask, after: { busy: summary.getAttribute('aria-busy'), countsSame: summary.textContent === counts } };
    }, FULL);
    expect(seen.inTask).toEqual({ busy: 'true', countsSame: true, rowsMoved: true });
    expect(seen.after).toEqual({ busy: 'false', countsSame: false });
    // The counts then are those of every case scored at once.
    const counts = await page.evaluate(() => {
      const store = (globalThis as unknown as { __creditRulesEditor: { pinia: { _s: Map<string, { summary: object; counts: object }> } } }).__creditRulesEditor.pinia._s.get('results')!;
      return { summary: JSON.stringify(store.summary), counts: JSON.stringify(store.counts) };
    });
    expect(counts.counts).toBe(counts.summary);
  });

  it('shows no error in the console', () => {
    expect(editor.errors).toEqual([]);
  });
});
