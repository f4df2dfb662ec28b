/**
 * Monaco's own words (the diff editor's "Show Unchanged Region", the find widget…) in the
 * editor's language. Monaco 0.57 looks each message up by number in
 * `globalThis._VSCODE_NLS_MESSAGES` when it is shown, falling back to English; its
 * `nls/lang/zh-cn.js` sets that table. Set before Monaco loads and before each editor is
 * created (the wrappers are re-created when the language changes).
 */
declare global {
  var _VSCODE_NLS_MESSAGES: unknown[] | undefined;
}

let chinese: unknown[] | undefined;
let current: 'zh-CN' | 'en' = 'zh-CN';

/** The language Monaco speaks now. */
export function monacoLocale(): 'zh-CN' | 'en' {
  return current;
}

/** Makes Monaco speak `locale` in the widgets it creates from now on. */
export async function setMonacoLocale(locale: string): Promise<void> {
  current = locale === 'en' ? 'en' : 'zh-CN';
  if (current === 'en') {
    globalThis._VSCODE_NLS_MESSAGES = undefined;
    return;
  }
  if (!chinese) {
    try {
      await import('monaco-editor/nls/lang/zh-cn.js');
      chinese = globalThis._VSCODE_NLS_MESSAGES;
    } catch (error) {
      // Without its table Monaco speaks English; the editor must still open.
      console.warn('Monaco Chinese messages not loaded:', error);
      return;
    }
  }
  globalThis._VSCODE_NLS_MESSAGES = chinese;
}
