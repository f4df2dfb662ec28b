// @vitest-environment happy-dom
/**
 * The compare view (policy changes, impact on the cases, two traces) and the provisional (暂定)
 * marks and filter: model, stores and components, on the shipped rulesets and cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import AppHeader from '../../editor/components/AppHeader.vue';
import CasesPanel from '../../editor/components/CasesPanel.vue';
import CompareView from '../../editor/components/CompareView.vue';
import RulesetForm from '../../editor/components/RulesetForm.vue';
import { createEditorI18n } from '../../editor/i18n.js';
import { getIn, pathKey, setIn } from '../../editor/model/paths.js';
import { useHistoryStore } from '../../editor/stores/history.js';
import { provisionalHolders, provisionalMarks, provisionalNote } from '../../editor/model/provisional.js';
import { DRAFT, SAVED, useCompareStore } from '../../editor/stores/compare.js';
import { useProvisionalStore } from '../../editor/stores/provisional.js';
import { useResultsStore } from '../../editor/stores/results.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { useWorkspaceStore } from '../../editor/stores/workspace.js';
import { E213_POINTS, MemorySource } from './support.js';

vi.mock('../../editor/monaco/MonacoDiffEditor.vue', () => ({
  default: defineComponent({
    props: { original: { type: String, required: true }, modified: { type: String, required: true } },
    setup: (props) => () => h('div', { 'data-role': 'monaco-diff-stub', 'data-lengths': `${props.original.length},${props.modified.length}` }),
  }),
}));

const repo = path.resolve(import.meta.dirname, '../..');
const read = (p: string): string => readFileSync(path.join(repo, 'rulesets', p), 'utf8');
const N4 = 'enterprise-versions/enterprise-n4.json';
const casesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(path.join(repo, 'rulesets', dir)).filter((n) => n.endsWith('.json')).map((n) => [`${dir}/${n}`, read(`${dir}/${n}`)]));

/** What `credit-rules diff rulesets/enterprise.json <N4> --cases rulesets/cases/enterprise` reports as moved. */
const MOVED = ['C103', 'C148', 'C055', 'C138', 'C144', 'C145', 'C053', 'C054', 'C056', 'C137', 'C139', 'C140', 'C154'];

let pinia: Pinia;
const wrappers: VueWrapper[] = [];

async function open(file: string, files: Record<string, string>): Promise<void> {
  pinia = createPinia();
  setActivePinia(pinia);
  const workspace = useWorkspaceStore();
  workspace.useSource(new MemorySource(files));
  await workspace.connect();
  await workspace.open(file);
}
const openEnterprise = (): Promise<void> => open('enterprise.json', { 'enterprise.json': read('enterprise.json'), [N4]: read(N4), ...casesOf('cases/enterprise') });
const openProjectLead = (): Promise<void> => open('project-lead.json', { 'project-lead.json': read('project-lead.json'), ...casesOf('cases/project-lead') });

function mountWith(component: unknown, props: Record<string, unknown> = {}, locale: 'zh-CN' | 'en' = 'zh-CN'): VueWrapper {
  const wrapper = mount(component as never, { props: props as never, attachTo: document.body, global: { plugins: [pinia, createEditorI18n(locale)] } });
  wrappers.push(wrapper);
  return wrapper;
}

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount();
});

/** The provisional fields of a document, counted straight from its marks. */
function countFields(document: unknown): number {
  if (Array.isArray(document)) return document.reduce((n: number, v) => n + countFields(v), 0);
  if (document === null || typeof document !== 'object') return 0;
  const { provisional, ...rest } = document as { provisional?: { fields: string[] } };
  return (provisional?.fields.length ?? 0) + Object.values(rest).reduce((n: number, v) => n + countFields(v), 0);
}

