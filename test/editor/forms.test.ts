// @vitest-environment happy-dom
/** Typed fields: each parameter edited by its type, refusals that change nothing, and hints beside the field. */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ParametersSection from '../../editor/components/ParametersSection.vue';
import RulesetForm from '../../editor/components/RulesetForm.vue';
import { createEditorI18n } from '../../editor/i18n.js';
import { useCasesStore } from '../../editor/stores/cases.js';
import { useHistoryStore } from '../../editor/stores/history.js';
import { useResultsStore } from '../../editor/stores/results.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { useWorkspaceStore } from '../../editor/stores/workspace.js';
import type { Ruleset } from '../../engine/index.js';
import TakeAllExpected from '../../editor/components/TakeAllExpected.vue';
import { exportTable, toCsv, toXlsx } from '../../editor/model/exportTable.js';
import { caseResultColumns, impactColumns } from '../../editor/model/resultColumns.js';
import { searchClauses } from '../../editor/model/clauseSearch.js';
import { caseImpact } from '../../engine/index.js';
import readXlsxFile from 'read-excel-file/node';
import { E213_POINTS, MemorySource, ONE_ACCIDENT } from './support.js';

let pinia: Pinia;
const wrappers: VueWrapper[] = [];

beforeEach(async () => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
  const workspace = useWorkspaceStore();
  workspace.useSource(new MemorySource());
  await workspace.connect();
  await workspace.open('enterprise.json');
});
afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount();
});

function mountParameters(locale: 'zh-CN' | 'en' = 'zh-CN'): VueWrapper {
  const store = useRulesetStore();
  const wrapper = mount(ParametersSection as never, {
    props: { parameters: store.ruleset!.parameters, baseRule: store.ruleset!.baseRule } as never,
    attachTo: document.body,
    global: { plugins: [pinia, createEditorI18n(locale)] },
  });
  wrappers.push(wrapper);
  return wrapper;
}

function mountForm(locale: 'zh-CN' | 'en' = 'zh-CN'): VueWrapper {
  const wrapper = mount(RulesetForm as never, { attachTo: document.body, global: { plugins: [pinia, createEditorI18n(locale)] } });
  wrappers.push(wrapper);
  return wrapper;
}

const N7 = '$.parameters.awardsScoredFrom.value';
const MONTHS = '$.parameters.announcementMonths.value';
const REGIONS = '$.parameters.mutualRecognitionRegions.value';
const field = (wrapper: VueWrapper, path: string) => wrapper.get(`[data-path="${path}"]`);
const draftParameter = (name: string): unknown => (useRulesetStore().draft as Ruleset).parameters[name]!.value;

describe("the base score rule's words", () => {
  it("name the ruleset's own project (its label, labelEn), else a plain project: no regulation's words in the editor", async () => {
    const lookback = (wrapper: VueWrapper) => wrapper.get('[data-path="$.baseRule.lookbackMonths"]').element.closest('label')!.textContent!;
    expect(lookback(mountParameters())).toContain('内无园林绿化工程项目的,相关项目按基本分计');
    expect(lookback(mountParameters('en'))).toContain('no landscaping project in the last');
    const store = useRulesetStore();
    const { label: _label, labelEn: _labelEn, ...plain } = store.ruleset!.baseRule!;
    const wrapper = mount(ParametersSection as never, { props: { parameters: store.ruleset!.parameters, baseRule: plain } as never, global: { plugins: [pinia, createEditorI18n('zh-CN')] } });
    wrappers.push(wrapper);
    expect(lookback(wrapper)).toContain('内无项目的,相关项目按基本分计');
  });
});

