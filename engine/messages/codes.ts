/**
 * What an explanation says, as data: every trace line and every policy change carries a
 * `code` from the tables below and the `params` its sentence is made from. The sentences
 * themselves are in the catalogues beside this file (zh-CN.ts, en.ts), one function per code;
 * `Catalogue` makes a code without its sentence in either language a type error.
 *
 * Params are plain JSON: ids, labels as the ruleset writes them, numbers as numbers, ISO
 * dates, and events as the trace names them (`ev1`, `events[3]`) with their dates. A trace
 * line's points are magnitudes unless said "signed" (its own `points` field keeps the sign); a
 * change's numbers are as the rulesets write them (`-4`).
 *
 * Each catalogue says points with the unit in `unit` (the ruleset's, `DEFAULT_UNIT` unless it
 * names another). A new code goes in a table here and in both catalogues; tests compare every
 * line of the shipped cases with what the engine said before (test/explanations.test.ts).
 */
import type { DowngradeEffect, ItemKind, RulesetStatus, WindowEnd } from '../types.js';

/** The unit of points when a ruleset names none. */
export const DEFAULT_UNIT = '分';

/** The units a policy change gives its numbers (`PolicyChange.unit`) besides points, as rulesets write units. */
export const CHANGE_UNITS = { months: '个月', factor: '倍', count: '起' } as const;

/** The languages of the catalogues. */
export type Locale = 'zh-CN' | 'en';

// ---------------------------------------------------------------- trace lines

/** The event a line is about. */
export interface EventParams {
  /** How the trace names it: its id, or `events[i]`. */
  event: string;
  date: string;
}

/** An item of the table: its id and label. */
export interface ItemParams {
  item: string;
  label: string;
}

/** A clause, or a rule cited by its clause id, with its label. */
export interface ClauseParams {
  clause: string;
  label: string;
}

/** A downgrade rule or repeat: its clause, its own id, its label. */
export interface DowngradeRuleParams extends ClauseParams {
  rule: string;
}

/** The unit points are counted in (the ruleset's `unit`, else `DEFAULT_UNIT`). */
export interface UnitParams {
  unit: string;
}

/**
 * Why an event of a scored type counts nowhere: the words of the condition it fails (a
 * ruleset's or an indicator's `eventConditionLabel`), else the indicator whose condition
 * it fails, else neither (no clause's condition holds).
 */
export interface UnmatchedParams extends EventParams {
  condition?: string;
  indicator?: string;
  indicatorLabel?: string;
}

/**
 * Points per quantity (a clause's `per`): the quantity `of` (what staff call it) read as
 * `quantity` (`null`: missing, counted 0), less `above` (or short of `below`), in whole `step`s
 * (rounded up when `up`), giving `units`; each unit scores `each` (signed).
 */
export interface PerParams {
  of: string;
  quantity: number | null;
  above?: number;
  below?: number;
  step?: number;
  up?: boolean;
  units: number;
  each: number;
}

/** Each trace code with its params. */
export interface TraceParamsByCode {
  /** A deduction item starts at its full score. */
  'item.start': ItemParams & UnitParams & { points: number };
  /**
   * A deduction item starts at its base score: the entity had no project of the base rule
   * (cited by `clause`) in the last `months`. `project` / `projectEn` are the base rule's
   * words for such a project (`baseRule.label` / `labelEn`), when it has them.
   */
  'item.startBase': ItemParams & UnitParams & { points: number; clause: string; months: number; project?: string; projectEn?: string };
  /** A check clause whose condition holds scores its points. */
  'check.met': ClauseParams & UnitParams & { points: number; level?: string; per?: PerParams };
  /** A check item none of whose clauses holds scores 0; `unmet` are the clauses' labels. */
  'check.unmet': ItemParams & UnitParams & { unmet: string[] };
  /** An event scores a clause's points (signed: negative takes); `level` is the level's label when it is not the clause's own. */
  'clause.points': ClauseParams & EventParams & UnitParams & { level?: string; points: number; per?: PerParams };
  /** An event matches a clause of 0 points; `levelled` when the clause has levels (then it is "no deduction"). */
  'clause.zero': ClauseParams & EventParams & UnitParams & { level?: string; levelled: boolean; per?: PerParams };
  /** A multiplier (cited by `clause`) adds `points` (signed) more to an event's points. */
  'multiplier.extra': ClauseParams & EventParams & UnitParams & { factor: number; points: number };
  /** A clause's own cap cuts its total (`sum`, signed: negative for deductions) to `cap`; the `cut` over it does not count. */
  'clause.cap': ClauseParams & UnitParams & { sum: number; cap: number; cut: number };
  /** A deduction item's cap: of `total` deducted, deductions stop at `limit`. */
  'item.cap': ItemParams & UnitParams & { total: number; limit: number; cut: number };
  /** A bonus item's maximum: of `total` added, at most `limit` count. */
  'bonus.max': ItemParams & UnitParams & { total: number; limit: number; cut: number };
  /** A check item's full score: of `total` met, at most `limit` count. */
  'check.max': ItemParams & UnitParams & { total: number; limit: number; cut: number };
  /** A deduction item stops at 0: `restored` points are not deducted. */
  'item.floor': ItemParams & UnitParams & { restored: number };
  /** A reduction item's maximum: of `total` to take, at most `limit` are taken. */
  'reduction.max': ItemParams & UnitParams & { total: number; limit: number; cut: number };
  /** A reduction takes no more than the items before it hold: `restored` are not taken. */
  'reduction.floor': ItemParams & UnitParams & { restored: number };
  /** An event of a veto clause zeroes the indicator: the `lost` points it still had are taken; `reading` is the reading the clause embodies. */
  veto: ClauseParams & EventParams & UnitParams & { indicator: string; indicatorLabel: string; reading?: string; lost: number };
  /** An event a clause matched whose window is over (counted until `until`). */
  'window.lapsed': ClauseParams & EventParams & { until?: string };
  /** An event a clause matched dated after the evaluation date. */
  'window.afterAsOf': ClauseParams & EventParams & { asOf: string };
  /** An event of a scored type that no clause counted. */
  'event.unmatched': UnmatchedParams;
  /** Not deducted again: the same `attribute` value as `earlier`, which counted under `item`. */
  'keep.notAgain': ClauseParams & EventParams & UnitParams & { attribute: string; attributeLabel: string; earlier: string; item: string };
  /** Once per (`oncePer`): the same `attribute` value as `first`, which counted. */
  'keep.oncePer': ClauseParams & EventParams & UnitParams & { attribute: string; attributeLabel: string; value: string; first: string };
  /** Highest only: `best` scored `bestPoints` for the same `attribute` value; this event's `points` do not count. */
  'keep.highest': ClauseParams & EventParams & UnitParams & { attribute: string; attributeLabel: string; value: string; best: string; bestPoints: number; points: number };
  /** First or last only (keepOne): `kept`, dated `keptDate` by the date attribute `by`, counts for the same `attribute` value. */
  'keep.ordered': ClauseParams & EventParams & UnitParams & { attribute: string; attributeLabel: string; value: string; choose: 'first' | 'last'; by: string; byLabel: string; kept: string; keptDate: string };
  /** An eligibility requirement fails: no grade; `reasons` as the ruleset words them. */
  'eligibility.failed': { clause: string; reasons: string[] };
  /** A downgrade event lowers the grade. */
  'downgrade.step': DowngradeRuleParams & EventParams & { from: string; to: string };
  /** A downgrade event finds the grade at the lowest already. */
  'downgrade.noChange': DowngradeRuleParams & EventParams & { grade: string };
  /** An event only downgrades concern that is not a case of the rule, nor of the `others` that concern its type. */
  'downgrade.notACase': DowngradeRuleParams & EventParams & { others: string[] };
  /** A downgrade event dated after the evaluation date. */
  'downgrade.afterAsOf': DowngradeRuleParams & EventParams & { asOf: string };
  /** A downgrade event of a record with no published grade. */
  'downgrade.noPublished': DowngradeRuleParams & EventParams;
  /** A downgrade event of a record whose published grade is not one of `fromGrades`. */
  'downgrade.gradeNotConcerned': DowngradeRuleParams & EventParams & { grade: string; fromGrades: string[] };
  /** A downgrade event not after the grade's publication on `published`; `reading` is the downgrades' reading, if any. */
  'downgrade.beforePublication': DowngradeRuleParams & EventParams & { published: string; reading?: string };
  /** After a downgrade the score is the lowest of `grade`, `floor`; the table scored `computed`. */
  'downgrade.floor': UnitParams & { clause: string; grade: string; floor: number; computed: number };
  /** `months` after the downgrade of `since` (from `until`) the table decides again. */
  'downgrade.expired': { clause: string; months: number; since: string; until: string };
}