describe('provisional marks (model)', () => {
  const lead = JSON.parse(read('project-lead.json')) as unknown;

  it('finds every provisional field, dotted fields as paths into the marked object', () => {
    const marks = provisionalMarks(lead);
    expect(marks).toHaveLength(countFields(lead));
    const keys = marks.map((m) => pathKey(m.path));
    expect(keys).toContain('$.baseRule.lookbackMonths');
    expect(keys).toContain('$.baseRule.projectDefaultMonths');
    expect(keys).toContain('$.parameters.announcementMonths.value');
    expect(keys).toContain('$.indicators[1].items[0].clauses[0].window.months');
    expect(keys).toContain('$.indicators[7].items[0].multiplier.factor');
    expect(keys).toContain('$.indicators[1].items[1].clauses[2].levels[0].points');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the objects holding them, and everything above, for the filter', () => {
    const holders = provisionalHolders(provisionalMarks(lead));
    expect(holders.has('$.indicators[1].items[0].clauses[0]')).toBe(true);
    expect(holders.has('$.baseRule')).toBe(true);
    expect(holders.has('$.grades')).toBe(false);
    expect(provisionalNote({ provisional: { fields: ['window.months'], note: 'n' } }, 'window.months')).toBe('n');
    expect(provisionalNote({ provisional: { fields: ['points'], note: 'n' } }, 'cap')).toBeNull();
    expect(provisionalMarks(JSON.parse(read('enterprise.json')))).toEqual([]);
  });

  it('after an edit, finds the marks a fresh walk of the edited document finds (only the edited path is walked again)', () => {
    const before = provisionalMarks(lead);
    const path = ['indicators', 1, 'items', 0, 'clauses', 0];
    const clause = getIn(lead, path) as { provisional: { fields: string[]; note: string } };
    // Confirm the first mark of the clause, then mark its points too, then mark a grade line.
    const confirmed = setIn(lead, [...path, 'provisional'], { ...clause.provisional, fields: clause.provisional.fields.slice(1) });
    const marked = setIn(confirmed, [...path, 'provisional'], { ...clause.provisional, fields: [...clause.provisional.fields.slice(1), 'points'] });
    const graded = setIn(marked, ['grades', 0, 'provisional'], { fields: ['min'], note: 'n' });
    for (const document of [confirmed, marked, graded]) expect(provisionalMarks(document)).toEqual(provisionalMarks(structuredClone(document)));
    expect(provisionalMarks(confirmed)).toHaveLength(before.length - 1);
    expect(provisionalMarks(graded).map((m) => pathKey(m.path))).toContain('$.grades[0].min');
    expect(provisionalMarks(graded).map((m) => pathKey(m.path))).toContain('$.indicators[1].items[0].clauses[0].points');
    // The document before the edits is untouched, and gives what it gave.
    expect(provisionalMarks(lead)).toEqual(before);
  });
});