describe('parameters edited by their type', () => {
  it('gives each parameter the field of the type the ruleset language reads: date, whole number, number, text, list', () => {
    const wrapper = mountParameters();
    expect(field(wrapper, N7).attributes('data-type')).toBe('date');
    expect(field(wrapper, '$.parameters.homeRegion.value').attributes('data-type')).toBe('text');
    expect(field(wrapper, REGIONS).attributes('data-type')).toBe('strings');
    expect(field(wrapper, MONTHS).classes()).toContain('number-field');
    expect(field(wrapper, '$.parameters.contractThreshold.value').classes()).toContain('number-field');
  });

  it('keeps the N7 date a date field through Backspace, and takes a real date in any usual writing as YYYY-MM-DD', async () => {
    const wrapper = mountParameters();
    const input = field(wrapper, N7).get('input');
    expect(input.element.value).toBe('2018-01-01');
    await input.setValue('2018-01-0'); // one Backspace
    expect(field(wrapper, N7).attributes('data-type')).toBe('date');
    expect(draftParameter('awardsScoredFrom')).toBe('2018-01-01');
    await input.setValue('2019年3月1日');
    expect(draftParameter('awardsScoredFrom')).toBe('2019-03-01');
    await input.trigger('blur');
    expect(input.element.value).toBe('2019-03-01');
    expect(field(wrapper, N7).find('[role=alert]').exists()).toBe(false);
  });

  it('refuses 明年 and 2021-02-30 with a Chinese message: the draft, the cases and what Save would write are unchanged', async () => {
    const wrapper = mountParameters();
    const results = useResultsStore();
    const scores = results.rows.map((row) => (row.current?.ok ? row.current.result.score : null));
    const text = useRulesetStore().textToSave();
    for (const typed of ['明年', '2021-02-30', '']) {
      await field(wrapper, N7).get('input').setValue(typed);
      expect(field(wrapper, N7).get('[role=alert]').text()).toBe('不是有效日期,未采用:请按 YYYY-MM-DD 填写真实日期(如 2018-01-01);规则仍为 2018-01-01');
      expect(field(wrapper, N7).get('input').element.value).toBe(typed); // kept as typed, to be corrected
      expect(draftParameter('awardsScoredFrom')).toBe('2018-01-01');
      expect(useRulesetStore().dirty).toBe(false);
      expect(useRulesetStore().textToSave()).toBe(text);
      expect(results.rows.map((row) => (row.current?.ok ? row.current.result.score : null))).toEqual(scores);
      expect(useHistoryStore().canUndo).toBe(false);
    }
  });

  it('refuses decimals in a whole number of months, in English too', async () => {
    const wrapper = mountParameters('en');
    await field(wrapper, MONTHS).get('input').setValue('2.5');
    expect(draftParameter('announcementMonths')).toBe(3);
    expect(field(wrapper, MONTHS).get('[role=alert]').text()).toBe('Enter a whole number; not taken, the rule stays 3');
    await field(wrapper, MONTHS).get('input').setValue('6');
    expect(draftParameter('announcementMonths')).toBe(6);
    expect(field(wrapper, MONTHS).find('[role=alert]').exists()).toBe(false);
  });

  it('edits a list of texts as a list: entries added one by one or several at once, each removable, undoable', async () => {
    const wrapper = mountParameters();
    const list = field(wrapper, REGIONS);
    expect(list.get('.list-empty').text()).toBe('(无)');
    await list.get('.list-add input').setValue('温州、 宁波');
    await list.get('[data-action=list-add]').trigger('click');
    expect(draftParameter('mutualRecognitionRegions')).toEqual(['温州', '宁波']);
    expect(list.findAll('[data-role=list-item]').map((li) => li.get('span').text())).toEqual(['温州', '宁波']);
    await list.get('.list-add input').setValue('温州');
    await list.get('.list-add input').trigger('keydown', { key: 'Enter' });
    expect(draftParameter('mutualRecognitionRegions')).toEqual(['温州', '宁波']); // no repeats
    await list.findAll('[data-role=list-item]')[0]!.get('button').trigger('click');
    expect(draftParameter('mutualRecognitionRegions')).toEqual(['宁波']);
    expect(list.get('.was').text()).toBe('原 (无)');
    expect(useHistoryStore().undoLabel).toBe('信用信息互认互查地区:删除“温州”');
    useHistoryStore().undo();
    expect(draftParameter('mutualRecognitionRegions')).toEqual(['温州', '宁波']);
  });
});

