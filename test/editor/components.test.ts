// @vitest-environment happy-dom
/** The editor's components, mounted on the real stores and the shipped ruleset. */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { defineComponent, h } from 'vue';
import App from '../../editor/App.vue';
import AppHeader from '../../editor/components/AppHeader.vue';
import CaseDetail from '../../editor/components/CaseDetail.vue';
import CaseEditor from '../../editor/components/CaseEditor.vue';
import CasesPanel from '../../editor/components/CasesPanel.vue';
import JsonView from '../../editor/components/JsonView.vue';
import PolicyChangeList from '../../editor/components/PolicyChangeList.vue';
import RulesetForm from '../../editor/components/RulesetForm.vue';
import { createEditorI18n } from '../../editor/i18n.js';
import { getIn, setIn } from '../../editor/model/paths.js';
import { useCasesStore } from '../../editor/stores/cases.js';
import { useHistoryStore } from '../../editor/stores/history.js';
import { useResultsStore } from '../../editor/stores/results.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { useWorkspaceStore } from '../../editor/stores/workspace.js';
import { BASELINE, E213_POINTS, fixtureCases, MemorySource, ONE_ACCIDENT, rulesetText } from './support.js';
import type { CitationHint, PolicyChange } from '../../engine/index.js';

// Monaco needs a real browser (the browser tests cover it); here a textarea stands in for it.
vi.mock('../../editor/monaco/MonacoEditor.vue', () => ({
  default: defineComponent({
    props: { modelValue: { type: String, required: true } },
    emits: ['update:modelValue'],
    setup(props, { emit, expose }) {
      expose({ reveal: () => undefined });
      return () => h('textarea', { 'data-role': 'monaco-stub', value: props.modelValue, onInput: (e: Event) => emit('update:modelValue', (e.target as HTMLTextAreaElement).value) });
    },
  }),
}));

let pinia: Pinia;
let source: MemorySource;
const wrappers: VueWrapper[] = [];

async function open(files?: Record<string, string>): Promise<void> {
  pinia = createPinia();
  setActivePinia(pinia);
  source = new MemorySource(files);
  const workspace = useWorkspaceStore();
  workspace.useSource(source);
  await workspace.connect();
  await workspace.open('enterprise.json');
}

function mountWith<T>(component: T, props: Record<string, unknown> = {}, locale: 'zh-CN' | 'en' = 'zh-CN'): VueWrapper {
  const wrapper = mount(component as never, { props: props as never, attachTo: document.body, global: { plugins: [pinia, createEditorI18n(locale)] } });
  wrappers.push(wrapper);
  return wrapper;
}

const field = (wrapper: VueWrapper, path: string) => wrapper.get(`[data-path="${path}"]`);
const E213 = '$.indicators[1].items[0].clauses[2].points';

beforeEach(async () => {
  localStorage.clear();
  await open();
});
afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount();
  vi.restoreAllMocks();
});

