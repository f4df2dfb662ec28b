/**
 * The explanations in English, the editor's English mode: one sentence per code of codes.ts.
 * The ruleset's labels, citations and attribute values stay as the ruleset writes them; event
 * attributes are named by their keys (`project`, `behaviour`). Points in 分 are written bare
 * (−4, full score 20), as the trace has always written them; another unit follows the number
 * as the ruleset writes it (−4 万元, full score 20 万元).
 */
import type { ItemKind, WindowEnd } from '../types.js';
import {
  DEFAULT_UNIT, type Catalogue, type ClauseScoring, type ClauseSummary, type ConditionOf, type EventParams, type MetaField, type ParameterValue,
  type LimitKind, type LimitSide, type Sides, type TraceCode, type UnmatchedParams, type WindowSummary,
  type FieldFact, type FieldSpecParams, type KeepSummary, type GuessParams, type IdHolder, type ParameterTypeName,
  type VersionPeriod, type JsonFound, type ProblemWords, type ArgumentsCommand, type PerParams, type PerSummary,
} from './codes.js';

const event = (p: EventParams): string => `${p.event} (${p.date})`;
const levelled = (label: string, level: string | undefined): string => (level === undefined ? label : `${label}(${level})`);
const none = (text: string | undefined): string => text ?? '(none)';
/** A number of points as the trace writes it: bare in 分, else with its unit. */
const amount = (n: number, unit: string): string => (unit === DEFAULT_UNIT ? String(Math.abs(n)) : `${Math.abs(n)} ${unit}`);
/** A number of points said in full: `4 points`, `1 point`, `4 万元`. */
const points = (n: number, unit: string): string => (unit !== DEFAULT_UNIT ? `${n} ${unit}` : n === 1 ? '1 point' : `${n} points`);
const sign = (n: number): string => (n < 0 ? '−' : '+');
/** Points per quantity, after the points it gave: (years of residence 3.5, per whole 1: 3 × 1 point). */
const perText = (p: PerParams | undefined, unit: string): string => {
  if (!p) return '';
  const quantity = p.quantity === null ? `${p.of} missing, counted 0` : `${p.of} ${p.quantity}`;
  const above = p.above !== undefined ? `, above ${p.above}` : p.below !== undefined ? `, below ${p.below}` : '';
  const step = p.step === undefined ? '' : p.up ? `, per ${p.step} or part of it` : `, per whole ${p.step}`;
  return ` (${quantity}${above}${step}: ${p.units} × ${points(Math.abs(p.each), unit)})`;
};
/** A clause's `per` in a policy change: years of residence (residenceYears), per whole 1. */
const perSummaryText = (s: PerSummary | undefined): string =>
  s === undefined
    ? '(none)'
    : `${s.of}${s.of === s.path ? '' : ` (${s.path})`}${s.above === undefined ? '' : ` above ${s.above}`}${s.below === undefined ? '' : ` below ${s.below}`}${s.step === undefined ? '' : s.up ? `, per ${s.step} or part of it` : `, per whole ${s.step}`}`;

const KINDS: Readonly<Record<ItemKind, string>> = { deduction: 'deductions', bonus: 'bonus points', check: 'points for conditions met', reduction: 'reductions of the points before it' };
const EFFECTS = { oneGrade: 'one grade down', lowest: 'straight to the lowest grade' } as const;
const STATUS = { official: 'official', provisional: 'provisional', draft: 'draft' } as const;
const META: Readonly<Record<MetaField, string>> = {
  id: 'ruleset', title: 'title', version: 'version', effectiveFrom: 'in force from', effectiveTo: 'in force until', supersedes: 'supersedes', entityKind: 'entity kind',
};
const CONDITIONS: Readonly<Record<ConditionOf, string>> = { when: 'condition', eventCondition: 'event condition', projectCondition: 'project condition' };

/** Points in a policy change: `deducts 4 points`, `adds 1 point`, `scores 8 points`. */
function pointsText(n: number, kind: ItemKind, unit: string): { verb: string; amount: string } {
  if (kind === 'check') return { verb: 'scores', amount: points(n, unit) };
  if (kind === 'reduction') return { verb: 'takes off', amount: points(Math.abs(n), unit) };
  if (n < 0) return { verb: 'deducts', amount: points(-n, unit) };
  return { verb: kind === 'deduction' ? 'deducts' : 'adds', amount: points(n, unit) };
}

/** Where a window ends, in words. */
const WINDOW_ENDS: Record<WindowEnd, string> = { monthEnd: 'to the end of the month it ends in', day: 'to the corresponding day it ends on' };
/** A window's own end, after its length: ` (to the corresponding day it ends on)`; nothing where it states none. */
const ownEnd = (end: WindowEnd | undefined): string => (end === undefined ? '' : ` (${WINDOW_ENDS[end]})`);

function windowText(w: WindowSummary): string {
  switch (w.kind) {
    case 'none':
      return 'no limit';
    case 'months':
      return `${w.months} months${ownEnd(w.end)}`;
    case 'until':
      return w.end === 'day' ? `to the event's ${w.attribute}` : `to the end of the month of the event's ${w.attribute}`;
    case 'attribute': {
      const otherwise = w.fallback ? `, else ${parameterText(w.fallback)}` : w.fallbackMonths !== undefined ? `, else ${w.fallbackMonths} months` : '';
      return `the event's ${w.attribute}${otherwise}${ownEnd(w.end)}`;
    }
  }
}

function parameterText(p: ParameterValue): string {
  const v = p.value;
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  if (typeof v === 'number') return p.unit ? `${v} ${p.unit}` : String(v);
  return v;
}

function scoringText(s: ClauseScoring, kind: ItemKind, unit: string): string[] {
  if (s.veto) return [`the whole of ${s.veto.vetoes ?? 'its indicator'} scores nothing`];
  if (s.levels) return [s.levels.map((l) => `${l.label} ${pointsText(l.points, kind, unit).verb} ${pointsText(l.points, kind, unit).amount}`).join(', ')];
  if (s.points !== undefined) return [`${pointsText(s.points, kind, unit).verb} ${pointsText(s.points, kind, unit).amount} each time`];
  return [];
}

function summaryText(s: ClauseSummary, kind: ItemKind, unit: string): string {
  const parts = scoringText(s, kind, unit);
  if (s.per) parts.push(`counted per ${perSummaryText(s.per)}`);
  if (s.cap !== undefined) parts.push(`at most ${points(s.cap, unit)} from this clause`);
  if (s.window) parts.push(`counts for ${windowText(s.window)}`);
  return parts.join('; ');
}

function numberChange(what: string, p: Sides<number>, unit: string, absent = '(none)'): string {
  const side = (v: number | undefined): string => (v === undefined ? absent : unit ? `${v} ${unit}` : String(v));
  return `${what}: ${side(p.old)} → ${side(p.new)}`;
}

/** Points in a number change: `20 points` → written `20 points`, another unit as the ruleset writes it. */
const pointUnit = (unit: string): string => (unit === DEFAULT_UNIT ? 'points' : unit);

function unmatchedCondition(p: UnmatchedParams): string {
  if (p.condition !== undefined) return `does not meet “${p.condition}”`;
  if (p.indicator !== undefined) return `does not meet the event condition of ${p.indicator} ${p.indicatorLabel}`;
  return 'meets the scoring condition of no clause of this table';
}

/** Signed points as the trace writes them: −4, +2, 0. */
const signedAmount = (n: number, unit: string): string => (n === 0 ? `0${unit === DEFAULT_UNIT ? '' : ` ${unit}`}` : `${sign(n)}${amount(n, unit)}`);
const NOT_COUNTED: Partial<Record<TraceCode, string>> = {
  'window.lapsed': 'its period is over',
  'window.afterAsOf': 'dated after the evaluation',
  'keep.notAgain': 'not deducted again',
  'keep.oncePer': 'counted once only',
  'keep.highest': 'only the highest counts',
  'keep.ordered': 'only one of them counts',
  'event.unmatched': 'no clause counts it',
  'clause.zero': 'scores 0',
  veto: 'vetoed',
};
const notCounted = (code: TraceCode | undefined): string => (code && NOT_COUNTED[code]) ?? 'not counted';
const LIMITS: Readonly<Record<LimitKind, string>> = { 'clause.cap': 'clause cap', 'item.cap': 'deduction cap', 'bonus.max': 'maximum', 'check.max': 'maximum', 'item.floor': 'floor at 0', 'reduction.max': 'reduction up to', 'reduction.floor': 'reduction down to 0' };
function limitText(kind: LimitKind, side: LimitSide, unit: string): string {
  return kind === 'item.floor' || kind === 'reduction.floor' ? LIMITS[kind] : `${LIMITS[kind]} ${amount(side.limit, unit)}`;
}

/** A keepOne rule in words: one per project, the highest; one per subject, the first by appliedOn. */
const keepText = (k: KeepSummary): string => `one per ${k.attribute}, the ${k.choose === 'highest' ? 'highest' : `${k.choose} by ${k.by?.attribute ?? 'date'}`}`;
const heldBy = (of: string): string => (of ? ` (${of})` : '');

