/**
 * The compare view and the provisional (暂定) marks in a real browser: enterprise.json against
 * the N4 honours reading, as `credit-rules diff` reports it; project-lead.json with every
 * provisional number marked and the "provisional only" filter. Screenshots of both.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseImpact, loadRuleset, type SampleCase } from '../../engine/index.js';
import { pathKey } from '../../editor/model/paths.js';
import { chromiumAvailable, openEditor, repo, type EditorSession } from './harness.js';

const N4 = 'enterprise-versions/enterprise-n4.json';

/** Every provisional field of a ruleset, as the JSON path of its value, read straight from the file. */
function provisionalPaths(document: unknown, at: (string | number)[] = [], out: string[] = []): string[] {
  if (Array.isArray(document)) document.forEach((v, i) => provisionalPaths(v, [...at, i], out));
  else if (document !== null && typeof document === 'object') {
    const { provisional, ...rest } = document as { provisional?: { fields: string[] } } & Record<string, unknown>;
    for (const field of provisional?.fields ?? []) out.push(pathKey([...at, ...field.split('.')]));
    for (const [key, value] of Object.entries(rest)) provisionalPaths(value, [...at, key], out);
  }
  return out;
}

describe.skipIf(!chromiumAvailable())('compare view and provisional numbers in chromium', { timeout: 180_000 }, () => {
  let editor: EditorSession;
  let page: Page;
  let url: string;
  let rulesets: EditorSession['rulesets'];

  beforeAll(async () => {
    // The repository's cases only, so that the comparison is the one `credit-rules diff` prints.
    editor = await openEditor({ fixtures: false });
    ({ page, url, rulesets } = editor);
  }, 180_000);

  afterAll(async () => {
    await editor?.close();
  });

  it('compares enterprise.json with the N4 reading: the policy changes, the 13 moved cases, AAA → AA+ and AA+ → AA, two traces and the JSON diff', async () => {
    // What the engine says on the cases the editor shows (those of `credit-rules diff … --cases rulesets/cases/enterprise`).
    const dir = path.join(rulesets.root, 'cases/enterprise');
    const cases = readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => ({ path: `cases/enterprise/${n}`, case: JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as SampleCase }));
    const older = loadRuleset(JSON.parse(readFileSync(path.join(rulesets.root, 'enterprise.json'), 'utf8')));
    const newer = loadRuleset(JSON.parse(readFileSync(path.join(rulesets.root, N4), 'utf8')));
    const impact = caseImpact(older, newer, cases.map((c) => ({ record: c.case.record, asOf: c.case.asOf, source: c.path })));
    const moved = impact.rows.filter((r) => r.scoreChanged || r.gradeChanged).map((r) => r.id);
    expect(moved).toHaveLength(13);
    expect(new Set(moved)).toEqual(new Set(['C103', 'C148', 'C055', 'C138', 'C144', 'C145', 'C053', 'C054', 'C056', 'C137', 'C139', 'C140', 'C154']));

    await editor.load('?ruleset=enterprise.json');
    await page.click('[data-mode=compare]');
    await page.selectOption('[data-role=compare-old]', 'enterprise.json');
    await page.selectOption('[data-role=compare-new]', N4);

    const changes = page.locator('[data-role=policy-changes] .policy-change');
    await expect.poll(() => changes.count(), { timeout: 30_000 }).toBe(3);
    expect(await page.locator('.policy-change[data-clause="E4.1"] [data-role=change-text]').textContent()).toBe('期限 24 个月 → 12 个月');
    expect(await page.locator('.policy-change[data-clause="E4.2"] [data-role=change-text]').textContent()).toBe('期限 36 个月 → 12 个月');
    expect(await page.locator('.policy-change[data-clause="INT-3"]').count()).toBe(1);

    const rows = page.locator('.impact-row');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')))).toEqual(moved);
    expect(await page.locator('[data-role=impact-summary]').textContent()).toContain('得分或等级变化 13 个');
    expect(await page.locator('.impact-row.regraded').evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')))).toEqual(['C103', 'C148']);
    const regraded = page.locator('.impact-row.regraded').first();
    expect(await regraded.locator('.grade-change.down').textContent()).toBe('AAA → AA+');
    expect((await page.locator('[data-role=transition]').allTextContents()).map((s) => s.trim())).toEqual(['AAA → AA+ 1 个', 'AA+ → AA 1 个']);

    // The case's two traces side by side: the honours line counted under the old version only;
    // under the new one, it says the honour's window is over.
    await regraded.click();
    const traces = page.locator('[data-role=compare-traces]');
    await traces.waitFor();
    expect(await traces.locator('[data-side=old] .trace-side-title').textContent()).toContain('90');
    expect(await traces.locator('[data-side=new] .trace-side-title').textContent()).toContain('88');
    expect(await traces.locator('[data-side=old] .trace-line.changed[data-clause^="E4"]').count()).toBeGreaterThan(0);
    expect(await traces.locator('[data-side=new] .trace-line.changed[data-clause^="E4"]:not(.kind-lapsed)').count()).toBe(0);
    expect(await traces.locator('[data-side=new] .trace-line.kind-lapsed[data-clause^="E4"]').first().textContent()).toContain('有效期已过');

    // Monaco's diff of the two texts, loaded on demand.
    await page.locator('[data-role=monaco-diff] .monaco-diff-editor').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('[data-role=json-diff-count]').count(), { timeout: 30_000 }).toBe(1);
    expect(Number(/\d+/.exec((await page.locator('[data-role=json-diff-count]').textContent()) ?? '')?.[0])).toBeGreaterThan(0);

    mkdirSync(path.join(repo, 'test-results'), { recursive: true });
    await page.locator('[data-role=compare-view]').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: path.join(repo, 'test-results/editor-compare.png') });
  });

  it('compares the saved version with the current edits', async () => {
    await page.click('[data-mode=edit]');
    await page.locator('[data-path="$.indicators[1].items[0].clauses[2].points"] input').fill('5');
    await page.click('[data-mode=compare]');
    await page.selectOption('[data-role=compare-old]', ':saved');
    await page.selectOption('[data-role=compare-new]', ':draft');
    await expect.poll(() => page.locator('[data-role=policy-changes] .policy-change').count()).toBe(1);
    expect(await page.locator('.policy-change[data-clause="E2.1.3"] [data-role=change-text]').textContent()).toBe('每次扣 4 分 → 5 分');
    await page.click('[data-mode=edit]');
    await page.click('[data-action=undo]');
  });

  it('shows every ruleset\'s status in the header', async () => {
    await page.goto(`${url}?ruleset=enterprise.json`);
    await page.locator('[data-role=status-label]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-role=status-label]').textContent()).toBe('正式');
    expect(await page.locator('[data-role=ruleset-status]').textContent()).toContain('2021-02-19 起施行');
    await page.goto(`${url}?ruleset=${N4}`);
    await expect.poll(() => page.locator('[data-role=status-label]').textContent(), { timeout: 90_000 }).toBe('草案');
  });

  it('marks every provisional number of project-lead.json 暂定, with its note, and filters to them', async () => {
    const document = JSON.parse(readFileSync(path.join(rulesets.root, 'project-lead.json'), 'utf8')) as { version: string; effectiveFrom: string };
    const expected = provisionalPaths(document).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(expected).toContain('$.baseRule.lookbackMonths');
    expect(expected).toContain('$.indicators[1].items[0].clauses[0].window.months');
    expect(expected).toContain('$.parameters.awardsScoredFrom.value');

    await page.goto(`${url}?ruleset=project-lead.json`);
    await page.locator('[data-indicator]').first().waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-role=status-label]').textContent()).toBe('暂定');
    const header = await page.locator('[data-role=ruleset-status]').textContent();
    expect(header).toContain(document.version);
    expect(header).toContain(document.effectiveFrom);

    const marked = async (): Promise<string[]> => (await page.locator('[data-role=provisional]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''))).sort();
    expect(await marked()).toEqual(expected);
    expect(await page.locator('[data-role=provisional]').first().textContent()).toContain('暂定');

    await page.check('[data-role=provisional-filter]');
    await page.locator('[data-role=provisional-banner]').waitFor();
    expect(await marked()).toEqual(expected);
    // Nothing without a provisional number is left but dimmed context: no grade lines, no downgrades.
    expect(await page.locator('#section-grades').count()).toBe(0);
    expect(await page.locator('#section-downgrades').count()).toBe(0);
    const unmarked = await page.locator('.number-field:not(.filtered-out)').evaluateAll((els) => els.filter((e) => !e.querySelector('[data-role=provisional]')).length);
    expect(unmarked).toBe(0);

    // The note, on click.
    const base = page.locator('[data-path="$.baseRule.lookbackMonths"] [data-role=provisional]');
    await base.locator('summary').click();
    expect(await base.locator('.provisional-popover').textContent()).toContain('按企业计分表备注2');
    await base.locator('summary').click();

    // As a policy officer opens it: the header, the filter, the first provisional numbers, one note open.
    await page.locator('.form-body').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('[data-path="$.indicators[0].items[0].full"] [data-role=provisional] summary').click();
    await page.screenshot({ path: path.join(repo, 'test-results/editor-provisional.png') });
  });

  it('shows no error in the console through all of the above', () => {
    expect(editor.errors).toEqual([]);
  });
});
