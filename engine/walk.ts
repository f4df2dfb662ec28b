/** Walks over a ruleset: its items and clauses, and every condition, each with its JSON path. */
import type { Clause, Condition, Indicator, Item, Ruleset } from './types.js';

export type Path = (string | number)[];

/** Calls `visit` for every item of a ruleset, with its JSON path and its indicator. */
export function forEachItem(ruleset: Ruleset, visit: (item: Item, path: Path, indicator: Indicator) => void): void {
  ruleset.indicators.forEach((indicator, ii) => indicator.items.forEach((item, ti) => visit(item, ['indicators', ii, 'items', ti], indicator)));
}

/** Calls `visit` for every clause of a ruleset, with its JSON path and its item. */
export function forEachClause(ruleset: Ruleset, visit: (clause: Clause, path: Path, item: Item) => void): void {
  forEachItem(ruleset, (item, path) => item.clauses.forEach((clause, ci) => visit(clause, [...path, 'clauses', ci], item)));
}

/** What a condition is about: an event (with its project), a project (the base rule), or the record alone. */
export type ConditionScope = 'event' | 'record' | 'project';

/**
 * Calls `visit` for every condition of a ruleset and every part of it (all / any / not
 * followed, named references not), with its JSON path and scope. Iterative: a condition
 * nested thousands deep does not exhaust the stack.
 */
export function forEachCondition(ruleset: Ruleset, visit: (condition: Condition, path: Path, scope: ConditionScope) => void): void {
  const walk = (root: Condition, rootPath: Path, scope: ConditionScope): void => {
    const stack: [Condition, Path][] = [[root, rootPath]];
    while (stack.length) {
      const [condition, path] = stack.pop()!;
      visit(condition, path, scope);
      if ('all' in condition) for (let i = condition.all.length - 1; i >= 0; i--) stack.push([condition.all[i]!, [...path, 'all', i]]);
      else if ('any' in condition) for (let i = condition.any.length - 1; i >= 0; i--) stack.push([condition.any[i]!, [...path, 'any', i]]);
      else if ('not' in condition) stack.push([condition.not, [...path, 'not']]);
    }
  };
  for (const [name, c] of Object.entries(ruleset.conditions)) walk(c, ['conditions', name], 'event');
  if (ruleset.eventCondition) walk(ruleset.eventCondition, ['eventCondition'], 'event');
  if (ruleset.baseRule?.projectCondition) walk(ruleset.baseRule.projectCondition, ['baseRule', 'projectCondition'], 'project');
  ruleset.eligibility?.requirements.forEach((r, i) => walk(r.when, ['eligibility', 'requirements', i, 'when'], 'record'));
  ruleset.indicators.forEach((indicator, ii) => {
    if (indicator.eventCondition) walk(indicator.eventCondition, ['indicators', ii, 'eventCondition'], 'event');
    indicator.items.forEach((item, ti) => {
      const itemPath: Path = ['indicators', ii, 'items', ti];
      if (item.multiplier) walk(item.multiplier.when, [...itemPath, 'multiplier', 'when'], 'event');
      item.clauses.forEach((clause, ci) => {
        const clausePath: Path = [...itemPath, 'clauses', ci];
        const scope = item.kind === 'check' ? 'record' : 'event';
        walk(clause.when, [...clausePath, 'when'], scope);
        clause.levels?.forEach((level, li) => {
          if (level.when) walk(level.when, [...clausePath, 'levels', li, 'when'], scope);
        });
      });
    });
  });
  ruleset.downgrades?.rules.forEach((r, i) => walk(r.when, ['downgrades', 'rules', i, 'when'], 'event'));
  ruleset.downgrades?.repeats.forEach((r, i) => walk(r.when, ['downgrades', 'repeats', i, 'when'], 'event'));
}

/** A value `{ "fact": …, "path": … }` that names another fact instead of a constant. */
export function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact');
}
