/**
 * The shapes of rulesets, records and results. A ruleset is data: every number a
 * policy officer may change is a plain field here, and every scoring rule cites
 * the clause of the regulation it implements.
 */
import type { TraceExplanation } from './messages/codes.js';

/** A json-rules-engine condition: `all` / `any` / `not` / a named `condition`, or a fact test. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { condition: string }
  | FactCondition;

/** A fact test, as json-rules-engine writes it. `path` is a dotted path (`licence.validUntil`). */
export interface FactCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}

/** Where a rule's text comes from. */
export interface Citation {
  /** The clause id in the source: a clause's, a note's, or a reading's own. */
  clause: string;
  /** The Chinese text the rule implements, as the source writes it. */
  text: string;
}

/** A reading of text that is unclear or silent, under an id of the ruleset's own, shown to staff as such. */
export interface Reading {
  id: string;
  title: string;
  note: string;
}

/**
 * Where a window ends: `monthEnd`, at the end of the month its last day falls in; `day`, on
 * that day itself (months counted as a civil code counts them: the corresponding day of the
 * last month, or that month's last day when it has none).
 */
export type WindowEnd = 'monthEnd' | 'day';

/**
 * How long an event counts after its document date. `months` is fixed; `monthsAttribute`
 * takes the months from the event (a criticism's announcement), else `defaultParameter`;
 * `untilAttribute` counts to the date the event names ("currently listed"), open-ended without it.
 * `end` overrides the ruleset's `windows.end` for this window.
 */
export interface Window {
  months?: number;
  monthsAttribute?: string;
  defaultParameter?: string;
  untilAttribute?: string;
  end?: WindowEnd;
}

/** What every window of a ruleset shares, as the regulation says it once for all: where they end. */
export interface WindowRule {
  end: WindowEnd;
  citation?: Citation;
  reading?: string;
}

/** One outcome of a clause: when `when` holds (first match wins), the event scores `points`. */
export interface Level {
  id: string;
  label: string;
  when?: Condition;
  points: number;
  provisional?: Provisional;
}

/**
 * Points per quantity (mechanisms/per.ts): the clause's points times the number at `path` (an
 * event attribute, or a record path for a check clause), in whole `step`s when given (rounded
 * `down`, the default, or `up`), counting only what exceeds `above`, or only what falls short
 * of `below` (a younger applicant scoring more per year under an age).
 */
export interface Per {
  path: string;
  step?: number;
  round?: 'down' | 'up';
  above?: number;
  below?: number;
}

/** What a clause does with the events it matches. */
export type ClauseEffect = 'points' | 'veto';

/** A clause of the table: the events it matches, how long they count, and their points. */
export interface Clause {
  id: string;
  label: string;
  citation: Citation;
  /** Events this clause considers (on top of the ruleset's and the indicator's event conditions). */
  when: Condition;
  window?: Window;
  /** `points` per occurrence (one level) or per matching level. */
  points?: number;
  levels?: Level[];
  /** The points (or the level's) count once per unit of a quantity read from the event or the record. */
  per?: Per;
  /** A cap on this clause's own total (its absolute value), within the item's cap. */
  cap?: number;
  /** Count at most one occurrence per value of this event attribute (e.g. once per project): `keepOne` choosing the first. */
  oncePer?: string;
  keepOne?: KeepOne;
  /** `veto`: an occurrence in the window makes the whole of `vetoes` score 0. */
  effect?: ClauseEffect;
  vetoes?: string;
  /** The id of a reading this clause embodies. */
  reading?: string;
  provisional?: Provisional;
}

/** Multiply by `factor` the points of events for which `when` holds (e.g. twice for an event that was concealed). */
export interface Multiplier {
  label: string;
  citation: Citation;
  when: Condition;
  factor: number;
}

/** Among events sharing `attribute`, only the largest points count (e.g. the highest award per project). */
export interface HighestPer {
  label: string;
  citation: Citation;
  attribute: string;
}

/**
 * Among the occurrences counted where it is written (a clause, an item, an indicator, the
 * ruleset) that share a value of the event attribute `per`, only one counts: the highest
 * (absolute points, after a multiplier), or the first or last by the date attribute `by`.
 */
export interface KeepOne {
  label: string;
  citation: Citation;
  per: string;
  choose: 'highest' | 'first' | 'last';
  /** The date attribute that orders `first` and `last` (default `date`). */
  by?: string;
}

/** An event sharing `attribute` with one that counted in `items` is not deducted again. */
export interface NotAgain {
  label: string;
  citation: Citation;
  attribute: string;
  items: string[];
}

export type ItemKind = 'deduction' | 'bonus' | 'check' | 'reduction';

/**
 * A scored item. `deduction`: starts at `full` (or `base` when the entity had no recent
 * project) and loses at most `cap`, never below 0. `bonus`: adds up to `max`. `check`:
 * scores the points of its clauses whose record condition holds, up to `full`. `reduction`:
 * takes from the total of the items before it in its indicator, at most `max`, never below 0.
 */
