/**
 * Explanations in words: a trace line or a policy change, said in a language from its `code`
 * and `params` by the catalogues of engine/messages. The engine fills `message` (zh-CN) and
 * `en` with these same sentences; a program that kept only codes and params (a JSON result, a
 * change read back) says them with `explain` as well.
 */
import type { PolicyChange } from './review/diff.js';
import type { Catalogue, ChangeExplanation, ChangeLabel, Locale, TraceExplanation } from './messages/codes.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import type { TraceEntry } from './types.js';

/** The catalogue of each language. */
export const catalogues: Readonly<Record<Locale, Catalogue>> = { 'zh-CN': zhCN, en };

/** A locale's catalogue; Chinese for a locale there is none of. */
function catalogueOf(locale: Locale): Catalogue {
  return Object.hasOwn(catalogues, locale) ? catalogues[locale] : zhCN;
}

/** A trace line's sentence in `catalogue`. */
export function traceSentence(catalogue: Catalogue, line: TraceExplanation): string {
  // The code picks the function its params were made for; TypeScript cannot follow the pairing through the lookup.
  return (catalogue.trace[line.code] as (p: TraceExplanation['params']) => string)(line.params);
}

/** A label the engine gives a change (the downgrades, a grade…), in `locale`. */
export function changeLabelText(label: ChangeLabel, locale: Locale): string {
  return (catalogueOf(locale).changeLabel[label.code] as (p: ChangeLabel['params']) => string)(label.params);
}

/** What a change changed, in `catalogue`: the line without its `clause label: ` head. */
function changeSentence(catalogue: Catalogue, change: ChangeExplanation): string {
  return (catalogue.change[change.code] as (p: ChangeExplanation['params']) => string)(change.params);
}

/** The parts of a policy change as a language says them. */
export interface ChangeWords {
  /** What the change is about: the ruleset's label, or the engine's (the downgrades, a grade…) in the language. */
  label: string;
  /** What changed (e.g. the points per occurrence, old → new); for an added or removed thing, and a grade line, the whole line. */
  what: string;
  /** The whole line: `clause label: what`, or `what` alone where that names its subject. */
  line: string;
}

/** Whether a change's sentence names its subject itself (an addition, a removal, a grade line moved), so the line has no head. */
const namesItsSubject = (change: PolicyChange): boolean => change.kind !== 'changed' || change.code === 'grade.min';

/** A policy change in `locale`: its label, what changed, and the whole line. */
export function explainChange(change: PolicyChange, locale: Locale): ChangeWords {
  const catalogue = catalogueOf(locale);
  const what = changeSentence(catalogue, change);
  const label = change.engineLabel ? changeLabelText(change.engineLabel, locale) : change.label;
  const head = [change.clause, label].filter(Boolean).join(' ');
  return { label, what, line: namesItsSubject(change) || !head ? what : `${head}: ${what}` };
}

/** A trace line or a policy change as one sentence in `locale` (zh-CN: its `message`; en: its `en`). */
export function explain(subject: TraceEntry | PolicyChange, locale: Locale): string {
  if ('section' in subject) return explainChange(subject, locale).line;
  return traceSentence(catalogueOf(locale), subject);
}
