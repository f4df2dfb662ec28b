/**
 * Comparing two versions of a ruleset: what changed, said in the regulation's own terms and
 * clause by clause (not a JSON diff), and what the change does to every case — old and new
 * score and grade, the grade transitions, and the cases near a grade line under the new
 * version. Pure functions over parsed rulesets, compiled rulesets and records: no Node APIs,
 * so the editor calls them as the command line does. A change is data, a code and its params
 * (engine/messages/codes.ts); its sentences come from the catalogues.
 */
import { citationHints, type CitationHint } from './citations.js';
import { Changes, eventTypeLabel, LABELS, parameterValue, same, say, sides, type LocatedClause, type LocatedItem, type Path } from './changes.js';
import type { CompiledRuleset } from '../compile.js';
import { today } from '../dates.js';
import { fromMilli, toMilli } from '../decimal.js';
import { diffDowngrades } from '../downgrade.js';
import { CreditRulesError, type ErrorCode, type Problem } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { diffGrades } from '../grade.js';
import { diffBase, diffBaseRule } from '../mechanisms/base.js';
import { diffClauseCap, diffItemCaps } from '../mechanisms/cap.js';
import { diffEligibility } from '../mechanisms/eligibility.js';
import { diffClauseKeepOne, diffHighestPer, diffItemKeepOne, diffKeepOne, diffOncePer, diffRulesetKeepOne } from '../mechanisms/keep.js';
import { clauseScoring, diffLevels } from '../mechanisms/levels.js';
import { diffMultiplier } from '../mechanisms/multiplier.js';
import { diffNotAgain } from '../mechanisms/notAgain.js';
import { diffPer, perSummary } from '../mechanisms/per.js';
import { diffClausePoints, diffFull } from '../mechanisms/points.js';
import { diffVeto } from '../mechanisms/veto.js';
import { diffWindow, diffWindowRule, windowSummary } from '../mechanisms/window.js';
import type { ChangeExplanation, ChangeLabel, ClauseSummary, HeadlineExplanation, MetaField } from '../messages/codes.js';
import { recordIdOf } from '../records.js';
import { moveReasons, type MoveReason } from './reasons.js';
import type { Clause, Outcome, Result, Ruleset } from '../types.js';

// ---------------------------------------------------------------- policy changes

/** Which part of the ruleset a change is in. */
export type PolicySection =
  | 'meta'
  | 'window'
  | 'keep'
  | 'indicator'
  | 'item'
  | 'clause'
  | 'level'
  | 'grade'
  | 'parameter'
  | 'downgrade'
  | 'baseRule'
  | 'eligibility'
  | 'condition'
  | 'reading'
  | 'note'
  | 'eventType';

/**
 * One change between two versions, in policy terms: where it is, the values, and what it says
 * as data (`code`, `params`) and in words (`message`, `en`).
 */
export type PolicyChange = PolicyChangeFields & ChangeExplanation;

/** The fields every policy change has, whatever its code. */
export interface PolicyChangeFields {
  section: PolicySection;
  kind: 'added' | 'removed' | 'changed';
  /** JSON path of what changed: in the new version, or in the old one for what was removed. */
  path: string;
  /** The clause id it belongs to (a clause's, a note's or a reading's), or the grade or parameter it names. */
  clause: string;
  /** Its label as the ruleset writes it, or the engine's where the ruleset has none (the downgrades, a grade: then `engineLabel` says which). */
  label: string;
  /** The label the engine gives, as data, when `label` is not the ruleset's. */
  engineLabel?: ChangeLabel;
  /** The field that changed (`points`, `cap`, `window`, `min`, `when`…), or `added` / `removed`. */
  field: string;
  /** The old and new values as the rulesets write them (`-4` → `-5`); undefined on the side that lacks it. */
  old: unknown;
  new: unknown;
  /** The unit of `old` and `new` (the ruleset's unit of points, months…), when they are numbers. */
  unit?: string;
  /** One line for policy staff, in Chinese: the clause, its label and what changed (the zh-CN catalogue's). */
  message: string;
  /** The same line in English (the en catalogue's). */
  en: string;
  /** When the new number is not one its citation's text writes (the citation left as it was, say). */
  citationHint?: CitationHint;
}

