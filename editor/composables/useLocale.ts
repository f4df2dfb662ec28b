/** The editor's language: read, switch, remember, and keep `<html lang>` and the page title in step. */
import { computed, watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALES, rememberLocale, type Locale } from '../i18n.js';

/** The current language and a switch to another. */
export function useLocale() {
  const { locale, t } = useI18n({ useScope: 'global' });
  watchEffect(() => {
    if (typeof document === 'undefined') return;
    document.documentElement.lang = locale.value;
    document.title = t('app.title');
  });
  return {
    locales: LOCALES,
    locale: computed(() => locale.value as Locale),
    setLocale(next: Locale): void {
      locale.value = next;
      rememberLocale(next);
    },
  };
}