describe('RulesetForm', () => {
  it('shows indicators, items and clauses in table order with citations and units', () => {
    const wrapper = mountWith(RulesetForm);
    const indicators = wrapper.findAll('[data-indicator]').map((s) => s.attributes('data-indicator'));
    expect(indicators).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7']);
    const clause = wrapper.get('[data-clause="E2.1.3"]');
    expect(clause.text()).toContain('一般质量事故');
    expect(clause.text()).toContain('近 5 年承建的园林绿化工程发生一般等级质量事故');
    expect(clause.text()).toContain('每次扣');
    expect(clause.text()).toContain('个月');
    expect(wrapper.get('[data-clause="E5.2"]').text()).toContain('较好');
    expect(wrapper.get('[data-parameter="contractThreshold"]').text()).toContain('元');
    expect(wrapper.text()).toContain('解读 INT-11');
    expect(wrapper.get('#section-readings').text()).toContain('INT-4');
  });

  it("shows the score after a downgrade as the grade line, following it, and B's 40 as a number to edit (D3)", async () => {
    const wrapper = mountWith(RulesetForm);
    const floor = (grade: string) => wrapper.get(`#section-downgrades [data-floor="${grade}"]`);
    expect(floor('AA+').text()).toBe('降为 AA+ 级时得 85 分(该级分数线,随“信用等级划分”变动)');
    expect((floor('B').get('input').element as HTMLInputElement).value).toBe('40');
    expect(wrapper.find('#section-downgrades [data-floor="AAA"]').exists()).toBe(false);
    useRulesetStore().setValue(['grades', 1, 'min'], 84, 'AA+');
    await flushPromises();
    expect(floor('AA+').text()).toContain('84 分');
  });

  it('types deductions as positive numbers and stores them negative, marking the change', async () => {
    const wrapper = mountWith(RulesetForm);
    const input = field(wrapper, E213).get('input');
    expect((input.element as HTMLInputElement).value).toBe('4');
    await input.setValue('5');
    expect(getIn(useRulesetStore().draft, E213_POINTS)).toBe(-5);
    expect(field(wrapper, E213).classes()).toContain('changed');
    expect(field(wrapper, E213).text()).toContain('原 4');
    await input.setValue('4');
    expect(field(wrapper, E213).classes()).not.toContain('changed');
  });

  it('validates as you type: sign, numbers, caps, base and grade lines', async () => {
    const wrapper = mountWith(RulesetForm);
    await field(wrapper, E213).get('input').setValue('-1');
    expect(field(wrapper, E213).text()).toContain('扣分请填正数');
    await field(wrapper, E213).get('input').setValue('abc');
    expect(field(wrapper, E213).text()).toContain('请输入数字');
    expect(useRulesetStore().status).toBe('invalid');

    await field(wrapper, '$.indicators[1].items[0].cap').get('input').setValue('-2');
    expect(field(wrapper, '$.indicators[1].items[0].cap').text()).toContain('不能为负数');
    await field(wrapper, '$.indicators[1].items[0].base').get('input').setValue('25');
    expect(field(wrapper, '$.indicators[1].items[0].base').text()).toContain('基本分不能高于满分(20 分)');
    await field(wrapper, '$.grades[1].min').get('input').setValue('92');
    expect(field(wrapper, '$.grades[1].min').text()).toContain('必须低于上一等级 AAA 的 90 分');
    await field(wrapper, '$.indicators[1].items[0].clauses[0].window.months').get('input').setValue('6.5');
    expect(field(wrapper, '$.indicators[1].items[0].clauses[0].window.months').text()).toContain('请填整数');
  });

  it('points out a number the text its citation quotes does not write, in the editor’s language', async () => {
    const wrapper = mountWith(RulesetForm);
    const hint = () => field(wrapper, E213).find('[data-role=citation-hint]');
    expect(hint().exists()).toBe(false);
    await field(wrapper, E213).get('input').setValue('5');
    expect(hint().text()).toBe('依据原文写的是“4 分”,与这里的 5 分不符:请核对这个数,或一并修改原文');
    await field(wrapper, E213).get('input').setValue('4');
    expect(hint().exists()).toBe(false);

    const english = mountWith(RulesetForm, {}, 'en');
    await field(english, E213).get('input').setValue('6');
    expect(field(english, E213).get('[data-role=citation-hint]').text()).toBe('the cited text says “4 分”, not 6 points: check the number, or update the cited text too');
  });

  it('says what an emptied base score means', async () => {
    const wrapper = mountWith(RulesetForm);
    const base = '$.indicators[1].items[0].base';
    expect(field(wrapper, base).find('[data-role=empty-hint]').exists()).toBe(false);
    await field(wrapper, base).get('input').setValue('');
    expect(getIn(useRulesetStore().draft, ['indicators', 1, 'items', 0, 'base'])).toBeUndefined();
    expect(field(wrapper, base).get('[data-role=empty-hint]').text()).toBe('留空:不设基本分,回溯期内没有项目时也按满分计');
  });

  it('takes an emptied bonus maximum as no maximum, which the language allows, not as a missing number', async () => {
    const wrapper = mountWith(RulesetForm);
    const max = '$.indicators[3].items[0].max'; // E4: at most 2 points
    await field(wrapper, max).get('input').setValue('');
    expect(getIn(useRulesetStore().draft, ['indicators', 3, 'items', 0, 'max'])).toBeUndefined();
    expect(field(wrapper, max).find('[role=alert]').exists()).toBe(false);
    expect(field(wrapper, max).get('[data-role=empty-hint]').text()).toBe('留空:不设上限,各条加分全部计入');
    expect(useRulesetStore().problems).toEqual([]);
  });

  it('keeps a cleared clause cap on screen, so a new one can be typed', async () => {
    const wrapper = mountWith(RulesetForm);
    const cap = '$.indicators[4].items[0].clauses[0].cap'; // E5.1: at most 1 point
    await field(wrapper, cap).get('input').setValue('');
    expect(getIn(useRulesetStore().draft, ['indicators', 4, 'items', 0, 'clauses', 0, 'cap'])).toBeUndefined();
    expect(field(wrapper, cap).text()).toContain('原 1');
    await field(wrapper, cap).get('input').setValue('2');
    expect(getIn(useRulesetStore().draft, ['indicators', 4, 'items', 0, 'clauses', 0, 'cap'])).toBe(2);
  });

  it('shows what a clause counts per, its step an editable number, and a reduction\'s maximum as what it takes off', async () => {
    await open({ 'enterprise.json': readFileSync('test/language/residence-points.json', 'utf8') });
    const wrapper = mountWith(RulesetForm);
    const per = wrapper.get('[data-clause="S1.1"] [data-role=per]');
    expect(per.text()).toContain('按“社会保险累计缴费月数”计');
    const step = '$.indicators[2].items[0].clauses[0].per.step';
    expect((field(wrapper, step).get('input').element as HTMLInputElement).value).toBe('12');
    await field(wrapper, step).get('input').setValue('24');
    expect(getIn(useRulesetStore().draft, ['indicators', 2, 'items', 0, 'clauses', 0, 'per', 'step'])).toBe(24);
    expect(wrapper.get('[data-clause="A1.2"] [data-role=per]').text()).toContain('低于');

    await open({ 'enterprise.json': readFileSync('rulesets/driver-licence-points.json', 'utf8') });
    const driver = mountWith(RulesetForm);
    expect(driver.get('[data-path="$.indicators[0].items[1].max"]').element.closest('label')!.textContent).toContain('最多减');
  });

  it('names where each problem is as the form does, the JSON path left for the tooltip', async () => {
    const wrapper = mountWith(App);
    await flushPromises();
    await field(wrapper, E213).get('input').setValue('-3');
    const places = wrapper.findAll('[data-role=problem-place]');
    expect(places.map((p) => p.text())).toEqual(['E2.1.3 一般质量事故 · 分值']);
    expect(places[0]!.attributes('title')).toBe('$.indicators[1].items[0].clauses[2].points');
    expect(wrapper.get('[data-role=ruleset-problems]').text()).toContain('扣分项的分值须为扣分,现为加 3 分');
  });

  it('lists, above the form, the numbers the texts their citations quote do not write, each a link to its field', async () => {
    const wrapper = mountWith(App);
    await flushPromises();
    expect(wrapper.find('[data-role=citation-hints]').exists()).toBe(false);
    await field(wrapper, E213).get('input').setValue('5');
    const banner = wrapper.get('[data-role=citation-hints]');
    expect(banner.get('strong').text()).toBe('1 处数值与依据原文不符(可以保存;请核对数值,或一并修改依据原文):');
    expect(banner.get('[data-role=problem-place]').text()).toBe('E2.1.3 一般质量事故 · 分值');
    expect(banner.get('li').text()).toContain('依据原文写的是“4 分”,与这里的 5 分不符');
    expect(useRulesetStore().status).toBe('valid');
    await field(wrapper, E213).get('input').setValue('4');
    expect(wrapper.find('[data-role=citation-hints]').exists()).toBe(false);
  });

  it('points out, above the form, a 0 that switches a clause off, each a link to its field', async () => {
    const wrapper = mountWith(App);
    await flushPromises();
    expect(wrapper.find('[data-role=value-hints]').exists()).toBe(false);
    await field(wrapper, E213).get('input').setValue('0');
    const banner = wrapper.get('[data-role=value-hints]');
    expect(banner.get('strong').text()).toBe('1 处数值请再核对(可以保存):');
    expect(banner.get('[data-role=problem-place]').text()).toBe('E2.1.3 一般质量事故 · 分值');
    expect(banner.get('li').text()).toContain('E2.1.3 的分值为 0,这一条不再扣分或加分');
    expect(useRulesetStore().status).toBe('valid');
  });

  it('marks provisional numbers and locks while the JSON text is broken', async () => {
    const ruleset = JSON.parse(rulesetText);
    ruleset.indicators[1].items[0].clauses[2].provisional = { fields: ['points'], note: '暂按一般事故计' };
    await open({ 'enterprise.json': JSON.stringify(ruleset, null, 2), ...fixtureCases });
    const wrapper = mountWith(RulesetForm);
    const mark = field(wrapper, E213).get('[data-role=provisional]');
    expect(mark.text()).toContain('暂定');
    expect(mark.get('summary').attributes('title')).toContain('暂按一般事故计');
    expect(mark.get('.provisional-popover').text()).toContain('暂按一般事故计');
    useRulesetStore().setJsonText('{', 'json');
    await flushPromises();
    expect(wrapper.get('fieldset.form-body').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('表单暂时锁定');
  });
});

describe('keyboard and popups', () => {
  it('closes an opened reading note on a click elsewhere or on Escape', async () => {
    const wrapper = mountWith(App);
    await flushPromises();
    const note = (): HTMLDetailsElement => wrapper.get('details.reading-badge').element as HTMLDetailsElement;
    note().open = true;
    note().querySelector('summary')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(note().open).toBe(true); // a click on the note itself keeps it
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(note().open).toBe(false);
    note().open = true;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(note().open).toBe(false);
  });

  it('makes the case list one Tab stop, the arrow keys moving between cases', async () => {
    const wrapper = mountWith(CasesPanel);
    const rows = wrapper.findAll('li.case-row[data-case]');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.attributes('tabindex'))).toEqual(['0', ...rows.slice(1).map(() => '-1')]);
    (rows[0]!.element as HTMLElement).focus();
    await rows[0]!.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]!.element);
    await rows[1]!.trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[0]!.element);
    await rows[1]!.trigger('keydown', { key: 'Enter' });
    expect(rows[1]!.attributes('tabindex')).toBe('0');
    expect(rows[0]!.attributes('tabindex')).toBe('-1');
  });
});

