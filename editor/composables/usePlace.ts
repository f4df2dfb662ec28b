/** Where a JSON path points, as the form names the field ("E2.1.3 一般质量事故 · 分值", "事件 3 · 发文日期"), in the editor's language. */
import { useI18n } from 'vue-i18n';
import type { SampleCase } from '../../engine/index.js';
import { casePlaceOf } from '../model/casePlace.js';
import { placeOf } from '../model/place.js';
import { useRulesetStore } from '../stores/ruleset.js';

/** Returns a function naming the field at a JSON path key (`$.indicators[1]…`) of the draft. */
export function usePlace(): (pathKey: string) => string {
  const { t, te } = useI18n({ useScope: 'global' });
  const store = useRulesetStore();
  return (pathKey) => placeOf(store.draft, pathKey, (key) => (te(`place.${key}`) ? t(`place.${key}`) : undefined));
}

/**
 * Returns a function naming the field at a JSON path of a sample case (`$.record.events[2].date`)
 * or, with `recordOnly`, of its record (`$.events[2].date`), as the case form names it.
 */
export function useCasePlace(): (sampleCase: SampleCase | undefined, pathKey: string, recordOnly?: boolean) => string {
  const { t } = useI18n({ useScope: 'global' });
  const store = useRulesetStore();
  return (sampleCase, pathKey, recordOnly = false) => casePlaceOf(sampleCase, pathKey, (key, values) => t(`caseForm.${key}`, values ?? {}), store.ruleset?.eventTypes ?? {}, recordOnly);
}
