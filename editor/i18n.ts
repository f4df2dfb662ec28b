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
  const i18n = createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
  rememberTranslations(i18n.global);
  return i18n;
}

/** How many translations `rememberTranslations` keeps per language before starting afresh. */
const REMEMBERED = 2000;

/**
 * Makes `t` give back what it wrote before for the same key and arguments in the same language,
 * rather than resolve and format the message again on every render (the messages do not change
 * while the editor runs): a component that updates on every edit (the header, the case summary,
 * a card) then pays for a lookup. Arguments other than strings, finite numbers and booleans go through
 * to vue-i18n as they are. `t` still reads the language, so a render that used it follows a switch.
 */
function rememberTranslations(composer: { locale: { value: string }; t: (...args: never[]) => string }): void {
  const translate = composer.t;
  const known = new Map<string, string>();
  let knownLocale = '';
  const plain = (value: unknown): boolean => typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
  composer.t = ((...args: unknown[]): string => {
    const current = composer.locale.value;
    const key = args.every((a) => plain(a) || (a !== null && typeof a === 'object' && !Array.isArray(a) && Object.values(a).every(plain))) ? JSON.stringify(args) : null;
    if (key === null) return (translate as (...a: unknown[]) => string)(...args);
    if (current !== knownLocale || known.size >= REMEMBERED) {
      known.clear();
      knownLocale = current;
    }
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = (translate as (...a: unknown[]) => string)(...args)));
    return text;
  }) as typeof composer.t;
}