describe('CasesPanel and CaseDetail', () => {
  it('shows the change of every case against the saved ruleset, grade transitions highlighted', async () => {
    const wrapper = mountWith(CasesPanel);
    expect(wrapper.findAll('.case-row')).toHaveLength(3);
    useRulesetStore().setValue(E213_POINTS, -5, 'E2.1.3');
    await new Promise((resolve) => setTimeout(resolve, 0)); // the counts follow an edit a task later
    await flushPromises();
    const row = wrapper.get(`[data-case="${ONE_ACCIDENT}"]`);
    expect(row.get('.case-file').text()).toBe('EDITOR-1'); // the record's id, as the CLI names the case
    expect(row.text()).not.toContain('e213-one-general-accident'); // never the file's (English) name
    expect(row.get('[data-role=score]').text()).toBe('84');
    expect(row.get('[data-role=delta]').text()).toBe('▼1');
    expect(row.get('.grade-change').text()).toBe('AA+ → AA');
    expect(row.get('.grade-change').classes()).toContain('down');
    expect(wrapper.get(`[data-case="${BASELINE}"] [data-role=delta]`).text()).toBe('');
    expect(wrapper.get('[data-role=summary]').text()).toContain('等级变化 1 个');
    await row.trigger('click');
    expect(useResultsStore().selectedPath).toBe(ONE_ACCIDENT);
  });

  it('keeps the last valid results, saying so, while the ruleset is invalid', async () => {
    const wrapper = mountWith(CasesPanel);
    useRulesetStore().setValue(['grades', 1, 'min'], 95, 'AA+');
    await flushPromises();
    expect(wrapper.get('[data-role=stale]').text()).toContain('最后一次有效');
    expect(wrapper.get(`[data-case="${ONE_ACCIDENT}"] [data-role=score]`).text()).toBe('85');
  });

  it('shows the trace of the selected case with the clause, citation, events and the saved points', async () => {
    useRulesetStore().setValue(E213_POINTS, -5, 'E2.1.3');
    useResultsStore().select(ONE_ACCIDENT);
    const wrapper = mountWith(CaseDetail);
    const line = wrapper.get('.trace-line[data-clause="E2.1.3"]');
    expect(line.text()).toContain('扣 5 分');
    expect(line.text()).toContain('−5');
    expect(line.text()).toContain('原 −4');
    expect(line.text()).toContain('工程质量事故 2020-05-10');
    expect(line.text()).toContain('近 5 年承建的园林绿化工程发生一般等级质量事故');
    expect(line.classes()).toContain('changed');
    expect(wrapper.get('[data-role=detail-score]').text()).toBe('84');

    await wrapper.get('[data-action=set-expected]').trigger('click');
    expect(useCasesStore().byPath.get(ONE_ACCIDENT)!.case.expected).toMatchObject({ score: 84, grade: 'AA' });
  });

  it('says the trace in English in English mode, the ruleset labels as written', () => {
    useResultsStore().select(ONE_ACCIDENT);
    const line = mountWith(CaseDetail, {}, 'en').get('.trace-line[data-clause="E2.1.3"] .trace-message');
    expect(line.text()).toMatch(/^E2\.1\.3 一般质量事故: ev1 \(2020-05-10\) −4/);
    expect(line.text()).not.toContain('ev1(2020-05-10) 扣 4 分');
  });
});

