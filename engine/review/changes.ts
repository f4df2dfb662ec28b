/**
 * A policy diff's record of changes: each mechanism module says what changed in its own
 * fields through `Changes` (engine/mechanisms/*: `diffX(c, was, now)`), and engine/review/diff.ts
 * walks the ruleset and calls them in the table's order. A change is data, a code and its
 * params (engine/messages/codes.ts); `Changes.push` writes its sentences from the catalogues.
 */
import { attributeLabel } from '../attributes.js';
import { jsonPath } from '../errors.js';
import { changeLabelText, explainChange } from '../explain.js';
import {
  DEFAULT_UNIT, type AttributeRef, type ChangeCode, type ChangeExplanation, type ChangeLabel, type ChangeParamsByCode, type ConditionOf, type ParameterValue,
} from '../messages/codes.js';
import type { BaseRule, Citation, Clause, Condition, Indicator, Item, Parameter, Provisional, Ruleset } from '../types.js';
import type { PolicyChange, PolicySection } from './diff.js';

export type Path = (string | number)[];

/** A change's label: the ruleset's own, or one the engine gives. */
export type Label = string | ChangeLabel;

/** What a change says, before the sentences are written. */
export const say = <C extends ChangeCode>(code: C, params: ChangeParamsByCode[C]): ChangeExplanation => ({ code, params }) as ChangeExplanation;

/** Labels the engine gives. */
export const LABELS = {
  grades: { code: 'grades', params: {} },
  downgrades: { code: 'downgrades', params: {} },
  downgradeFloor: { code: 'downgradeFloor', params: {} },
  recalculation: { code: 'recalculation', params: {} },
  eligibility: { code: 'eligibility', params: {} },
  note: { code: 'note', params: {} },
  windows: { code: 'windows', params: {} },
} as const satisfies Record<string, ChangeLabel>;
export const gradeLabel = (grade: string): ChangeLabel => ({ code: 'grade', params: { grade } });
/** The base rule's label, in its own words for a project where it has them. */
export const baseRuleLabel = (rule: BaseRule): ChangeLabel => ({
  code: 'baseRule',
  params: { ...(rule.label === undefined ? {} : { project: rule.label }), ...(rule.labelEn === undefined ? {} : { projectEn: rule.labelEn }) },
});
export const eventTypeLabel = (type: string, typeLabel: string): ChangeLabel => ({ code: 'eventType', params: { type, typeLabel } });

/** JSON text with sorted keys: equal values give equal text, whatever their key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** What an event type attribute is called (its label in the ruleset's event types), with its name. */
export function attributeRef(ruleset: Ruleset, name: string): AttributeRef {
  return { attribute: name, attributeLabel: attributeLabel(ruleset, name) };
}

export function parameterValue(p: Parameter): ParameterValue {
  return p.unit === undefined ? { value: p.value } : { value: p.value, unit: p.unit };
}

/** Collects changes; writes their sentences in one place. */
export class Changes {
  readonly list: PolicyChange[] = [];
  /** The unit points are said in (the new version's). */
  readonly unit: string;

  constructor(
    readonly older: Ruleset,
    readonly newer: Ruleset,
  ) {
    this.unit = newer.unit ?? DEFAULT_UNIT;
  }

  push(section: PolicySection, kind: PolicyChange['kind'], path: Path, clause: string, label: Label, field: string, old: unknown, now: unknown, what: ChangeExplanation, unit?: string): void {
    const own = typeof label === 'string' ? {} : { engineLabel: label };
    const change = {
      section, kind, path: jsonPath(path), clause, label: typeof label === 'string' ? label : changeLabelText(label, 'zh-CN'), ...own,
      field, old, new: now, ...(unit ? { unit } : {}), code: what.code, params: what.params, message: '', en: '',
    } as PolicyChange;
    change.message = explainChange(change, 'zh-CN').line;
    change.en = explainChange(change, 'en').line;
    this.list.push(change);
  }

  changed(section: PolicySection, path: Path, clause: string, label: Label, field: string, old: unknown, now: unknown, what: ChangeExplanation, unit?: string): void {
    this.push(section, 'changed', path, clause, label, field, old, now, what, unit);
  }

  added(section: PolicySection, path: Path, clause: string, label: Label, now: unknown, what: ChangeExplanation): void {
    this.push(section, 'added', path, clause, label, 'added', undefined, now, what);
  }

  removed(section: PolicySection, path: Path, clause: string, label: Label, old: unknown, what: ChangeExplanation): void {
    this.push(section, 'removed', path, clause, label, 'removed', old, undefined, what);
  }