describe('hints beside the field', () => {
  it('says beside E2.1.3 that 0 points switches it off, and beside a grade line that no score reaches it', async () => {
    const wrapper = mountForm();
    const e213 = '$.indicators[1].items[0].clauses[2].points';
    expect(field(wrapper, e213).find('[data-role=value-hint]').exists()).toBe(false);
    useRulesetStore().setValue([...E213_POINTS], 0, 'E2.1.3');
    await flushPromises();
    expect(field(wrapper, e213).get('[data-role=value-hint]').text()).toBe('E2.1.3 的分值为 0,这一条不再扣分或加分');
    useRulesetStore().setValue(['grades', 0, 'min'], 101, 'AAA');
    await flushPromises();
    expect(field(wrapper, '$.grades[0].min').get('[data-role=value-hint]').text()).toBe('AAA 级分数线 101 分高于本表最高可得的 100 分,没有主体能达到');
  });

  it('says beside the levels of E5.2 that, every level at 0, the clause no longer counts (not only in the banner)', async () => {
    const wrapper = mountForm();
    const levels = ['indicators', 4, 'items', 0, 'clauses', 1, 'levels'] as const;
    const clause = wrapper.get('[data-clause="E5.2"]');
    expect(clause.find('[data-role=value-hint]').exists()).toBe(false);
    for (const li of [1, 2, 3]) useRulesetStore().setValue([...levels, li, 'points'], 0, 'E5.2');
    await flushPromises();
    const hint = wrapper.get('[data-clause="E5.2"] [data-role=value-hint]');
    expect(hint.attributes('data-code')).toBe('zeroPoints');
    expect(hint.text()).toBe('E5.2 各档分值都为 0,这一条不再扣分或加分');
  });

  it('says beside the announcement months that 0 leaves only the evaluation month, naming the clauses that fall back on it', async () => {
    const wrapper = mountParameters('en');
    await field(wrapper, MONTHS).get('input').setValue('0');
    const hint = field(wrapper, MONTHS).get('[data-role=value-hint]');
    expect(hint.attributes('data-code')).toBe('zeroMonths');
    expect(hint.text()).toMatch(/^events of E2\.1\.2, .* without their own period count for 0 months/);
  });
});

describe('the undo tooltip', () => {
  it('names the value typed last, not the first key', async () => {
    const wrapper = mountForm();
    const input = field(wrapper, '$.grades[0].min').get('input');
    await input.setValue('9');
    await input.setValue('91');
    expect(useHistoryStore().past).toHaveLength(1);
    expect(useHistoryStore().undoLabel).toBe('AAA 级最低分:91');
    expect(useCasesStore().dirty).toBe(false);
  });
});