describe('CaseEditor', () => {
  it('takes dates as YYYY-MM-DD whatever the browser’s language, and keeps what is not a date as typed', async () => {
    const cases = useCasesStore();
    const wrapper = mountWith(CaseEditor, { path: ONE_ACCIDENT });
    const date = () => wrapper.get('[data-event="ev1"] input[aria-label="发文日期"]');
    expect((date().element as HTMLInputElement).value).toBe('2020-05-10');
    await date().setValue('2020年6月1日');
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!.date).toBe('2020-06-01');
    expect((date().element as HTMLInputElement).value).toBe('2020-06-01');
    await date().setValue('2021-02-30');
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!.date).toBe('2020-06-01');
    expect((date().element as HTMLInputElement).value).toBe('2021-02-30');
    expect(wrapper.get('[data-event="ev1"] .date-field [role=alert]').text()).toBe('请按 YYYY-MM-DD 填写真实日期');
    await date().setValue('2021/2/28');
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!.date).toBe('2021-02-28');
    expect(wrapper.find('[data-event="ev1"] .date-field [role=alert]').exists()).toBe(false);
  });

  it('edits a case with inputs that follow the event type', async () => {
    const wrapper = mountWith(CaseEditor, { path: ONE_ACCIDENT });
    const cases = useCasesStore();
    const event = wrapper.get('[data-event="ev1"]');
    const typeSelect = event.get('select');
    expect(typeSelect.findAll('option').map((o) => o.text())).toContain('工程质量事故');
    const severity = event.get('[data-attribute=severity] select');
    expect(severity.findAll('option').map((o) => o.text())).toEqual(['一般', '较大', '重大', '特别重大']);
    expect(event.get('[data-attribute=project] select').findAll('option').map((o) => o.text())).toContain('P1 椒江滨江绿道');

    await severity.setValue('larger');
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!.severity).toBe('larger');
    // Each undo step names the case and the field: the header's 撤销 says what it takes back.
    const name = cases.byPath.get(ONE_ACCIDENT)!.case.name;
    expect(useHistoryStore().undoLabel).toBe(`案例“${name}”:事件 1 · 等级`);

    await typeSelect.setValue('listing');
    const listing = wrapper.get('[data-event="ev1"]');
    expect(listing.get('[data-attribute=until] input').attributes('placeholder')).toBe('YYYY-MM-DD');
    expect(listing.get('[data-attribute=concealed] input').attributes('type')).toBe('checkbox');
    expect(listing.get('[data-attribute=authority] select').findAll('option').map((o) => o.text())).toContain('住房城乡建设部');
    const converted = cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!;
    expect(converted).toEqual({ id: 'ev1', type: 'listing', date: '2020-05-10', authority: 'ministry', list: 'badRecord' });
    await listing.get('[data-attribute=concealed] input').setValue(true);
    expect(cases.byPath.get(ONE_ACCIDENT)!.case.record.events![0]!.concealed).toBe(true);
    await wrapper.get('.events-table tfoot button').trigger('click');
    expect(useHistoryStore().undoLabel).toBe(`案例“${name}”:添加事件`);
  });

  it('says under an event, as it is typed, when the table counts it nowhere', async () => {
    const wrapper = mountWith(CaseEditor, { path: ONE_ACCIDENT });
    expect(wrapper.find('[data-role=event-not-counted]').exists()).toBe(false);
    await wrapper.get('[data-event="ev1"] input[aria-label="地区"]').setValue('台州市');
    expect(wrapper.get('[data-role=event-not-counted]').text()).toBe('ev1(2020-05-10) 不计:不符合“台州的事件,或互认互查地区名单中地区的事件(INT-12)”');
    await wrapper.get('[data-event="ev1"] input[aria-label="地区"]').setValue('台州');
    expect(wrapper.find('[data-role=event-not-counted]').exists()).toBe(false);
  });

  it('says under an event that only the downgrades concern why it changed no grade', async () => {
    const wrapper = mountWith(CaseEditor, { path: ONE_ACCIDENT });
    await wrapper.get('[data-event="ev1"] select[aria-label="类型"]').setValue('administrativePenalty');
    expect(wrapper.get('[data-role=event-not-counted]').text()).toBe('D1 违法违规受到行政处罚:ev1(2020-05-10) 本记录没有已公布的信用等级,无级可降');
  });

  it('offers the regions the ruleset accepts as the region is typed', () => {
    const wrapper = mountWith(CaseEditor, { path: ONE_ACCIDENT });
    const region = wrapper.get('[data-event="ev1"] input[aria-label="地区"]');
    const list = wrapper.get(`datalist#${region.attributes('list')!.replace(/:/g, '\\:')}`);
    expect(list.findAll('option').map((o) => o.attributes('value'))).toEqual(['台州']);
  });
});

