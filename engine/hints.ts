/**
 * Values that load but are probably not meant: a 0 that switches a clause off (0 points, a
 * window of 0 months, a parameter of 0 months that windows fall back on), a grade line no score can reach. A ruleset with them is valid (a
 * policy officer may mean it); `validate` and the editor point them out.
 */
import { forEachClause } from './walk.js';
import { jsonPath } from './errors.js';
import type { Ruleset } from './types.js';

/** A value worth a second look. */
export interface RulesetHint {
  /** JSON path of the value. */
  path: string;
  code: 'zeroPoints' | 'zeroMonths' | 'unreachableGrade';
  zh: string;
  en: string;
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
  const byDefault = new Map<string, string[]>();
  forEachClause(ruleset, (clause, at) => {
    const name = clause.window?.defaultParameter;
    if (name !== undefined) byDefault.set(name, [...(byDefault.get(name) ?? []), clause.id]);
    if (clause.effect !== 'veto' && clause.points === 0) {
      hints.push({ path: jsonPath([...at, 'points']), code: 'zeroPoints', zh: `${clause.id} 的分值为 0,这一条不再扣分或加分`, en: `${clause.id} scores 0 points: the clause no longer counts` });
    }
    if (clause.levels && clause.levels.every((level) => level.points === 0)) {
      hints.push({ path: jsonPath([...at, 'levels']), code: 'zeroPoints', zh: `${clause.id} 各档分值都为 0,这一条不再扣分或加分`, en: `every level of ${clause.id} scores 0 points: the clause no longer counts` });
    }
    if (clause.window?.months === 0) {
      hints.push({ path: jsonPath([...at, 'window', 'months']), code: 'zeroMonths', zh: `${clause.id} 的期限为 0 个月,只计评价日所在月份的事件`, en: `${clause.id} counts for 0 months: only events of the evaluation's own month count` });
    }
  });
  for (const [name, ids] of byDefault) {
    if (ruleset.parameters[name]?.value !== 0) continue;
    const list = ids.join('、');
    hints.push({ path: jsonPath(['parameters', name, 'value']), code: 'zeroMonths', zh: `${list} 未写明期限的事件按 0 个月计,只计评价日所在月份的事件`, en: `events of ${ids.join(', ')} without their own period count for 0 months: only those of the evaluation's own month count` });
  }
  const most = highestScore(ruleset);
  ruleset.grades.forEach((grade, gi) => {
    if (grade.min > most) {
      hints.push({ path: jsonPath(['grades', gi, 'min']), code: 'unreachableGrade', zh: `${grade.grade} 级分数线 ${grade.min} 分高于本表最高可得的 ${most} 分,没有主体能达到`, en: `the ${grade.grade} line (${grade.min}) is above the most this table gives (${most}): no entity can reach it` });
    }
  });
  return hints;
}