describe('export of results', () => {
  it('writes the case results as CSV with Chinese headers in zh mode, English ones in en mode, every case and indicator', async () => {
    useRulesetStore().setValue([...E213_POINTS], -5, 'E2.1.3');
    const results = useResultsStore();
    const rows = results.rows.map((row) => ({ row, sampleCase: useCasesStore().byPath.get(row.path)!.case }));
    const indicators = useRulesetStore().ruleset!.indicators;
    const zh = toCsv(exportTable(rows, caseResultColumns(indicators, 'zh-CN'), 'zh-CN'));
    expect(zh.startsWith('\uFEFF案例,编号,主体名称,评价日,得分,等级,已保存规则得分,已保存规则等级,分数变化,等级变化,预期得分,预期等级,符合预期,E1 营业执照,E2 工程质量,')).toBe(true);
    const lines = zh.trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    // score 84 (was 85), AA+ → AA, one point less
    expect(lines.find((l) => l.includes('EDITOR-1'))).toContain(',2021-06-30,84,AA,85,AA+,-1,是,');
    const en = toCsv(exportTable(rows, caseResultColumns(indicators, 'en'), 'en'));
    expect(en.split('\r\n')[0]).toContain('Case,ID,Entity,Evaluated on,Score,Grade,Score (saved rules)');
    expect(en).toContain(',yes,');
  });

  it('quotes commas and quotes, keeps numbers as numbers and makes formula-like text inert', () => {
    const table = exportTable([{ a: 'x, "y"', b: -1.5, c: '=1+1', d: null }], [
      { header: 'export.case', value: (r) => r.a },
      { header: 'export.change', value: (r) => r.b },
      { header: () => 'C', value: (r) => r.c },
      { header: 'export.problem', value: (r) => r.d },
    ], 'zh-CN');
    expect(toCsv(table)).toBe('\uFEFF案例,分数变化,C,问题\r\n"x, ""y""",-1.5,\'=1+1,\r\n');
  });

  it('writes an .xlsx workbook that reads back with the same headers, numbers and words', async () => {
    useRulesetStore().setValue([...E213_POINTS], -5, 'E2.1.3');
    const rows = useResultsStore().rows.map((row) => ({ row, sampleCase: useCasesStore().byPath.get(row.path)!.case }));
    const table = exportTable(rows, caseResultColumns(useRulesetStore().ruleset!.indicators, 'zh-CN'), 'zh-CN');
    const blob = await toXlsx(table, 'enterprise-案例结果');
    const [sheet] = await readXlsxFile(Buffer.from(await blob.arrayBuffer()));
    expect(sheet!.sheet).toBe('enterprise-案例结果');
    expect(sheet!.data[0]!.slice(0, 6)).toEqual(['案例', '编号', '主体名称', '评价日', '得分', '等级']);
    expect(sheet!.data).toHaveLength(rows.length + 1);
    const accident = sheet!.data.find((r) => r[1] === 'EDITOR-1')!;
    expect(accident.slice(4, 10)).toEqual([84, 'AA', 85, 'AA+', -1, '是']);
  });

  it('exports the impact of a change, one row per case with the items that moved', () => {
    const ruleset = useRulesetStore();
    ruleset.setValue([...E213_POINTS], -5, 'E2.1.3');
    const impact = caseImpact(ruleset.savedCompiled!, ruleset.compiled!, useCasesStore().drafts.map((d) => ({ ...d.case, source: d.path })));
    const csv = toCsv(exportTable(impact.rows, impactColumns('zh-CN'), 'zh-CN'));
    const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('编号,案例,评价日,原得分,原等级,新得分,新等级,分数变化,等级变化,变动的项目,问题');
    expect(lines).toHaveLength(impact.rows.length);
    expect(lines.find((l) => l.startsWith('EDITOR-1,'))).toMatch(/,85,AA\+,84,AA,-1,是,E2\.1 \d+→\d+,$/);
  });

  it("says why a case could not be compared in the chosen language", () => {
    const ruleset = useRulesetStore();
    const one = useCasesStore().drafts[0]!;
    const broken = { ...one.case, source: one.path, record: { ...one.case.record, events: [{ type: 'qualityComplaint', date: '2021-02-30' }] } };
    const impact = caseImpact(ruleset.savedCompiled!, ruleset.compiled!, [broken as never]);
    const problem = (locale: 'zh-CN' | 'en') => exportTable(impact.rows, impactColumns(locale), locale).rows[0]!.at(-1);
    expect(problem('zh-CN')).toBe('RECORD_INVALID: 记录有误');
    expect(problem('en')).toBe('RECORD_INVALID: the record is invalid');
  });
});