/** What a clause says it scores when it is added: its veto, levels or points, its cap, its window. */
function clauseSummary(clause: Clause, ruleset: Ruleset, onRecord: boolean): ClauseSummary {
  const summary: ClauseSummary = clauseScoring(clause);
  const per = perSummary(ruleset, clause, onRecord);
  if (per) summary.per = per;
  if (clause.cap !== undefined) summary.cap = clause.cap;
  if (clause.window) summary.window = windowSummary(clause.window, ruleset);
  return summary;
}

function diffMeta(c: Changes): void {
  const { older: a, newer: b } = c;
  const meta = (field: MetaField, old: string | undefined, now: string | undefined): void => {
    if (old !== now) c.changed('meta', [field], '', '', field, old, now, say('meta.changed', { field, ...sides(old, now) }));
  };
  meta('id', a.id, b.id);
  meta('title', a.title, b.title);
  meta('version', a.version, b.version);
  if (a.status !== b.status) c.changed('meta', ['status'], '', '', 'status', a.status, b.status, say('meta.status', { old: a.status, new: b.status }));
  meta('effectiveFrom', a.effectiveFrom, b.effectiveFrom);
  meta('effectiveTo', a.effectiveTo, b.effectiveTo);
  meta('supersedes', a.supersedes, b.supersedes);
  meta('entityKind', a.entityKind, b.entityKind);
  if (!same(a.source, b.source)) c.changed('meta', ['source'], '', '', 'source', a.source, b.source, say('meta.source', { old: a.source.document, new: b.source.document }));
  if (a.unit !== b.unit) c.changed('meta', ['unit'], '', '', 'unit', a.unit, b.unit, say('meta.unit', sides(a.unit, b.unit)));
}

function itemsOf(r: Ruleset): Map<string, LocatedItem> {
  const map = new Map<string, LocatedItem>();
  r.indicators.forEach((indicator, ii) => indicator.items.forEach((item, ti) => map.set(item.id, { value: item, path: ['indicators', ii, 'items', ti], parent: indicator.id, indicator })));
  return map;
}

function clausesOf(r: Ruleset): Map<string, LocatedClause> {
  const map = new Map<string, LocatedClause>();
  r.indicators.forEach((indicator, ii) =>
    indicator.items.forEach((item, ti) => item.clauses.forEach((clause, ci) => map.set(clause.id, { value: clause, path: ['indicators', ii, 'items', ti, 'clauses', ci], parent: item.id, item }))),
  );
  return map;
}

const ITEM_KEYS = ['id', 'label', 'kind', 'citation', 'full', 'base', 'cap', 'max', 'multiplier', 'highestPer', 'notAgain', 'keepOne', 'clauses', 'provisional'];
const CLAUSE_KEYS = ['id', 'label', 'citation', 'when', 'window', 'points', 'levels', 'per', 'cap', 'oncePer', 'keepOne', 'effect', 'vetoes', 'reading', 'provisional'];

/**
 * What each mechanism compares, in the order a diff says it: of an item that both versions
 * have (after its label, indicator and kind), and of a clause (after its label, item and kind).
 * Each lives in its mechanism's module.
 */
const ITEM_MECHANISMS: readonly ((c: Changes, was: LocatedItem, now: LocatedItem) => void)[] = [diffFull, diffBase, diffItemCaps, diffMultiplier, diffHighestPer, diffNotAgain, diffItemKeepOne];
const CLAUSE_MECHANISMS: readonly ((c: Changes, was: LocatedClause, now: LocatedClause) => void)[] = [diffVeto, diffClausePoints, diffLevels, diffPer, diffClauseCap, diffWindow, diffOncePer, diffClauseKeepOne];

