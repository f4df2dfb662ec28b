/** The editor's i18n: `t` remembers what it wrote, and writes exactly what vue-i18n writes. */
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createEditorI18n } from '../../editor/i18n.js';
import en from '../../editor/locales/en.js';
import zhCN from '../../editor/locales/zh-CN.js';

/** Every message key of a catalogue, dotted. */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`)));
}

describe('the editor i18n’s t', () => {
  const plain = () => createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }).global;

  it('writes what vue-i18n writes, for every key in both languages, asked once or again', () => {
    const editor = createEditorI18n('zh-CN').global;
    const reference = plain();
    const keys = keysOf(zhCN);
    expect(keys.length).toBeGreaterThan(300);
    for (const locale of ['zh-CN', 'en'] as const) {
      editor.locale.value = locale;
      reference.locale.value = locale;
      for (const key of keys) {
        const args = { n: 2, value: 7, what: 'x', name: 'E2.1', from: '2021-01-01', to: '2022-01-01' };
        expect(editor.t(key), key).toBe(reference.t(key));
        expect(editor.t(key), key).toBe(reference.t(key));
        expect(editor.t(key, args), key).toBe(reference.t(key, args));
      }
    }
  });

  it('follows the arguments, the plural and the language', () => {
    const { t, locale } = createEditorI18n('en').global;
    expect(t('cases.moved', { n: 1 }, 1)).toBe('1 score moved');
    expect(t('cases.moved', { n: 3 }, 3)).toBe('3 scores moved');
    expect(t('cases.moved', { n: 1 }, 1)).toBe('1 score moved');
    locale.value = 'zh-CN';
    expect(t('cases.moved', { n: 3 }, 3)).toBe(plain().t('cases.moved', { n: 3 }, 3));
    expect(t('header.save')).toBe('保存');
    locale.value = 'en';
    expect(t('header.save')).toBe('Save');
  });
});