describe('PolicyChangeList', () => {
  it('says a floor that follows its grade line as such, in both languages', () => {
    const change: PolicyChange = {
      section: 'downgrade', kind: 'changed', path: '$.downgrades.floors["AA+"]', clause: 'D3', label: '降级后得分', engineLabel: { code: 'downgradeFloor', params: {} }, field: 'floors.AA+', old: undefined, new: 86, unit: '分',
      code: 'downgrades.floor', params: { grade: 'AA+', new: 86, unit: '分' }, message: 'D3 降级后得分: 降为 AA+ 级后得分 该级分数线 → 86 分', en: 'D3 score after a downgrade: score after a downgrade to AA+: its grade line → 86 points',
    };
    const row = (locale: 'zh-CN' | 'en') => mountWith(PolicyChangeList, { changes: [change], meta: [] }, locale);
    expect(row('zh-CN').get('[data-role=change-text]').text()).toBe('降为 AA+ 级后得分 该级分数线 → 86 分');
    expect(row('en').get('[data-role=change-text]').text()).toBe('score after a downgrade to AA+: its grade line → 86 points');
    // The label the engine gives is said in the language too, and so is the whole line in the tooltip.
    expect([row('zh-CN').get('.clause-label').text(), row('en').get('.clause-label').text()]).toEqual(['降级后得分', 'score after a downgrade']);
    expect(row('en').get('[data-role=change-text]').attributes('title')).toBe('D3 score after a downgrade: score after a downgrade to AA+: its grade line → 86 points');
    expect(row('zh-CN').get('[data-role=change-text]').attributes('title')).toBe('D3 降级后得分: 降为 AA+ 级后得分 该级分数线 → 86 分');
  });

  it('shows the hint of a changed number its citation does not write, in the editor’s language', () => {
    const citationHint: CitationHint = { path: '$.indicators[1].items[0].clauses[2].points', clause: 'E2.1.3', value: 5, unit: 'points', cited: [{ text: '4 分', values: [4] }], code: 'citationNumber', params: { clause: 'E2.1.3', value: 5, unit: 'points', amountUnit: '分', says: ['4 分'] }, zh: '依据原文写的是“4 分”,与这里的 5 分不符', en: 'the cited text says “4 分”, not 5 points' };
    const change: PolicyChange = {
      section: 'clause', kind: 'changed', path: citationHint.path, clause: 'E2.1.3', label: '一般质量事故', field: 'points', old: -4, new: -5, unit: '分',
      code: 'points', params: { old: -4, new: -5, kind: 'deduction', unit: '分' }, message: 'E2.1.3 一般质量事故: 每次扣 4 分 → 5 分', en: 'E2.1.3 一般质量事故: deducts 4 points each time → 5 points', citationHint,
    };
    const hint = (locale: 'zh-CN' | 'en') => mountWith(PolicyChangeList, { changes: [change], meta: [] }, locale).get('[data-role=citation-hint]').text();
    expect(hint('zh-CN')).toBe('依据原文写的是“4 分”,与这里的 5 分不符');
    expect(hint('en')).toBe('the cited text says “4 分”, not 5 points');
    expect(mountWith(PolicyChangeList, { changes: [{ ...change, citationHint: undefined }], meta: [] }).find('[data-role=citation-hint]').exists()).toBe(false);
  });
});

