/**
 * When a score recovers: a record's score and grade over time if nothing new happens, and what
 * would restore its grade.
 *
 * The engine knows every date on which a result can change without a new event, because each
 * mechanism can say them for a record: a window's event counts from its date to the day after
 * its last day counted (window.ts; a veto is a clause with a window too), the base score starts
 * or stops with a project's permit date and lookback (base.ts), a downgrade comes with its
 * event and ends `recalcMonths` after it (downgrade.ts), a condition on the evaluation date
 * turns where the date passes what it is compared with (asOfFacts.ts), and a folder of
 * versions changes version where one starts or ends (versions.ts). The forecast evaluates the
 * record on each of those dates and keeps those where the score or grade changes; between two
 * of them nothing the result depends on changes, so neither does the result. Nothing here
 * knows a regulation: the dates come from the ruleset's data, the reasons are the trace lines
 * that are new on the date (the regulation's labels and cited text, zh and en).
 */
import { asOfChangeDates } from '../asOfFacts.js';
import { programTargets, type CompiledRuleset } from '../compile.js';
import { addDays, isIsoDate, today } from '../dates.js';
import { fromMilli, toMilli } from '../decimal.js';
import { downgradeChangeDates } from '../downgrade.js';
import { evaluate } from '../evaluate.js';
import { en } from '../messages/en.js';
import { zhCN } from '../messages/zh-CN.js';
import { DEFAULT_UNIT, type ForecastCode, type ForecastParamsByCode, type TraceExplanation } from '../messages/codes.js';
import { baseChangeDates } from '../mechanisms/base.js';
import { windowChangeDates } from '../mechanisms/window.js';
import { eventRef } from '../trace.js';
import { checkCompiled, checkDate, usage } from '../usage.js';
import { inForce, selectVersion } from './versions.js';
import type { EntityRecord, Outcome, Result, TraceEntry, Window } from '../types.js';

export interface ForecastOptions {
  /** The date the forecast starts from: else the record's `asOf`, else today. */
  asOf?: string;
  /** The last date the timeline shows (what restores a grade looks further, to the last change). */
  until?: string;
}

/** A line a forecast writes itself, as a code, its params and its sentences. */
export type ForecastNote = { [C in ForecastCode]: { code: C; params: ForecastParamsByCode[C]; message: string; en: string } }[ForecastCode];

/** The result from a date on, until the next step. */
export interface ForecastStep extends Outcome {
  /** From this date on. */
  date: string;
  /** The ruleset version that scores it. */
  ruleset: { id: string; version: string };
  /** The score minus the step before's (0 for the first step, the evaluation date). */
  change: number;
  /**
   * Why the result changes on this date: the trace lines of this date that the day before did
   * not have (an event no longer counting, a downgrade's months over, a base score starting),
   * in the trace's order, after a note when another version comes into force. None for the first step.
   */
  reasons: (TraceEntry | ForecastNote)[];
}

/** When a grade above the present one is reached if nothing new happens, or why never. */
export interface GradeRestore {
  grade: string;
  min: number;
  /** The first date the record has this grade or a higher one; null: never. */
  date: string | null;
  note: ForecastNote;
  /** For never: what still keeps the score down once nothing changes any more (trace lines: deductions, vetoes, a base score, a check not met). */
  standing: TraceEntry[];
}

/** An event that, had it not happened, would give a higher grade on the evaluation date. */
export interface WithoutEvent {
  /** The event as the trace names it (its id, or `events[i]`). */
  event: string;
  date: string;
  type: string;
  score: number;
  grade: string | null;
  /** The score without it minus the score with it. */
  gain: number;
  note: ForecastNote;
  /** What the event does on the evaluation date: its trace lines. */
  lines: TraceEntry[];
}

export interface Forecast {
  id: string;
  /** The date it starts from. */
  asOf: string;
  /** The last date the timeline shows, when one was given. */
  until?: string;
  /** The result on `asOf`, then each date its score or grade changes if nothing new happens. */
  steps: ForecastStep[];
  /** Whether the steps go to the last change: after the last one nothing changes any more. */
  complete: boolean;
  /** Each grade above the present one, the next one up first. */
  restore: GradeRestore[];
  /** The events without which the grade on `asOf` would be higher, the largest gain first. */
  without: WithoutEvent[];
}

/** What a forecast writes, in both languages. */
function note<C extends ForecastCode>(code: C, params: ForecastParamsByCode[C]): ForecastNote {
  const say = (catalogue: typeof zhCN): string => (catalogue.forecast[code] as (p: ForecastParamsByCode[C]) => string)(params);
  return { code, params, message: say(zhCN), en: say(en) } as ForecastNote;
}

const windowsOfType = new WeakMap<CompiledRuleset, Map<string, (Window | undefined)[]>>();

