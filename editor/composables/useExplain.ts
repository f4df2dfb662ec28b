/** Trace lines and policy changes in the editor's language, said by the engine's message catalogues. */
import { useI18n } from 'vue-i18n';
import { explain, explainChange, explainReason, type ChangeWords, type MoveExplanation, type PolicyChange, type TraceEntry } from '../../engine/index.js';
import type { Locale } from '../i18n.js';

export function useExplain(): {
  explain: (subject: TraceEntry | PolicyChange) => string;
  explainChange: (change: PolicyChange) => ChangeWords;
  /** Why a case moved between two versions (a reason of `moveReasons`). */
  explainReason: (reason: MoveExplanation) => string;
} {
  const { locale } = useI18n();
  const current = (): Locale => (locale.value === 'en' ? 'en' : 'zh-CN');
  return {
    explain: (subject) => explain(subject, current()),
    explainChange: (change) => explainChange(change, current()),
    explainReason: (reason) => explainReason(reason, current()),
  };
}