describe('take all current results as expected', () => {
  it('lists each case whose expectation changes, takes them in one step, and undoes it in one', async () => {
    useRulesetStore().setValue([...E213_POINTS], -5, 'E2.1.3');
    const wrapper = mount(TakeAllExpected as never, { attachTo: document.body, global: { plugins: [pinia, createEditorI18n('zh-CN')] } });
    wrappers.push(wrapper);
    const failing = useResultsStore().rows.filter((r) => r.differences?.length).map((r) => r.path);
    expect(failing.length).toBeGreaterThan(0);
    expect(wrapper.get('[data-action=take-all-expected]').text()).toBe(`全部设为预期(${failing.length})`);
    await wrapper.get('[data-action=take-all-expected]').trigger('click');
    const listed = wrapper.findAll('[data-role=take-all-row]');
    expect(listed.map((r) => r.attributes('data-case'))).toEqual(failing);
    expect(wrapper.get(`[data-role=take-all-row][data-case="${ONE_ACCIDENT}"]`).text()).toContain('85 · AA+');
    expect(wrapper.get(`[data-role=take-all-row][data-case="${ONE_ACCIDENT}"]`).text()).toContain('84 · AA');
    expect(wrapper.get(`[data-role=take-all-row][data-case="${ONE_ACCIDENT}"] [data-role=take-all-what]`).text()).toContain('得分 84(预期 85)');
    await wrapper.get('[data-action=take-all-confirm]').trigger('click');
    expect(useResultsStore().summary.failing).toBe(0);
    expect(useCasesStore().byPath.get(ONE_ACCIDENT)!.case.expected).toMatchObject({ score: 84, grade: 'AA' });
    expect(useHistoryStore().undoLabel).toBe(`将 ${failing.length} 个案例的当前结果设为预期`);
    expect(wrapper.get('[data-action=take-all-expected]').attributes('disabled')).toBeDefined();
    useHistoryStore().undo();
    expect(useCasesStore().dirty).toBe(false);
    expect(useRulesetStore().draft).not.toBe(useRulesetStore().saved); // the rule edit stays
    expect(useResultsStore().rows.filter((r) => r.differences?.length).map((r) => r.path)).toEqual(failing);
  });

  it('changes nothing when cancelled', async () => {
    useRulesetStore().setValue([...E213_POINTS], -5, 'E2.1.3');
    const wrapper = mount(TakeAllExpected as never, { attachTo: document.body, global: { plugins: [pinia, createEditorI18n('en')] } });
    wrappers.push(wrapper);
    await wrapper.get('[data-action=take-all-expected]').trigger('click');
    await wrapper.get('[data-action=take-all-cancel]').trigger('click');
    expect(wrapper.find('[data-role=take-all]').exists()).toBe(false);
    expect(useCasesStore().dirty).toBe(false);
  });
});

describe('clause search', () => {
  it('finds a clause by its id however written, and by Chinese words of its label or cited text', () => {
    const ruleset = useRulesetStore().ruleset!;
    expect(searchClauses(ruleset, 'E2.1.3')[0]).toMatchObject({ kind: 'clause', id: 'E2.1.3', label: '一般质量事故' });
    expect(searchClauses(ruleset, 'e213')[0]!.id).toBe('E2.1.3');
    expect(searchClauses(ruleset, 'N7')[0]).toMatchObject({ kind: 'parameter', id: 'awardsScoredFrom' });
    const accidents = searchClauses(ruleset, '质量事故').map((h) => h.id);
    expect(accidents).toContain('E2.1.3');
    expect(accidents.every((id) => id.startsWith('E2'))).toBe(true);
    expect(searchClauses(ruleset, '通报 批评').length).toBeGreaterThan(1); // every word, anywhere in label or text
    expect(searchClauses(ruleset, '火星')).toEqual([]);
  });

  it('jumps to the clause chosen and highlights it', async () => {
    const wrapper = mountForm();
    const input = wrapper.get('[data-role=clause-search]');
    await input.setValue('一般质量事故');
    expect(wrapper.findAll('[data-role=search-hit]')[0]!.attributes('data-id')).toBe('E2.1.3');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    const row = wrapper.get('.form-body [data-clause="E2.1.3"]');
    expect(row.classes()).toContain('search-hit');
    expect(document.activeElement).toBe(row.get('input').element);
    await input.setValue('火星');
    expect(wrapper.get('[data-role=search-none]').text()).toBe('没有找到');
  });
});