/** A trace line's code. */
export type TraceCode = keyof TraceParamsByCode;

/** A trace line's code and params, one of `TraceParamsByCode`: narrowing the code types the params. */
export type TraceExplanation = { [C in TraceCode]: { code: C; params: TraceParamsByCode[C] } }[TraceCode];

// ---------------------------------------------------------------- policy changes

/** A value as a parameter holds it, with its own unit (months, a currency…). */
export interface ParameterValue {
  value: number | string | string[];
  unit?: string;
}

/** How long events count, as a clause's `window` says it; `end` where the window states its own (else the ruleset's `windows.end` holds). */
export type WindowSummary =
  | { kind: 'none' }
  | { kind: 'months'; months: number; end?: WindowEnd }
  /** To the date the event names (`attribute`, called `attributeLabel`), or to the end of its month: `end`, whoever states it. */
  | { kind: 'until'; attribute: string; attributeLabel: string; end: WindowEnd }
  /** The event's own months (`attribute`); without them `fallback` (a parameter) or `fallbackMonths`. */
  | { kind: 'attribute'; attribute: string; attributeLabel: string; fallback?: ParameterValue; fallbackMonths?: number; end?: WindowEnd };

/** What a clause scores: a veto of `vetoes` (its own indicator when absent), its levels, or its points each time. */
export interface ClauseScoring {
  veto?: { vetoes?: string };
  levels?: { label: string; points: number }[];
  points?: number;
}

/** Points per quantity in short: the quantity (`of`, at `path`), its steps and threshold. */
export interface PerSummary {
  of: string;
  path: string;
  step?: number;
  up?: boolean;
  above?: number;
  below?: number;
}

/** A clause in short: what it scores (per a quantity), its cap, its window. */
export interface ClauseSummary extends ClauseScoring {
  per?: PerSummary;
  cap?: number;
  window?: WindowSummary;
}

/** Points in an item of `kind` (a deduction's negative points are said as deducted). */
export interface PointsParams extends UnitParams {
  kind: ItemKind;
}

/** An old and a new value; absent on the side without it. */
export interface Sides<T> {
  old?: T;
  new?: T;
}

/** An attribute of the event types, and what staff call it. */
export interface AttributeRef {
  attribute: string;
  attributeLabel: string;
}

/** The ruleset fields `meta.changed` names. */
export type MetaField = 'id' | 'title' | 'version' | 'effectiveFrom' | 'effectiveTo' | 'supersedes' | 'entityKind';

/** Which condition of a thing changed: its `when`, an indicator's event condition, the base rule's project condition. */
export type ConditionOf = 'when' | 'eventCondition' | 'projectCondition';