describe('JsonView', () => {
  it('keeps broken JSON as typed and shows the error, the cases keeping their scores', async () => {
    const wrapper = mountWith(JsonView);
    await vi.waitFor(() => wrapper.get('[data-role=monaco-stub]'));
    const text = wrapper.get('[data-role=monaco-stub]');
    expect((text.element as HTMLTextAreaElement).value).toBe(useRulesetStore().jsonText);
    await text.setValue('{ "id": "enterprise",');
    expect(wrapper.get('[data-role=json-error]').text()).toContain('JSON 语法错误');
    expect(wrapper.get('[data-role=json-error]').text()).toContain('不会丢失');
    // In Chinese, what to look for, not the browser's English message.
    expect(wrapper.get('[data-role=json-error]').text()).toContain('请检查这一处');
    expect(wrapper.get('[data-role=json-error]').text()).not.toMatch(/JSON at position|Unexpected|Expected/);
    expect(useRulesetStore().jsonText).toBe('{ "id": "enterprise",');
    const current = useResultsStore().rows.find((r) => r.path === ONE_ACCIDENT)!.current!;
    expect(current.ok && current.result.score).toBe(85);
  });

  it('lists the problems of JSON that parses but does not make a valid ruleset', async () => {
    const wrapper = mountWith(JsonView);
    await vi.waitFor(() => wrapper.get('[data-role=monaco-stub]'));
    const broken = JSON.stringify(setIn(JSON.parse(rulesetText), ['grades', 2, 'min'], 88), null, 2);
    await wrapper.get('[data-role=monaco-stub]').setValue(broken);
    // Named as the form names the field; the JSON path left for the tooltip.
    const place = wrapper.get('[data-role=json-problems] [data-role=problem-place]');
    expect(place.text()).toBe('AA · 最低分');
    expect(place.attributes('title')).toBe('$.grades[2].min');
    expect(wrapper.get('[data-role=json-problems]').text()).not.toContain('$.grades');
  });
});

