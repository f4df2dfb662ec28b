/**
 * The explanation of a result, written as it is computed: for every point added or taken,
 * the clause, its Chinese citation, the points, the events behind it and, for caps and
 * vetoes, why. Why is data: a code and its params (engine/messages/codes.ts), from which the
 * catalogues write the line's `message` in Chinese, for policy staff, and its `en` (the
 * editor's English mode); the other fields are for programs. The points of all entries add up
 * to the table's score.
 */
import type { CompiledClause } from './compile.js';
import { fromMilli, type Milli } from './decimal.js';
import { levelLabel, levelRule } from './mechanisms/levels.js';
import { perOutcome, perParams, type PerOutcome } from './mechanisms/per.js';
import { DEFAULT_UNIT, type EventParams, type TraceCode, type TraceParamsByCode } from './messages/codes.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';
import type { Citation, Eligibility, EntityEvent, Indicator, Item, Multiplier, Ruleset, TraceEntry, TraceKind } from './types.js';

/** How a trace names an event: its id, or its place in the record. */
export function eventRef(event: EntityEvent, index: number): string {
  return event.id ?? `events[${index}]`;
}

const ZH = zhCN.trace;
const EN = en.trace;

/** A rule with its id, label and citation (a downgrade rule, a repeat). */
interface CitedRule {
  id: string;
  label: string;
  citation: Citation;
}

/** The codes of events a clause matched that count nothing there; their params but the event and the unit, which the writer adds. */
export type SkipCode = 'keep.notAgain' | 'keep.oncePer' | 'keep.highest' | 'keep.ordered';
export type SkipParams<C extends SkipCode> = Omit<TraceParamsByCode[C], keyof EventParams | 'unit'>;

export class TraceWriter {
  readonly entries: TraceEntry[] = [];
  private indicator: string | undefined;
  private item: string | undefined;
  private readonly unit: string;

  constructor(private readonly ruleset: Ruleset) {
    this.unit = ruleset.unit ?? DEFAULT_UNIT;
  }

  /** The indicator and item that the next entries belong to; none for the record's own (eligibility, downgrades). */
  setPlace(indicator?: string, item?: string): void {
    this.indicator = indicator;
    this.item = item;
  }

  /**
   * Adds a line. Each caller writes its sentences itself, `ZH['item.start'](params)`: a call
   * through a fixed code reaches one function, which V8 inlines, where a lookup by a variable
   * code would make one call site for every sentence and cost the full trace its speed.
   */
  private add<C extends TraceCode>(
    kind: TraceKind, code: C, clause: string, rule: string | undefined, text: string, points: Milli, events: string[] | undefined, params: TraceParamsByCode[C], message: string, en: string,
  ): void {
    // One object shape for every entry keeps the hot path monomorphic.
    this.entries.push({
      kind,
      code,
      clause,
      rule,
      text,
      indicator: this.indicator,
      item: this.item,
      points: fromMilli(points),
      events,
      params,
      message,
      en,
    } as TraceEntry);
  }

  start(item: Item, start: Milli, base: boolean): void {
    const baseRule = base ? this.ruleset.baseRule : undefined;
    const text = item.citation.text;
    if (!baseRule) {
      const p = { item: item.id, label: item.label, points: fromMilli(start), unit: this.unit };
      this.add('start', 'item.start', item.id, undefined, text, start, undefined, p, ZH['item.start'](p), EN['item.start'](p));
      return;
    }
    const clause = baseRule.citation.clause;
    const p = { item: item.id, label: item.label, points: fromMilli(start), unit: this.unit, clause, months: baseRule.lookbackMonths, project: baseRule.label, projectEn: baseRule.labelEn };
    this.add('start', 'item.startBase', item.id, clause, text, start, undefined, p, ZH['item.startBase'](p), EN['item.startBase'](p));
  }

  /** A check clause that holds scores `points`, by its `level` and, with `per`, a quantity. */
  check(clause: CompiledClause, level: number, points: Milli, per: PerOutcome | undefined): void {
    const c = clause.clause;
    const p: TraceParamsByCode['check.met'] = { clause: c.id, label: c.label, points: fromMilli(points), unit: this.unit };
    const label = levelLabel(clause, level);
    if (label !== undefined) p.level = label;
    if (per) p.per = perParams(clause.per!, per, clause.levels[level]!.points);
    this.add('start', 'check.met', c.id, levelRule(clause, level), c.citation.text, points, undefined, p, ZH['check.met'](p), EN['check.met'](p));
  }

  /** A check item none of whose clauses holds; `unmet` are their labels. */
  checkFailed(item: Item, unmet: string[]): void {
    const p = { item: item.id, label: item.label, unmet, unit: this.unit };
    this.add('start', 'check.unmet', item.id, undefined, item.citation.text, 0, undefined, p, ZH['check.unmet'](p), EN['check.unmet'](p));
  }