/** Each policy change code with its params. The line of a `changed` change is `clause label: ` and its sentence, except `grade.min`'s. */
export interface ChangeParamsByCode {
  /** A field of the ruleset's identity. */
  'meta.changed': Sides<string> & { field: MetaField };
  'meta.status': { old: RulesetStatus; new: RulesetStatus };
  /** The source document; `old` = `new` when only its details changed. */
  'meta.source': { old: string; new: string };
  /** The unit points are counted in. */
  'meta.unit': Sides<string>;
  /** A field this comparison does not know, by its name. */
  field: { field: string };
  /** A name (label) of a clause, item, level, indicator, rule, parameter. */
  label: { old: string; new: string };
  /** The kind of an item (or of a clause's item). */
  kind: { old: ItemKind; new: ItemKind };
  /** Points each time, of a clause or a level. */
  points: PointsParams & { old: number; new: number };
  'citation.clause': { old: string; new: string };
  'citation.text': Record<string, never>;
  'condition.added': { of: ConditionOf };
  'condition.removed': { of: ConditionOf };
  'condition.changed': { of: ConditionOf };
  /** Marked provisional: `fields` are the numbers the source does not give. */
  'provisional.added': { fields: string[] };
  'provisional.removed': Record<string, never>;
  'provisional.changed': Record<string, never>;
  /** The id of the reading a thing follows. */
  'reading.followed': Sides<string>;
  'indicator.added': { id: string; label: string };
  'indicator.removed': { id: string; label: string };
  'indicator.eventConditionLabel': Sides<string>;
  'item.added': UnitParams & { id: string; label: string; kind: ItemKind; full?: number; base?: number; cap?: number; max?: number };
  'item.removed': { id: string; label: string };
  /** The indicator an item belongs to. */
  'item.indicator': { old: string; new: string };
  'item.full': UnitParams & Sides<number>;
  'item.base': UnitParams & Sides<number>;
  /** An item's cap: of deductions when `deduction`, else of its points. */
  'item.cap': UnitParams & Sides<number> & { deduction: boolean };
  /** An item's maximum: of its points, or of what it takes off when `reduction`. */
  'item.max': UnitParams & Sides<number> & { reduction?: boolean };
  /** A multiplier (cited by `clause`) added to the item `item`. */
  'multiplier.added': { clause: string; label: string; factor: number; item: string; itemLabel: string };
  'multiplier.removed': { clause: string; label: string; item: string; itemLabel: string };
  'multiplier.factor': { old: number; new: number };
  'highestPer.added': AttributeRef & { clause: string; label: string; item: string; itemLabel: string };
  'highestPer.removed': { clause: string; label: string; item: string; itemLabel: string };
  'highestPer.attribute': { old: AttributeRef; new: AttributeRef };
  'notAgain.added': { clause: string; label: string; items: string[]; item: string; itemLabel: string };
  'notAgain.removed': { clause: string; label: string; item: string; itemLabel: string };
  'notAgain.items': { old: string[]; new: string[] };
  'notAgain.attribute': { old: AttributeRef; new: AttributeRef };
  'clause.added': PointsParams & { id: string; label: string; summary: ClauseSummary };
  'clause.removed': { id: string; label: string };
  /** The item a clause belongs to. */
  'clause.item': { old: string; new: string };
  /** A clause's effect: a veto of `vetoes`, or `null` for points. */
  'clause.effect': { old: { vetoes: string } | null; new: { vetoes: string } | null };
  /** What a veto clause zeroes. */
  'clause.vetoes': Sides<string>;
  /** Points each time became levels, or levels points. */
  'clause.scoring': PointsParams & { old: ClauseScoring; new: ClauseScoring };
  /** A clause's own cap, of deductions or of points added by its item's `kind`. */
  'clause.cap': PointsParams & Sides<number>;
  'clause.window': { old: WindowSummary; new: WindowSummary };
  /** Points per quantity: added, removed, or counted otherwise. */
  'clause.per': Sides<PerSummary>;
  /** Where the ruleset's windows end (`windows.end`, the month's end when absent). */
  'windows.end': { old: WindowEnd; new: WindowEnd };
  /** Counting once per attribute value, or every time (absent). */
  'clause.oncePer': Sides<AttributeRef>;
  /** A keepOne rule added to what `of` names (an indicator, item or clause id; empty: the whole ruleset). */
  'keepOne.added': KeepSummary & { clause: string; label: string; of: string };
  'keepOne.removed': { clause: string; label: string; of: string };
  /** What a keepOne rule keeps: the attribute, the choice, the ordering date. */
  'keepOne.changed': { old: KeepSummary; new: KeepSummary };
  /** A level added to a clause; `label` is the clause's label and the level's. */
  'level.added': PointsParams & { id: string; label: string; points: number };
  'level.removed': { id: string; label: string };
  'grade.added': { grade: string; min: number };
  /** A grade line moved: said on its own, the grade's line old → new. */
  'grade.min': { grade: string; old: number; new: number };
  'grade.removed': { grade: string; min: number };
  /** Downgrades as a whole, cited by `clause`. */
  'downgrades.added': { clause: string };
  'downgrades.removed': { clause: string };
  'downgrades.fromGrades': { old: string[]; new: string[] };
  /** The score after a downgrade to `grade` (absent: its grade line). */
  'downgrades.floor': UnitParams & Sides<number> & { grade: string };
  'downgrades.recalcMonths': { old: number; new: number };
  'downgradeRule.added': { id: string; label: string; effect: DowngradeEffect };
  'downgradeRule.removed': { id: string; label: string };
  'downgradeRule.effect': { old: DowngradeEffect; new: DowngradeEffect };
  'repeat.count': Sides<number>;
  'repeat.withinMonths': Sides<number>;
  'parameter.added': ParameterValue & { clause: string; label: string };
  'parameter.removed': { clause: string; label: string };
  'parameter.value': { old: ParameterValue; new: ParameterValue };
  'baseRule.added': { clause: string; months: number };
  'baseRule.removed': { clause: string };
  'baseRule.lookbackMonths': Sides<number>;
  'baseRule.projectDefaultMonths': Sides<number>;
  /** Eligibility as a whole; `requirements` are their labels. */
  'eligibility.added': { clause: string; requirements: string[] };
  'eligibility.removed': { clause: string };
  'requirement.added': { clause: string; label: string };
  'requirement.removed': { clause: string; label: string };
  'requirement.label': { old: string; new: string };
  'requirement.reason': Record<string, never>;
  /** A named condition (`conditions`). */
  'namedCondition.added': { name: string };
  'namedCondition.removed': { name: string };
  'namedCondition.changed': { name: string };
  /** The condition every scored event must meet, and its words. */
  'eventCondition.changed': Record<string, never>;
  'eventCondition.label': Sides<string>;
  'reading.added': { id: string; title: string };
  'reading.removed': { id: string; title: string };
  'reading.title': { old: string; new: string };
  'reading.note': Record<string, never>;
  'note.added': { clause: string };
  'note.removed': { clause: string };
  'note.text': Record<string, never>;
  'eventType.added': { type: string; label: string };
  'eventType.removed': { type: string; label: string };
  'eventType.label': { old: string; new: string };
  /** An attribute of the event type `type`. */
  'attribute.added': { type: string; typeLabel: string; name: string; label: string };
  'attribute.removed': { type: string; typeLabel: string; name: string; label: string };
  /** An attribute's values: those `added`, those `removed` (neither: something else changed). */
  'attribute.changed': { name: string; label: string; added: string[]; removed: string[] };
}

/** A keepOne rule as a change says it: one per `attribute`, the highest, or the first or last by `by` (absent: the event's date). */
export interface KeepSummary extends AttributeRef {
  choose: 'highest' | 'first' | 'last';
  by?: AttributeRef;
}

/** A policy change's code. */
export type ChangeCode = keyof ChangeParamsByCode;

/** A policy change's code and params, one of `ChangeParamsByCode`. */
export type ChangeExplanation = { [C in ChangeCode]: { code: C; params: ChangeParamsByCode[C] } }[ChangeCode];

/**
 * Labels the engine gives a change itself, where the ruleset has none to give: a grade, the
 * grades' citation, downgrades, the score after a downgrade and the recalculation, the base rule
 * without a reading of its own, eligibility, notes, an event type.
 */
export interface ChangeLabelParamsByCode {
  grade: { grade: string };
  grades: Record<string, never>;
  downgrades: Record<string, never>;
  downgradeFloor: Record<string, never>;
  recalculation: Record<string, never>;
  /** `project` / `projectEn`: the base rule's words for such a project (`label` / `labelEn`), when it has them. */
  baseRule: { project?: string; projectEn?: string };
  eligibility: Record<string, never>;
  note: Record<string, never>;
  eventType: { type: string; typeLabel: string };
  /** The ruleset's `windows`: where its windows end. */
  windows: Record<string, never>;
}

export type ChangeLabelCode = keyof ChangeLabelParamsByCode;

/** A label the engine gives, with its params. */
export type ChangeLabel = { [C in ChangeLabelCode]: { code: C; params: ChangeLabelParamsByCode[C] } }[ChangeLabelCode];

// ---------------------------------------------------------------- why a case moved

/** A limit as one side of a comparison has it: a cap or maximum (`limit`) and what it cut. */
export interface LimitSide {
  limit: number;
  cut: number;
}

/** The lines a cap, a maximum or the floor at 0 writes (their trace codes). */
export type LimitKind = 'clause.cap' | 'item.cap' | 'bonus.max' | 'check.max' | 'item.floor' | 'reduction.max' | 'reduction.floor';