describe('provisional numbers in the forms', () => {
  it('marks every provisional number 暂定, with its note, and the filter shows only what holds them', async () => {
    await openProjectLead();
    const wrapper = mountWith(RulesetForm);
    const lead = JSON.parse(read('project-lead.json')) as unknown;
    const expected = provisionalMarks(lead).map((m) => pathKey(m.path)).sort();
    const marked = (): string[] => wrapper.findAll('[data-role=provisional]').map((b) => b.attributes('data-field')!).sort();
    expect(marked()).toEqual(expected);
    const lookback = wrapper.get('[data-path="$.baseRule.lookbackMonths"] [data-role=provisional]');
    expect(lookback.text()).toContain('暂定');
    expect(lookback.get('.provisional-popover').text()).toContain('按企业计分表备注2');
    expect(wrapper.get('[data-role=provisional-count]').text()).toBe(`共 ${expected.length} 处暂定数值`);
    expect(wrapper.find('#section-grades').exists()).toBe(true);

    await wrapper.get('[data-role=provisional-filter]').setValue(true);
    expect(useProvisionalStore().only).toBe(true);
    expect(marked()).toEqual(expected);
    expect(wrapper.find('#section-grades').exists()).toBe(false);
    expect(wrapper.find('#section-downgrades').exists()).toBe(false);
    expect(wrapper.find('#section-readings').exists()).toBe(false);
    expect(wrapper.findAll('.number-field:not(.filtered-out)').every((f) => f.find('[data-role=provisional]').exists())).toBe(true);

    // Another ruleset opens with the whole form: the filter was this one's.
    const workspace = useWorkspaceStore();
    workspace.useSource(new MemorySource({ 'project-lead.json': read('project-lead.json'), 'enterprise.json': read('enterprise.json'), ...casesOf('cases/project-lead') }));
    await workspace.open('enterprise.json');
    await flushPromises();
    expect(useProvisionalStore().filtering).toBe(false);
    expect(wrapper.find('#section-grades').exists()).toBe(true);
    expect(wrapper.findAll('.number-field.filtered-out')).toEqual([]);
  });

  it('lets staff confirm a provisional number and change the ruleset\'s status in the form, each undoable', async () => {
    await openProjectLead();
    const wrapper = mountWith(RulesetForm);
    const store = useProvisionalStore();
    const before = store.marks.length;
    const lookback = '$.baseRule.lookbackMonths';
    await wrapper.get(`[data-path="${lookback}"] [data-action=confirm-provisional]`).trigger('click');
    expect(store.marks.length).toBe(before - 1);
    expect(store.noteAt(['baseRule', 'lookbackMonths'])).toBeNull();
    expect(store.noteAt(['baseRule', 'projectDefaultMonths'])).not.toBeNull(); // the mark's other field stays
    expect(getIn(useRulesetStore().draft, ['baseRule', 'lookbackMonths'])).toBe(24);
    useHistoryStore().undo();
    expect(store.marks.length).toBe(before);

    await wrapper.get('[data-role=ruleset-status-select]').setValue('official');
    expect(getIn(useRulesetStore().draft, ['status'])).toBe('official');
  });

  it('follows the edits: a mark removed in the draft is no longer shown', async () => {
    await openProjectLead();
    const store = useProvisionalStore();
    const before = store.marks.length;
    expect(store.noteAt(['baseRule', 'lookbackMonths'])).toContain('暂定');
    useRulesetStore().setValue(['baseRule', 'provisional'], undefined, 'official base rule');
    expect(store.marks.length).toBe(before - 2);
    expect(store.noteAt(['baseRule', 'lookbackMonths'])).toBeNull();
  });

  it('shows the ruleset\'s status, version and effective date in the header', async () => {
    await openProjectLead();
    const header = mountWith(AppHeader, { mode: 'edit' });
    expect(header.get('[data-role=status-label]').text()).toBe('暂定');
    expect(header.get('[data-role=ruleset-status]').text()).toContain('2021.1-provisional');
    expect(header.get('[data-role=ruleset-status]').text()).toContain('2021-02-19 起施行');
    await openEnterprise();
    expect(mountWith(AppHeader, { mode: 'edit' }).get('[data-role=status-label]').text()).toBe('正式');
  });
});

