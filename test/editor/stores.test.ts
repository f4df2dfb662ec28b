/** The editor's stores: draft and saved ruleset, cases, live results, undo/redo, saving. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { SampleCase } from '../../engine/index.js';
import { getIn } from '../../editor/model/paths.js';
import { useCasesStore } from '../../editor/stores/cases.js';
import { useHistoryStore } from '../../editor/stores/history.js';
import { evaluateCase, expectedFrom, useResultsStore } from '../../editor/stores/results.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { useWorkspaceStore } from '../../editor/stores/workspace.js';
import { BASELINE, E213_POINTS, fixtureCases, MemorySource, ONE_ACCIDENT, repo, rulesetText, TWO_ACCIDENTS, sha } from './support.js';

let source: MemorySource;

async function openEditor(files?: Record<string, string>) {
  setActivePinia(createPinia());
  source = new MemorySource(files);
  const workspace = useWorkspaceStore();
  workspace.useSource(source);
  await workspace.connect();
  await workspace.open('enterprise.json');
  return { workspace, ruleset: useRulesetStore(), cases: useCasesStore(), results: useResultsStore(), history: useHistoryStore() };
}

const row = (path: string) => useResultsStore().rows.find((r) => r.path === path)!;
const score = (path: string) => {
  const current = row(path).current;
  return current?.ok ? current.result.score : undefined;
};
const grade = (path: string) => {
  const current = row(path).current;
  return current?.ok ? current.result.grade : undefined;
};

describe('opening a ruleset', () => {
  it('loads the ruleset and its cases, and every case meets its expected result', async () => {
    const { ruleset, results } = await openEditor();
    expect(ruleset.file).toBe('enterprise.json');
    expect(ruleset.status).toBe('valid');
    expect(ruleset.dirty).toBe(false);
    expect(results.rows.map((r) => r.path)).toEqual([BASELINE, ONE_ACCIDENT, TWO_ACCIDENTS]);
    expect(results.rows.map((r) => r.differences)).toEqual([[], [], []]);
    expect(results.summary).toEqual({ total: 3, moved: 0, held: 0, regraded: 0, failing: 0, errors: 0 });
  });
});

describe('editing the ruleset', () => {
  beforeEach(async () => {
    await openEditor();
  });

  it("shows the counts of an edit in the task after it, marked busy meanwhile, and each case's row as `rows` has it", async () => {
    const ruleset = useRulesetStore();
    const results = useResultsStore();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(results.settling).toBe(false);
    expect(results.counts).toEqual({ total: 3, moved: 0, held: 0, regraded: 0, failing: 0, errors: 0 });
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    // The edit's own task: the counts are those before it, and say so.
    expect(results.settling).toBe(true);
    expect(results.counts).toMatchObject({ moved: 0, regraded: 0, failing: 0 });
    // A row scored on its own is the row of the whole list.
    const one = useCasesStore().byPath.get(ONE_ACCIDENT)!;
    expect(results.rowOf(one)).toEqual(row(ONE_ACCIDENT));
    expect(results.rowOf(one).delta).toBe(-1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(results.settling).toBe(false);
    expect(results.counts).toEqual(results.summary);
    expect(results.counts).toMatchObject({ moved: 2, regraded: 1, failing: 2 });
  });

  it('recomputes every case: E2.1.3 from 4 to 5 points costs 1 per accident and moves AA+ to AA', () => {
    const ruleset = useRulesetStore();
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    expect(ruleset.status).toBe('valid');
    expect(ruleset.dirty).toBe(true);
    expect([...ruleset.changed]).toEqual(['$.indicators[1].items[0].clauses[2].points']);
    expect(row(ONE_ACCIDENT).delta).toBe(-1);
    expect(score(ONE_ACCIDENT)).toBe(84);
    expect(grade(ONE_ACCIDENT)).toBe('AA');
    expect(row(ONE_ACCIDENT).gradeChanged).toBe(true);
    expect(row(TWO_ACCIDENTS).delta).toBe(-2);
    expect(row(TWO_ACCIDENTS).gradeChanged).toBe(false);
    expect(row(BASELINE).delta).toBe(0);
    expect(useResultsStore().summary).toMatchObject({ moved: 2, regraded: 1, failing: 2 });
  });

  it('keeps the last valid results while the draft is invalid, and shows where', () => {
    const ruleset = useRulesetStore();
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    const compiled = ruleset.compiled;
    ruleset.setValue(['indicators', 1, 'items', 0, 'cap'], -1, 'cap');
    expect(ruleset.status).toBe('invalid');
    expect(ruleset.compiled).toBe(compiled);
    expect(ruleset.problemsAt(['indicators', 1, 'items', 0, 'cap'])).toHaveLength(1);
    expect(score(ONE_ACCIDENT)).toBe(84);

    ruleset.setValue(['indicators', 1, 'items', 0, 'cap'], 20, 'cap');
    ruleset.setValue(['grades', 1, 'min'], 95, 'AA+');
    expect(ruleset.status).toBe('invalid');
    expect(ruleset.problemsAt(['grades', 1, 'min'])?.[0]?.message).toMatch(/not below AAA/);
  });

  it('keeps JSON that does not parse as typed, away from the engine and the forms', () => {
    const ruleset = useRulesetStore();
    const draft = ruleset.draft;
    const broken = ruleset.jsonText.replace('"version": "2021.1"', '"version": 2021.1.1');
    ruleset.setJsonText(broken, 'json');
    expect(ruleset.status).toBe('unparsable');
    expect(ruleset.syntaxError?.line).toBeGreaterThan(1);
    expect(ruleset.jsonText).toBe(broken);
    expect(ruleset.draft).toBe(draft);
    expect(score(ONE_ACCIDENT)).toBe(85);
    expect(ruleset.setValue(E213_POINTS, -5, 'E2.1.3')).toBe(false);
    expect(ruleset.dirty).toBe(true);
  });

  it('takes valid JSON from the JSON view, keeping its formatting', () => {
    const ruleset = useRulesetStore();
    const text = ruleset.jsonText.replace(/"points": -4\b/, '"points":   -5');
    ruleset.setJsonText(text, 'json');
    expect(ruleset.status).toBe('valid');
    expect(ruleset.jsonText).toBe(text);
    expect(score(ONE_ACCIDENT)).toBe(84);
    expect(ruleset.textToSave()).toBe(text);
  });
});

describe('undo and redo', () => {
  beforeEach(async () => {
    await openEditor();
  });

  it('undoes and redoes form edits, one step per field typed in quick succession', () => {
    const ruleset = useRulesetStore();
    const history = useHistoryStore();
    ruleset.setValue(E213_POINTS, -1, 'E2.1.3: 1');
    ruleset.setValue(E213_POINTS, -12, 'E2.1.3: 12');
    ruleset.setValue(['grades', 1, 'min'], 86, 'AA+: 86');
    expect(history.past).toHaveLength(2);
    expect(history.undoLabel).toBe('AA+: 86');
    history.undo();
    expect(getIn(ruleset.draft, ['grades', 1, 'min'])).toBe(85);
    expect(getIn(ruleset.draft, E213_POINTS)).toBe(-12);
    history.undo();
    expect(ruleset.dirty).toBe(false);
    expect(score(ONE_ACCIDENT)).toBe(85);
    history.redo();
    expect(getIn(ruleset.draft, E213_POINTS)).toBe(-12);
    expect(history.canRedo).toBe(true);
  });

  it('undoes broken JSON back to the last document and redoes it as typed', () => {
    const ruleset = useRulesetStore();
    const history = useHistoryStore();
    ruleset.setJsonText('{ "id": ', 'json');
    expect(ruleset.status).toBe('unparsable');
    history.undo();
    expect(ruleset.status).toBe('valid');
    expect(ruleset.dirty).toBe(false);
    history.redo();
    expect(ruleset.jsonText).toBe('{ "id": ');
    expect(ruleset.status).toBe('unparsable');
  });

  it('reverts to saved as one undoable step, cases included', () => {
    const ruleset = useRulesetStore();
    const cases = useCasesStore();
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    cases.setValue(BASELINE, ['name'], '改名', 'name');
    ruleset.revert('revert');
    cases.revert('revert');
    expect(ruleset.dirty).toBe(false);
    expect(cases.dirty).toBe(false);
    useHistoryStore().undo();
    expect(cases.dirty).toBe(true);
  });
});

describe('cases', () => {
  beforeEach(async () => {
    await openEditor();
  });

  it('adds, edits and removes cases, and tracks what changed', () => {
    const cases = useCasesStore();
    const template = cases.byPath.get(BASELINE)!.case;
    const added = cases.add({ ...template, name: '复制' }, 'add');
    expect(added).toBe('cases/enterprise/001-editor-case.json');
    cases.setValue(BASELINE, ['record', 'events'], [{ id: 'ev1', type: 'qualityAccident', date: '2021-01-05', severity: 'general', project: 'P1' }], 'event');
    expect(score(BASELINE)).toBe(76);
    expect(row(BASELINE).differences).toEqual([
      { field: 'score', actual: '76', expected: '80' },
      { field: 'grade', actual: 'A', expected: 'AA' },
      { field: 'E2', actual: '16', expected: '20' },
    ]);
    cases.remove(TWO_ACCIDENTS, 'remove');
    expect([...cases.changed].sort()).toEqual([added, BASELINE].sort());
    expect(cases.removed).toEqual([TWO_ACCIDENTS]);
  });

  it('saves the current result as expected', () => {
    const cases = useCasesStore();
    const ruleset = useRulesetStore();
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    const current = row(ONE_ACCIDENT).current!;
    if (!current.ok) throw new Error('case should evaluate');
    const draft = cases.byPath.get(ONE_ACCIDENT)!.case;
    cases.setCase(ONE_ACCIDENT, { ...draft, expected: expectedFrom(current.result, draft.expected) } as SampleCase, 'expected');
    expect(row(ONE_ACCIDENT).differences).toEqual([]);
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.expected).toMatchObject({ score: 84, grade: 'AA', indicators: { E2: 21 } });
  });

  it('reports a record the engine refuses as an error of that case only', () => {
    const cases = useCasesStore();
    cases.setValue(BASELINE, ['record', 'events'], [{ type: 'qualityAccident', date: '2021-01-05', project: 'P9' }], 'event');
    const current = row(BASELINE).current!;
    expect(current.ok).toBe(false);
    expect(useResultsStore().summary.errors).toBe(1);
    expect(score(ONE_ACCIDENT)).toBe(85);
  });
});

describe('saving', () => {
  it('writes the ruleset and the changed cases with the hashes they were opened with', async () => {
    const { workspace, ruleset, cases } = await openEditor();
    const openedHash = ruleset.savedHash;
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    cases.setValue(BASELINE, ['name'], '改名的案例', 'name');
    const report = await workspace.save();
    expect(report.kind).toBe('saved');
    expect(source.writes.map((w) => [w.path, w.baseHash])).toEqual([
      ['enterprise.json', openedHash],
      [BASELINE, sha(fixtureCases[BASELINE]!)],
    ]);
    expect(JSON.parse(source.files.get('enterprise.json')!).indicators[1].items[0].clauses[2].points).toBe(-5);
    expect(source.files.get('enterprise.json')!.endsWith('\n')).toBe(false); // the file's own style
    expect(ruleset.dirty).toBe(false);
    expect(cases.dirty).toBe(false);
    expect(row(ONE_ACCIDENT).delta).toBe(0);
  });

  it('saves no case the engine would refuse (a duplicate event id, a project that is not there)', async () => {
    const { workspace, cases } = await openEditor();
    const event = { type: 'qualityAccident', date: '2021-01-05', severity: 'general' };
    cases.setValue(BASELINE, ['record', 'events'], [{ ...event, id: 'ev1' }, { ...event, id: 'ev1', project: 'P9' }], 'events');
    expect(cases.problems.get(BASELINE)!.map((p) => p.path)).toEqual(['$.record.events[1].id', '$.record.events[1].project']);
    expect(await workspace.save()).toEqual({ kind: 'blocked', reason: 'casesInvalid', paths: [BASELINE] });
    expect(source.writes).toEqual([]);
  });

  it('sends nothing while the ruleset is invalid or its JSON broken', async () => {
    const { workspace, ruleset } = await openEditor();
    ruleset.setValue(['grades', 2, 'min'], 88, 'AA');
    expect(await workspace.save()).toEqual({ kind: 'blocked', reason: 'rulesetInvalid' });
    ruleset.setJsonText('{', 'json');
    expect(await workspace.save()).toEqual({ kind: 'blocked', reason: 'jsonBroken' });
    expect(source.writes).toEqual([]);
  });

  it('stops showing a refusal once its reason is mended', async () => {
    const { workspace, ruleset } = await openEditor();
    const text = ruleset.jsonText;
    ruleset.setJsonText('{', 'json');
    await workspace.save();
    expect(workspace.report).toEqual({ kind: 'blocked', reason: 'jsonBroken' });
    ruleset.setJsonText(text, 'json');
    await nextTick();
    expect(workspace.report).toBeNull();
  });

  it('reports a conflict when the file changed on disk, and keeps the edits', async () => {
    const { workspace, ruleset } = await openEditor();
    source.files.set('enterprise.json', `${source.files.get('enterprise.json')!}\n`);
    ruleset.setValue(E213_POINTS, -5, 'E2.1.3');
    const report = await workspace.save();
    expect(report.kind).toBe('partial');
    expect(report.kind === 'partial' && report.lines[0]).toMatchObject({ path: 'enterprise.json', ok: false, code: 'CONFLICT' });
    expect(ruleset.dirty).toBe(true);
  });

  it('creates added cases and removes removed ones', async () => {
    const { workspace, cases } = await openEditor();
    const added = cases.add(cases.byPath.get(BASELINE)!.case, 'add');
    cases.remove(TWO_ACCIDENTS, 'remove');
    const report = await workspace.save();
    expect(report.kind).toBe('saved');
    expect(source.files.has(added)).toBe(true);
    expect(source.files.has(TWO_ACCIDENTS)).toBe(false);
    expect(source.writes.find((w) => w.path === added)?.baseHash).toBeNull();
    expect(cases.dirty).toBe(false);
  });
});

describe('scoring the cases again after an edit', () => {
  /** Every shipped enterprise case, as the cases folder holds them. */
  const shippedCases = Object.fromEntries(
    readdirSync(path.join(repo, 'rulesets/cases/enterprise'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => [`cases/enterprise/${name}`, readFileSync(path.join(repo, 'rulesets/cases/enterprise', name), 'utf8')]),
  );
  /** Each row's result against the engine's own, the record validated afresh. */
  const expectFresh = (): void => {
    const { compiled } = useRulesetStore();
    for (const draft of useCasesStore().drafts) expect(row(draft.path).current, draft.path).toEqual(evaluateCase(compiled!, draft.case));
  };

  it('gives what a fresh evaluation gives, though a record already found valid under the same vocabulary is not validated again', async () => {
    const { ruleset, results } = await openEditor({ 'enterprise.json': rulesetText, ...shippedCases });
    expect(results.rows.length).toBeGreaterThan(150);
    expectFresh();
    ruleset.setValue(['indicators', 1, 'items', 0, 'full'], 19, 'E2.1');
    expect(results.summary.moved).toBeGreaterThan(100);
    expectFresh();
    ruleset.setValue(['indicators', 4, 'items', 0, 'clauses', 1, 'window', 'months'], 12, 'E5.2');
    expectFresh();
    // A vocabulary change: a quality accident must now say what was done. The records are checked again, and those that do not say it are refused.
    ruleset.setValue(['eventTypes', 'qualityAccident', 'attributes', 'behaviour', 'required'], true, 'qualityAccident');
    expect(ruleset.status).toBe('valid');
    expect(results.summary.errors).toBeGreaterThan(0);
    expectFresh();
    ruleset.setValue(['indicators', 1, 'items', 0, 'full'], 18, 'E2.1');
    expectFresh();
    ruleset.setValue(['eventTypes', 'qualityAccident', 'attributes', 'behaviour', 'required'], undefined, 'qualityAccident');
    expect(results.summary.errors).toBe(0);
    expectFresh();
  });
});