export interface Item {
  id: string;
  label: string;
  kind: ItemKind;
  citation: Citation;
  full?: number;
  base?: number;
  cap?: number;
  max?: number;
  multiplier?: Multiplier;
  highestPer?: HighestPer;
  notAgain?: NotAgain;
  keepOne?: KeepOne;
  clauses: Clause[];
  provisional?: Provisional;
}

/** An indicator of the table: one or more items. */
export interface Indicator {
  id: string;
  label: string;
  /** Events must also satisfy this to count for any clause of the indicator (e.g. only projects of one kind). */
  eventCondition?: Condition;
  /** What `eventCondition` asks, in words, for the trace of an event that fails it. */
  eventConditionLabel?: string;
  keepOne?: KeepOne;
  items: Item[];
}

/** The kinds of value a parameter holds; `strings` is a list of strings. */
export type ParameterType = 'number' | 'integer' | 'date' | 'string' | 'strings';

/** A named number, date or list a policy officer may change, with its unit and source. */
export interface Parameter {
  label: string;
  /** Its kind of value; without it, taken from how the ruleset uses the parameter (parameters.ts). */
  type?: ParameterType;
  value: number | string | string[];
  unit?: string;
  citation: Citation;
  reading?: string;
  provisional?: Provisional;
}

/** Attributes of an event type: allowed values, or a kind of value. */
export interface AttributeSpec {
  label: string;
  type: 'enum' | 'boolean' | 'number' | 'date' | 'string' | 'project';
  values?: string[];
  valueLabels?: Record<string, string>;
  required?: boolean;
}

export interface EventType {
  label: string;
  attributes: Record<string, AttributeSpec>;
}

export interface Grade {
  grade: string;
  min: number;
}

/** "No recent project": items use `base` when no project of `projectCondition` ran in the lookback. */
export interface BaseRule {
  citation: Citation;
  /** What the regulation calls such a project, for the trace; without it the trace says "project" (in its language). */
  label?: string;
  /** The same in English, for the English trace; without it, "project". */
  labelEn?: string;
  reading?: string;
  lookbackMonths: number;
  /** A project with no completion date runs this long from its permit date. */
  projectDefaultMonths: number;
  projectCondition?: Condition;
  provisional?: Provisional;
}

export type DowngradeEffect = 'oneGrade' | 'lowest';

export interface DowngradeRule {
  id: string;
  label: string;
  citation: Citation;
  when: Condition;
  effect: DowngradeEffect;
}

/** A second matching event within `withinMonths` of an earlier one has `effect` (e.g. a second accident within a year). */
export interface DowngradeRepeat {
  id: string;
  label: string;
  citation: Citation;
  when: Condition;
  count: number;
  withinMonths: number;
  effect: DowngradeEffect;
}

export interface Downgrades {
  citation: Citation;
  /** Grades from which downgrades apply (A or above). */
  fromGrades: string[];
  /**
   * The score after a downgrade is the lowest score of the new grade: its floor here where
   * the ruleset names one, else its grade line, so a moved line moves it too.
   */
  floors: Record<string, number>;
  floorCitation: Citation;
  /** The downgrade decides for this many months after the latest one; then the table again. */
  recalcMonths: number;
  recalcCitation: Citation;
  reading?: string;
  rules: DowngradeRule[];
  repeats: DowngradeRepeat[];
}

/** Numbers the source does not give (provisional): which fields of the object, and where they come from. */
export interface Provisional {
  fields: string[];
  note: string;
}

/** Who may be graded at all: every requirement's record condition must hold. */
export interface Eligibility {
  citation: Citation;
  requirements: { id: string; label: string; when: Condition; reason: string }[];
}

export type RulesetStatus = 'draft' | 'official' | 'provisional';

export interface RulesetMeta {
  id: string;
  title: string;
  version: string;
  status: RulesetStatus;
  effectiveFrom: string;
  effectiveTo?: string;
  supersedes?: string;
  /** The kind of entity scored: a record's `kind` must be this. */
  entityKind: string;
  /** What the entity is called, in the regulation's words. */
  entityLabel?: string;
  source: { document: string; title: string; date: string; file?: string };
}

/** A ruleset as stored in `rulesets/*.json`. */
export interface Ruleset extends RulesetMeta {
  $schema?: string;
  /** What points are counted in: points (`DEFAULT_UNIT`) when absent, else e.g. a currency or hours. Explanations say it after every number of points. */
  unit?: string;
  readings: Reading[];
  notes: Citation[];
  parameters: Record<string, Parameter>;
  /** Named conditions, referenced as `{ "condition": name }` (json-rules-engine's shared conditions). */
  conditions: Record<string, Condition>;
  /** Every event must satisfy this to count for the table (e.g. only events of the region covered); downgrades ignore it. */
  eventCondition?: Condition;
  /** What `eventCondition` asks, in words, for the trace of an event that fails it. */
  eventConditionLabel?: string;
  eventTypes: Record<string, EventType>;
  /** Record-level and project fields the ruleset reads beyond those of the record schema. */
  recordFields?: Record<string, AttributeSpec>;
  projectFields?: Record<string, AttributeSpec>;
  /** One occurrence per value across the whole table (see `KeepOne`). */
  keepOne?: KeepOne;
  /** Where windows end (`monthEnd` when absent); a window's own `end` overrides it. */
  windows?: WindowRule;
  baseRule?: BaseRule;
  eligibility?: Eligibility;
  indicators: Indicator[];
  /** Grade lines, highest first; none for a table that gives a total without a grade. */
  grades: Grade[];
  /** Where the grade lines come from; required when there are grades. */
  gradeCitation?: Citation;
  downgrades?: Downgrades;
}