/**
 * Each reason a case moved between two versions with its params, found by comparing the two
 * results' traces (and, for a grade line, the policy change): an event's points, an event now
 * counted or no longer (and why not: the trace code of the side that did not count it), a window
 * edge crossed, a cap that bites, a start, a veto, a grade line, a downgrade, eligibility.
 * Points are signed as the trace counts them (−4 takes 4).
 */
export interface MoveParamsByCode {
  /** The same event scores other points under the clause: `old` → `new`. */
  'move.points': ClauseParams & EventParams & UnitParams & { old: number; new: number };
  /** The event counts under the clause in the new version only; `was` is why the old one did not count it (a trace code), if it said. */
  'move.counted': ClauseParams & EventParams & UnitParams & { points: number; was?: TraceCode };
  /** The event no longer counts under the clause; `now` is why not (a trace code), if the new version says. */
  'move.uncounted': ClauseParams & EventParams & UnitParams & { points: number; now?: TraceCode };
  /** A window edge crossed: the event counts (`counted`) or no longer counts in the new version; `until` is the last day counted on the side where it lapsed. */
  'move.window': ClauseParams & EventParams & UnitParams & { counted: boolean; points: number; until?: string };
  /** A check clause met on one side, or scoring other points. */
  'move.check': ClauseParams & UnitParams & Sides<number>;
  /** A cap, maximum or the floor at 0 (`kind`, of the clause or item `id`) that now bites, no longer bites, or has moved. */
  'move.limit': UnitParams & { kind: LimitKind; id: string; label: string; old?: LimitSide; new?: LimitSide };
  /** An item starts from other points (its full score, or a base score: `oldBase`/`newBase`). */
  'move.start': ItemParams & UnitParams & { old: number; new: number; oldBase: boolean; newBase: boolean };
  /** A veto that now holds (`holds`) or no longer does. */
  'move.veto': ClauseParams & EventParams & { holds: boolean; indicator: string; indicatorLabel: string };
  /** A grade line moved across the case's table score. */
  'move.gradeLine': UnitParams & { grade: string; old: number; new: number; score: number };
  /** A downgrade step that now holds (`holds`) or lapses; `from`/`to` on the side where it holds. */
  'move.downgrade': ClauseParams & EventParams & { rule: string; holds: boolean; from: string; to: string };
  /** The score after a downgrade: the floor it is set to (absent: no floor on that side). */
  'move.downgradeFloor': UnitParams & { clause: string; grade: string; old?: number; new?: number };
  /** The table decides again after a downgrade's months: now (`holds`), or no longer. */
  'move.recalculated': { clause: string; holds: boolean; months: number; since: string };
  /** Not eligible on one side: `eligible` in the new version or not; `reasons` those of the side that failed. */
  'move.eligibility': { clause: string; eligible: boolean; reasons: string[] };
  /** An item's score moved with no clause-level reason found (said at the item). */
  'move.item': ItemParams & UnitParams & Sides<number>;
}

/** A reason's code. */
export type MoveCode = keyof MoveParamsByCode;

/** A reason's code and params, one of `MoveParamsByCode`. */
export type MoveExplanation = { [C in MoveCode]: { code: C; params: MoveParamsByCode[C] } }[MoveCode];

// ---------------------------------------------------------------- forecasts

/** What a forecast says beside the trace lines it quotes (engine/review/forecast.ts). */
export interface ForecastParamsByCode {
  /** From `from` on, the version `version` of ruleset `id` (`status`) is the one in force. */
  'forecast.version': { id: string; version: string; status: RulesetStatus; from: string };
  /** Grade `grade` (from `min`) is reached on `date` if nothing new happens. */
  'restore.reached': UnitParams & { grade: string; min: number; date: string };
  /** Grade `grade` is never reached: from `since` on nothing changes any more and the score stays at `score`. */
  'restore.never': UnitParams & { grade: string; min: number; score: number; since: string };
  /** Grade `grade` is never reached: the entity is not eligible for a grade; `reasons` as the ruleset words them. */
  'restore.ineligible': { grade: string; reasons: string[] };
  /** A trace line the day before had and this day has not, said when the day has no new line (eligibility regained). */
  'forecast.gone': { line: TraceExplanation };
  /** Had `event` (dated `date`, of the type called `label`) not happened, the score on `asOf` would be `score` (`gain` more) and the grade `grade`. */
  'restore.without': UnitParams & EventParams & { label: string; asOf: string; score: number; gain: number; grade: string | null };
}

/** A forecast's code. */
export type ForecastCode = keyof ForecastParamsByCode;

/** A forecast's code and params, one of `ForecastParamsByCode`. */
export type ForecastExplanation = { [C in ForecastCode]: { code: C; params: ForecastParamsByCode[C] } }[ForecastCode];

// ---------------------------------------------------------------- problems

/** What a declared field or attribute is, as a problem names it. */
export interface FieldSpecParams {
  name: string;
  label: string;
  /** Its values, for a choice (enum). */
  values?: string[];
  /** The values as staff read them (valueLabels, else the value). */
  valueLabels?: string[];
  type: string;
}

/** A name the author probably meant (a close known name), when there is one. */
export interface GuessParams {
  guess?: string;
}

/** A part of a ruleset that has an id, as a duplicate-id problem names it. */
export type IdHolder = 'indicator' | 'item' | 'reading' | 'grade' | 'clause' | 'level' | 'downgradeRule';

/** A fact a path reads fields of. */
export type FieldFact = 'record' | 'project' | 'event';

/** The types parameters have (types.ts `ParameterType`). */
export type ParameterTypeName = 'number' | 'integer' | 'date' | 'string' | 'strings';

/** Why a parameter has its type: declared, implied by a use (an operator, else a window's months, at a path), or its value's shape. */
export type ParameterTypeReason = { declared: true } | { operator?: string; at: string } | { shape: true };

/**
 * Each problem a ruleset or a record can have, with its params: what the loader refuses
 * (engine/ruleset.ts and the checks it calls) and what `validateRecord` refuses. A problem's
 * `message` and `fix` are the en catalogue's, its `zh` the zh-CN catalogue's.
 */