function diffClause(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const a = was.value;
  const b = now.value;
  const p = now.path;
  const kind = now.item.kind;
  const id = b.id;
  const label = b.label;
  if (a.label !== b.label) c.changed('clause', [...p, 'label'], id, '', 'label', a.label, b.label, say('label', { old: a.label, new: b.label }));
  if (was.parent !== now.parent) c.changed('clause', p, id, label, 'item', was.parent, now.parent, say('clause.item', { old: was.parent, new: now.parent }));
  if (was.item.kind !== kind) c.changed('clause', p, id, label, 'kind', was.item.kind, kind, say('kind', { old: was.item.kind, new: kind }));
  for (const mechanism of CLAUSE_MECHANISMS) mechanism(c, was, now);
  c.condition('clause', [...p, 'when'], id, label, a.when, b.when);
  c.reading('clause', [...p, 'reading'], id, label, a.reading, b.reading);
  c.citation('clause', [...p, 'citation'], id, label, a.citation, b.citation);
  c.provisional('clause', [...p, 'provisional'], id, label, a.provisional, b.provisional);
  c.rest('clause', p, id, label, a, b, CLAUSE_KEYS);
}

function diffItem(c: Changes, was: LocatedItem, now: LocatedItem): void {
  const a = was.value;
  const b = now.value;
  const p = now.path;
  const id = b.id;
  const label = b.label;
  if (a.label !== b.label) c.changed('item', [...p, 'label'], id, '', 'label', a.label, b.label, say('label', { old: a.label, new: b.label }));
  if (was.parent !== now.parent) c.changed('item', p, id, label, 'indicator', was.parent, now.parent, say('item.indicator', { old: was.parent, new: now.parent }));
  if (a.kind !== b.kind) c.changed('item', [...p, 'kind'], id, label, 'kind', a.kind, b.kind, say('kind', { old: a.kind, new: b.kind }));
  for (const mechanism of ITEM_MECHANISMS) mechanism(c, was, now);
  c.citation('item', [...p, 'citation'], id, label, a.citation, b.citation);
  c.provisional('item', [...p, 'provisional'], id, label, a.provisional, b.provisional);
  c.rest('item', p, id, label, a, b, ITEM_KEYS);
}

/** Indicators, items and clauses, in the new version's table order; what was removed after what is kept. */
function diffTable(c: Changes): void {
  const oldIndicators = new Map(c.older.indicators.map((ind, i) => [ind.id, { value: ind, index: i }]));
  const newIndicatorIds = new Set(c.newer.indicators.map((i) => i.id));
  const oldItems = itemsOf(c.older);
  const newItems = itemsOf(c.newer);
  const oldClauses = clausesOf(c.older);
  const newClauses = clausesOf(c.newer);
  const { unit } = c;

  c.newer.indicators.forEach((indicator, ii) => {
    const p: Path = ['indicators', ii];
    const was = oldIndicators.get(indicator.id)?.value;
    if (!was) c.added('indicator', p, indicator.id, indicator.label, indicator, say('indicator.added', { id: indicator.id, label: indicator.label }));
    else {
      if (was.label !== indicator.label) c.changed('indicator', [...p, 'label'], indicator.id, '', 'label', was.label, indicator.label, say('label', { old: was.label, new: indicator.label }));
      c.condition('indicator', [...p, 'eventCondition'], indicator.id, indicator.label, was.eventCondition, indicator.eventCondition, 'eventCondition');
      if (was.eventConditionLabel !== indicator.eventConditionLabel) {
        c.changed('indicator', [...p, 'eventConditionLabel'], indicator.id, indicator.label, 'eventConditionLabel', was.eventConditionLabel, indicator.eventConditionLabel,
          say('indicator.eventConditionLabel', sides(was.eventConditionLabel, indicator.eventConditionLabel)));
      }
      diffKeepOne(c, 'indicator', p, indicator.id, was.keepOne, indicator.keepOne);
      c.rest('indicator', p, indicator.id, indicator.label, was, indicator, ['id', 'label', 'eventCondition', 'eventConditionLabel', 'items', 'keepOne']);
    }
    indicator.items.forEach((item) => {
      const now = newItems.get(item.id)!;
      const before = oldItems.get(item.id);
      if (!before) {
        const limits = { ...(item.full === undefined ? {} : { full: item.full }), ...(item.base === undefined ? {} : { base: item.base }), ...(item.cap === undefined ? {} : { cap: item.cap }), ...(item.max === undefined ? {} : { max: item.max }) };
        c.added('item', now.path, item.id, item.label, item, say('item.added', { id: item.id, label: item.label, kind: item.kind, ...limits, unit }));
      } else diffItem(c, before, now);
      for (const clause of item.clauses) {
        const cNow = newClauses.get(clause.id)!;
        const cWas = oldClauses.get(clause.id);
        if (!cWas) c.added('clause', cNow.path, clause.id, clause.label, clause, say('clause.added', { id: clause.id, label: clause.label, summary: clauseSummary(clause, c.newer, item.kind === 'check'), kind: item.kind, unit }));
        else diffClause(c, cWas, cNow);
      }
    });
  });
  for (const [id, clause] of oldClauses) {
    if (!newClauses.has(id)) c.removed('clause', clause.path, id, clause.value.label, clause.value, say('clause.removed', { id, label: clause.value.label }));
  }
  for (const [id, item] of oldItems) {
    if (!newItems.has(id)) c.removed('item', item.path, id, item.value.label, item.value, say('item.removed', { id, label: item.value.label }));
  }
  for (const [id, { value, index }] of oldIndicators) {
    if (!newIndicatorIds.has(id)) c.removed('indicator', ['indicators', index], id, value.label, value, say('indicator.removed', { id, label: value.label }));
  }
}