/** `; did you mean "x"?`, or nothing. */
const period = (p: { from: string; to?: string }): string => (p.to === undefined ? `from ${p.from}` : `from ${p.from} to ${p.to}`);
const got = (files: string[]): string => `got ${files.length}: ${files.join(' ')}`;
/** What a command says when given too few or too many files. */
const ARGUMENTS: Readonly<Record<ArgumentsCommand, (files: string[]) => ProblemWords>> = {
  validate: () => ({ message: 'validate needs at least one FILE', fix: 'write credit-rules validate rulesets/enterprise.json (or records, cases, a folder of cases)' }),
  diff: (f) => ({
    message: f.length < 2 ? `diff needs OLD and NEW, the two rulesets to compare (got ${f.length})` : `diff takes two rulesets, ${got(f)}`,
    fix: 'write credit-rules diff rulesets/enterprise.json rulesets/enterprise-versions/enterprise-n4.json --cases rulesets/cases/enterprise',
  }),
  forecast: (f) => ({ message: f.length ? `forecast takes one RECORD file, ${got(f)}` : 'forecast needs RECORD, the file of the record', fix: 'write credit-rules forecast record.json --ruleset rulesets/enterprise.json' }),
  test: (f) => ({ message: f.length ? `test takes one RULESET, ${got(f)}` : 'test needs the RULESET to test', fix: 'write credit-rules test rulesets/enterprise.json --cases rulesets/cases/enterprise' }),
  evaluate: (f) =>
    f.length
      ? { message: `evaluate takes one RECORDS file, ${got(f)}`, fix: 'put the records in one .json array or .ndjson file, or run evaluate once per file' }
      : { message: 'evaluate needs RECORDS, the file of records to score', fix: 'write credit-rules evaluate records.json --ruleset rulesets/enterprise.json (or - for standard input)' },
  serve: (f) => ({ message: `serve takes no file, got ${f.join(' ')}`, fix: 'name the rulesets folder with --rulesets DIR' }),
};
const LOOKS = { records: 'an array (records?)', sampleCase: 'a sample case', record: 'a record' } as const;
const commandHelp = (command: string): string => `run "credit-rules ${command} --help" for its options`;
/** A size in bytes as messages write it: `16.0 MB`, `512 bytes`. */
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`);
/** What stands where JSON goes wrong, as a message names it. */
function found(f: JsonFound): string {
  if (f.kind === 'end') return 'the end of the text';
  if (f.kind === 'control') return `control character ${f.char}`;
  return f.kind === 'string' ? `the string ${f.text}` : `"${f.text}"`;
}
const syntax = (message: string): ProblemWords => ({ message, fix: 'correct the JSON there (a missing comma, quote or bracket?)' });
const NAME_WHY = { trailingComma: '; remove the trailing comma before it', singleQuote: '; JSON property names take double quotes', unquoted: '; put the property name in double quotes' } as const;
const UNLIKE_ANY_FILE = 'no ruleset, case or record is like this: check how the file was generated';
/** A version as a problem lists it: `2021.1 (official, in force 2021-02-19 on)`. */
const versionText = (v: VersionPeriod): string => `${v.version} (${v.status}, in force ${v.from}${v.to ? ` to ${v.to}` : ' on'})`;
const guessed = (p: GuessParams): string => (p.guess === undefined ? '' : `; did you mean "${p.guess}"?`);
/** A parameter's type as a problem says it. */
const PARAMETER_TYPES: Readonly<Record<ParameterTypeName, string>> = {
  number: 'a number', integer: 'a whole number', date: 'a date YYYY-MM-DD', string: 'a text', strings: 'a list of texts ["a", "b"]',
};
/** JSON Schema type names as a fix says them. */
const SCHEMA_TYPES: Readonly<Record<string, string>> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'an object {…}', array: 'a list […]', null: 'null',
};
const FACT_WORDS: Readonly<Record<FieldFact, [what: string, declare: string]>> = {
  record: ['a record', 'declare it in "recordFields"'],
  project: ['a project', 'declare it in "projectFields"'],
  event: ['an event', 'declare it as an attribute in "eventTypes"'],
};
const ID_HOLDERS: Readonly<Record<IdHolder, string>> = { indicator: 'indicator', item: 'item', reading: 'reading', grade: 'grade', clause: 'clause', level: 'level', downgradeRule: 'downgrade rule' };
const REFUSED_KEY = 'rename this key: __proto__, constructor and prototype are not allowed';
/** How to put right what a JSON Schema keyword refuses, from Ajv's params. */
const SCHEMA_FIXES: Readonly<Record<string, (p: Record<string, unknown>) => string>> = {
  required: (p) => `add "${String(p.missingProperty)}"`,
  additionalProperties: (p) => `remove "${String(p.additionalProperty)}" or check its spelling`,
  enum: (p) => `use one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
  format: () => 'write a real calendar date as YYYY-MM-DD',
  type: (p) => `make it ${String(p.type).split(',').map((t) => SCHEMA_TYPES[t] ?? t).join(' or ')}`,
  minLength: (p) => (p.limit === 1 ? 'fill it in' : `write at least ${String(p.limit)} characters`),
  maxLength: (p) => `shorten it to ${String(p.limit)} characters`,
  maxItems: (p) => `split it: at most ${String(p.limit)} items`,
  minItems: (p) => `give at least ${String(p.limit)}`,
  minimum: (p) => `use ${String(p.limit)} or more`,
  maximum: (p) => `use ${String(p.limit)} or less`,
  not: () => REFUSED_KEY,
  propertyNames: () => REFUSED_KEY,
};
/** A declared field's fix: add it (with its values), or write a value of its kind. */
const addField = (p: FieldSpecParams): string => (p.values ? `add "${p.name}": one of ${p.values.join(', ')}` : `add "${p.name}"`);
const fieldFix = (p: FieldSpecParams, kind: string): string => (p.type === 'enum' ? `use one of ${p.values!.join(', ')}` : p.type === 'date' ? 'write a real calendar date as YYYY-MM-DD' : `write a ${kind}`);