export interface ProblemParamsByCode {
  /** A ruleset nested deeper than `depth` levels (JSON, before its schema). */
  'ruleset.tooDeep': { depth: number };
  /** A key __proto__, constructor or prototype. */
  'schema.key': { key: string };
  /** A key its object does not allow (a typo: `windw`), with the keys it allows and the one it probably means. */
  'schema.unknownKey': GuessParams & { key: string; allowed: string[] };
  /**
   * What a JSON Schema refuses: Ajv's `keyword`, its `message` and `params`, and the value
   * refused (a date's, written as the input has it).
   */
  'schema.invalid': { keyword: string; message: string; params: Record<string, unknown>; value?: string; empty?: boolean };
  'id.duplicate': { id: string; earlier: string; what: IdHolder };
  'attribute.enumWithoutValues': { name: string };
  'field.enumWithoutValues': { name: string };
  /** A declared record or project field of type project. */
  'field.projectType': Record<string, never>;
  'reading.unknown': { id: string };
  'condition.unknown': { name: string };
  'condition.cycle': { walk: string };
  'condition.tooDeep': { depth: number; chain: string[]; max: number };
  /** A fact a condition of `scope` (record, project) cannot read. */
  'fact.unavailable': { fact: string; scope: string };
  'fact.unknown': GuessParams & { fact: string; facts: string[] };
  /** A value naming a fact written otherwise than { fact, path }; `found` as JSON. */
  'value.factReference': { found: string };
  /** The value an operator compares with is not of its kind; `found` as JSON. */
  'operator.valueType': { operator: string; type: 'array' | 'number' | 'date' | 'boolean'; found: string };
  'parameter.unknown': GuessParams & { name: string; inWindow?: boolean };
  /** A parameter whose value is not of its type; `found` as the input writes it. */
  'parameter.type': { name: string; label: string; type: ParameterTypeName; found: string; because: ParameterTypeReason };
  /** A use (an operator, else a window's months) that needs `need`, of a parameter of type `type`; `value` is its value as text. */
  'parameter.use': { name: string; label: string; type: ParameterTypeName; need: ParameterTypeName; operator?: string; value: string };
  /** A path into a parameter (`limits.months`). */
  'parameter.path': { ref: string; name: string };
  'path.jsonPath': { path: string; dotted: string };
  'path.asOfFields': Record<string, never>;
  /** A path that reads field `key` of `read`, which is a value. */
  'path.intoValue': { fact: FieldFact; read: string; key: string };
  /** A path that reads a field `key` that `read` (or the fact itself) does not have. */
  'path.unknownField': GuessParams & { fact: FieldFact; read: string; key: string };
  'eventType.unknown': { type: string };
  'attribute.unknown': GuessParams & { name: string };
  'attribute.valueUndeclared': { value: string; attribute: string; allowed: string[] };
  'grade.notBelow': { grade: string; min: number; above: string; aboveMin: number };
  'grade.unknown': { grade: string };
  'grades.noCitation': Record<string, never>;
  'downgrades.floorOutside': { grade: string; floor: number };
  'downgrades.noGrades': Record<string, never>;
  'ruleset.periodReversed': { from: string; to: string };
  'points.inexact': { points: number };
  'points.tooLarge': { points: number; max: number };
  'points.sign': { kind: ItemKind; points: number };
  'item.noFull': { item: string; kind: ItemKind };
  'clause.noPoints': { clause: string };
  'clause.pointsAndLevels': { clause: string };
  /** A level after `before`, which has no condition. */
  'level.unreachable': { level: string; before: string };
  /** A veto clause with `per`: a veto has no points to multiply. */
  'per.onVeto': { clause: string };
  'per.roundWithoutStep': Record<string, never>;
  'per.aboveAndBelow': Record<string, never>;
  /** A `per` path that names no number: of the event's attributes, or of the record's fields (`numbers`). */
  'per.notNumber': GuessParams & { path: string; fact: 'event' | 'record'; numbers: string[] };
  'base.notDeduction': { item: string; kind: ItemKind };
  'base.aboveFull': { base: number; full: number };
  'veto.onCheck': Record<string, never>;
  'veto.unknownIndicator': { indicator: string };
  'cap.onBonus': { item: string };
  'max.notBonus': { item: string; kind: ItemKind };
  'cap.onCheck': { item: string };
  'cap.onReduction': { item: string };
  'full.onReduction': { item: string };
  'notAgain.unknownItem': { item: string };
  'window.empty': Record<string, never>;
  /** A window's attribute that is not of `kind` (number: months; date: until). */
  'window.attribute': GuessParams & { name: string; kind: 'number' | 'date' };
  'keep.oncePerAndKeepOne': { clause: string };
  'keep.highestPerAndKeepOne': { item: string };
  'keep.byWithHighest': Record<string, never>;
  /** `by` names an attribute that is not a date (`known`: some event type has it). */
  'keep.byNotDate': GuessParams & { by: string; known: boolean };
  'eligibility.duplicate': { id: string; earlier: number };
  /** A record or a project without a declared field it requires. */
  'field.required': FieldSpecParams & { holder: 'record' | 'project' };
  'field.invalid': FieldSpecParams & { found: string };
  'event.attributeRequired': FieldSpecParams & { eventType: string; eventTypeLabel: string };
  'event.attributeInvalid': FieldSpecParams & { eventType: string; found: string };
  'project.duplicate': { id: string };
  'project.completionBeforePermit': { completion: string; permit: string };
  'event.duplicate': { id: string };
  'event.unknownProject': { project: string; projects: string[] };
  'record.unknownGrade': { grade: string; ruleset: string; grades: string[] };
  'record.wrongKind': { ruleset: string; entityKind: string; kind: string };
  /** Rulesets given as versions of one that have different ids. */
  'versions.mixedIds': { ids: string[] };
  'versions.duplicate': { id: string; version: string };
  /** selectVersion was given no version to choose from. */
  'versions.empty': Record<string, never>;
  /** The version asked for by name is not among `versions`. */
  'versions.unknown': { versions: VersionPeriod[] };
  /** The version asked for by name is not in force on `date`. */
  'versions.outsidePeriod': VersionPeriod & { date: string };
  /** No version is in force on the date asked for. */
  'versions.noneInForce': { versions: VersionPeriod[] };
  // JSON text that does not read (engine/syntax.ts, engine/jsonArray.ts, the CLI's files): `found` is what stands there.
  'json.stringUnclosed': Record<string, never>;
  'json.controlInString': { found: JsonFound };
  'json.unicodeEscape': Record<string, never>;
  /** A backslash before `escape` (empty at the end of the text). */
  'json.badEscape': { escape: string };
  'json.badNumber': { found: JsonFound };
  /** `why`: what the character suggests (a single quote, a comma before a closing bracket). */
  'json.valueExpected': { found: JsonFound; why?: 'singleQuote' | 'trailingComma' };
  'json.nameExpected': { found: JsonFound; why?: 'singleQuote' | 'trailingComma' | 'unquoted' };
  'json.colonExpected': { found: JsonFound };
  /** Text after the one value of a file. */
  'json.afterValue': { found: JsonFound };
  /** The text ends inside an array or object, before `close`. */
  'json.unclosed': { container: 'array' | 'object'; close: ']' | '}' };
  /** Neither "," nor `close` after a value; `commaMissing` when a value starts there. */
  'json.separatorExpected': { found: JsonFound; close: ']' | '}'; commaMissing: boolean };
  /** A text read as a list of elements (jsonArray.ts) that does not start with "[". */
  'json.listExpected': { found: JsonFound };
  'json.listEmpty': Record<string, never>;
  'json.listUnclosed': Record<string, never>;
  /** Text after the list's closing bracket. */
  'json.afterList': { found: JsonFound };
  /** An element nested deeper than `depth` levels (a limit of the reader, not a syntax error). */
  'json.tooDeep': { depth: number };
  /** An element longer than `length` characters (a limit of the reader). */
  'json.elementTooLong': { length: number };
  'json.notUtf8': Record<string, never>;
  /** What the JSON parser said (its own words), where the text's own scan found nothing to say. */
  'json.parser': { reason: string };
  /** Nested too deep for the JSON parser of this runtime. */
  'json.parserTooDeep': Record<string, never>;
  // The service's own (engine/serve): what a request gets wrong. `value` as the request wrote it (JSON).
  'service.mediaType': { type: string; accepted: string };
  'service.queryDate': { value: string };
  'service.bodyDate': { value: string };
  'service.unknownRuleset': { name: string; names: string[] };
  'service.unknownVersion': { version: string; versions: string[] };
  'service.bodyNotObject': Record<string, never>;
  'service.noNewVersion': Record<string, never>;
  'service.casesNotList': Record<string, never>;
  'service.nearLine': Record<string, never>;
  /** The two sides of a comparison score entities of two kinds. */
  'service.kindsDiffer': { old: string; new: string };
  /** Not ready: shutting down, or no ruleset loaded. */
  'service.notReady': { shuttingDown: boolean };
  'service.methodNotAllowed': { method: string; pathname: string; allowed: string[] };
  'service.notFound': { method: string; pathname: string };
  /** No token sent (`sent` false), or the wrong one. */
  'service.unauthorized': { sent: boolean };
  /** A body over the service's limit of `bytes`. */
  'service.bodyTooLarge': { bytes: number };
  'service.timeout': Record<string, never>;
  // The command line's (engine/cli): `option` as written (`--as-of`, `-x`), `value` as given.
  'cli.unknownOption': GuessParams & { option: string; command: string };
  'cli.optionTakesNoValue': { option: string };
  /** An option without its value: one of `choices`, or what `placeholder` names (FILE). */
  'cli.optionNeedsValue': { option: string; choices?: string[]; placeholder?: string };
  'cli.optionChoice': GuessParams & { option: string; value: string; choices: string[] };
  'cli.optionTwice': { option: string };
  /** An option before any command. */
  'cli.optionFirst': { option: string; commands: string[] };
  'cli.unknownCommand': GuessParams & { command: string; commands: string[] };
  'cli.notADate': { option: string; value: string };
  'cli.notAWholeNumber': { option: string; value: string; example: string };
  'cli.needsRuleset': { command: string };
  /** A command without --cases; `records` when it also takes a records file. */
  'cli.needsCases': { command: string; records: boolean };
  /** `serve` on a host other machines reach, without a token. */
  'cli.tokenNeeded': { host: string };
  'cli.notAFolder': { path: string };
  /** `inUse`: another process has the port. */
  'cli.cannotListen': { host: string; port: number; reason: string; inUse: boolean };
  /** A command given too few or too many files (`got`, as written). */
  'cli.arguments': { command: ArgumentsCommand; got: string[] };
  'cli.limit': { value: string };
  'cli.notAPort': { port: number };
  'cli.serveLimits': Record<string, never>;
  'cli.workers': Record<string, never>;
  'cli.xlsxToTerminal': Record<string, never>;
  /** `diff` of two rulesets (`old`, `new` as named) scoring two kinds of entity. */
  'cli.kindsDiffer': { old: string; oldKind: string; new: string; newKind: string };
  /** `test` of a ruleset scoring `kind` with cases all of other `kinds`. */
  'cli.casesOfOtherKind': { ruleset: string; kind: string; cases: string; kinds: string[] };
  /** A sample case given where a record was expected. */
  'cli.sampleCase': Record<string, never>;
  /** A list of records given to `forecast`, which takes one. */
  'cli.recordsToForecast': Record<string, never>;
  // Files the CLI reads and writes (engine/cli/files.ts, source.ts, load.ts): `what` the file is for.
  /** No such file; relative paths start at `cwd`. */
  'file.missing': { what: FileRole; cwd: string };
  /** A folder where a file was expected; `json` when a .json file is. */
  'file.directory': { what: FileRole; json: boolean };
  'file.permission': Record<string, never>;
  /** Another error reading it: `reason` as the system says it (EIO…). */
  'file.unreadable': { what: FileRole; reason: string };
  'file.unwritable': { reason: string };
  'file.notUtf8': Record<string, never>;
  /** A JSON file of `bytes` over the `limit` read whole. */
  'file.tooLarge': { bytes: number; limit: number };
  /** A JSON document that is not a list, over the `limit` read whole (records). */
  'file.jsonTooLarge': { limit: number };
  'file.empty': Record<string, never>;
  'file.tooDeep': { depth: number };
  /** A line of NDJSON of `bytes`, more than a record may be. */
  'file.lineTooLong': { bytes: number };
  'file.lineNotUtf8': Record<string, never>;
  'file.recordsDirectory': Record<string, never>;
  'file.noRulesets': Record<string, never>;
  /** A folder holding several rulesets, each id with its file names. */
  'file.mixedRulesets': { rulesets: { id: string; files: string[] }[] };
  'file.noCases': Record<string, never>;
  /** A file that is not a ruleset (no "indicators"); `looks` like records, a sample case or a record. */
  'file.notARuleset': { looks?: 'records' | 'sampleCase' | 'record' };
  // Reading a ruleset from git (`diff REV:PATH`).
  'git.missing': Record<string, never>;
  'git.failed': { reason: string };
  'git.notARevision': { rev: string };
  'git.noPath': Record<string, never>;
  'git.notARepository': Record<string, never>;
  'git.unknownRevision': { rev: string };
  'git.noSuchPath': { rev: string; path: string };
  /** `git show` or `git ls-tree` failed, saying `stderr`. */
  'git.commandFailed': { command: 'show' | 'ls-tree'; stderr: string };
  /** The path names a git object of another `type` (a submodule's commit…). */
  'git.notAFile': { type: string };
  'git.noRulesets': { rev: string };
  // Mistakes in calling the library (engine/usage.ts and its callers).
  'usage.notCompiled': Record<string, never>;
  /** An evaluation date that is not one; `value` as JSON (or its type). */
  'usage.notADate': { value: string };
  'usage.recordsNotAList': Record<string, never>;
  /** A record whose reading threw (a getter, a proxy): `reason` as the error says it. */
  'usage.recordUnreadable': { reason: string };
  'usage.noRulesetToForecast': Record<string, never>;
  'usage.untilBeforeAsOf': { until: string; asOf: string };
  'usage.noVersionInForce': { id: string; asOf: string };
}