function diffParameters(c: Changes): void {
  const a = c.older.parameters;
  const b = c.newer.parameters;
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = Object.hasOwn(a, name) ? a[name] : undefined;
    const now = Object.hasOwn(b, name) ? b[name] : undefined;
    const p: Path = ['parameters', name];
    if (!was) {
      c.added('parameter', p, now!.citation.clause, now!.label, now, say('parameter.added', { clause: now!.citation.clause, label: now!.label, ...parameterValue(now!) }));
      continue;
    }
    if (!now) {
      c.removed('parameter', p, was.citation.clause, was.label, was, say('parameter.removed', { clause: was.citation.clause, label: was.label }));
      continue;
    }
    const clause = now.citation.clause;
    if (was.label !== now.label) c.changed('parameter', [...p, 'label'], clause, '', 'label', was.label, now.label, say('label', { old: was.label, new: now.label }));
    if (!same(was.value, now.value) || was.unit !== now.unit) {
      c.changed('parameter', [...p, 'value'], clause, now.label, 'value', was.value, now.value, say('parameter.value', { old: parameterValue(was), new: parameterValue(now) }), typeof now.value === 'number' ? now.unit : undefined);
    }
    c.reading('parameter', [...p, 'reading'], clause, now.label, was.reading, now.reading);
    c.citation('parameter', [...p, 'citation'], clause, now.label, was.citation, now.citation);
    c.provisional('parameter', [...p, 'provisional'], clause, now.label, was.provisional, now.provisional);
    c.rest('parameter', p, clause, now.label, was, now, ['label', 'value', 'unit', 'citation', 'reading', 'provisional']);
  }
}

function diffConditions(c: Changes): void {
  const a = c.older.conditions;
  const b = c.newer.conditions;
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = Object.hasOwn(a, name) ? a[name] : undefined;
    const now = Object.hasOwn(b, name) ? b[name] : undefined;
    if (same(was, now)) continue;
    const p: Path = ['conditions', name];
    if (!was) c.added('condition', p, name, '', now, say('namedCondition.added', { name }));
    else if (!now) c.removed('condition', p, name, '', was, say('namedCondition.removed', { name }));
    else c.changed('condition', p, name, '', 'condition', was, now, say('namedCondition.changed', { name }));
  }
  if (!same(c.older.eventCondition, c.newer.eventCondition)) {
    c.changed('condition', ['eventCondition'], 'eventCondition', '', 'eventCondition', c.older.eventCondition, c.newer.eventCondition, say('eventCondition.changed', {}));
  }
  const [was, now] = [c.older.eventConditionLabel, c.newer.eventConditionLabel];
  if (was !== now) c.changed('condition', ['eventConditionLabel'], 'eventCondition', '', 'eventConditionLabel', was, now, say('eventCondition.label', sides(was, now)));
}