// ---------------------------------------------------------------- records

export interface Licence {
  landscapingScope: boolean;
  validUntil?: string;
}

export interface Project {
  id: string;
  name?: string;
  permitDate: string;
  completionDate?: string;
  contractAmount?: number;
  landscaping?: boolean;
  [attribute: string]: unknown;
}

export interface EntityEvent {
  id?: string;
  type: string;
  date: string;
  region?: string;
  project?: string;
  [attribute: string]: unknown;
}

export interface PublishedRating {
  grade: string;
  /** The published score, as the record carries it (optional in the schema; downgrades start from the grade). */
  score?: number;
  date: string;
}

/** An entity record (records.md): the entity scored, with its projects and events. */
export interface EntityRecord {
  id: string;
  /** The entity kind of the ruleset that scores it. */
  kind: string;
  name?: string;
  asOf?: string;
  licence?: Licence;
  title?: string;
  experienceProjects?: number;
  projects?: Project[];
  events?: EntityEvent[];
  publishedRating?: PublishedRating;
  [attribute: string]: unknown;
}

// ---------------------------------------------------------------- results

export type TraceKind =
  | 'start' // an item's starting score (full, base, or a check's points)
  | 'points' // an occurrence's points
  | 'cap' // points a cap or maximum cut
  | 'floor' // an item that would fall below 0
  | 'veto' // an indicator zeroed by a veto
  | 'skipped' // an event that matched but scores nothing (not highest, not again, once per…)
  | 'lapsed' // an event that matched but does not count at the evaluation date (dated after it, window over)
  | 'unmatched' // an event of a type the table scores that no clause counted (it fails a shared condition…)
  | 'downgrade'; // a downgrade step

/**
 * One line of the explanation: which clause, how many points, which events, why. Why is data,
 * `code` and `params` (engine/messages/codes.ts); `message` and `en` are its sentences.
 */
export type TraceEntry = TraceLine & TraceExplanation;

/** The fields every trace line has, whatever its code. */
export interface TraceLine {
  kind: TraceKind;
  clause: string;
  /** The level or downgrade rule within the clause (its id), when there is one. */
  rule?: string;
  /** The regulation's text the line applies, as its clause cites it; for an event no clause counted, the condition it fails (in Chinese). */
  text: string;
  indicator?: string;
  item?: string;
  /** Points this entry adds (negative: takes). The points of all entries sum to `computedScore`. */
  points: number;
  events?: string[];
  /** Why, in Chinese, for policy staff: the zh-CN catalogue's sentence for `code` and `params`. */
  message: string;
  /** The same in English (the en catalogue's); the ruleset's labels and citations stay as the ruleset writes them. */
  en: string;
}

export interface ItemResult {
  id: string;
  label: string;
  score: number;
  /** The score the item started from (full, base, or 0 for bonuses). */
  start: number;
}

export interface IndicatorResult {
  id: string;
  label: string;
  score: number;
  items: ItemResult[];
  vetoedBy?: string;
}

export interface DowngradeResult {
  from: string;
  to: string;
  /** The date of the latest grade-changing event. */
  since: string;
  /** From this date on the table decides again. */
  until: string;
  steps: { clause: string; event: string; date: string; from: string; to: string }[];
}

/** What a result comes to: its score and grade, the table's own, and whether a downgrade or eligibility decides. */
export type Outcome = Pick<Result, 'score' | 'grade' | 'computedScore' | 'computedGrade' | 'downgraded' | 'eligible'>;

/**
 * The result of evaluating one record. Read it, don't change it: the parts every result with
 * them has in common (the ruleset's identity, an indicator or item left at its start) are
 * one frozen object shared by those results.
 */
export interface Result {
  id: string;
  ruleset: { id: string; version: string };
  asOf: string;
  score: number;
  /** The grade; `null` when the entity is not eligible to be graded. */
  grade: string | null;
  /** False when an eligibility requirement fails; `ineligibleReasons` says which. */
  eligible: boolean;
  ineligibleReasons?: string[];
  /** The table's own score and grade; they differ from `score`/`grade` when a downgrade decides. */
  computedScore: number;
  computedGrade: string | null;
  downgraded: boolean;
  downgrade?: DowngradeResult;
  baseApplied: boolean;
  indicators: IndicatorResult[];
  trace?: TraceEntry[];
  warnings?: string[];
}
