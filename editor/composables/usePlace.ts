/** Where a JSON path points, as the form names the field ("E2.1.3 一般质量事故 · 分值"), in the editor's language. */
import { useI18n } from 'vue-i18n';
import { placeOf } from '../model/place.js';
import { useRulesetStore } from '../stores/ruleset.js';

/** Returns a function naming the field at a JSON path key (`$.indicators[1]…`) of the draft. */
export function usePlace(): (pathKey: string) => string {
  const { t, te } = useI18n({ useScope: 'global' });
  const store = useRulesetStore();
  return (pathKey) => placeOf(store.draft, pathKey, (key) => (te(`place.${key}`) ? t(`place.${key}`) : undefined));
}