function diffReadings(c: Changes): void {
  const before = new Map(c.older.readings.map((r, i) => [r.id, { r, i }]));
  const after = new Set(c.newer.readings.map((r) => r.id));
  c.newer.readings.forEach((r, i) => {
    const p: Path = ['readings', i];
    const was = before.get(r.id)?.r;
    if (!was) return c.added('reading', p, r.id, r.title, r, say('reading.added', { id: r.id, title: r.title }));
    if (was.title !== r.title) c.changed('reading', [...p, 'title'], r.id, '', 'title', was.title, r.title, say('reading.title', { old: was.title, new: r.title }));
    if (was.note !== r.note) c.changed('reading', [...p, 'note'], r.id, r.title, 'note', was.note, r.note, say('reading.note', {}));
  });
  for (const [id, { r, i }] of before) if (!after.has(id)) c.removed('reading', ['readings', i], id, r.title, r, say('reading.removed', { id, title: r.title }));
}

function diffNotes(c: Changes): void {
  const before = new Map(c.older.notes.map((n, i) => [n.clause, { n, i }]));
  const after = new Set(c.newer.notes.map((n) => n.clause));
  c.newer.notes.forEach((n, i) => {
    const was = before.get(n.clause)?.n;
    if (!was) c.added('note', ['notes', i], n.clause, LABELS.note, n, say('note.added', { clause: n.clause }));
    else if (was.text !== n.text) c.changed('note', ['notes', i, 'text'], n.clause, LABELS.note, 'text', was.text, n.text, say('note.text', {}));
  });
  for (const [clause, { n, i }] of before) if (!after.has(clause)) c.removed('note', ['notes', i], clause, LABELS.note, n, say('note.removed', { clause }));
}

function diffEventTypes(c: Changes): void {
  const a = c.older.eventTypes;
  const b = c.newer.eventTypes;
  for (const type of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = Object.hasOwn(a, type) ? a[type] : undefined;
    const now = Object.hasOwn(b, type) ? b[type] : undefined;
    if (same(was, now)) continue;
    const p: Path = ['eventTypes', type];
    if (!was) {
      c.added('eventType', p, type, now!.label, now, say('eventType.added', { type, label: now!.label }));
      continue;
    }
    if (!now) {
      c.removed('eventType', p, type, was.label, was, say('eventType.removed', { type, label: was.label }));
      continue;
    }
    for (const name of new Set([...Object.keys(now.attributes), ...Object.keys(was.attributes)])) {
      const sa = Object.hasOwn(was.attributes, name) ? was.attributes[name] : undefined;
      const sb = Object.hasOwn(now.attributes, name) ? now.attributes[name] : undefined;
      if (same(sa, sb)) continue;
      const ap: Path = [...p, 'attributes', name];
      const label = eventTypeLabel(type, now.label);
      const of = { type, typeLabel: now.label, name };
      if (!sa) c.added('eventType', ap, type, label, sb, say('attribute.added', { ...of, label: sb!.label }));
      else if (!sb) c.removed('eventType', ap, type, label, sa, say('attribute.removed', { ...of, label: sa.label }));
      else {
        const removed = (sa.values ?? []).filter((v) => !(sb.values ?? []).includes(v));
        const added = (sb.values ?? []).filter((v) => !(sa.values ?? []).includes(v));
        c.changed('eventType', ap, type, label, 'attribute', sa, sb, say('attribute.changed', { name, label: sb.label, added, removed }));
      }
    }
    if (was.label !== now.label) c.changed('eventType', [...p, 'label'], type, '', 'label', was.label, now.label, say('eventType.label', { old: was.label, new: now.label }));
  }
}

/** The parts of a ruleset a diff compares, in the order it says them (grades, downgrades, the base rule and eligibility in their mechanisms' modules). */
const SECTIONS: readonly ((c: Changes) => void)[] = [
  diffMeta, diffWindowRule, diffTable, diffRulesetKeepOne, diffGrades, diffDowngrades, diffParameters, diffBaseRule, diffEligibility, diffConditions, diffReadings, diffNotes, diffEventTypes,
];

/**
 * What changed from `older` to `newer`, in policy terms and clause by clause: points, caps,
 * windows, grade lines, parameters, downgrade floors and periods, added and removed clauses,
 * changed citations and conditions. Metadata changes (version, status…) come
 * first with section `meta`; then the table in the new version's order, then grades,
 * downgrades, parameters, the base rule, eligibility, shared conditions, readings, notes and
 * event types. Empty when the two score alike and say the same.
 */