/** What a file the CLI reads is for, as its messages name it. */
export type FileRole = 'file' | 'ruleset' | 'records file' | 'rulesets folder' | 'folder' | 'case' | 'cases' | 'record';

/** The commands that check how many files they were given. */
export type ArgumentsCommand = 'validate' | 'diff' | 'forecast' | 'test' | 'evaluate' | 'serve';

/** What stands where JSON text goes wrong: its end, a control character (`U+000A`), a string (as written, maybe cut), a word or character. */
export type JsonFound = { kind: 'end' } | { kind: 'control'; char: string } | { kind: 'string'; text: string } | { kind: 'token'; text: string };

/** A version of a ruleset as a problem names it: its version, status and period (no `to`: open-ended). */
export interface VersionPeriod {
  version: string;
  status: RulesetStatus;
  from: string;
  to?: string;
}

/** A problem's code. */
export type ProblemCode = keyof ProblemParamsByCode;

/** A problem's code and params, one of `ProblemParamsByCode`. */
export type ProblemExplanation = { [C in ProblemCode]: { code: C; params: ProblemParamsByCode[C] } }[ProblemCode];

/** A problem in one language: what is wrong, and how to put it right (a Chinese sentence says both: no `fix`). */
export interface ProblemWords {
  message: string;
  fix?: string;
}