  occurrence(clause: CompiledClause, level: number, event: EntityEvent, index: number, points: Milli, multiplier: Multiplier | undefined, extra: Milli): void {
    const c = clause.clause;
    const ref = eventRef(event, index);
    const events = [ref];
    const rule = levelRule(clause, level);
    const label = levelLabel(clause, level);
    const per = clause.per && perParams(clause.per, perOutcome(clause.per, clause.levels[level]!.points, event), clause.levels[level]!.points);
    if (points === 0) {
      const p: TraceParamsByCode['clause.zero'] = { clause: c.id, label: c.label, level: label, event: ref, date: event.date, levelled: c.levels !== undefined, unit: this.unit };
      if (per) p.per = per;
      this.add('points', 'clause.zero', c.id, rule, c.citation.text, 0, events, p, ZH['clause.zero'](p), EN['clause.zero'](p));
    } else {
      const p: TraceParamsByCode['clause.points'] = { clause: c.id, label: c.label, level: label, event: ref, date: event.date, points: fromMilli(points), unit: this.unit };
      if (per) p.per = per;
      this.add('points', 'clause.points', c.id, rule, c.citation.text, points, events, p, ZH['clause.points'](p), EN['clause.points'](p));
    }
    if (extra !== 0 && multiplier) {
      const m = multiplier.citation.clause;
      const p = { clause: m, label: multiplier.label, event: ref, date: event.date, factor: multiplier.factor, points: fromMilli(extra), unit: this.unit };
      this.add('points', 'multiplier.extra', m, undefined, multiplier.citation.text, extra, [ref], p, ZH['multiplier.extra'](p), EN['multiplier.extra'](p));
    }
  }

  clauseCap(clause: CompiledClause, sum: Milli, cap: Milli, cut: Milli): void {
    const c = clause.clause;
    const p = { clause: c.id, label: c.label, sum: fromMilli(sum), cap: fromMilli(cap), cut: fromMilli(Math.abs(cut)), unit: this.unit };
    this.add('cap', 'clause.cap', c.id, undefined, c.citation.text, cut, undefined, p, ZH['clause.cap'](p), EN['clause.cap'](p));
  }

  /** A deduction item's cap, a bonus item's maximum, a check item's full score: `cut` of `total` is over `limit`. */
  cap(item: Item, total: Milli, limit: Milli, cut: Milli): void {
    const p = { item: item.id, label: item.label, total: fromMilli(total), limit: fromMilli(limit), cut: fromMilli(Math.abs(cut)), unit: this.unit };
    const text = item.citation.text;
    if (item.kind === 'deduction') this.add('cap', 'item.cap', item.id, undefined, text, cut, undefined, p, ZH['item.cap'](p), EN['item.cap'](p));
    else if (item.kind === 'bonus') this.add('cap', 'bonus.max', item.id, undefined, text, cut, undefined, p, ZH['bonus.max'](p), EN['bonus.max'](p));
    else if (item.kind === 'reduction') this.add('cap', 'reduction.max', item.id, undefined, text, cut, undefined, p, ZH['reduction.max'](p), EN['reduction.max'](p));
    else this.add('cap', 'check.max', item.id, undefined, text, cut, undefined, p, ZH['check.max'](p), EN['check.max'](p));
  }

  /** A deduction item stops at 0; a reduction takes no more than the items before it hold. */
  floor(item: Item, restored: Milli): void {
    const p = { item: item.id, label: item.label, restored: fromMilli(restored), unit: this.unit };
    if (item.kind === 'reduction') this.add('floor', 'reduction.floor', item.id, undefined, item.citation.text, restored, undefined, p, ZH['reduction.floor'](p), EN['reduction.floor'](p));
    else this.add('floor', 'item.floor', item.id, undefined, item.citation.text, restored, undefined, p, ZH['item.floor'](p), EN['item.floor'](p));
  }

  veto(clause: CompiledClause, indicator: Indicator, event: EntityEvent, index: number, lost: Milli): void {
    const c = clause.clause;
    const ref = eventRef(event, index);
    const p = { clause: c.id, label: c.label, event: ref, date: event.date, indicator: indicator.id, indicatorLabel: indicator.label, reading: c.reading, lost: fromMilli(lost), unit: this.unit };
    this.add('veto', 'veto', c.id, undefined, c.citation.text, -lost, [ref], p, ZH.veto(p), EN.veto(p));
  }

  /** An event a clause matched that does not count at `asOf`: dated after it, or its window over. */
  outOfWindow(clause: CompiledClause, event: EntityEvent, index: number, asOf: string, lastDay: string | undefined): void {
    const c = clause.clause;
    const ref = eventRef(event, index);
    if (event.date > asOf) {
      const p = { clause: c.id, label: c.label, event: ref, date: event.date, asOf };
      this.add('lapsed', 'window.afterAsOf', c.id, undefined, c.citation.text, 0, [ref], p, ZH['window.afterAsOf'](p), EN['window.afterAsOf'](p));
    } else {
      const p = { clause: c.id, label: c.label, event: ref, date: event.date, until: lastDay };
      this.add('lapsed', 'window.lapsed', c.id, undefined, c.citation.text, 0, [ref], p, ZH['window.lapsed'](p), EN['window.lapsed'](p));
    }
  }