describe('App', () => {
  it('opens the ruleset, undoes and redoes an edit from the header, and speaks English on request', async () => {
    setActivePinia(pinia);
    const wrapper = mountWith(App);
    await flushPromises();
    await flushPromises();
    const input = () => field(wrapper, E213).get('input');
    await input().setValue('5');
    expect(wrapper.get('[data-role=save-status]').text()).toContain('规则 1 处修改');
    await wrapper.get('[data-action=undo]').trigger('click');
    expect((input().element as HTMLInputElement).value).toBe('4');
    expect(wrapper.get('[data-role=save-status]').text()).toContain('已保存');
    await wrapper.get('[data-action=redo]').trigger('click');
    expect((input().element as HTMLInputElement).value).toBe('5');

    await wrapper.get('[data-action=save]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-role=save-report]').text()).toContain('已保存 enterprise.json');
    expect(JSON.parse(source.files.get('enterprise.json')!).indicators[1].items[0].clauses[2].points).toBe(-5);

    await wrapper.findAll('.locale-switch button')[1]!.trigger('click');
    expect(wrapper.get('[data-action=save]').text()).toBe('Save');
    expect(wrapper.get('[data-tab=form]').text()).toBe('Rule forms');
    expect(wrapper.get('[data-clause="E2.1.3"]').text()).toContain('一般质量事故');
    expect(localStorage.getItem('credit-rules.locale')).toBe('en');
  });

  it('says a conflict in Chinese: nothing saved, why, and what to do', async () => {
    setActivePinia(pinia);
    const wrapper = mountWith(App);
    await flushPromises();
    source.files.set('enterprise.json', `${source.files.get('enterprise.json')!}\n`); // changed on disk meanwhile
    await field(wrapper, E213).get('input').setValue('5');
    await wrapper.get('[data-action=save]').trigger('click');
    await flushPromises();
    const report = wrapper.get('[data-role=save-report]').text();
    expect(report).toContain('没有保存:');
    expect(report).not.toContain('部分文件');
    expect(report).toContain('enterprise.json 在您打开之后已被他人修改,没有覆盖。');
    expect(report).toContain('请先下载您的版本备份');
    expect(report).not.toContain('changed on disk');
  });

  it('says one and many in English wherever it counts', () => {
    const { t } = createEditorI18n('en').global;
    const counted = (key: string, n: number): string => t(key, { n, within: 1 }, n);
    expect([1, 2].map((n) => counted('cases.moved', n))).toEqual(['1 score moved', '2 scores moved']);
    expect([1, 2].map((n) => counted('cases.regraded', n))).toEqual(['1 grade changed', '2 grades changed']);
    expect([1, 2].map((n) => counted('compare.total', n))).toEqual(['1 case', '2 cases']);
    expect(counted('problems.title', 1)).toMatch(/^The ruleset has 1 problem\. It cannot be saved until it is fixed/);
    expect(counted('json.problems', 2)).toMatch(/^The ruleset has 2 problems /);
    expect(counted('compare.computedOnly', 1)).toMatch(/^1 case whose result is held by a downgrade while its table score changes$/);
    expect(counted('compare.nearLines', 1)).toMatch(/^1 case within 1 point/);
  });

  it('says when the address names a file to compare that is not there, instead of comparing another in silence', async () => {
    setActivePinia(pinia);
    window.history.replaceState(null, '', '/?view=compare&old=enterprise.json&new=nope.json');
    try {
      const app = mountWith(App);
      await flushPromises();
      await flushPromises();
      expect(app.get('[data-role=compare-unknown]').text()).toBe('地址中要比较的文件不存在:nope.json。下面比较的是默认的版本,请在下拉框中重新选择。');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('counts in English as English does: 1 rule change, 2 rule changes', async () => {
    setActivePinia(pinia);
    const header = mountWith(AppHeader, { mode: 'edit' }, 'en');
    useRulesetStore().setValue(E213_POINTS, -5, 'E2.1.3');
    await flushPromises();
    expect(header.get('[data-role=save-status]').text()).toBe('Unsaved: 1 rule change');
    useRulesetStore().setValue(['indicators', 1, 'items', 0, 'cap'], 19, 'cap');
    await flushPromises();
    expect(header.get('[data-role=save-status]').text()).toBe('Unsaved: 2 rule changes');
  });

  it('adds a case through the header of the cases panel and opens its form', async () => {
    setActivePinia(pinia);
    const wrapper = mountWith(AppHeader, { mode: 'edit' });
    expect(wrapper.get('[data-action=revert]').attributes('disabled')).toBeDefined();
    const app = mountWith(App);
    await flushPromises();
    await app.get('.cases-head button').trigger('click');
    await flushPromises();
    expect(useCasesStore().drafts).toHaveLength(4);
    expect(document.querySelector('[data-role=case-editor]')).not.toBeNull();
    // Undone, the case goes and its form closes; redone, the case is back, its form stays closed.
    useHistoryStore().undo();
    await flushPromises();
    expect(useCasesStore().drafts).toHaveLength(3);
    expect(document.querySelector('[data-role=case-editor]')).toBeNull();
    useHistoryStore().redo();
    await flushPromises();
    expect(useCasesStore().drafts).toHaveLength(4);
    expect(document.querySelector('[data-role=case-editor]')).toBeNull();
  });
});