export function policyDiff(older: Ruleset, newer: Ruleset): PolicyChange[] {
  const c = new Changes(older, newer);
  for (const section of SECTIONS) section(c);
  // `$schema` is where the file sits, not policy: a copy in another folder says it differently.
  c.rest('meta', [], '', '', older, newer, [
    '$schema', 'id', 'title', 'version', 'status', 'effectiveFrom', 'effectiveTo', 'supersedes', 'entityKind', 'source', 'unit', 'readings', 'notes',
    'parameters', 'conditions', 'eventCondition', 'eventConditionLabel', 'eventTypes', 'baseRule', 'eligibility', 'indicators', 'grades', 'gradeCitation', 'downgrades', 'keepOne', 'windows',
  ]);
  // A changed number its citation does not write: the hint goes with the change (a window's
  // change is at `…window`, its hint at `…window.months`).
  const hints = citationHints(newer);
  for (const change of c.list) {
    if (change.kind === 'removed') continue;
    const hint = hints.find((h) => h.path === change.path || h.path.startsWith(`${change.path}.`));
    if (hint) change.citationHint = hint;
  }
  return c.list;
}

// ---------------------------------------------------------------- impact on cases

/** A case or record to compare on: the record, and the date to evaluate it at. */
export interface ImpactSubject {
  record: unknown;
  /** The evaluation date; else the record's `asOf`, else today. A sample case gives its own. */
  asOf?: string;
  /** The case's name (a sample case's `name`); else the record's `name`. */
  name?: string;
  /** Where it came from (a case file, `records.ndjson:12`), to find it again. */
  source?: string;
}

/** A record's score and grade under one version. */
export interface Standing extends Outcome {
  version: string;
}

/** Why a record got no score under a version (a `CreditRulesError`, as plain data). */
export interface ImpactError {
  code: ErrorCode;
  /** In English; `headline`, when there is one, says it in another language. */
  message: string;
  /** The message as a catalogue code and params (engine/messages). */
  headline?: HeadlineExplanation;
  recordId?: string;
  problems: Problem[];
}

/** One case under both versions. */
export interface CaseImpactRow {
  /** The record's id (or, without one, its source or position). */
  id: string;
  name?: string;
  source?: string;
  /** The date it was evaluated at. */
  asOf: string;
  /** Its standing under each version; missing when the record is invalid for that version. */
  old?: Standing;
  new?: Standing;
  /** New score minus old score (0 when either is missing). */
  change: number;
  scoreChanged: boolean;
  gradeChanged: boolean;
  /** The table's score changed while a downgrade keeps the result as it was. */
  computedOnly: boolean;
  /** The grade line it is within `nearLine` points of under the new version. */
  nearLine?: NearLine;
  /** The items whose score differs, old and new score, in table order. */
  items?: ItemMove[];
  /** Why the case moved, clause by clause (an event's points changed, a cap now bites, a grade line moved…): for a case whose score, grade or table score changed. */
  reasons?: MoveReason[];
  errors?: { old?: ImpactError; new?: ImpactError };
}

/** An item's score under each version; missing on the side whose table has no such item. */
export interface ItemMove {
  id: string;
  old?: number;
  new?: number;
}

/** The items of the table whose score differs between two results, in the new version's order, then those only the old one has. */
function itemMoves(older: Result, newer: Result): ItemMove[] {
  const scores = (result: Result): Map<string, number> => new Map(result.indicators.flatMap((indicator) => indicator.items.map((item) => [item.id, item.score] as const)));
  const [before, after] = [scores(older), scores(newer)];
  const moves: ItemMove[] = [];
  for (const [id, now] of after) if (before.get(id) !== now) moves.push({ id, ...(before.has(id) ? { old: before.get(id)! } : {}), new: now });
  for (const [id, was] of before) if (!after.has(id)) moves.push({ id, old: was });
  return moves;
}

/** A grade line a score is close to: `distance` is score minus the line (negative: below it). */
export interface NearLine {
  grade: string;
  min: number;
  distance: number;
}

/** How many cases went from one grade to another (`null`: not graded, ineligible). */
export interface GradeTransition {
  from: string | null;
  to: string | null;
  count: number;
}