  /** A number field, said by `code` (its params `extra` and the two sides); `unit` is the unit of the values. */
  number<C extends NumberCode>(section: PolicySection, path: Path, clause: string, label: Label, field: string, code: C, old: number | undefined, now: number | undefined, unit: string, extra: NumberExtra<C>): void {
    if (old === now) return;
    this.changed(section, path, clause, label, field, old, now, say(code, { ...extra, ...(old === undefined ? {} : { old }), ...(now === undefined ? {} : { new: now }) } as ChangeParamsByCode[C]), unit);
  }

  citation(section: PolicySection, path: Path, clause: string, label: Label, old: Citation | undefined, now: Citation | undefined): void {
    if (same(old, now)) return;
    const what = old && now && old.clause !== now.clause ? say('citation.clause', { old: old.clause, new: now.clause }) : say('citation.text', {});
    this.changed(section, path, clause, label, 'citation', old, now, what);
  }

  condition(section: PolicySection, path: Path, clause: string, label: Label, old: Condition | undefined, now: Condition | undefined, of: ConditionOf = 'when'): void {
    if (same(old, now)) return;
    const what = say(old === undefined ? 'condition.added' : now === undefined ? 'condition.removed' : 'condition.changed', { of });
    this.changed(section, path, clause, label, path[path.length - 1] === 'when' ? 'when' : String(path[path.length - 1]), old, now, what);
  }

  /**
   * A rule attached to an item, with its own label, citation and maybe condition (a multiplier,
   * "not again", "highest only"): added or removed whole, or changed in what `fields` compares,
   * its label, its condition or its citation.
   */
  itemRule<R extends { label: string; citation: Citation; when?: Condition }>(
    path: Path,
    old: R | undefined,
    now: R | undefined,
    words: { added: (rule: R) => ChangeExplanation; removed: (rule: R) => ChangeExplanation },
    fields: (clause: string, old: R, now: R) => void,
  ): void {
    if (same(old, now)) return;
    if (!old) this.added('item', path, now!.citation.clause, now!.label, now, words.added(now!));
    else if (!now) this.removed('item', path, old.citation.clause, old.label, old, words.removed(old));
    else {
      const clause = now.citation.clause;
      fields(clause, old, now);
      if (old.label !== now.label) this.changed('item', [...path, 'label'], clause, '', 'label', old.label, now.label, say('label', { old: old.label, new: now.label }));
      this.condition('item', [...path, 'when'], clause, now.label, old.when, now.when);
      this.citation('item', [...path, 'citation'], clause, now.label, old.citation, now.citation);
    }
  }

  provisional(section: PolicySection, path: Path, clause: string, label: Label, old: Provisional | undefined, now: Provisional | undefined): void {
    if (same(old, now)) return;
    const what = old === undefined ? say('provisional.added', { fields: now!.fields }) : now === undefined ? say('provisional.removed', {}) : say('provisional.changed', {});
    this.changed(section, path, clause, label, 'provisional', old, now, what);
  }

  reading(section: PolicySection, path: Path, clause: string, label: Label, old: string | undefined, now: string | undefined): void {
    if (old === now) return;
    this.changed(section, path, clause, label, 'reading', old, now, say('reading.followed', sides(old, now)));
  }

  /** Fields this comparison does not know: said, never silently dropped. */
  rest(section: PolicySection, path: Path, clause: string, label: Label, old: object | undefined, now: object | undefined, known: readonly string[]): void {
    const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})]);
    for (const key of keys) {
      if (known.includes(key)) continue;
      const a = old ? (old as Record<string, unknown>)[key] : undefined;
      const b = now ? (now as Record<string, unknown>)[key] : undefined;
      if (!same(a, b)) this.changed(section, [...path, key], clause, label, key, a, b, say('field', { field: key }));
    }
  }
}

/** The codes `Changes.number` says, and their params besides the two sides. */
export type NumberCode =
  | 'item.full' | 'item.base' | 'item.cap' | 'item.max' | 'clause.cap' | 'downgrades.floor' | 'repeat.count' | 'repeat.withinMonths' | 'baseRule.lookbackMonths' | 'baseRule.projectDefaultMonths';
export type NumberExtra<C extends NumberCode> = Omit<ChangeParamsByCode[C], 'old' | 'new'>;

/** Two sides as params: a side without a value is left out. */
export function sides<T>(old: T | undefined, now: T | undefined): { old?: T; new?: T } {
  return { ...(old === undefined ? {} : { old }), ...(now === undefined ? {} : { new: now }) };
}

/** A part of a ruleset where it stands: its value, its JSON path, and the id of what holds it. */
export interface Located<T> {
  value: T;
  path: Path;
  /** The id of what holds it (the indicator of an item, the item of a clause). */
  parent: string;
}

/** An item where it stands, with its indicator. */
export type LocatedItem = Located<Item> & { indicator: Indicator };

/** A clause where it stands, with its item. */
export type LocatedClause = Located<Clause> & { item: Item };