/** The distinct windows of the clauses an event of `type` can meet (those of its type's program and of any type's). */
function windowsFor(compiled: CompiledRuleset, type: string): (Window | undefined)[] {
  let byType = windowsOfType.get(compiled);
  if (!byType) windowsOfType.set(compiled, (byType = new Map()));
  let windows = byType.get(type);
  if (!windows) {
    const programs = [compiled.programsByType.get(type), compiled.untypedProgram].filter((p) => p !== undefined);
    const found = new Set<Window | undefined>();
    for (const program of programs) {
      for (const target of programTargets(compiled, program)) if (target.kind === 'level') found.add(compiled.clauses[target.clause]!.window);
    }
    byType.set(type, (windows = [...found]));
  }
  return windows;
}

/** Every date after `from` on which a version's result for the record may change. */
function changeDates(compiled: CompiledRuleset, record: EntityRecord): string[] {
  const dates: string[] = [];
  for (const event of record.events ?? []) {
    for (const window of windowsFor(compiled, event.type)) dates.push(...windowChangeDates(event, window, compiled.parameters));
  }
  dates.push(...baseChangeDates(compiled, record), ...downgradeChangeDates(compiled, record), ...asOfChangeDates(compiled, record));
  return dates;
}

/** The dates a version starts or stops being in force. */
function versionDates(versions: readonly CompiledRuleset[]): string[] {
  if (versions.length < 2) return [];
  return versions.flatMap(({ ruleset }) => (ruleset.effectiveTo === undefined ? [ruleset.effectiveFrom] : [ruleset.effectiveFrom, addDays(ruleset.effectiveTo, 1)]));
}

/** The result from a date on, and why it changed that day. */
interface State {
  date: string;
  compiled: CompiledRuleset;
  result: Result;
  reasons: (TraceEntry | ForecastNote)[];
}

/** What identifies a trace line from one date to the next: its code, clause, rule, item and events. */
const lineKey = (line: TraceEntry): string => `${line.code}|${line.clause}|${line.rule ?? ''}|${line.item ?? ''}|${(line.events ?? []).join(',')}`;

/** Whether a trace line keeps the score down: points taken, a veto, a base score, a check not met, no grade. */
const holdsDown = (line: TraceEntry): boolean => line.points < 0 || line.code === 'item.startBase' || line.code === 'check.unmet' || line.code === 'eligibility.failed';

/** How high a grade stands: 0 for the top one; no grade below every grade. */
function rank(compiled: CompiledRuleset, grade: string | null): number {
  const i = grade === null ? -1 : compiled.ruleset.grades.findIndex((g) => g.grade === grade);
  return i < 0 ? compiled.ruleset.grades.length : i;
}

/** Whether a result differs from another in what the timeline shows: the score, the grade, eligibility. */
const differs = (a: Result, b: Result): boolean => a.score !== b.score || a.grade !== b.grade || a.eligible !== b.eligible;

/**
 * The forecast of a record: its result on `asOf` and on each later date its score or grade
 * changes if nothing new happens, with the reasons; when each higher grade comes back, or why
 * never; and which single event cost the grade on `asOf`. `rulesets` is one compiled ruleset,
 * or the versions of one (the version in force on each date scores it; the timeline ends
 * where none is). Throws `RECORD_INVALID` for an invalid record, `USAGE` for bad arguments.
 */
