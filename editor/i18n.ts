/** vue-i18n for the editor: zh-CN by default, English by the switch in the header. */
import { createI18n } from 'vue-i18n';
import en from './locales/en.js';
import zhCN, { type Messages } from './locales/zh-CN.js';

/** The languages of the editor, the default first. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Of a text the engine writes in both languages (a citation hint), the one `locale` reads. */
export function inLocale(text: { zh: string; en: string }, locale: string): string {
  return locale === 'en' ? text.en : text.zh;
}

const STORAGE_KEY = 'credit-rules.locale';

/** The language chosen last time on this computer, else zh-CN. */
export function preferredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // Storage may be unavailable (private windows); the default will do.
  }
  return 'zh-CN';
}

/** Remembers the language for next time. */
export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering is harmless.
  }
}

/** A fresh i18n instance (one per app; tests make their own). */
export function createEditorI18n(locale: Locale = preferredLocale()) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
}