/** What a change of ruleset does to a set of cases. */
export interface CaseImpact {
  /** Cases given, compared (scored under both versions), and the rest that could not be. */
  total: number;
  compared: number;
  invalid: number;
  /** Cases whose score or grade changed, whose grade changed, whose table score alone changed. */
  changed: number;
  gradeChanged: number;
  computedOnly: number;
  /** Every case: those whose grade changed first, then by the size of the change (absolute value), then in input order. */
  rows: CaseImpactRow[];
  /** Grade moves, counted, from the highest old grade down. */
  transitions: GradeTransition[];
  /** Cases within `nearLine` points of a grade line under the new version, highest line first. */
  nearLines: CaseImpactRow[];
  /** The distance, in points, that counts as near a grade line. */
  nearLineWithin: number;
}

export interface CaseImpactOptions {
  /** Points from a grade line that count as near it (default 1, both sides, the line included). */
  nearLine?: number;
}

function standing(result: Result): Standing {
  return {
    score: result.score,
    grade: result.grade,
    computedScore: result.computedScore,
    computedGrade: result.computedGrade,
    downgraded: result.downgraded,
    eligible: result.eligible,
    version: result.ruleset.version,
  };
}

function impactError(error: unknown): ImpactError {
  if (error instanceof CreditRulesError) {
    return { code: error.code, message: error.message, ...(error.headline ? { headline: error.headline } : {}), ...(error.recordId ? { recordId: error.recordId } : {}), problems: error.problems };
  }
  throw error;
}

/** Whether two rulesets accept the same records: then a record valid for one is valid for the other. */
function sameVocabulary(a: CompiledRuleset, b: CompiledRuleset): boolean {
  return (
    a.ruleset.entityKind === b.ruleset.entityKind &&
    same(a.ruleset.eventTypes, b.ruleset.eventTypes) &&
    same(a.grades.map((g) => g.grade), b.grades.map((g) => g.grade))
  );
}