export function forecast(rulesets: CompiledRuleset | readonly CompiledRuleset[], record: unknown, options: ForecastOptions = {}): Forecast {
  const versions: readonly CompiledRuleset[] = Array.isArray(rulesets) ? rulesets : [rulesets as CompiledRuleset];
  if (!versions.length) throw usage('usage.noRulesetToForecast', {});
  for (const v of versions) checkCompiled(v);
  if (options.asOf !== undefined) checkDate(options.asOf);
  if (options.until !== undefined) checkDate(options.until);

  const versionOn = (date: string): CompiledRuleset | undefined => {
    if (versions.length === 1) return versions[0];
    if (!versions.some((v) => inForce(v.ruleset, date))) return undefined;
    const chosen = selectVersion(versions.map((v) => v.ruleset), date);
    return versions.find((v) => v.ruleset === chosen);
  };
  const validated = new Set<CompiledRuleset>();
  const evaluateOn = (compiled: CompiledRuleset, date: string, trace: boolean, of: unknown = record): Result => {
    const validate = !validated.has(compiled);
    const result = evaluate(compiled, of, { asOf: date, trace, validate });
    validated.add(compiled);
    return result;
  };

  const own = record !== null && typeof record === 'object' ? (record as { asOf?: unknown }).asOf : undefined;
  const asOf = options.asOf ?? (typeof own === 'string' ? own : today());
  checkDate(asOf);
  if (options.until !== undefined && options.until < asOf) throw usage('usage.untilBeforeAsOf', { until: options.until, asOf });
  const first = versionOn(asOf);
  if (!first) throw usage('usage.noVersionInForce', { id: versions[0]!.ruleset.id, asOf });
  const now = evaluateOn(first, asOf, true);
  const valid = record as EntityRecord;

  // Every date a result may change on, after asOf, in order (none past 9999-12-31, which no
  // evaluation date can be); then the result on each. Between
  // two of these dates nothing the result depends on changes, so the day before one is scored as
  // the one before it: a step's reasons are its lines that the previous date's trace did not have.
  const candidates = [...new Set([...versions.flatMap((v) => changeDates(v, valid)), ...versionDates(versions)])].filter((d) => d > asOf && isIsoDate(d)).sort();
  const states: State[] = [{ date: asOf, compiled: first, result: now, reasons: [] }];
  let previous = { compiled: first, since: asOf, lines: now.trace ?? [], keys: new Set((now.trace ?? []).map(lineKey)) };
  let ended = false;
  for (const date of candidates) {
    const compiled = versionOn(date);
    // No version in force from here on: the timeline ends, and is not complete.
    if (!compiled) {
      ended = true;
      break;
    }
    const result = evaluateOn(compiled, date, true);
    const lines = result.trace ?? [];
    if (differs(result, states[states.length - 1]!.result)) {
      const reasons: (TraceEntry | ForecastNote)[] = lines.filter((line) => !previous.keys.has(lineKey(line)));
      // A day that only lost lines (eligibility regained) says which.
      if (!reasons.length) {
        const keys = new Set(lines.map(lineKey));
        for (const gone of previous.lines) if (!keys.has(lineKey(gone))) reasons.push(note('forecast.gone', { line: { code: gone.code, params: gone.params } as TraceExplanation }));
      }
      // Another version than the step before's: since when, first.
      if (compiled !== states[states.length - 1]!.compiled) {
        const { id, version, status } = compiled.ruleset;
        reasons.unshift(note('forecast.version', { id, version, status, from: compiled === previous.compiled ? previous.since : date }));
      }
      states.push({ date, compiled, result, reasons });
    }
    previous = { compiled, since: compiled === previous.compiled ? previous.since : date, lines, keys: new Set(lines.map(lineKey)) };
  }
  const complete = !ended && (options.until === undefined || states[states.length - 1]!.date <= options.until);

  const steps = states
    .filter((s) => options.until === undefined || s.date <= options.until)
    .map((state, k, shown): ForecastStep => {
      const { result } = state;
      return {
        date: state.date,
        score: result.score,
        grade: result.grade,
        computedScore: result.computedScore,
        computedGrade: result.computedGrade,
        downgraded: result.downgraded,
        eligible: result.eligible,
        ruleset: result.ruleset,
        change: k === 0 ? 0 : fromMilli(toMilli(result.score) - toMilli(shown[k - 1]!.result.score)),
        reasons: state.reasons,
      };
    });

  const unit = first.ruleset.unit ?? DEFAULT_UNIT;
  const present = rank(first, now.grade);
  const last = states[states.length - 1]!;
  const restore: GradeRestore[] = [];
  for (let g = present - 1; g >= 0; g--) {
    const { grade, min } = first.ruleset.grades[g]!;
    const reached = states.find((s) => rank(s.compiled, s.result.grade) <= g);
    if (reached) {
      restore.push({ grade, min, date: reached.date, note: note('restore.reached', { grade, min, date: reached.date, unit }), standing: [] });
      continue;
    }
    const end = last.result;
    const standing = (end.trace ?? []).filter(holdsDown);
    const why = end.eligible
      ? note('restore.never', { grade, min, score: end.score, since: last.date, unit })
      : note('restore.ineligible', { grade, reasons: end.ineligibleReasons ?? [] });
    restore.push({ grade, min, date: null, note: why, standing });
  }

  // The events that cost points on asOf, vetoed an indicator or lowered the grade; one whose
  // points could not lift the score to the next grade line is left out without evaluating: within
  // an item every amount has the item's sign, so the event's absence gives back at most its own
  // points (what it displaced, kept one, or deducted once, takes no more). Where one is kept across
  // items, an absence may let a bonus in, so each is evaluated.
  const events = valid.events ?? [];
  const nextLine = present > 0 ? first.ruleset.grades[present - 1]!.min : Infinity;
  const across = Boolean(first.ruleset.keepOne) || first.ruleset.indicators.some((i) => i.keepOne);
  const without: WithoutEvent[] = [];
  events.forEach((event, i) => {
    if (event.date > asOf || present === 0 || !now.eligible) return;
    const ref = eventRef(event, i);
    const lines = (now.trace ?? []).filter((line) => line.events?.includes(ref) && (line.points < 0 || line.kind === 'veto' || line.kind === 'downgrade'));
    if (!lines.length) return;
    const decisive = lines.some((line) => line.kind !== 'points');
    const most = lines.reduce((sum, line) => sum - Math.min(line.points, 0), 0);
    if (!decisive && !across && (now.downgraded || now.score + most < nextLine)) return;
    const other = evaluateOn(first, asOf, false, { ...valid, events: events.filter((_, j) => j !== i) });
    if (rank(first, other.grade) >= present) return;
    const gain = fromMilli(toMilli(other.score) - toMilli(now.score));
    const label = first.ruleset.eventTypes[event.type]?.label ?? event.type;
    without.push({
      event: ref, date: event.date, type: event.type, score: other.score, grade: other.grade, gain,
      note: note('restore.without', { event: ref, date: event.date, label, asOf, score: other.score, gain, grade: other.grade, unit }),
      lines,
    });
  });
  without.sort((a, b) => b.gain - a.gain);

  return { id: now.id, asOf, ...(options.until !== undefined ? { until: options.until } : {}), steps, complete, restore, without };
}
