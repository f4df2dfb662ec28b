/**
 * Values that load but are probably not meant: a 0 that switches a clause off (0 points, a
 * window of 0 months, a parameter of 0 months that windows fall back on) or a whole item (a
 * full score or maximum of 0), a grade line no score can reach. A ruleset with them is valid
 * (a policy officer may mean it); `validate` and the editor point them out.
 */
import { forEachItem } from './walk.js';
import { jsonPath } from './errors.js';
import { DEFAULT_UNIT, type HintParamsByCode } from './messages/codes.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import { windowEnd } from './mechanisms/window.js';
import type { Clause, Ruleset, Window } from './types.js';

/** The codes of `rulesetHints` (a citation's is `citationNumber`, review/citations.ts). */
export type RulesetHintCode = 'zeroPoints' | 'zeroMonths' | 'zeroLimit' | 'unreachableGrade';

/** A value worth a second look: a catalogue code and its params, and their words in both languages. */
export type RulesetHint = {
  [C in RulesetHintCode]: {
    /** JSON path of the value. */
    path: string;
    code: C;
    params: HintParamsByCode[C];
    zh: string;
    en: string;
  };
}[RulesetHintCode];

/** A hint at `path` said by its catalogue code, worded by both catalogues. */
export function hintAt<C extends keyof HintParamsByCode>(path: string, code: C, params: HintParamsByCode[C]): { path: string; code: C; params: HintParamsByCode[C]; zh: string; en: string } {
  return { path, code, params, zh: zhCN.hint[code](params), en: en.hint[code](params) };
}

/** The most a ruleset's table can give: each item at its full score or maximum; `Infinity` with a bonus without a maximum. */
export function highestScore(ruleset: Ruleset): number {
  let most = 0;
  for (const indicator of ruleset.indicators) {
    for (const item of indicator.items) most += item.kind === 'bonus' ? (item.max ?? Infinity) : (item.full ?? 0);
  }
  return most;
}

/** The hints of a ruleset, in the order its form shows the values. */
export function rulesetHints(ruleset: Ruleset): RulesetHint[] {
  const hints: RulesetHint[] = [];
  /** Clauses whose window takes its months from a parameter, by parameter name. */
  const byDefault = new Map<string, Clause[]>();
  /** `day` when every one of `those` windows counts to the day: a 0-month window then counts the evaluation day's events only. */
  const toDay = (those: readonly Window[]): { day?: true } => (those.every((w) => windowEnd(w, ruleset) === 'day') ? { day: true } : {});
  const clauseHints = (clause: Clause, at: (string | number)[]): void => {
    const name = clause.window?.defaultParameter;
    if (name !== undefined) byDefault.set(name, [...(byDefault.get(name) ?? []), clause]);
    if (clause.effect !== 'veto' && clause.points === 0) {
      hints.push(hintAt(jsonPath([...at, 'points']), 'zeroPoints', { clause: clause.id, levels: false }));
    }
    if (clause.levels && clause.levels.every((level) => level.points === 0)) {
      hints.push(hintAt(jsonPath([...at, 'levels']), 'zeroPoints', { clause: clause.id, levels: true }));
    }
    if (clause.window?.months === 0) {
      hints.push(hintAt(jsonPath([...at, 'window', 'months']), 'zeroMonths', { clauses: [clause.id], ...toDay([clause.window]) }));
    }
  };
  forEachItem(ruleset, (item, itemPath) => {
    const limit = item.kind === 'bonus' || item.kind === 'reduction' ? 'max' : 'full';
    if (item[limit] === 0) hints.push(hintAt(jsonPath([...itemPath, limit]), 'zeroLimit', { item: item.id, kind: item.kind }));
    item.clauses.forEach((clause, ci) => clauseHints(clause, [...itemPath, 'clauses', ci]));
  });
  for (const [name, clauses] of byDefault) {
    if (ruleset.parameters[name]?.value !== 0) continue;
    const ids = clauses.map((c) => c.id);
    hints.push(hintAt(jsonPath(['parameters', name, 'value']), 'zeroMonths', { clauses: ids, parameter: name, ...toDay(clauses.map((c) => c.window!)) }));
  }
  const most = highestScore(ruleset);
  const unit = typeof ruleset.unit === 'string' && ruleset.unit !== '' ? ruleset.unit : DEFAULT_UNIT;
  ruleset.grades.forEach((grade, gi) => {
    if (grade.min > most) {
      hints.push(hintAt(jsonPath(['grades', gi, 'min']), 'unreachableGrade', { grade: grade.grade, min: grade.min, most, unit }));
    }
  });
  return hints;
}