describe('comparing versions (store)', () => {
  it('enterprise.json against the N4 reading: the CLI\'s 3 policy changes and 13 moved cases, one AAA → AA+ and one AA+ → AA', async () => {
    await openEnterprise();
    const compare = useCompareStore();
    await compare.choose('enterprise.json', N4);
    expect(compare.ready).toBe(true);
    expect(compare.policyChanges.map((c) => c.message)).toEqual([
      'E4.1 市级荣誉、省级AA级守合同重信用: 期限 24 个月 → 12 个月',
      'E4.2 省园林优秀管理奖、省级AAA级守合同重信用: 期限 36 个月 → 12 个月',
      'INT-3 荣誉的计算期限: 理解说明已修改',
    ]);
    expect(compare.metaChanges.map((c) => c.field)).toEqual(['title', 'version', 'status']);
    const impact = compare.impact!;
    expect(impact.changed).toBe(13);
    expect(impact.rows.filter((r) => r.scoreChanged || r.gradeChanged).map((r) => r.id).sort()).toEqual([...MOVED].sort());
    expect(impact.transitions).toEqual([{ from: 'AAA', to: 'AA+', count: 1 }, { from: 'AA+', to: 'AA', count: 1 }]);
  });

  it('shows a case\'s two traces, each line the other side lacks marked', async () => {
    await openEnterprise();
    const compare = useCompareStore();
    await compare.choose('enterprise.json', N4);
    const c103 = compare.impact!.rows.find((r) => r.id === 'C103')!;
    compare.select(c103.source!);
    const pair = compare.traces!;
    expect(pair.old!.evaluation.ok && pair.old!.evaluation.result.score).toBe(90);
    expect(pair.new!.evaluation.ok && pair.new!.evaluation.result.score).toBe(88);
    const differing = (side: typeof pair.old): string[] => side!.lines.filter((l) => l.differs).map((l) => l.entry.clause);
    expect(differing(pair.old).some((c) => c.startsWith('E4'))).toBe(true);
    // The new side lacks the honour's points and says why: its shorter window is over.
    const lapsed = pair.new!.lines.filter((l) => l.differs && l.entry.clause.startsWith('E4'));
    expect(lapsed.length).toBeGreaterThan(0);
    for (const l of lapsed) expect([l.entry.kind, l.entry.points, l.entry.message.includes('不计:有效期已过')]).toEqual(['lapsed', 0, true]);
    expect(pair.old!.lines.filter((l) => l.entry.clause === 'E1').every((l) => !l.differs)).toBe(true);
  });

  it('the saved version against the current edits, following each edit', async () => {
    await openEnterprise();
    const compare = useCompareStore();
    await compare.choose(SAVED, DRAFT);
    expect(compare.policyChanges).toEqual([]);
    expect(compare.impact!.changed).toBe(0);
    useRulesetStore().setValue([...E213_POINTS], -5, 'E2.1.3');
    expect(compare.policyChanges.map((c) => c.message)).toEqual(['E2.1.3 一般质量事故: 每次扣 4 分 → 5 分']);
    expect(compare.impact!.changed).toBeGreaterThan(0);
    await compare.swap();
    expect(compare.oldKey).toBe(DRAFT);
    expect(compare.policyChanges.map((c) => c.message)).toEqual(['E2.1.3 一般质量事故: 每次扣 5 分 → 4 分']);
  });

  it('says why a side cannot be compared', async () => {
    await openEnterprise();
    const compare = useCompareStore();
    await compare.choose('enterprise.json', 'missing.json');
    expect(compare.ready).toBe(false);
    expect(compare.newer?.problem).toContain('missing.json');
  });

  it('refuses rulesets for different kinds of entity, whose cases are not each other\'s', async () => {
    await open('enterprise.json', { 'enterprise.json': read('enterprise.json'), 'project-lead.json': read('project-lead.json'), ...casesOf('cases/enterprise') });
    const compare = useCompareStore();
    await compare.choose('enterprise.json', 'project-lead.json');
    expect(compare.otherKinds).toEqual({ old: 'enterprise', new: 'projectLead' });
    expect(compare.ready).toBe(false);
    expect(compare.impact).toBeNull();
  });
});

describe('the shipped cases as the form changes them', () => {
  it('counts a downgraded case whose table score moved as changed, though its score holds at the floor', async () => {
    await openEnterprise();
    useRulesetStore().setValue([...E213_POINTS], -6, 'E2.1.3');
    const results = useResultsStore();
    const held = results.rows.filter((r) => r.delta === 0 && r.computedDelta !== 0);
    expect(held.length).toBeGreaterThan(0);
    for (const row of held) expect(row.current!.ok && row.current!.result.downgraded).toBe(true);
    expect(results.summary.moved).toBe(results.rows.filter((r) => r.delta !== 0 || r.computedDelta !== 0).length);
    // The panel says how many of them a downgrade holds, the number the compare view lists apart.
    expect(results.summary.held).toBe(held.length);
    const panel = mountWith(CasesPanel);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the counts follow an edit a task later
    await flushPromises();
    expect(panel.get('[data-role=summary]').text()).toContain(`分数变化 ${results.summary.moved} 个(其中 ${held.length} 个仅计分表得分变化,降级期内结果不变)`);
  });
});

