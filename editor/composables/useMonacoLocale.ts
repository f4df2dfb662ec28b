/** The key a Monaco wrapper is rendered under: set once Monaco speaks the editor's language, changed (re-creating it) when the language changes. */
import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { setMonacoLocale } from '../monaco/nls.js';

export function useMonacoLocale(): Ref<string | null> {
  const { locale } = useI18n({ useScope: 'global' });
  const key = ref<string | null>(null);
  watch(
    locale,
    async (next) => {
      await setMonacoLocale(next);
      key.value = next;
    },
    { immediate: true },
  );
  return key;
}
