/** An engine problem as the reader's language says it: the engine's Chinese text in zh-CN. */
import { useI18n } from 'vue-i18n';
import type { Problem } from '../../engine/index.js';

/** Returns a function giving a problem's text (without its path) in the current language. */
export function useProblemText(): (problem: Pick<Problem, 'message' | 'fix' | 'zh'>) => string {
  const { locale } = useI18n({ useScope: 'global' });
  return (problem) => (locale.value === 'zh-CN' && problem.zh ? problem.zh : `${problem.message}${problem.fix ? `(${problem.fix})` : ''}`);
}