const nameOf = (record: unknown): string | undefined => {
  const name = record !== null && typeof record === 'object' ? (record as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
};

/**
 * Compares cases one at a time (for streams of any length), then sorts and counts in `finish`.
 * Each record is validated once and evaluated without a trace under each version.
 */
export class ImpactCollector {
  private readonly rows: CaseImpactRow[] = [];
  private readonly validateTwice: boolean;
  private readonly near: number;
  private readonly lines: readonly { grade: string; min: number }[];
  private readonly rank: Map<string | null, number>;
  private policy: PolicyChange[] | undefined;

  constructor(
    private readonly older: CompiledRuleset,
    private readonly newer: CompiledRuleset,
    options: CaseImpactOptions = {},
  ) {
    this.validateTwice = !sameVocabulary(older, newer);
    this.near = toMilli(options.nearLine ?? 1);
    // The lowest grade's minimum is a floor, not a line between grades.
    this.lines = newer.grades.slice(0, -1);
    const grades = [...older.grades, ...newer.grades].sort((a, b) => b.min - a.min).map((g) => g.grade);
    this.rank = new Map<string | null, number>([...new Set(grades)].map((g, i) => [g, i]));
    this.rank.set(null, grades.length);
  }

  /** Evaluates one case under both versions and keeps its row (also returned, e.g. to report its errors). */
  add(subject: ImpactSubject): CaseImpactRow {
    const index = this.rows.length;
    const { record } = subject;
    let oldResult: Result | undefined;
    let newResult: Result | undefined;
    const errors: { old?: ImpactError; new?: ImpactError } = {};
    try {
      oldResult = evaluate(this.older, record, { asOf: subject.asOf, trace: false });
    } catch (error) {
      errors.old = impactError(error);
    }
    // A record the old version rejected by its schema is rejected alike by the new one.
    if (oldResult || this.validateTwice) {
      try {
        newResult = evaluate(this.newer, record, { asOf: subject.asOf, trace: false, validate: this.validateTwice });
      } catch (error) {
        errors.new = impactError(error);
      }
    } else errors.new = errors.old;
    const old = oldResult && standing(oldResult);
    const now = newResult && standing(newResult);
    const change = old && now ? fromMilli(toMilli(now.score) - toMilli(old.score)) : 0;
    const gradeChanged = !!old && !!now && old.grade !== now.grade;
    const scoreChanged = change !== 0;
    const row: CaseImpactRow = {
      id: recordIdOf(record) ?? subject.source ?? `#${index + 1}`,
      ...(subject.name ?? nameOf(record) ? { name: subject.name ?? nameOf(record) } : {}),
      ...(subject.source !== undefined ? { source: subject.source } : {}),
      asOf: (oldResult ?? newResult)?.asOf ?? subject.asOf ?? (record as { asOf?: string } | null)?.asOf ?? today(),
      ...(old ? { old } : {}),
      ...(now ? { new: now } : {}),
      change,
      scoreChanged,
      gradeChanged,
      computedOnly: !scoreChanged && !gradeChanged && !!old && !!now && old.computedScore !== now.computedScore,
    };
    if (now && now.eligible && !now.downgraded) {
      const score = toMilli(now.score);
      let best: NearLine | undefined;
      for (const line of this.lines) {
        const distance = score - line.min;
        if (Math.abs(distance) <= this.near && (!best || Math.abs(distance) < Math.abs(toMilli(best.distance)))) {
          best = { grade: line.grade, min: fromMilli(line.min), distance: fromMilli(distance) };
        }
      }
      if (best) row.nearLine = best;
    }
    if (oldResult && newResult) {
      const moves = itemMoves(oldResult, newResult);
      if (moves.length) row.items = moves;
      if (scoreChanged || gradeChanged || row.computedOnly) row.reasons = this.reasons(record, oldResult.asOf);
    }
    if (errors.old || errors.new) row.errors = errors;
    this.rows.push(row);
    return row;
  }

  /** Why a record moved: both versions evaluated again with their traces (only moved records pay for it). */
  private reasons(record: unknown, asOf: string): MoveReason[] {
    this.policy ??= policyDiff(this.older.ruleset, this.newer.ruleset);
    const older = evaluate(this.older, record, { asOf, validate: false });
    const newer = evaluate(this.newer, record, { asOf, validate: false });
    return moveReasons(older, newer, this.policy);
  }

  /** Sorts the rows and counts transitions and cases near a grade line. */
  finish(): CaseImpact {
    const order = this.rows.map((row, i) => ({ row, i, size: Math.abs(toMilli(row.change)) }));
    // A grade change is what a tester looks for first, even one without a score change (a line moved).
    order.sort((a, b) => Number(b.row.gradeChanged) - Number(a.row.gradeChanged) || b.size - a.size || a.i - b.i);
    const rows = order.map((o) => o.row);
    const counts = new Map<string, GradeTransition>();
    let compared = 0;
    let changed = 0;
    let gradeChanged = 0;
    let computedOnly = 0;
    for (const row of this.rows) {
      if (row.old && row.new) compared++;
      if (row.scoreChanged || row.gradeChanged) changed++;
      if (row.computedOnly) computedOnly++;
      if (!row.gradeChanged) continue;
      gradeChanged++;
      const key = `${row.old!.grade}\u0000${row.new!.grade}`;
      const t = counts.get(key);
      if (t) t.count++;
      else counts.set(key, { from: row.old!.grade, to: row.new!.grade, count: 1 });
    }
    const rank = (g: string | null): number => this.rank.get(g) ?? this.rank.size;
    const transitions = [...counts.values()].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
    const nearLines = this.rows
      .filter((r) => r.nearLine)
      .sort((a, b) => b.nearLine!.min - a.nearLine!.min || a.nearLine!.distance - b.nearLine!.distance);
    return {
      total: this.rows.length,
      compared,
      invalid: this.rows.length - compared,
      changed,
      gradeChanged,
      computedOnly,
      rows,
      transitions,
      nearLines,
      nearLineWithin: fromMilli(this.near),
    };
  }
}

/**
 * What changing from `older` to `newer` does to each case: old and new score and grade, sorted
 * by the size of the change; the grade transitions; the cases near a grade line under the new
 * version. Records are evaluated without a trace; an invalid one is kept with its error.
 */
export function caseImpact(older: CompiledRuleset, newer: CompiledRuleset, cases: Iterable<ImpactSubject>, options: CaseImpactOptions = {}): CaseImpact {
  const collector = new ImpactCollector(older, newer, options);
  for (const subject of cases) collector.add(subject);
  return collector.finish();
}