// ---------------------------------------------------------------- hints

/** What a citation writes numbers in: `points` are amounts in the ruleset's unit (`amountUnit`). */
export type CitedUnitName = 'points' | 'months' | 'yuan';

/**
 * Each hint with its params: a value that loads but is probably not meant (engine/hints.ts),
 * or a number the text it cites does not write (engine/review/citations.ts).
 */
export interface HintParamsByCode {
  /** A clause that scores 0 points; `levels` when it is every level of it that does. */
  zeroPoints: { clause: string; levels: boolean };
  /**
   * A window of 0 months: a clause's own (`clauses` holds its id), or a parameter of 0 months
   * (`parameter`) that the windows of `clauses` fall back on.
   */
  zeroMonths: { clauses: string[]; parameter?: string; day?: true };
  /** An item whose limit is 0: a deduction or check item's full score, a bonus item's maximum. */
  zeroLimit: { item: string; kind: ItemKind };
  /** A grade line above `most`, the most the table can give. */
  unreachableGrade: UnitParams & { grade: string; min: number; most: number };
  /** The citation of `clause` writes `says` (each fragment once), not `value` in `unit` (amounts in `amountUnit`). */
  citationNumber: { clause: string; value: number; unit: CitedUnitName; amountUnit: string; says: string[] };
}

/** A hint's code. */
export type HintCode = keyof HintParamsByCode;

// ---------------------------------------------------------------- warnings, headlines, the command line's words

/** Each warning with its params: a record scored, but worth a look. */
export interface WarningParamsByCode {
  /** Evaluated on `date`, outside the period of version `version` of ruleset `id` (no `to`: open-ended). */
  'period.outside': { id: string; version: string; from: string; to?: string; date: string };
  /** An event type the ruleset does not declare: it scores nothing. */
  'event.typeUnknown': { type: string; ruleset: string };
  /** An event type the ruleset declares but no rule uses. */
  'event.typeUnused': { type: string; ruleset: string };
}

/** A warning's code. */
export type WarningCode = keyof WarningParamsByCode;

/** A warning's code and params, one of `WarningParamsByCode`. */
export type WarningExplanation = { [C in WarningCode]: { code: C; params: WarningParamsByCode[C] } }[WarningCode];

/**
 * Each headline of an error (`CreditRulesError.message`: what went wrong as a whole, above its
 * problems) with its params. Its English words are the error's `message`.
 */
export interface HeadlineParamsByCode {
  'ruleset.tooDeep': { depth: number };
  'ruleset.schema': Record<string, never>;
  'ruleset.references': Record<string, never>;
  'record.invalid': Record<string, never>;
  'case.schema': Record<string, never>;
  /** A case whose record does not fit the ruleset `ruleset` (absent: checked on its own). */
  'case.record': { ruleset?: string };
  /** A file of `count` records where a forecast takes one. */
  'forecast.records': { count: number };
  'versions.empty': { date: string };
  'versions.notOneRuleset': Record<string, never>;
  'versions.unknown': { id: string; version: string };
  'versions.outsidePeriod': VersionPeriod & { id: string; date: string };
  'versions.noneInForce': { id: string; date: string };
  /** JSON text that does not read, at a `line` and `column` when known (a line of NDJSON is placed by its file name: `column` only). */
  'json.invalid': { line?: number; column?: number };
  /** A limit of the reader (`problem`: too deep, too long) met at `line`, `column`. */
  'json.limit': { problem: ProblemExplanation; line: number; column: number };
  /** Bytes that are not UTF-8 at `line`, `column`. */
  'json.notUtf8': { line: number; column: number };
}

/** A headline's code. */
export type HeadlineCode = keyof HeadlineParamsByCode;

/** A headline's code and params, one of `HeadlineParamsByCode`. */
export type HeadlineExplanation = { [C in HeadlineCode]: { code: C; params: HeadlineParamsByCode[C] } }[HeadlineCode];

/** The operators of the condition language (engine/operators.ts), by name. */
export type OperatorName =
  | 'equal' | 'notEqual' | 'in' | 'notIn' | 'contains' | 'doesNotContain' | 'lessThan' | 'lessThanInclusive' | 'greaterThan' | 'greaterThanInclusive'
  | 'dateBefore' | 'dateOnOrBefore' | 'dateAfter' | 'dateOnOrAfter' | 'missing';

/** A result's grade as a table cell shows it. */
export interface GradeCellParams {
  eligible: boolean;
  downgraded: boolean;
  grade: string | null;
  computedGrade: string | null;
}

/** The words of the command line's text outputs (`evaluate --format table`, `forecast`) and of its error reports. */
export interface CliWords {
  /** The columns of `evaluate --format table` before the indicators, whose titles are the ruleset's labels. */
  columns: { id: string; name: string; score: string; grade: string; asOf: string };
  /** A result's grade cell: not graded, downgraded (with the table's own), or the grade. */
  grade: (p: GradeCellParams) => string;
  /** The grade cell of a record that got no score. */
  invalid: string;
  /** Where a record without an id stands: its NDJSON `line`, else its `item` in an array (from 1). */
  place: (p: { line?: number; item?: number }) => string;
  /** The line under the table. */
  summary: (p: { total: number; scored: number; downgraded: number; invalid: number }) => string;
  /** The forecast's first line: the record and the date it starts from. */
  forecastHeading: (p: { id: string; name: string; asOf: string }) => string;
  forecastColumns: { date: string; score: string; grade: string; change: string; reason: string };
  /** The reason of the first step. */
  evaluationDay: string;
  /** After the last step: nothing changes any more, or it goes on after `until`. */
  complete: string;
  incomplete: (p: { until: string }) => string;
  restore: string;
  /** The heading of the events without which the grade on `asOf` would be higher. */
  without: (p: { asOf: string }) => string;
  /** A warning placed: the file (and line), the record. */
  warning: (p: { place: string; recordId?: string; text: string }) => string;
  /** The problems of an error, past the first `limit` of each kind, are not printed. */
  moreErrors: (p: { limit: number }) => string;
  moreWarnings: (p: { limit: number }) => string;
  /** What `evaluate` says at the end when some records were not scored or warnings were cut. */
  evaluated: (p: { total: number; scored: number; invalid: number; internal: number; warnings: number }) => string;
  /** A file (`-`: standard input) with no records in it. */
  noRecords: (p: { file: string }) => string;
  /** "record E-1", as an error names the record. */
  record: (p: { id: string }) => string;
  /** An error of a case under one `side` of a comparison only. */
  underVersion: (p: { message: string; side: 'old' | 'new' }) => string;
  /** `diff`'s lines on standard error: no cases, grades changed under --fail-on-grade-change, cases that could not be compared. */
  diff: {
    noCases: (p: { path: string }) => string;
    gradesChanged: (p: { count: number }) => string;
    compared: (p: { compared: number; total: number; failed: number }) => string;
  };
  validate: ValidateWords;
  test: TestWords;
}