  /** An event of a scored type that no clause counted; `condition` is the words of what it failed, `indicator` the indicator whose condition it failed. */
  unmatched(event: EntityEvent, index: number, condition: string | undefined, indicator: Indicator | undefined): void {
    const ref = eventRef(event, index);
    const p = { event: ref, date: event.date, condition, indicator: indicator?.id, indicatorLabel: indicator?.label };
    // The line's text is the condition it fails, as the Chinese line says it.
    this.add('unmatched', 'event.unmatched', this.item ?? this.indicator ?? '—', undefined, zhCN.unmatchedCondition(p), 0, [ref], p, ZH['event.unmatched'](p), EN['event.unmatched'](p));
  }

  /**
   * An event a clause matched that counts nothing there (not deducted again, once per, highest
   * only); `text` is what the rule cites. `params` (a fresh object) become the line's, with the event.
   */
  skipped<C extends SkipCode>(code: C, text: string, event: EntityEvent, index: number, params: SkipParams<C>): void {
    const ref = eventRef(event, index);
    const p = Object.assign(params, { event: ref, date: event.date, unit: this.unit }) as unknown as TraceParamsByCode[C];
    // Rare lines (an event left out): a lookup by code costs nothing here.
    this.add('skipped', code, params.clause, undefined, text, 0, [ref], p, ZH[code](p), EN[code](p));
  }

  ineligible(eligibility: Eligibility, reasons: string[]): void {
    const clause = eligibility.citation.clause;
    const p = { clause, reasons };
    this.add('skipped', 'eligibility.failed', clause, undefined, eligibility.citation.text, 0, undefined, p, ZH['eligibility.failed'](p), EN['eligibility.failed'](p));
  }

  downgradeStep(rule: CitedRule, event: EntityEvent, index: number, from: string, to: string): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, from, to };
    this.add('downgrade', 'downgrade.step', rule.citation.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.step'](p), EN['downgrade.step'](p));
  }

  downgradeNoChange(rule: CitedRule, event: EntityEvent, index: number, grade: string): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, grade };
    this.add('downgrade', 'downgrade.noChange', rule.citation.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.noChange'](p), EN['downgrade.noChange'](p));
  }

  // An event only the downgrades concern that changed no grade: not a case of its rule (kind
  // `unmatched`), after the evaluation date (`lapsed`), or outside the grades and the period
  // downgrades apply to (`skipped`). Records without a published grade have many such lines.

  downgradeNotACase(rule: CitedRule, event: EntityEvent, index: number, others: string[]): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, others };
    this.add('unmatched', 'downgrade.notACase', p.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.notACase'](p), EN['downgrade.notACase'](p));
  }

  downgradeAfterAsOf(rule: CitedRule, event: EntityEvent, index: number, asOf: string): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, asOf };
    this.add('lapsed', 'downgrade.afterAsOf', p.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.afterAsOf'](p), EN['downgrade.afterAsOf'](p));
  }

  downgradeNoPublished(rule: CitedRule, event: EntityEvent, index: number): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date };
    this.add('skipped', 'downgrade.noPublished', p.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.noPublished'](p), EN['downgrade.noPublished'](p));
  }

  downgradeGradeNotConcerned(rule: CitedRule, event: EntityEvent, index: number, grade: string, fromGrades: string[]): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, grade, fromGrades };
    this.add('skipped', 'downgrade.gradeNotConcerned', p.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.gradeNotConcerned'](p), EN['downgrade.gradeNotConcerned'](p));
  }

  downgradeBeforePublication(rule: CitedRule, event: EntityEvent, index: number, published: string, reading: string | undefined): void {
    const ref = eventRef(event, index);
    const p = { clause: rule.citation.clause, rule: rule.id, label: rule.label, event: ref, date: event.date, published, reading };
    this.add('skipped', 'downgrade.beforePublication', p.clause, rule.id, rule.citation.text, 0, [ref], p, ZH['downgrade.beforePublication'](p), EN['downgrade.beforePublication'](p));
  }

  downgradeFloor(citation: Citation, grade: string, floor: number, computed: number): void {
    const p = { clause: citation.clause, grade, floor, computed, unit: this.unit };
    this.add('downgrade', 'downgrade.floor', citation.clause, undefined, citation.text, 0, undefined, p, ZH['downgrade.floor'](p), EN['downgrade.floor'](p));
  }

  downgradeExpired(citation: Citation, months: number, since: string, until: string): void {
    const p = { clause: citation.clause, months, since, until };
    this.add('downgrade', 'downgrade.expired', citation.clause, undefined, citation.text, 0, undefined, p, ZH['downgrade.expired'](p), EN['downgrade.expired'](p));
  }
}
