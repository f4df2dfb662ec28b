// @vitest-environment happy-dom
/** Where windows end, in the form: the ruleset's `windows.end` chosen in a select (zh-CN and en), the cases moving with it, a listing said to its day. */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import RulesetForm from '../../editor/components/RulesetForm.vue';
import { createEditorI18n } from '../../editor/i18n.js';
import { getIn } from '../../editor/model/paths.js';
import { useHistoryStore } from '../../editor/stores/history.js';
import { useResultsStore } from '../../editor/stores/results.js';
import { useRulesetStore } from '../../editor/stores/ruleset.js';
import { useWorkspaceStore } from '../../editor/stores/workspace.js';
import { MemorySource, fixtureCases, rulesetText } from './support.js';

/**
 * A case on a window's edge: E2.1.3's general accident of 2020-05-10 counts 60 months, to
 * 2025-05-10 itself to the day, to 2025-05-31 at the month's end. On 2025-05-20, with no
 * project in the last 24 months (P1 ended 2020-12-31: base scores), E1 8 + E2 (18 − 4 + 6 for
 * the 2020-11-05 Luban award) 20 + E3 (18 + 3 for the 2020-09-01 site) 21 + E4 0 + E5 6 + E6 10
 * + E7 10 = 75 at the month's end; to the day the accident has lapsed: E2 24, 79. (Both awards
 * count 60 months, to 2025-11 and 2025-09, either way.)
 */
const edge = (() => {
  const c = JSON.parse(fixtureCases['cases/enterprise/e213-one-general-accident.json']!);
  return JSON.stringify({ ...c, name: '期限边界:2025-05-10 期满', asOf: '2025-05-20', record: { ...c.record, id: 'EDGE-1' } });
})();
const EDGE = 'cases/enterprise/edge.json';

let pinia: Pinia;
const wrappers: VueWrapper[] = [];

async function open(ruleset: string): Promise<void> {
  const workspace = useWorkspaceStore();
  workspace.useSource(new MemorySource({ 'enterprise.json': ruleset, [EDGE]: edge }));
  await workspace.connect();
  await workspace.open('enterprise.json');
}

function mountForm(locale: 'zh-CN' | 'en' = 'zh-CN'): VueWrapper {
  const wrapper = mount(RulesetForm as never, { attachTo: document.body, global: { plugins: [pinia, createEditorI18n(locale)] } });
  wrappers.push(wrapper);
  return wrapper;
}

const edgeScore = (): number | null => {
  const row = useResultsStore().rows.find((r) => r.path === EDGE);
  return row?.current?.ok ? row.current.result.score : null;
};
const select = (wrapper: VueWrapper) => wrapper.get<HTMLSelectElement>('[data-role=window-end-select]');
const options = (wrapper: VueWrapper) => select(wrapper).findAll('option').map((o) => [o.element.value, o.text()]);

beforeEach(() => {
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount();
});

describe('where windows end, in the form', () => {
  it('shows the shipped table\'s month end with the note it cites, and counts to the day once the officer chooses it, undoably', async () => {
    await open(rulesetText);
    const wrapper = mountForm();
    expect(options(wrapper)).toEqual([['monthEnd', '到期当月月底'], ['day', '到期日(到期月的对应日)']]);
    expect(select(wrapper).element.value).toBe('monthEnd');
    expect(wrapper.get('[data-role=window-end-source]').text()).toBe('依据 N6');
    expect(edgeScore()).toBe(75);

    await select(wrapper).setValue('day');
    await flushPromises();
    const store = useRulesetStore();
    expect(getIn(store.draft, ['windows'])).toMatchObject({ end: 'day', citation: { clause: 'N6' }, reading: 'INT-1' });
    expect(store.problems).toEqual([]);
    expect(edgeScore()).toBe(79);
    // A listing now counts to its end date itself (E7.1's window is until a date).
    expect(wrapper.get('[data-clause="E7.1"] .clause-window').text()).toBe('正被列入期间(至列入截止日期当日)');

    useHistoryStore().undo();
    await flushPromises();
    expect(select(wrapper).element.value).toBe('monthEnd');
    expect(edgeScore()).toBe(75);
    expect(wrapper.get('[data-clause="E7.1"] .clause-window').text()).toBe('正被列入期间(至列入截止日期所在月底)');
  });

  it('for a ruleset that states nothing: the default, said so, and a choice that writes windows.end and loads', async () => {
    const silent = JSON.parse(rulesetText);
    delete silent.windows;
    await open(JSON.stringify(silent, null, 2));
    const wrapper = mountForm();
    expect(select(wrapper).element.value).toBe('monthEnd');
    expect(wrapper.get('[data-role=window-end-source]').text()).toBe('规则集未写明,按默认');
    expect(edgeScore()).toBe(75);
    await select(wrapper).setValue('day');
    await flushPromises();
    expect(getIn(useRulesetStore().draft, ['windows'])).toEqual({ end: 'day' });
    expect(useRulesetStore().problems).toEqual([]);
    expect(edgeScore()).toBe(79);
  });

  it('speaks English in English mode, and shows a window\'s own end beside it', async () => {
    await open(rulesetText);
    const store = useRulesetStore();
    store.setValue(['indicators', 1, 'items', 0, 'clauses', 2, 'window', 'end'], 'day', 'E2.1.3');
    await flushPromises();
    expect(edgeScore()).toBe(79); // E2.1.3 alone to the day
    const wrapper = mountForm('en');
    expect(options(wrapper)).toEqual([['monthEnd', 'at the end of the month'], ['day', 'on the day (the corresponding day)']]);
    expect(wrapper.get('[data-role=window-end-source]').text()).toBe('per N6');
    expect(wrapper.get('[data-clause="E2.1.3"] [data-role=window-end-own]').text()).toBe('this window ends on the day (the corresponding day)');
    expect(wrapper.findAll('[data-role=window-end-own]')).toHaveLength(1);
  });
});