/** `1 indicator`, `7 indicators`. */
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const en: Catalogue = {
  trace: {
    'item.start': (p) => `${p.item} ${p.label}: full score ${amount(p.points, p.unit)}`,
    'item.startBase': (p) => `${p.item} ${p.label}: no ${p.projectEn ?? 'project'} in the last ${p.months} months (${p.clause}): starts from the base score, ${amount(p.points, p.unit)}`,
    'check.met': (p) => `${p.clause} ${levelled(p.label, p.level)}: met, ${amount(p.points, p.unit)}${p.unit === DEFAULT_UNIT ? ' points' : ''}${perText(p.per, p.unit)}`,
    'check.unmet': (p) => `${p.item} ${p.label}: none of “${p.unmet.join('”, “')}” is met, ${p.unit === DEFAULT_UNIT ? '0 points' : `0 ${p.unit}`}`,
    'clause.points': (p) => `${p.clause} ${levelled(p.label, p.level)}: ${event(p)} ${sign(p.points)}${amount(p.points, p.unit)}${perText(p.per, p.unit)}`,
    'clause.zero': (p) => `${p.clause} ${levelled(p.label, p.level)}: ${event(p)} ${p.levelled ? 'no deduction' : 'no points'}${perText(p.per, p.unit)}`,
    'multiplier.extra': (p) => `${p.clause} ${p.label}: ${event(p)} counts ${p.factor} times, another ${sign(p.points)}${amount(p.points, p.unit)}`,
    'clause.cap': (p) =>
      `${p.clause} ${p.label}: ${amount(p.sum, p.unit)} ${p.sum < 0 ? 'deducted' : 'added'} in all, limited to ${amount(p.cap, p.unit)}; the ${amount(p.cut, p.unit)} over the limit do not count`,
    'item.cap': (p) => `${p.item} ${p.label}: ${amount(p.total, p.unit)} deducted in all, deductions stop at ${amount(p.limit, p.unit)}; the ${amount(p.cut, p.unit)} over are not deducted`,
    'bonus.max': (p) => `${p.item} ${p.label}: ${amount(p.total, p.unit)} in all, at most ${amount(p.limit, p.unit)} count; the ${amount(p.cut, p.unit)} over do not count`,
    'check.max': (p) => `${p.item} ${p.label}: ${amount(p.total, p.unit)} in all, at most ${amount(p.limit, p.unit)} count; the ${amount(p.cut, p.unit)} over do not count`,
    'reduction.max': (p) => `${p.item} ${p.label}: ${amount(p.total, p.unit)} to take off in all, at most ${amount(p.limit, p.unit)} are; the ${amount(p.cut, p.unit)} over are not`,
    'reduction.floor': (p) => `${p.item} ${p.label}: takes off no more than the items before it hold, down to 0 (${amount(p.restored, p.unit)} not taken off)`,
    'item.floor': (p) => `${p.item} ${p.label}: the item stops at 0, never below (${amount(p.restored, p.unit)} not deducted)`,
    veto: (p) =>
      `${p.clause} ${p.label}: ${event(p)}; the whole “${p.indicatorLabel}” (${p.indicator}${p.reading ? `, as ${p.reading} reads it` : ''}) scores nothing, the other ${amount(p.lost, p.unit)} taken`,
    'window.lapsed': (p) => `${p.clause} ${p.label}: ${event(p)} not counted: its period is over (counted until ${p.until})`,
    'window.afterAsOf': (p) => `${p.clause} ${p.label}: ${event(p)} not counted: after the evaluation date ${p.asOf}`,
    'event.unmatched': (p) => `${event(p)} not counted: ${unmatchedCondition(p)}`,
    'keep.notAgain': (p) => `${p.clause} ${p.label}: ${event(p)} the same ${p.attribute} as ${p.earlier}, already deducted under ${p.item}: not deducted again`,
    'keep.oncePer': (p) => `${p.clause} ${p.label}: ${event(p)} not counted: the same ${p.attribute} “${p.value}” as ${p.first} counts once`,
    'keep.highest': (p) =>
      `${p.clause} ${p.label}: ${event(p)} not counted: of the same ${p.attribute} “${p.value}” only the highest counts, ${p.best} (${amount(p.bestPoints, p.unit)}); the ${amount(p.points, p.unit)} of ${p.event} do not`,
    'keep.ordered': (p) =>
      `${p.clause} ${p.label}: ${event(p)} not counted: of the same ${p.attribute} “${p.value}” only the ${p.choose}${p.by === 'date' ? '' : ` by ${p.by}`} counts, ${p.kept} (${p.keptDate})`,
    'eligibility.failed': (p) => `${p.clause} not eligible for evaluation, no grade: ${p.reasons.join('; ')}`,
    'downgrade.step': (p) => `${p.clause} ${p.label}: ${event(p)}; credit grade ${p.from} → ${p.to}`,
    'downgrade.noChange': (p) => `${p.clause} ${p.label}: ${event(p)}; the grade is already ${p.grade}, no lower`,
    'downgrade.notACase': (p) =>
      `${p.clause} ${p.label}: ${event(p)} ${p.others.length ? `meets the condition of neither this rule nor “${p.others.join('”, “')}”` : "does not meet this rule's condition"}: no downgrade`,
    'downgrade.afterAsOf': (p) => `${p.clause} ${p.label}: ${event(p)} after the evaluation date ${p.asOf}: no downgrade`,
    'downgrade.noPublished': (p) => `${p.clause} ${p.label}: ${event(p)} the record has no published grade to lower`,
    'downgrade.gradeNotConcerned': (p) => `${p.clause} ${p.label}: ${event(p)} the published grade ${p.grade} is not one downgrades apply to (${p.fromGrades.join(', ')})`,
    'downgrade.beforePublication': (p) => `${p.clause} ${p.label}: ${event(p)} not after the grade's publication on ${p.published}${p.reading ? ` (${p.reading})` : ''}: no downgrade`,
    'downgrade.floor': (p) =>
      `${p.clause} downgraded: the score is the lowest of ${p.grade}, ${amount(p.floor, p.unit)} (table score ${amount(p.computed, p.unit)})`,
    'downgrade.expired': (p) => `${p.clause} ${p.months} months have passed since the downgrade of ${p.since} (from ${p.until}): score and grade from the table again`,
  },

  unmatchedCondition,

  change: {
    'meta.changed': (p) => `${META[p.field]} ${none(p.old)} → ${none(p.new)}`,
    'meta.status': (p) => `status ${STATUS[p.old]} → ${STATUS[p.new]}`,
    'meta.source': (p) => `source document ${p.old} → ${p.new}${p.old === p.new ? ' (its details changed)' : ''}`,
    'meta.unit': (p) => `points counted in ${p.old ?? DEFAULT_UNIT} → ${p.new ?? DEFAULT_UNIT}`,
    field: (p) => `${p.field} changed`,
    label: (p) => `name ${p.old} → ${p.new}`,
    kind: (p) => `scored as ${KINDS[p.old]} → ${KINDS[p.new]}`,
    points: (p) => {
      const [a, b] = [pointsText(p.old, p.kind, p.unit), pointsText(p.new, p.kind, p.unit)];
      return a.verb === b.verb ? `${a.verb} ${a.amount} each time → ${b.amount}` : `${a.verb} ${a.amount} each time → ${b.verb} ${b.amount} each time`;
    },
    'citation.clause': (p) => `cites ${p.old} → ${p.new}`,
    'citation.text': () => 'cited text changed',
    'condition.added': (p) => `${CONDITIONS[p.of]} added`,
    'condition.removed': (p) => `${CONDITIONS[p.of]} removed`,
    'condition.changed': (p) => `${CONDITIONS[p.of]} changed`,
    'provisional.added': (p) => `marked provisional (${p.fields.join(', ')})`,
    'provisional.removed': () => 'no longer provisional',
    'provisional.changed': () => 'provisional note changed',
    'reading.followed': (p) => `reading followed ${none(p.old)} → ${none(p.new)}`,
    'indicator.added': (p) => `indicator ${p.id} ${p.label} added`,
    'indicator.removed': (p) => `indicator ${p.id} ${p.label} removed`,
    'indicator.eventConditionLabel': (p) => `event condition in words: ${none(p.old)} → ${none(p.new)}`,
    'item.added': (p) => {
      const u = pointUnit(p.unit);
      const limit = p.kind === 'bonus' || p.kind === 'reduction'
        ? `at most ${p.max ?? '-'} ${u}`
        : `full score ${p.full ?? '-'} ${u}${p.base !== undefined ? `, base score ${p.base} ${u}` : ''}${p.cap !== undefined ? `, deductions up to ${p.cap} ${u}` : ''}`;
      return `item ${p.id} ${p.label} added: ${KINDS[p.kind]}, ${limit}`;
    },
    'item.removed': (p) => `item ${p.id} ${p.label} removed`,
    'item.indicator': (p) => `indicator ${p.old} → ${p.new}`,
    'item.full': (p) => numberChange('full score', p, pointUnit(p.unit)),
    'item.base': (p) => numberChange('base score', p, pointUnit(p.unit)),
    'item.cap': (p) => numberChange(p.deduction ? 'deductions up to' : 'at most', p, pointUnit(p.unit), 'no limit'),
    'item.max': (p) => numberChange(p.reduction ? 'takes off up to' : 'bonus up to', p, pointUnit(p.unit), 'no limit'),
    'multiplier.added': (p) => `${p.clause} ${p.label} added: points count ${p.factor} times (${p.item} ${p.itemLabel})`,
    'multiplier.removed': (p) => `${p.clause} ${p.label} removed (${p.item} ${p.itemLabel})`,
    'multiplier.factor': (p) => `factor ${p.old} → ${p.new}`,
    'keepOne.added': (p) => `${p.clause} ${p.label} added: ${keepText(p)}${heldBy(p.of)}`,
    'keepOne.removed': (p) => `${p.clause} ${p.label} removed${heldBy(p.of)}`,
    'keepOne.changed': (p) => `${keepText(p.old)} → ${keepText(p.new)}`,
    'highestPer.added': (p) => `${p.clause} ${p.label} added: only the highest per ${p.attribute} counts (${p.item} ${p.itemLabel})`,
    'highestPer.removed': (p) => `${p.clause} ${p.label} removed (${p.item} ${p.itemLabel})`,
    'highestPer.attribute': (p) => `the highest only per ${p.old.attribute} → per ${p.new.attribute}`,
    'notAgain.added': (p) => `${p.clause} ${p.label} added: what counted under ${p.items.join(', ')} is not deducted again (${p.item} ${p.itemLabel})`,
    'notAgain.removed': (p) => `${p.clause} ${p.label} removed (${p.item} ${p.itemLabel})`,
    'notAgain.items': (p) => `not deducted again after ${p.old.join(', ')} → ${p.new.join(', ')}`,
    'notAgain.attribute': (p) => `the same ${p.old.attribute} → the same ${p.new.attribute}`,
    'clause.added': (p) => `${p.id} ${p.label} added: ${summaryText(p.summary, p.kind, p.unit)}`,
    'clause.removed': (p) => `${p.id} ${p.label} removed`,
    'clause.item': (p) => `item ${p.old} → ${p.new}`,
    'clause.effect': (p) => {
      const side = (v: { vetoes: string } | null): string => (v ? `the whole of ${v.vetoes} scores nothing` : 'points');
      return `effect ${side(p.old)} → ${side(p.new)}`;
    },
    'clause.vetoes': (p) => `scoring nothing: ${none(p.old)} → ${none(p.new)}`,
    'clause.scoring': (p) => `points ${summaryText(p.old, p.kind, p.unit)} → ${summaryText(p.new, p.kind, p.unit)}`,
    'clause.cap': (p) => numberChange(p.kind === 'deduction' ? 'deductions from this clause up to' : 'points from this clause up to', p, pointUnit(p.unit), 'no limit'),
    'clause.window': (p) => `counts for ${windowText(p.old)} → ${windowText(p.new)}`,
    'clause.per': (p) => `points per quantity: ${perSummaryText(p.old)} → ${perSummaryText(p.new)}`,
    'windows.end': (p) => `every window counts ${WINDOW_ENDS[p.old]} → ${WINDOW_ENDS[p.new]}`,
    'clause.oncePer': (p) => {
      const once = (v: { attribute: string } | undefined): string => (v === undefined ? 'every time' : `once per ${v.attribute}`);
      return `counted ${once(p.old)} → ${once(p.new)}`;
    },
    'level.added': (p) => {
      const t = pointsText(p.points, p.kind, p.unit);
      return `${p.id} ${p.label} added: ${t.verb} ${t.amount} each time`;
    },
    'level.removed': (p) => `${p.id} ${p.label} removed`,
    'grade.added': (p) => `grade ${p.grade} added: line ${p.min}`,
    'grade.min': (p) => `grade line ${p.grade} ${p.old} → ${p.new}`,
    'grade.removed': (p) => `grade ${p.grade} removed (line ${p.min})`,
    'downgrades.added': (p) => `downgrades added (${p.clause})`,
    'downgrades.removed': (p) => `downgrades removed (${p.clause})`,
    'downgrades.fromGrades': (p) => `downgrades apply to ${p.old.join(', ')} → ${p.new.join(', ')}`,
    'downgrades.floor': (p) => numberChange(`score after a downgrade to ${p.grade}`, p, pointUnit(p.unit), 'its grade line'),
    'downgrades.recalcMonths': (p) => `the table decides again ${p.old} months after a downgrade → ${p.new} months`,
    'downgradeRule.added': (p) => `${p.id} ${p.label} added: ${EFFECTS[p.effect]}`,
    'downgradeRule.removed': (p) => `${p.id} ${p.label} removed`,
    'downgradeRule.effect': (p) => `${EFFECTS[p.old]} → ${EFFECTS[p.new]}`,
    'repeat.count': (p) => numberChange('events', p, ''),
    'repeat.withinMonths': (p) => numberChange('within', p, 'months'),
    'parameter.added': (p) => `parameter ${p.clause} ${p.label} added: ${parameterText(p)}`,
    'parameter.removed': (p) => `parameter ${p.clause} ${p.label} removed`,
    'parameter.value': (p) => `${parameterText(p.old)} → ${parameterText(p.new)}`,
    'baseRule.added': (p) => `base score rule added (${p.clause}): looks back ${p.months} months`,
    'baseRule.removed': (p) => `base score rule removed (${p.clause})`,
    'baseRule.lookbackMonths': (p) => numberChange('looks back', p, 'months'),
    'baseRule.projectDefaultMonths': (p) => numberChange('a project without completion runs', p, 'months'),
    'eligibility.added': (p) => `eligibility added (${p.clause}): ${p.requirements.join(', ')}`,
    'eligibility.removed': (p) => `eligibility removed (${p.clause})`,
    'requirement.added': (p) => `eligibility requirement ${p.clause} ${p.label} added`,
    'requirement.removed': (p) => `eligibility requirement ${p.clause} ${p.label} removed`,
    'requirement.label': (p) => `requirement name ${p.old} → ${p.new}`,
    'requirement.reason': () => 'reason for no grade changed',
    'namedCondition.added': (p) => `shared condition ${p.name} added`,
    'namedCondition.removed': (p) => `shared condition ${p.name} removed`,
    'namedCondition.changed': (p) => `shared condition ${p.name} changed (so are the clauses that use it)`,
    'eventCondition.changed': () => 'the condition of every scored event changed',
    'eventCondition.label': (p) => `the condition of every scored event in words: ${none(p.old)} → ${none(p.new)}`,
    'reading.added': (p) => `reading ${p.id} ${p.title} added`,
    'reading.removed': (p) => `reading ${p.id} ${p.title} removed`,
    'reading.title': (p) => `title ${p.old} → ${p.new}`,
    'reading.note': () => 'note of the reading changed',
    'note.added': (p) => `note ${p.clause} added`,
    'note.removed': (p) => `note ${p.clause} removed`,
    'note.text': () => 'text changed',
    'eventType.added': (p) => `event type ${p.type} (${p.label}) added`,
    'eventType.removed': (p) => `event type ${p.type} (${p.label}) removed`,
    'eventType.label': (p) => `event type name ${p.old} → ${p.new}`,
    'attribute.added': (p) => `event type ${p.type} (${p.typeLabel}): attribute ${p.name} (${p.label}) added`,
    'attribute.removed': (p) => `event type ${p.type} (${p.typeLabel}): attribute ${p.name} (${p.label}) removed`,
    'attribute.changed': (p) => {
      const parts = [p.added.length ? `values added: ${p.added.join(', ')}` : '', p.removed.length ? `values removed: ${p.removed.join(', ')}` : ''].filter(Boolean);
      return `attribute ${p.name} (${p.label}) ${parts.length ? parts.join('; ') : 'changed'}`;
    },
  },

  changeLabel: {
    grade: (p) => `grade ${p.grade}`,
    grades: () => 'credit grades',
    downgrades: () => 'downgrades',
    downgradeFloor: () => 'score after a downgrade',
    recalculation: () => 'recalculation',
    baseRule: (p) => `base score without a recent ${p.projectEn ?? 'project'}`,
    eligibility: () => 'eligibility',
    note: () => 'note',
    eventType: (p) => `${p.type} (${p.typeLabel})`,
    windows: () => 'windows',
  },

  move: {
    'move.points': (p) => `${p.clause} ${p.label}: ${event(p)} ${signedAmount(p.old, p.unit)} → ${signedAmount(p.new, p.unit)}`,
    'move.counted': (p) => `${p.clause} ${p.label}: ${event(p)} now counts ${signedAmount(p.points, p.unit)} (before: ${notCounted(p.was)})`,
    'move.uncounted': (p) => `${p.clause} ${p.label}: ${event(p)} no longer counts (${notCounted(p.now)}; before ${signedAmount(p.points, p.unit)})`,
    'move.window': (p) =>
      p.counted
        ? `${p.clause} ${p.label}: ${event(p)} crosses the window edge: now inside it, ${signedAmount(p.points, p.unit)}${p.until ? ` (before: counted until ${p.until})` : ''}`
        : `${p.clause} ${p.label}: ${event(p)} crosses the window edge: now outside it${p.until ? ` (counted until ${p.until})` : ''}, before ${signedAmount(p.points, p.unit)}`,
    'move.check': (p) =>
      `${p.clause} ${p.label}: ${p.old === undefined ? 'not met' : amount(p.old, p.unit)} → ${p.new === undefined ? 'not met' : amount(p.new, p.unit)}`,
    'move.limit': (p) => {
      const head = `${p.id} ${p.label}: `;
      if (!p.old && p.new) return `${head}${limitText(p.kind, p.new, p.unit)} now bites, ${amount(p.new.cut, p.unit)} not counted`;
      if (p.old && !p.new) return `${head}${limitText(p.kind, p.old, p.unit)} no longer bites (before: ${amount(p.old.cut, p.unit)} not counted)`;
      return `${head}${limitText(p.kind, p.old!, p.unit)} → ${amount(p.new!.limit, p.unit)}, not counted ${amount(p.old!.cut, p.unit)} → ${amount(p.new!.cut, p.unit)}`;
    },
    'move.start': (p) =>
      `${p.item} ${p.label}: starts from ${p.oldBase ? 'the base score' : 'full score'} ${amount(p.old, p.unit)} → ${p.newBase ? 'the base score' : 'full score'} ${amount(p.new, p.unit)}`,
    'move.veto': (p) => `${p.clause} ${p.label}: ${event(p)} ${p.holds ? 'now zeroes' : 'no longer zeroes'} ${p.indicator} ${p.indicatorLabel}`,
    'move.gradeLine': (p) => `grade line ${p.grade} ${p.old} → ${p.new} (table score ${p.score})`,
    'move.downgrade': (p) => `${p.clause} ${p.label}: ${event(p)} ${p.holds ? `now downgrades ${p.from} → ${p.to}` : `no longer downgrades (before: ${p.from} → ${p.to})`}`,
    'move.downgradeFloor': (p) =>
      `${p.clause} score after a downgrade to ${p.grade}: ${p.old === undefined ? '(none)' : amount(p.old, p.unit)} → ${p.new === undefined ? '(none)' : amount(p.new, p.unit)}`,
    'move.recalculated': (p) =>
      p.holds ? `${p.clause} ${p.months} months after the downgrade of ${p.since}: the table decides again` : `${p.clause} the downgrade of ${p.since} still decides (under ${p.months} months)`,
    'move.eligibility': (p) => (p.eligible ? `${p.clause} now eligible (before: ${p.reasons.join('; ')})` : `${p.clause} no longer eligible: ${p.reasons.join('; ')}`),
    'move.item': (p) => `${p.item} ${p.label}: ${p.old === undefined ? '(none)' : amount(p.old, p.unit)} → ${p.new === undefined ? '(none)' : amount(p.new, p.unit)}`,
  },

  forecast: {
    'forecast.version': (p) => `from ${p.from} on, ${p.id} version ${p.version} (${STATUS[p.status]}) is in force`,
    'forecast.gone': (p) => `no longer: ${(en.trace[p.line.code] as (q: typeof p.line.params) => string)(p.line.params)}`,
    'restore.reached': (p) => `${p.grade} (${points(p.min, p.unit)} or more): from ${p.date}`,
    'restore.never': (p) => `${p.grade} (${points(p.min, p.unit)} or more): never, because nothing changes any more from ${p.since} and the score stays at ${amount(p.score, p.unit)}`,
    'restore.ineligible': (p) => `${p.grade}: never, because the entity is not eligible for a grade: ${p.reasons.join('; ')}`,
    'restore.without': (p) => `without ${p.event} (${p.date} ${p.label}): ${amount(p.score, p.unit)} on ${p.asOf} (${sign(p.gain)}${amount(p.gain, p.unit)}), grade ${p.grade ?? '—'}`,
  },

  status: STATUS,

  problem: {
    'ruleset.tooDeep': (p) => ({ message: `nested more than ${p.depth} levels deep`, fix: 'flatten the condition: all/any take lists' }),
    'schema.key': (p) => ({ message: `the key "${p.key}" is not allowed`, fix: REFUSED_KEY }),
    'schema.unknownKey': (p) => ({
      message: `unknown field "${p.key}"${p.guess === undefined ? '' : `; did you mean "${p.guess}"?`}`,
      fix: p.guess === undefined ? `remove it, or write one of: ${p.allowed.join(', ')}` : `write "${p.guess}" (or remove it)`,
    }),
    'schema.invalid': (p) => ({
      message: p.keyword !== 'format' ? p.message : p.empty ? 'the date is empty' : `${p.value} is not a real calendar date`,
      fix: SCHEMA_FIXES[p.keyword]?.(p.params),
    }),
    'id.duplicate': (p) => ({ message: `duplicate id "${p.id}" (also ${p.earlier})`, fix: `give this ${ID_HOLDERS[p.what]} an id of its own` }),
    'attribute.enumWithoutValues': (p) => ({ message: `enum attribute "${p.name}" lists no values`, fix: 'add "values": the allowed values' }),
    'field.enumWithoutValues': (p) => ({ message: `field "${p.name}" is a choice but lists no values`, fix: 'add "values": the allowed values' }),
    'field.projectType': () => ({ message: 'only an event names a project', fix: 'use "string" for an id' }),
    'reading.unknown': (p) => ({ message: `no reading "${p.id}" in "readings"`, fix: 'add the reading or correct the id' }),
    'condition.unknown': (p) => ({ message: `no condition named "${p.name}"`, fix: 'add it to "conditions" or correct the name' }),
    'condition.cycle': (p) => ({ message: `condition refers to itself: ${p.walk}`, fix: 'break the cycle' }),
    'condition.tooDeep': (p) => ({
      message: `condition nests ${p.depth} levels deep through the conditions it names in turn (${p.chain.join(' → ')} → …), more than ${p.max}`,
      fix: `name fewer conditions in turn: at most ${p.max} levels of all, any, not and references`,
    }),
    'fact.unavailable': (p) => ({ message: `fact "${p.fact}" is not available here (a ${p.scope} condition)`, fix: `use "record", "asOf" or "parameters"${p.scope === 'project' ? ' or "project"' : ''}` }),
    'fact.unknown': (p) => ({ message: `no fact "${p.fact}"${guessed(p)}`, fix: `name one of ${p.facts.join(', ')}` }),
    'value.factReference': (p) => ({ message: `a value that names a fact must be { "fact": name, "path": "a.b" }, found ${p.found}`, fix: 'write the fact and a dotted path as strings' }),
    'operator.valueType': (p) => ({ message: `operator "${p.operator}" needs ${p.type === 'date' ? 'a date YYYY-MM-DD' : `a ${p.type}`}, found ${p.found}`, fix: `write a ${p.type} value` }),
    'parameter.unknown': (p) => ({ message: `no parameter "${p.name}"${guessed(p)}`, fix: `add it to "parameters" or correct the ${p.inWindow ? 'name' : 'path'}` }),
    'parameter.type': (p) => {
      const b = p.because;
      const why = 'declared' in b ? 'it is declared so' : 'at' in b ? `${b.operator === undefined ? "a window's months" : `operator "${b.operator}"`} at ${b.at} uses it so` : 'its value says so';
      const type = PARAMETER_TYPES[p.type];
      return { message: `parameter "${p.name}" must be ${type} (${why}), found ${p.found}`, fix: p.type === 'date' ? 'write a real calendar date as YYYY-MM-DD, such as 2018-01-01' : `write ${type}` };
    },
    'parameter.use': (p) => ({
      message: `${p.operator === undefined ? "a window's months" : `operator "${p.operator}"`} needs ${PARAMETER_TYPES[p.need]}, but parameter "${p.name}" is ${PARAMETER_TYPES[p.type]}`,
      fix: p.need === 'strings' ? `make "${p.name}" a list, such as ["${p.value}"], or use "equal"` : `use a parameter that is ${PARAMETER_TYPES[p.need]}, or another operator`,
    }),
    'parameter.path': (p) => ({ message: `"${p.ref}" reads inside a parameter, which holds a number, a text, a date or a list`, fix: `name the parameter alone: "${p.name}"` }),
    'path.jsonPath': (p) => ({ message: `"${p.path}" is JSONPath; paths here are dotted names`, fix: `write "${p.dotted}"` }),
    'path.asOfFields': () => ({ message: 'the fact "asOf" is a date and has no fields', fix: 'remove "path"' }),
    'path.intoValue': (p) => ({ message: `"${p.read}" of ${FACT_WORDS[p.fact][0]} is a value, with no field "${p.key}"`, fix: `read "${p.read}" itself` }),
    'path.unknownField': (p) => {
      const [what, declare] = FACT_WORDS[p.fact];
      const where = p.read ? `"${p.read}" of ${what}` : what;
      return { message: `${where} has no field "${p.key}"${guessed(p)}`, fix: p.guess !== undefined ? `correct the name, or ${declare}` : `${declare}, or correct the name` };
    },
    'eventType.unknown': (p) => ({ message: `no event type "${p.type}"`, fix: 'declare it in "eventTypes" or correct the name' }),
    'attribute.unknown': (p) => ({ message: `no event type has an attribute "${p.name}"${guessed(p)}`, fix: 'declare it in "eventTypes" or correct the name' }),
    'attribute.valueUndeclared': (p) => ({ message: `"${p.value}" is not a declared value of "${p.attribute}"`, fix: `use one of ${p.allowed.join(', ')}` }),
    'grade.notBelow': (p) => ({ message: `grade line ${p.grade} (${p.min}) is not below ${p.above} (${p.aboveMin})`, fix: 'list grades from the highest, each line below the one before' }),
    'grade.unknown': (p) => ({ message: `no grade "${p.grade}"`, fix: 'name a grade of "grades"' }),
    'grades.noCitation': () => ({ message: 'the grades cite no text', fix: 'add "gradeCitation": the clause and text the grade lines come from' }),
    'downgrades.floorOutside': (p) => ({ message: `floor ${p.floor} is outside grade ${p.grade}`, fix: `choose a score of grade ${p.grade}` }),
    'downgrades.noGrades': () => ({ message: 'downgrades need grades to lower', fix: 'add "grades", or remove "downgrades"' }),
    'ruleset.periodReversed': (p) => ({ message: `the ruleset ends (${p.to}) before it begins (${p.from})`, fix: 'correct one of the dates: effectiveTo is the last day in force' }),
    'points.inexact': (p) => ({ message: `${p.points} has more than three decimals`, fix: 'write points to at most 0.001' }),
    'points.tooLarge': (p) => ({ message: `${p.points} points is more than a table of points gives (at most ${p.max})`, fix: 'check the number; for amounts in another unit (万元, 元, 学时), set the ruleset\'s "unit"' }),
    'points.sign': (p) => ({
      message: `${p.kind} points must be ${p.kind === 'deduction' || p.kind === 'reduction' ? 'negative or 0' : 'positive or 0'}, found ${p.points}`,
      fix: p.kind === 'deduction' ? 'write a deduction as a negative number (-4)' : p.kind === 'reduction' ? 'write what a reduction takes off as a negative number (-1)' : 'write a bonus as a positive number',
    }),
    'item.noFull': (p) => ({ message: `${p.kind} item ${p.item} has no full score`, fix: 'add "full"' }),
    'clause.noPoints': (p) => ({ message: `clause ${p.clause} has no points`, fix: 'add "points" or "levels"' }),
    'clause.pointsAndLevels': (p) => ({ message: `clause ${p.clause} has both "points" and "levels"`, fix: 'keep one of them' }),
    'per.onVeto': (p) => ({ message: `clause ${p.clause} is a veto: it has no points to count per quantity`, fix: 'remove "per"' }),
    'per.aboveAndBelow': () => ({ message: '"per" has both "above" and "below"', fix: 'keep one: above counts what exceeds it, below what falls short of it' }),
    'per.roundWithoutStep': () => ({ message: '"round" says how part of a step counts, and "per" has no "step"', fix: 'add "step", or remove "round"' }),
    'per.notNumber': (p) => ({
      message: `"${p.path}" is not a number ${p.fact === 'event' ? 'attribute of the event types' : 'field of the record'}${guessed(p)}`,
      fix: p.numbers.length ? `name one of: ${p.numbers.join(', ')}` : `declare a number field in "${p.fact === 'event' ? 'eventTypes' : 'recordFields'}"`,
    }),
    'level.unreachable': (p) => ({ message: `level ${p.level} is never reached: level ${p.before} before it has no condition, so every event stops there`, fix: `give level ${p.before} a "when", or move it last` }),
    'base.notDeduction': (p) => ({ message: `${p.kind} item ${p.item} has a base score, which only a deduction item starts from`, fix: 'remove "base"' }),
    'base.aboveFull': (p) => ({ message: `base score ${p.base} is above the full score ${p.full}`, fix: 'lower the base score or raise the full score' }),
    'veto.onCheck': () => ({ message: 'a check clause cannot veto', fix: 'remove "effect"' }),
    'veto.unknownIndicator': (p) => ({ message: `no indicator "${p.indicator}"`, fix: 'name an indicator id of this ruleset' }),
    'cap.onBonus': (p) => ({ message: `bonus item ${p.item} has a "cap", which limits deductions`, fix: 'write the most a bonus item adds as "max"' }),
    'max.notBonus': (p) => ({
      message: `${p.kind} item ${p.item} has a "max", which limits bonuses`,
      fix: p.kind === 'deduction' ? 'write the most a deduction item takes as "cap"' : 'remove "max": a check item scores up to its "full"',
    }),
    'cap.onReduction': (p) => ({ message: `reduction item ${p.item} has a "cap", which limits deductions`, fix: 'write the most it takes off as "max"' }),
    'full.onReduction': (p) => ({ message: `reduction item ${p.item} has a "full" score: it takes from the items before it and has none of its own`, fix: 'remove "full"' }),
    'cap.onCheck': (p) => ({ message: `check item ${p.item} has a "cap", which limits deductions`, fix: 'remove "cap": a check item scores up to its "full"' }),
    'notAgain.unknownItem': (p) => ({ message: `no item "${p.item}"`, fix: 'name an item id of this ruleset' }),
    'window.empty': () => ({ message: 'the window says neither months nor an attribute', fix: 'add "months", "monthsAttribute" or "untilAttribute"' }),
    'window.attribute': (p) => {
      const what = p.kind === 'number' ? 'a number attribute (months)' : 'a date attribute';
      return { message: `"${p.name}" is not ${what} of the event types${guessed(p)}`, fix: `name ${what} declared in "eventTypes"` };
    },
    'keep.oncePerAndKeepOne': (p) => ({ message: `clause ${p.clause} has both "oncePer" and "keepOne"`, fix: 'keep "keepOne" (oncePer is its shorthand for choose: first)' }),
    'keep.highestPerAndKeepOne': (p) => ({ message: `item ${p.item} has both "highestPer" and "keepOne"`, fix: 'keep "keepOne" (highestPer is its shorthand for choose: highest)' }),
    'keep.byWithHighest': () => ({ message: '"by" orders "first" and "last"; "highest" compares points', fix: 'remove "by", or choose "first" or "last"' }),
    'keep.byNotDate': (p) => ({
      message: p.known ? `"${p.by}" is not a date attribute of every event type that has it` : `no event type has an attribute "${p.by}"${guessed(p)}`,
      fix: 'name a date attribute (type "date"), or leave "by" out to order by the event\'s date',
    }),
    'eligibility.duplicate': (p) => ({ message: `duplicate requirement id "${p.id}" (also requirements[${p.earlier}])`, fix: 'give this requirement an id of its own' }),
    'field.required': (p) => ({ message: `${p.holder === 'record' ? 'the record' : 'a project'} needs "${p.name}" (${p.label})`, fix: addField(p) }),
    'field.invalid': (p) => ({ message: `${p.found} is not a valid ${p.name} (${p.label})`, fix: fieldFix(p, p.type) }),
    'event.attributeRequired': (p) => ({ message: `an event of type ${p.eventType} needs "${p.name}" (${p.label})`, fix: addField(p) }),
    'event.attributeInvalid': (p) => ({
      message: `${p.found} is not a valid ${p.name} (${p.label}) of an event of type ${p.eventType}`,
      fix: fieldFix(p, p.type === 'project' ? 'project id' : p.type),
    }),
    'project.duplicate': (p) => ({ message: `duplicate project id "${p.id}"`, fix: 'give each project its own id' }),
    'project.completionBeforePermit': (p) => ({ message: `completion ${p.completion} is before the permit date ${p.permit}`, fix: 'check both dates' }),
    'event.duplicate': (p) => ({ message: `duplicate event id "${p.id}"`, fix: 'give each event its own id' }),
    'event.unknownProject': (p) => ({ message: `no project "${p.project}" in this record`, fix: `add the project to "projects" or name one of: ${p.projects.join(', ') || '(none)'}` }),
    'record.unknownGrade': (p) => ({ message: `"${p.grade}" is not a grade of ruleset ${p.ruleset}`, fix: `use one of ${p.grades.join(', ')}` }),
    'record.wrongKind': (p) => ({ message: `ruleset ${p.ruleset} scores ${p.entityKind} records, not ${p.kind}`, fix: 'use the ruleset for this kind of entity' }),
    'versions.mixedIds': (p) => ({ message: `the versions are of different rulesets: ${p.ids.join(', ')}`, fix: 'keep the versions of one ruleset (one id) together, each ruleset in a folder of its own' }),
    'versions.duplicate': (p) => ({ message: `version ${p.version} of ${p.id} is given twice`, fix: 'give each version its own "version"' }),
    'versions.empty': () => ({ message: 'the list of versions is empty', fix: 'give at least one ruleset version' }),
    'versions.unknown': (p) => ({ message: `the versions are ${p.versions.map(versionText).join('; ')}`, fix: 'name one of these versions' }),
    'versions.outsidePeriod': (p) => ({ message: `${p.date} is outside its period (${period(p)})`, fix: 'evaluate on a date within its period, or choose another version' }),
    'versions.noneInForce': (p) => ({
      message: `the versions are ${p.versions.map(versionText).join('; ')}`,
      fix: 'evaluate on a date one of them covers (--as-of), or add a version whose effectiveFrom/effectiveTo include it',
    }),
    'json.stringUnclosed': () => syntax('a string is not closed (missing ")'),
    'json.controlInString': (p) => syntax(`${found(p.found)} inside a string; write it escaped (\\n, \\t …)`),
    'json.unicodeEscape': () => syntax('a \\u escape needs four hex digits'),
    'json.badEscape': (p) => syntax(`"\\${p.escape}" is not a JSON escape`),
    'json.badNumber': (p) => syntax(`${found(p.found)} does not start a number`),
    'json.valueExpected': (p) =>
      syntax(`${p.found.kind === 'end' ? 'the text ends where a value was expected' : `${found(p.found)} where a value was expected`}${p.why === 'singleQuote' ? '; JSON strings take double quotes' : p.why === 'trailingComma' ? '; remove the trailing comma before it' : ''}`),
    'json.nameExpected': (p) =>
      syntax(`${p.found.kind === 'end' ? 'the text ends' : found(p.found)} where a property name in double quotes was expected${p.why === undefined ? '' : NAME_WHY[p.why]}`),
    'json.colonExpected': (p) => syntax(`${found(p.found)} where ":" was expected after a property name`),
    'json.afterValue': (p) => syntax(`${found(p.found)} after the end of the JSON value; one file holds one value (use an array, or .ndjson for one record per line)`),
    'json.unclosed': (p) => syntax(`the text ends inside ${p.container === 'array' ? 'an array' : 'an object'} (missing "${p.close}")`),
    'json.separatorExpected': (p) => syntax(`${found(p.found)} where "," or "${p.close}" was expected${p.commaMissing ? '; a comma is missing before it' : ''}`),
    'json.listExpected': (p) => syntax(`${found(p.found)} where a list "[" was expected`),
    'json.listEmpty': () => syntax('the text is empty: a list "[…]" was expected'),
    'json.listUnclosed': () => syntax('the text ends inside the list (missing "]")'),
    'json.afterList': (p) => syntax(`${found(p.found)} after the end of the list; one file holds one value (use .ndjson for one record per line)`),
    'json.tooDeep': (p) => ({ message: `is nested more than ${p.depth} levels deep`, fix: UNLIKE_ANY_FILE }),
    'json.elementTooLong': (p) => ({ message: `has an element more than ${p.length} characters long`, fix: UNLIKE_ANY_FILE }),
    'json.notUtf8': () => ({ message: 'not UTF-8 text (saved as GBK or another encoding?)', fix: 'save the file as UTF-8' }),
    'json.parser': (p) => syntax(p.reason),
    'json.parserTooDeep': () => syntax('too deeply nested to parse'),
    'service.mediaType': (p) => ({ message: `Content-Type ${p.type}`, fix: `send ${p.accepted}` }),
    'service.queryDate': (p) => ({ message: `${p.value} is not a real calendar date`, fix: 'write a real calendar date as YYYY-MM-DD, e.g. 2021-06-30' }),
    'service.bodyDate': (p) => ({ message: `${p.value} is not a date`, fix: 'write a real calendar date as YYYY-MM-DD' }),
    'service.unknownRuleset': (p) => ({ message: `unknown ruleset ${JSON.stringify(p.name)}`, fix: `use one of ${p.names.join(', ') || '(none loaded)'} (GET /rulesets lists them)` }),
    'service.unknownVersion': (p) => ({ message: `no version ${JSON.stringify(p.version)}`, fix: `name one of ${p.versions.join(', ')}, or give a whole ruleset` }),
    'service.bodyNotObject': () => ({ message: 'the body is not an object', fix: 'send {"new": VERSION or a ruleset, "cases": [records or sample cases], "old"?: …, "asOf"?: "YYYY-MM-DD"}' }),
    'service.noNewVersion': () => ({ message: 'the body names no new version', fix: 'add "new": a version of this ruleset (GET /rulesets/NAME lists them) or a whole ruleset' }),
    'service.casesNotList': () => ({ message: '"cases" is not a list', fix: 'add "cases": [records or sample cases]' }),
    'service.nearLine': () => ({ message: '"nearLine" is not a number of points', fix: 'write a number of points, e.g. 1' }),
    'service.kindsDiffer': (p) => ({ message: `the old version scores ${p.old} records and the new one ${p.new} records`, fix: 'compare two versions of the same table' }),
    'service.notReady': (p) => ({ message: 'not ready', fix: p.shuttingDown ? 'send requests to another instance' : 'put a valid ruleset file in the rulesets folder (the log says why the others did not load)' }),
    'service.methodNotAllowed': (p) => ({ message: `${p.method} ${p.pathname}`, fix: `use ${p.allowed.join(' or ')}` }),
    'service.notFound': (p) => ({ message: `${p.method} ${p.pathname}`, fix: 'GET /openapi.json lists what this service answers' }),
    'service.unauthorized': (p) => ({ message: p.sent ? 'wrong token' : 'no Authorization header', fix: 'send the header "Authorization: Bearer TOKEN" with the token the service was started with' }),
    'service.bodyTooLarge': (p) => ({
      message: `more than ${size(p.bytes)}`,
      fix: 'send the records as NDJSON (Content-Type: application/x-ndjson), one record per line: a stream of any length is read line by line; or split the batch',
    }),
    'service.timeout': () => ({ message: 'the request was not finished in time', fix: 'send the whole body without pausing, or raise --timeout' }),
    'cli.unknownOption': (p) => ({ message: `unknown option ${p.option} for "${p.command}"`, fix: p.guess ? `did you mean --${p.guess}? (${commandHelp(p.command)})` : commandHelp(p.command) }),
    'cli.optionTakesNoValue': (p) => ({ message: `${p.option} takes no value`, fix: `write ${p.option} alone` }),
    'cli.optionNeedsValue': (p) => ({ message: `${p.option} needs a value`, fix: `write ${p.option} ${p.choices ? `followed by one of ${p.choices.join(', ')}` : (p.placeholder ?? 'a value')}` }),
    'cli.optionChoice': (p) => ({ message: `${p.option} ${JSON.stringify(p.value)} is not one of ${p.choices.join(', ')}`, fix: p.guess ? `did you mean ${p.option} ${p.guess}?` : `use one of ${p.choices.join(', ')}` }),
    'cli.optionTwice': (p) => ({ message: `${p.option} is given twice`, fix: `give ${p.option} once` }),
    'cli.optionFirst': (p) => ({ message: `${p.option} is not an option of credit-rules itself`, fix: `put a command first: credit-rules ${p.commands.join('|')} … (run credit-rules --help)` }),
    'cli.unknownCommand': (p) => ({ message: `unknown command "${p.command}"`, fix: `${p.guess ? `did you mean "${p.guess}"? ` : ''}the commands are ${p.commands.join(', ')} (run credit-rules --help)` }),
    'cli.notADate': (p) => ({ message: `${p.option} ${JSON.stringify(p.value)} is not a date`, fix: `write a real calendar date as YYYY-MM-DD, e.g. ${p.option} 2021-06-30` }),
    'cli.notAWholeNumber': (p) => ({ message: `${p.option} ${JSON.stringify(p.value)} is not a whole number`, fix: `write ${p.option} ${p.example}` }),
    'cli.needsRuleset': (p) => ({ message: `${p.command} needs --ruleset FILE`, fix: 'add --ruleset rulesets/enterprise.json' }),
    'cli.needsCases': (p) => ({
      message: `${p.command} needs --cases PATH`,
      fix: `add --cases rulesets/cases/enterprise (${p.records ? 'a folder of case files, a case file, or a records file' : 'a folder of case files, or one case file'})`,
    }),
    'cli.tokenNeeded': (p) => ({
      message: `serving on ${p.host} needs a token: any machine that reaches it could use it`,
      fix: 'set CREDIT_RULES_TOKEN (or --token) to a long random secret, which every request then sends as "Authorization: Bearer TOKEN" (the health checks /health and /ready excepted); or listen on 127.0.0.1',
    }),
    'cli.notAFolder': (p) => ({ message: `${p.path} is not a folder`, fix: 'give --rulesets the folder that holds the ruleset files (rulesets)' }),
    'cli.arguments': (p) => ARGUMENTS[p.command](p.got),
    'cli.limit': (p) => ({ message: `--limit ${JSON.stringify(p.value)} is not a number`, fix: 'write --limit 50, or --limit 0 to list every case' }),
    'cli.notAPort': (p) => ({ message: `--port ${p.port} is not a port`, fix: 'use 1 to 65535, or 0 for a free one' }),
    'cli.serveLimits': () => ({ message: '--max-body and --timeout must be more than 0', fix: 'write --max-body 16 --timeout 30' }),
    'cli.workers': () => ({ message: '--workers must be at least 1', fix: 'write --workers 2, or leave it out for one per core' }),
    'cli.xlsxToTerminal': () => ({ message: '--format xlsx writes a workbook, not text for the terminal', fix: 'add --output report.xlsx (or redirect: > report.xlsx)' }),
    'cli.kindsDiffer': (p) => ({
      message: `${p.old} scores ${p.oldKind} records and ${p.new} ${p.newKind} records: they are not versions of one table`,
      fix: 'compare two versions of the same table (enterprise with enterprise, project lead with project lead)',
    }),
    'cli.casesOfOtherKind': (p) => ({
      message: `${p.ruleset} scores ${p.kind} records, and every case in ${p.cases} is of ${p.kinds.join(', ')}`,
      fix: 'test a ruleset on its own cases (rulesets/cases/enterprise for enterprise.json, rulesets/cases/project-lead for project-lead.json)',
    }),
    'cli.sampleCase': () => ({ message: 'this is a sample case (a record with its expected result), not a record', fix: 'check it with credit-rules test RULESET --cases FILE, or evaluate its "record"' }),
    'cli.recordsToForecast': () => ({ message: 'a list of records', fix: 'put the one record to forecast in a file of its own' }),
    'file.missing': (p) => ({ message: 'no such file', fix: `check the path of the ${p.what} (relative paths start at ${p.cwd})` }),
    'file.directory': (p) => ({ message: 'is a directory, not a file', fix: `give the ${p.what}'s ${p.json ? '.json ' : ''}file, not its folder` }),
    'file.permission': () => ({ message: 'permission denied', fix: 'make the file readable for this user' }),
    'file.unreadable': (p) => ({ message: `cannot be read (${p.reason})`, fix: `check that the ${p.what} is a readable file` }),
    'file.unwritable': (p) => ({ message: `cannot be written (${p.reason})`, fix: 'check that its folder exists and is writable' }),
    'file.notUtf8': () => ({ message: 'is not UTF-8 text (saved as GBK or another encoding, or cut off in the middle of a character?)', fix: 'save the whole file as UTF-8' }),
    'file.tooLarge': (p) => ({ message: `is ${size(p.bytes)}; JSON files over ${size(p.limit)} are not read whole`, fix: 'write the records as .ndjson, one record per line: it is streamed in bounded memory' }),
    'file.jsonTooLarge': (p) => ({ message: `holds more than ${size(p.limit)} of JSON, which is not read whole`, fix: 'send one record per line (NDJSON), or a JSON array: both are streamed in bounded memory' }),
    'file.empty': () => ({ message: 'is empty', fix: 'write one JSON value in it: a ruleset or a record is an object {…}, several records a list […]' }),
    'file.tooDeep': (p) => ({ message: `is nested more than ${p.depth} levels deep`, fix: 'no ruleset, case or record is nested like this: check how the file was generated' }),
    'file.lineTooLong': (p) => ({ message: `line is ${p.bytes} bytes long, more than a record may be`, fix: 'put one record on each line; check that the file really is NDJSON' }),
    'file.lineNotUtf8': () => ({ message: 'line is not UTF-8 text (saved as GBK or another encoding?)', fix: 'save the file as UTF-8' }),
    'file.recordsDirectory': () => ({ message: 'is a directory, not a records file', fix: 'give a .json or .ndjson file of records (a folder of cases goes to "credit-rules test --cases")' }),
    'file.noRulesets': () => ({ message: 'holds no .json ruleset files', fix: 'give a ruleset file, or a folder holding versions of one ruleset (rulesets/enterprise-versions)' }),
    'file.mixedRulesets': (p) => ({
      message: `is a directory, not a file, nor a folder of versions of one ruleset: it holds rulesets ${p.rulesets.map((r) => `${r.id} (${r.files.join(', ')})`).join(', ')}`,
      fix: "give one ruleset's file (rulesets/enterprise.json), or a folder holding only the versions of one ruleset",
    }),
    'file.noCases': () => ({ message: 'holds no .json case files', fix: 'point --cases at a folder of case files (rulesets/cases/enterprise) or at one case file' }),
    'file.notARuleset': (p) => ({ message: `is not a ruleset: it has no "indicators"${p.looks ? ` (it looks like ${LOOKS[p.looks]})` : ''}`, fix: 'give a ruleset file such as rulesets/enterprise.json' }),
    'git.missing': () => ({ message: 'git is not installed (or not on the PATH), so a ruleset cannot be read from a revision', fix: 'install git, or give the ruleset as a file' }),
    'git.failed': (p) => ({ message: `git could not be run (${p.reason})`, fix: 'check that git works in this folder, or give the ruleset as a file' }),
    'git.notARevision': (p) => ({ message: `"${p.rev}" is not a revision`, fix: 'write REV:PATH, e.g. HEAD:rulesets/enterprise.json' }),
    'git.noPath': () => ({ message: 'names no path after the revision', fix: 'write REV:PATH, e.g. HEAD:rulesets/enterprise.json' }),
    'git.notARepository': () => ({ message: 'the current folder is not inside a git repository', fix: 'run credit-rules inside the repository, or give the ruleset as a file' }),
    'git.unknownRevision': (p) => ({ message: `no revision "${p.rev}" in this git repository`, fix: 'name a commit, branch or tag (git log --oneline lists commits)' }),
    'git.noSuchPath': (p) => ({ message: `revision ${p.rev} has no ${p.path}`, fix: `give the path from the repository root (git ls-tree -r --name-only ${p.rev} lists the files)` }),
    'git.commandFailed': (p) => ({ message: `git ${p.command} failed: ${p.stderr}`, fix: 'check the revision and path' }),
    'git.notAFile': (p) => ({ message: `is a git ${p.type}, not a file or folder`, fix: 'give the path of a ruleset file or of a folder of versions' }),
    'git.noRulesets': (p) => ({ message: `holds no .json ruleset files in revision ${p.rev}`, fix: 'give a ruleset file, or a folder holding versions of one ruleset' }),
    'usage.notCompiled': () => ({ message: 'the ruleset is not a compiled ruleset', fix: 'pass what loadRuleset(json) returns, not the ruleset JSON itself' }),
    'usage.notADate': (p) => ({ message: `the evaluation date ${p.value} is not a date`, fix: 'write a real calendar date as YYYY-MM-DD, such as 2021-06-30' }),
    'usage.recordsNotAList': () => ({ message: 'the records are not a list', fix: 'pass an array (or any iterable) of records; for one record, call evaluate' }),
    'usage.recordUnreadable': (p) => ({ message: `reading the record failed: ${p.reason}`, fix: 'pass plain data, as JSON.parse makes it' }),
    'usage.noRulesetToForecast': () => ({ message: 'no ruleset to forecast with', fix: 'pass a compiled ruleset, or the compiled versions of one' }),
    'usage.untilBeforeAsOf': (p) => ({ message: `until ${p.until} is before the evaluation date ${p.asOf}`, fix: 'give a date on or after the evaluation date' }),
    'usage.noVersionInForce': (p) => ({ message: `no version of ruleset ${p.id} is in force on ${p.asOf}`, fix: 'forecast from a date one of the versions covers' }),
    'cli.cannotListen': (p) => ({ message: `cannot listen on ${p.host}:${p.port} (${p.reason})`, fix: p.inUse ? 'another process uses that port: choose another with --port' : 'check --host and --port' }),
  },

  period,

  hint: {
    zeroPoints: (p) => (p.levels ? `every level of ${p.clause} scores 0 points: the clause no longer counts` : `${p.clause} scores 0 points: the clause no longer counts`),
    zeroMonths: (p) =>
      p.parameter === undefined
        ? `${p.clauses.join(', ')} counts for 0 months: only events of the evaluation's own ${p.day ? 'day' : 'month'} count`
        : `events of ${p.clauses.join(', ')} without their own period count for 0 months: only those of the evaluation's own ${p.day ? 'day' : 'month'} count`,
    zeroLimit: (p) =>
      p.kind === 'bonus'
        ? `${p.item} gives at most 0: none of its clauses adds anything`
        : p.kind === 'reduction'
          ? `${p.item} takes off at most 0: none of its clauses takes anything off`
        : p.kind === 'check'
          ? `${p.item} has a full score of 0: none of its clauses scores anything`
          : `${p.item} has a full score of 0: there is nothing for its clauses to take`,
    unreachableGrade: (p) => `the ${p.grade} line (${p.min}) is above the most this table gives (${p.most}): no entity can reach it`,
    citationNumber: (p) =>
      `the cited text says ${p.says.map((s) => `“${s}”`).join(', ')}, not ${p.value} ${p.unit === 'points' ? pointUnit(p.amountUnit) : p.unit}: check the number, or update the cited text too`,
  },

  warning: {
    'period.outside': (p) =>
      `evaluated on ${p.date}, outside the period of ruleset ${p.id} ${p.version} (in force ${period(p)}): the score is what this version gives, which may not be the rule in force on that date`,
    'event.typeUnknown': (p) => `event type "${p.type}" is not used by ruleset ${p.ruleset}; it scores nothing`,
    'event.typeUnused': (p) => `no rule of ruleset ${p.ruleset} uses "${p.type}"`,
  },

  headline: {
    'ruleset.tooDeep': (p) => `the ruleset nests deeper than ${p.depth} levels`,
    'ruleset.schema': () => 'the ruleset does not match schemas/ruleset.schema.json',
    'ruleset.references': () => 'the ruleset has references that do not resolve or numbers that do not fit',
    'record.invalid': () => 'the record is invalid',
    'case.schema': () => 'the case does not match schemas/case.schema.json',
    'case.record': (p) => (p.ruleset === undefined ? "the case's record is invalid" : `the case's record does not fit ruleset ${p.ruleset}`),
    'forecast.records': (p) => `holds ${p.count} records; a forecast is of one record`,
    'versions.empty': (p) => `no ruleset version to choose from for ${p.date}`,
    'versions.notOneRuleset': () => 'these are not versions of one ruleset',
    'versions.unknown': (p) => `ruleset ${p.id} has no version ${p.version}`,
    'versions.outsidePeriod': (p) => `version ${p.version} (${p.status}, in force ${p.from}${p.to ? ` to ${p.to}` : ' on'}) of ruleset ${p.id} is not in force on ${p.date}`,
    'versions.noneInForce': (p) => `no version of ruleset ${p.id} is in force on ${p.date}`,
    'json.invalid': (p) => `not valid JSON${p.line !== undefined ? ` at line ${p.line}, column ${p.column}` : p.column !== undefined ? ` at column ${p.column}` : ''}`,
    'json.limit': (p) => `${en.problem[p.problem.code](p.problem.params as never).message} (at line ${p.line}, column ${p.column})`,
    'json.notUtf8': (p) => `${en.problem['json.notUtf8']({}).message} at line ${p.line}, column ${p.column}`,
  },

  operator: {
    equal: 'equals', notEqual: 'does not equal', in: 'is one of', notIn: 'is none of', contains: 'contains', doesNotContain: 'does not contain',
    lessThan: 'is less than', lessThanInclusive: 'is at most', greaterThan: 'is greater than', greaterThanInclusive: 'is at least',
    dateBefore: 'is before', dateOnOrBefore: 'is on or before', dateAfter: 'is after', dateOnOrAfter: 'is on or after', missing: 'is missing',
  },

  size,

  cli: {
    columns: { id: 'id', name: 'name', score: 'score', grade: 'grade', asOf: 'as of' },
    grade: (p) => (!p.eligible ? '— not graded' : p.downgraded ? `${p.grade ?? '—'} downgraded (table ${p.computedGrade ?? '—'})` : (p.grade ?? '—')),
    invalid: '✗ invalid',
    place: (p) => (p.line !== undefined ? `line ${p.line}` : p.item !== undefined ? `item ${p.item}` : '—'),
    summary: (p) =>
      [
        `${p.total} record${p.total === 1 ? '' : 's'}`,
        `${p.scored} scored`,
        p.downgraded ? `${p.downgraded} of them decided by a downgrade (the score is the lowest of the grade downgraded to; the table's own grade in brackets)` : '',
        p.invalid ? `${p.invalid} invalid (why: see standard error)` : '',
      ].filter(Boolean).join(', '),
    forecastHeading: (p) => `${p.id}${p.name ? ` ${p.name}` : ''}: from ${p.asOf}, if nothing new happens`,
    forecastColumns: { date: 'date', score: 'score', grade: 'grade', change: 'change', reason: 'reason' },
    evaluationDay: 'evaluation date',
    complete: 'no change after this',
    incomplete: (p) => `still changing after ${p.until} (leave out --until to see the last change)`,
    restore: 'Grades restored',
    without: (p) => `Without one of these events the grade on ${p.asOf} would be higher`,
    warning: (p) => `warning: ${p.place}${p.recordId ? `, record ${p.recordId}` : ''}: ${p.text}`,
    moreErrors: (p) => `… more errors follow; only the first ${p.limit} are shown`,
    moreWarnings: (p) => `… more warnings follow; only the first ${p.limit} are shown`,
    evaluated: (p) =>
      `credit-rules: ${[
        `${p.scored} of ${p.total} record${p.total === 1 ? '' : 's'} scored`,
        p.invalid ? `${p.invalid} invalid (no score)` : '',
        p.internal ? `${p.internal} failed on an internal error` : '',
        p.warnings ? `${p.warnings} warning${p.warnings === 1 ? '' : 's'}` : '',
      ].filter(Boolean).join('; ')}`,
    noRecords: (p) => `warning: ${p.file === '-' ? 'standard input' : p.file} holds no records`,
    record: (p) => `record ${p.id}`,
    underVersion: (p) => `${p.message} (under the ${p.side} version)`,
    diff: {
      noCases: (p) => `warning: ${p.path} holds no cases or records`,
      gradesChanged: (p) => `credit-rules: ${p.count} case${p.count === 1 ? '' : 's'} change grade (--fail-on-grade-change)`,
      compared: (p) => `credit-rules: ${p.compared} of ${p.total} compared; ${p.failed} could not be (see above)`,
    },
    validate: {
      ruleset: (p) => `ruleset ${p.id} ${p.version} (${plural(p.indicators, 'indicator')}, ${plural(p.clauses, 'clause id')})`,
      case: (p) => `case "${p.name}"${p.ruleset ? ` (record checked against ruleset ${p.ruleset})` : ''}`,
      records: (p) => `${plural(p.total, 'record')}${p.ruleset ? ` (checked against ruleset ${p.ruleset.id} ${p.ruleset.version})` : ' (schema only; add --ruleset to check event types and values)'}`,
      recordsInvalid: (p) => `${p.invalid} of ${plural(p.total, 'record')} invalid`,
      moreInvalid: (p) => `… and ${p.more} more invalid records`,
      noRecords: 'holds no records',
      noRecordsFix: 'a records file holds one record, an array of records, or one record per line (.ndjson)',
      emptyFolder: 'the folder holds no .json or .ndjson files',
      rulesetOption: (p) => `${p.code} (--ruleset; the other files are checked by schema only)`,
      total: (p) => `${p.valid} valid, ${p.invalid} invalid`,
    },
    test: {
      difference: (p) => (p.absent ? `no indicator ${p.field}` : `${p.field === 'computedScore' ? 'computed score' : p.field} ${p.actual}, expected ${p.expected}`),
      total: (p) => `${p.passed} passed, ${p.failed} failed${p.invalid ? ` (${plural(p.invalid, 'case file')} invalid)` : ''}`,
      unexercised: (p) => `${plural(p.ids.length, 'clause id')} no case exercises: ${p.ids.join(', ')}`,
      unexercisedFix: '  add a case whose result scores, caps, vetoes or downgrades by each of them',
      exercised: 'every clause id of the ruleset is exercised',
      allowed: '  (allowed: --allow-unexercised)',
      exit: (p) => `exit 1: ${[p.failed ? `${plural(p.failed, 'case')} failed` : '', p.unexercised ? `${plural(p.unexercised, 'clause id')} unexercised` : ''].filter(Boolean).join(' and ')}`,
      sensitivity: (p) => `sensitivity: ${p.numbers} numbers moved one step each way (${p.moves} rulesets run): ${p.pinned} pinned by a case, ${p.unpinned} not`,
      sensitivityNotRun: 'sensitivity: not run, a case fails as it is (fix the cases first)',
      unnoticed: (p) => `  ✗ ${p.owner} ${p.kind} ${p.value} → ${p.unnoticed.join(' or ')} unnoticed (${p.path})`,
      wouldPin: (p) => {
        const both = p.lower && p.higher;
        switch (p.kind) {
          case 'points':
            return `no case's score turns on ${p.owner}'s ${p.value}: add one where an event of ${p.owner} counts and no cap or maximum absorbs it`;
          case 'clauseCap':
          case 'itemCap':
            return `no case reaches the ${p.owner} cap of ${p.value}${both ? '' : p.higher ? ' (one that goes past it)' : ' (one that stops exactly at it)'}`;
          case 'itemMax':
            return `no case reaches the ${p.owner} maximum of ${p.value}${p.higher ? ' (one that goes past it)' : ' (one that stops exactly at it)'}`;
          case 'itemFull':
          case 'itemBase':
            return `no case's score shows ${p.owner}'s ${p.kind === 'itemFull' ? 'full' : 'base'} score of ${p.value}`;
          case 'windowMonths':
            return `no case has an event of ${p.owner} at the ${p.value}-month edge: ${[p.lower ? 'one counted in the last month of the window' : '', p.higher ? 'one lapsed in the month after it' : ''].filter(Boolean).join(' and ')}`;
          case 'gradeLine':
            return `no case scores ${p.lower ? `just under the ${p.owner} line of ${p.value} (${p.below} to ${p.value})` : ''}${both ? ' nor ' : ''}${p.higher ? `exactly on the ${p.owner} line of ${p.value}` : ''}`;
          case 'downgradeFloor':
            return `no case is downgraded to ${p.label} with the floor of ${p.value} deciding its score`;
          case 'dateParameter':
            return `no case has an event on the day ${p.value} (${p.owner}: ${p.label}) ${both ? 'nor the day before' : p.higher ? '' : 'or the day before'}`.trim();
          case 'perStep':
          case 'perAbove':
          case 'perBelow':
            return `no case's ${p.label} sits where ${p.owner}'s ${p.kind === 'perStep' ? 'step' : p.kind === 'perAbove' ? 'threshold (above)' : 'threshold (below)'} of ${p.value} decides its points`;
          default:
            return `no case sits at the edge of ${p.owner} (${p.label}) = ${p.value}`;
        }
      },
      inertHeading: '  moves no record could notice (by construction, no case needed):',
      inert: {
        pointsPastItemLimit: (limit) => `past its item's limit of ${limit}, where the item stops first`,
        capPastFull: (limit) => `past the full score of ${limit}, where the floor at 0 stops deductions first`,
        fullPastClauses: (limit) => `past the ${limit} its clauses can give`,
        fullPastExclusiveClauses: (limit) => `past the ${limit} its clauses can give together (clauses that ask one field of the record for different values never both hold)`,
        betweenScores: (grain) => `between two scores a record can have (every score is a multiple of ${grain})`,
      },
      allPinned: '  every number is pinned by at least one case',
    },
  },

  report: {
    title: 'Ruleset comparison', old: 'old version', new: 'new version', version: 'version', status: 'status', effective: 'in force', source: 'source',
    kind: 'kind', policyRow: 'policy change', caseRow: 'case', id: 'id', name: 'name', asOf: 'evaluated on', oldScore: 'old score', oldGrade: 'old grade', newScore: 'new score',
    newGrade: 'new grade', change: 'change', gradeChange: 'grade change', oldComputed: 'old table score', newComputed: 'new table score', oldDowngraded: 'old downgraded', newDowngraded: 'new downgraded',
    nearLine: 'near grade line', distance: 'distance to line', error: 'error', items: 'items that moved', explanation: 'explanation (why it moved)', reasons: 'why it moved',
    clause: 'clause', label: 'label', what: 'change', hint: 'note', policy: 'Policy changes', noPolicy: 'none: the two versions score alike', transitions: 'Grade transitions', count: 'cases',
    moved: 'Cases whose score or grade moves', noneMoved: 'no case moves', near: (n: number) => `Cases within ${n} of a grade line under the new version`, none: 'none',
    computedOnly: 'Cases whose table score moves while a downgrade keeps their result', distribution: 'Grade distribution', before: 'old version', after: 'new version', ungraded: 'not graded', unscored: 'not compared',
    line: 'grade line', summary: (total: number, changed: number, graded: number, same: number) => `${total} cases: ${changed} move in score or grade, ${graded} change grade, ${same} unchanged`,
    yes: 'yes', no: 'no', cases: 'cases', sheetPolicy: 'Policy changes', sheetMoved: 'Moved cases', sheetTransitions: 'Grade transitions', sheetNear: 'Near a grade line', sheetDistribution: 'Grade distribution', sheetComputed: 'Under a downgrade',
    generated: 'generated', page: 'page', grade: 'grade',
    period: (from: string, to?: string) => (to === undefined ? `from ${from}` : `${from} to ${to}`),
    versionLine: (name: string, status: string, period: string, source: string) => `${name} (${status}, ${period}) ${source}`,
    sameNumber: (version: string) => `note: both sides are numbered ${version}; give the new version a number of its own so the two are not confused`,
    sameVersion: (name: string) => `note: both sides are the same version (${name}) and score alike`,
    numbered: (title: string, n: number) => `${title} (${n})`, counted: (title: string, n: number) => `${title} (${n})`, stop: '.',
    impact: 'Impact on the cases', impactLine: (summary: string) => `Impact on the cases — ${summary}`, colon: ': ', listSep: ', ', clauseSep: '; ', paren: (text: string) => ` (${text})`, versionInfo: 'Version',
    alsoComputed: (n: number) => `${n} more whose table score moves while a downgrade keeps their result`, notCompared: (n: number) => `${n} could not be compared (see standard error)`,
    more: (n: number) => `… ${n} more not listed (--limit 0 lists all, or use --format csv or json)`, caseCount: (n: number) => (n === 1 ? '1 case' : `${n} cases`),
    downgraded: ' (downgraded)', tableScore: (n: number) => ` (table ${n})`, gap: 'distance', resultUnchanged: 'result (unchanged)',
    recalc: (months: number | string) => ` (${months} months after the downgrade the new table decides)`, comparison: 'Ruleset comparison',
  },
};