describe('CompareView', () => {
  it('shows the policy changes, the moved cases with the grade transition, the two traces and the JSON diff', async () => {
    await openEnterprise();
    await useCompareStore().choose('enterprise.json', N4);
    const wrapper = mountWith(CompareView);
    await flushPromises();
    expect(wrapper.findAll('.policy-change').map((r) => r.attributes('data-clause'))).toEqual(['E4.1', 'E4.2', 'INT-3']);
    expect(wrapper.get('.policy-change[data-clause="E4.1"] [data-role=change-text]').text()).toBe('期限 24 个月 → 12 个月');
    expect(wrapper.findAll('.impact-row').map((r) => r.attributes('data-case-id'))).toEqual(useCompareStore().impact!.rows.filter((r) => r.scoreChanged).map((r) => r.id));
    expect(wrapper.findAll('.impact-row')).toHaveLength(13);
    expect(wrapper.findAll('.impact-row.regraded').map((r) => r.attributes('data-case-id'))).toEqual(['C103', 'C148']);
    const regraded = wrapper.get('.impact-row.regraded');
    expect(regraded.attributes('data-case-id')).toBe('C103');
    expect(regraded.get('.grade-change.down').text()).toBe('AAA → AA+');
    expect(wrapper.findAll('[data-role=transition]').map((t) => t.text())).toEqual(['AAA → AA+ 1 个', 'AA+ → AA 1 个']);

    await wrapper.get('[data-filter=all]').trigger('click');
    expect(wrapper.findAll('.impact-row').length).toBe(useCompareStore().impact!.total);
    await wrapper.get('[data-filter=moved]').trigger('click');

    await regraded.trigger('click');
    const traces = wrapper.get('[data-role=compare-traces]');
    expect(traces.findAll('[data-side=old] .trace-line.changed').length).toBeGreaterThan(0);
    // Why it moved, clause by clause: the honour crosses its window's edge under N4.
    expect(traces.findAll('[data-role=move-reasons] li').map((li) => li.text())).toEqual([
      'E4.2 省园林优秀管理奖、省级AAA级守合同重信用:ev3(2019-12-20) 跨过期限边界:原加 2 分,现已过期限(计至 2020-12-31),不计',
    ]);
    // The impact table says the same under the case's row.
    expect(wrapper.get('.impact-reasons[data-case-id="C103"]').text()).toContain('ev3(2019-12-20) 跨过期限边界');
    await vi.waitFor(() => expect(wrapper.find('[data-role=monaco-diff-stub]').exists()).toBe(true)); // once Monaco speaks the editor's language
  });

  it('says the policy changes in English in English mode, the tooltip too', async () => {
    await openEnterprise();
    await useCompareStore().choose('enterprise.json', N4);
    const wrapper = mountWith(CompareView, {}, 'en');
    await flushPromises();
    const line = (clause: string) => wrapper.get(`.policy-change[data-clause="${clause}"] [data-role=change-text]`);
    expect(line('E4.1').text()).toBe('counts for 24 months → 12 months');
    expect(line('E4.1').attributes('title')).toBe('E4.1 市级荣誉、省级AA级守合同重信用: counts for 24 months → 12 months');
    expect(line('INT-3').text()).toBe('note of the reading changed');
    expect(wrapper.findAll('[data-role=meta-changes] .meta-change').map((m) => m.text()).slice(1)).toEqual(['version 2021.1 → 2021.1-n4', 'status official → draft']);
  });

  it('says why a case moved, clause by clause and event by event: E2.1.3 ev1 −4 → −6', async () => {
    await openEnterprise();
    useRulesetStore().setValue([...E213_POINTS], -6, 'E2.1.3');
    await useCompareStore().choose(SAVED, DRAFT);
    const wrapper = mountWith(CompareView);
    await flushPromises();
    await wrapper.get('.impact-row[data-case-id="C021"]').trigger('click');
    expect(wrapper.get('[data-role=trace-differences]').text()).toBe('变化原因:E2.1.3 一般质量事故:ev1(2016-06-15) 扣 4 分 → 扣 6 分');
  });

  it('names what is wrong with an invalid draft it cannot compare, as the form does', async () => {
    await openEnterprise();
    useRulesetStore().setValue(['grades', 1, 'min'], 95, 'AA+');
    await useCompareStore().choose('enterprise.json', DRAFT);
    const wrapper = mountWith(CompareView);
    await flushPromises();
    const problems = wrapper.get('.side-new [data-role=ruleset-problems]');
    expect(problems.text()).toContain('AA+');
    expect(problems.findAll('li').length).toBeGreaterThan(0);
    expect(wrapper.find('.side-old [data-role=ruleset-problems]').exists()).toBe(false);
  });
});