/** `validate`'s line for each file (what it is, or how many of its records fail) and its count at the end. */
export interface ValidateWords {
  ruleset: (p: { id: string; version: string; indicators: number; clauses: number }) => string;
  /** A sound case, its record checked against `ruleset` when one was given. */
  case: (p: { name: string; ruleset?: string }) => string;
  /** A file of sound records, checked against a ruleset (`ruleset`, `version`) or by the schema only. */
  records: (p: { total: number; ruleset?: { id: string; version: string } }) => string;
  recordsInvalid: (p: { invalid: number; total: number }) => string;
  /** Invalid records past those shown. */
  moreInvalid: (p: { more: number }) => string;
  noRecords: string;
  noRecordsFix: string;
  emptyFolder: string;
  /** The `--ruleset` given does not load: its error's `code`. */
  rulesetOption: (p: { code: string }) => string;
  total: (p: { valid: number; invalid: number }) => string;
}

/** What moving a number would take for a case to notice: its kind, its owner and value, and which way the unnoticed moves went. */
export interface PinParams {
  kind: string;
  owner: string;
  label: string;
  value: number | string;
  /** Moves down (`lower`) or up (`higher`) went unnoticed; `below` is the unnoticed value under `value`. */
  lower: boolean;
  higher: boolean;
  below?: number | string;
}

/** Why a move can change no score whatever the record (the sensitivity report's `InertReason`). */
export type InertWords = Readonly<Record<'pointsPastItemLimit' | 'capPastFull' | 'fullPastClauses' | 'fullPastExclusiveClauses' | 'betweenScores', (limit: number) => string>>;

/** `test`'s count, the clauses no case exercises, why it exits 1, and the `--sensitivity` report. */
export interface TestWords {
  /** How a result differs from the case: a `field` (score, grade, computedScore, downgraded, eligible or an indicator's id) and its values; `absent`: the result has no such indicator. */
  difference: (p: { field: string; actual: string; expected: string; absent: boolean }) => string;
  total: (p: { passed: number; failed: number; invalid: number }) => string;
  unexercised: (p: { ids: string[] }) => string;
  unexercisedFix: string;
  exercised: string;
  allowed: string;
  /** Why the run exits 1: `failed` cases, `unexercised` clause ids (0: not a reason). */
  exit: (p: { failed: number; unexercised: number }) => string;
  sensitivity: (p: { numbers: number; moves: number; pinned: number; unpinned: number }) => string;
  sensitivityNotRun: string;
  /** A number some move of which no case noticed: the values tried, and its JSON path. */
  unnoticed: (p: { owner: string; kind: string; value: number | string; unnoticed: (number | string)[]; path: string }) => string;
  /** The case that would pin it. */
  wouldPin: (p: PinParams) => string;
  inertHeading: string;
  inert: InertWords;
  allPinned: string;
}

/** The words of `diff`'s comparison report, its table, markdown, CSV, HTML and workbook (engine/cli/formats/diffReport.ts); its sentences are the other tables'. */
export interface ReportWords {
  title: string;
  old: string;
  new: string;
  version: string;
  status: string;
  effective: string;
  source: string;
  kind: string;
  policyRow: string;
  caseRow: string;
  id: string;
  name: string;
  asOf: string;
  oldScore: string;
  oldGrade: string;
  newScore: string;
  newGrade: string;
  change: string;
  gradeChange: string;
  oldComputed: string;
  newComputed: string;
  oldDowngraded: string;
  newDowngraded: string;
  nearLine: string;
  distance: string;
  error: string;
  items: string;
  explanation: string;
  reasons: string;
  clause: string;
  label: string;
  what: string;
  hint: string;
  policy: string;
  noPolicy: string;
  transitions: string;
  count: string;
  moved: string;
  noneMoved: string;
  near: (n: number) => string;
  none: string;
  computedOnly: string;
  distribution: string;
  before: string;
  after: string;
  ungraded: string;
  unscored: string;
  line: string;
  summary: (total: number, changed: number, graded: number, same: number) => string;
  yes: string;
  no: string;
  cases: string;
  sheetPolicy: string;
  sheetMoved: string;
  sheetTransitions: string;
  sheetNear: string;
  sheetDistribution: string;
  sheetComputed: string;
  generated: string;
  page: string;
  grade: string;
  period: (from: string, to?: string) => string;
  versionLine: (name: string, status: string, period: string, source: string) => string;
  sameNumber: (version: string) => string;
  sameVersion: (name: string) => string;
  numbered: (title: string, n: number) => string;
  counted: (title: string, n: number) => string;
  stop: string;
  impact: string;
  impactLine: (summary: string) => string;
  colon: string;
  listSep: string;
  clauseSep: string;
  paren: (text: string) => string;
  versionInfo: string;
  alsoComputed: (n: number) => string;
  notCompared: (n: number) => string;
  more: (n: number) => string;
  caseCount: (n: number) => string;
  downgraded: string;
  tableScore: (n: number) => string;
  gap: string;
  resultUnchanged: string;
  recalc: (months: number | string) => string;
  comparison: string;
}

// ---------------------------------------------------------------- catalogues

/** One language's sentences: a function of its params for every code. */
export interface Catalogue {
  trace: { readonly [C in TraceCode]: (p: TraceParamsByCode[C]) => string };
  /** Why an event counts nowhere, as the line says it (in Chinese it is also the line's `text`). */
  unmatchedCondition: (p: UnmatchedParams) => string;
  change: { readonly [C in ChangeCode]: (p: ChangeParamsByCode[C]) => string };
  changeLabel: { readonly [C in ChangeLabelCode]: (p: ChangeLabelParamsByCode[C]) => string };
  /** Why a case moved between two versions. */
  move: { readonly [C in MoveCode]: (p: MoveParamsByCode[C]) => string };
  forecast: { readonly [C in ForecastCode]: (p: ForecastParamsByCode[C]) => string };
  /** A ruleset's status as staff say it. */
  status: Readonly<Record<RulesetStatus, string>>;
  /** What is wrong with a ruleset or a record, and how to fix it. */
  problem: { readonly [C in ProblemCode]: (p: ProblemParamsByCode[C]) => ProblemWords };
  /** The period a version is in force (no `to`: open-ended). */
  period: (p: { from: string; to?: string }) => string;
  /** A value worth a second look, or a number its citation does not write. */
  hint: { readonly [C in HintCode]: (p: HintParamsByCode[C]) => string };
  warning: { readonly [C in WarningCode]: (p: WarningParamsByCode[C]) => string };
  headline: { readonly [C in HeadlineCode]: (p: HeadlineParamsByCode[C]) => string };
  /** What each operator of the condition language means. */
  operator: Readonly<Record<OperatorName, string>>;
  /** A size in bytes as messages write it. */
  size: (bytes: number) => string;
  cli: CliWords;
  report: ReportWords;
}
