/**
 * Why a case moved between two versions: the two results' traces compared line by line, by
 * their codes and params (never their sentences), with the policy changes for what the traces
 * cannot show (a grade line). Each reason is data, a code and its params
 * (engine/messages/codes.ts `MoveParamsByCode`), with its Chinese and English sentence.
 * Nothing here knows a regulation: it reads the trace codes every ruleset writes.
 */
import { catalogues } from '../explain.js';
import { fromMilli, toMilli } from '../decimal.js';
import type { LimitKind, LimitSide, Locale, MoveCode, MoveExplanation, MoveParamsByCode, TraceCode, TraceParamsByCode } from '../messages/codes.js';
import { DEFAULT_UNIT } from '../messages/codes.js';
import type { Result, TraceEntry } from '../types.js';
import type { PolicyChange } from './diff.js';

/** One reason a case moved: its code, params and sentences. */
export type MoveReason = MoveExplanation & {
  /** The clause or item it concerns (its id), or the grade whose line moved. */
  clause: string;
  /** The Chinese sentence (the zh-CN catalogue's). */
  message: string;
  /** The English one. */
  en: string;
};

/** A reason said again in `locale` from its code and params. */
export function explainReason(reason: MoveExplanation, locale: Locale): string {
  const catalogue = Object.hasOwn(catalogues, locale) ? catalogues[locale] : catalogues['zh-CN'];
  return (catalogue.move[reason.code] as (p: MoveExplanation['params']) => string)(reason.params);
}

const reason = <C extends MoveCode>(clause: string, code: C, params: MoveParamsByCode[C]): MoveReason => {
  const what = { code, params } as MoveExplanation;
  return { ...what, clause, message: explainReason(what, 'zh-CN'), en: explainReason(what, 'en') };
};

type Params<C extends TraceCode> = TraceParamsByCode[C];
const paramsOf = <C extends TraceCode>(line: TraceEntry, _code: C): Params<C> => line.params as Params<C>;

/** Lines that count an event's points under a clause. */
const COUNTING = new Set<TraceCode>(['clause.points', 'clause.zero', 'multiplier.extra']);
/** Lines that say why a matched event counts nothing under a clause. */
const NOT_COUNTING = new Set<TraceCode>(['window.lapsed', 'window.afterAsOf', 'keep.notAgain', 'keep.oncePer', 'keep.highest', 'keep.ordered']);
const LIMITS = new Set<TraceCode>(['clause.cap', 'item.cap', 'bonus.max', 'check.max', 'item.floor', 'reduction.max', 'reduction.floor']);

/** What one side's trace says about one thing (an event under a clause, a cap, a start…). */
interface Seen {
  lines: TraceEntry[];
}

/** The lines of both traces grouped by what they are about, in the new trace's order, then the old one's. */
function group(older: readonly TraceEntry[], newer: readonly TraceEntry[]): Map<string, { old?: Seen; new?: Seen }> {
  const groups = new Map<string, { old?: Seen; new?: Seen }>();
  const add = (side: 'old' | 'new', line: TraceEntry): void => {
    const key = keyOf(line);
    if (key === undefined) return;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {}));
    (g[side] ??= { lines: [] }).lines.push(line);
  };
  // The new trace first, so reasons come in the new table's order; what only the old one has follows.
  for (const line of newer) add('new', line);
  for (const line of older) add('old', line);
  return groups;
}

/** What a line is about: an event under a clause, a limit of a clause or item, an item's start, a downgrade… */
function keyOf(line: TraceEntry): string | undefined {
  const code = line.code;
  const event = line.events?.[0] ?? '';
  if (COUNTING.has(code) || NOT_COUNTING.has(code)) return `event\u0000${line.clause}\u0000${event}`;
  if (LIMITS.has(code)) return `limit\u0000${code}\u0000${line.clause}`;
  if (code === 'item.start' || code === 'item.startBase') return `start\u0000${line.item ?? line.clause}`;
  if (code === 'check.met') return `check\u0000${line.clause}`;
  if (code === 'veto') return `veto\u0000${line.clause}\u0000${event}`;
  if (code === 'downgrade.step') return `downgrade\u0000${line.rule ?? line.clause}\u0000${event}`;
  if (code === 'downgrade.floor') return `floor\u0000${line.clause}`;
  if (code === 'downgrade.expired') return `expired\u0000${line.clause}`;
  if (code === 'eligibility.failed') return `eligibility\u0000${line.clause}`;
  return undefined;
}

/** The signed points an event counts under a clause on one side (its points and any multiplier's extra), or undefined when it counts nowhere there. */
function counted(seen: Seen | undefined): number | undefined {
  const lines = seen?.lines.filter((l) => COUNTING.has(l.code));
  if (!lines?.length) return undefined;
  return fromMilli(lines.reduce((sum, l) => sum + toMilli(l.points), 0));
}

function limitSide(line: TraceEntry | undefined): LimitSide | undefined {
  if (!line) return undefined;
  switch (line.code) {
    case 'clause.cap': {
      const p = paramsOf(line, 'clause.cap');
      return { limit: p.cap, cut: p.cut };
    }
    case 'item.floor':
    case 'reduction.floor':
      return { limit: 0, cut: paramsOf(line, 'item.floor').restored };
    default: {
      const p = paramsOf(line, 'item.cap');
      return { limit: p.limit, cut: p.cut };
    }
  }
}

function eventReason(g: { old?: Seen; new?: Seen }, unit: string): MoveReason | undefined {
  const [was, now] = [counted(g.old), counted(g.new)];
  const any = (g.new ?? g.old)!.lines[0]!;
  const p = any.params as { clause: string; label: string; event: string; date: string };
  const base = { clause: p.clause, label: p.label, event: p.event, date: p.date, unit };
  const why = (seen: Seen | undefined): TraceCode | undefined => seen?.lines.find((l) => NOT_COUNTING.has(l.code))?.code;
  const lapsed = (seen: Seen | undefined) => seen?.lines.find((l) => l.code === 'window.lapsed');
  if (was !== undefined && now !== undefined) return was === now ? undefined : reason(p.clause, 'move.points', { ...base, old: was, new: now });
  if (now !== undefined && now !== 0) {
    const edge = lapsed(g.old);
    if (edge) return reason(p.clause, 'move.window', { ...base, counted: true, points: now, ...untilOf(edge) });
    const code = why(g.old);
    return reason(p.clause, 'move.counted', { ...base, points: now, ...(code ? { was: code } : {}) });
  }
  if (was !== undefined && was !== 0) {
    const edge = lapsed(g.new);
    if (edge) return reason(p.clause, 'move.window', { ...base, counted: false, points: was, ...untilOf(edge) });
    const code = why(g.new);
    return reason(p.clause, 'move.uncounted', { ...base, points: was, ...(code ? { now: code } : {}) });
  }
  return undefined;
}

const untilOf = (line: TraceEntry): { until?: string } => {
  const until = paramsOf(line, 'window.lapsed').until;
  return until === undefined ? {} : { until };
};

/**
 * Why `newer` differs from `older` (two results of one record, with their traces, under two
 * versions): the events whose points changed, those now counted or no longer (a window edge
 * crossed, kept or dropped by a keep-one rule), the caps and maxima that now bite or no longer
 * do, an item's start, a veto, eligibility, a downgrade that now holds or lapses, and a grade
 * line in `policy` that moved across the table score. An item whose score moved with none of
 * these is named at the item. Empty when the results' traces agree.
 */
export function moveReasons(older: Result, newer: Result, policy: readonly PolicyChange[] = []): MoveReason[] {
  // The unit every line with points gives (the ruleset's).
  const unit = (newer.trace?.find((l) => 'unit' in l.params)?.params as { unit?: string } | undefined)?.unit ?? DEFAULT_UNIT;
  const reasons: MoveReason[] = [];
  for (const [key, g] of group(older.trace ?? [], newer.trace ?? [])) {
    const kind = key.slice(0, key.indexOf('\u0000'));
    const one = (g.new ?? g.old)!.lines[0]!;
    const found = ((): MoveReason | undefined => {
      switch (kind) {
        case 'event':
          return eventReason(g, unit);
        case 'limit': {
          const [was, now] = [limitSide(g.old?.lines[0]), limitSide(g.new?.lines[0])];
          if (was && now && was.limit === now.limit) return undefined;
          const p = one.params as { clause?: string; item?: string; label: string };
          const id = p.clause ?? p.item ?? one.clause;
          return reason(id, 'move.limit', { kind: one.code as LimitKind, id, label: p.label, ...(was ? { old: was } : {}), ...(now ? { new: now } : {}), unit });
        }
        case 'start': {
          const [was, now] = [g.old?.lines[0], g.new?.lines[0]];
          if (!was || !now || (was.points === now.points && was.code === now.code)) return undefined;
          const p = one.params as { item: string; label: string };
          return reason(p.item, 'move.start', { item: p.item, label: p.label, old: was.points, new: now.points, oldBase: was.code === 'item.startBase', newBase: now.code === 'item.startBase', unit });
        }
        case 'check': {
          const [was, now] = [g.old?.lines[0]?.points, g.new?.lines[0]?.points];
          if (was === now) return undefined;
          const p = paramsOf(one, 'check.met');
          return reason(p.clause, 'move.check', { clause: p.clause, label: p.label, ...(was === undefined ? {} : { old: was }), ...(now === undefined ? {} : { new: now }), unit });
        }
        case 'veto': {
          if (g.old && g.new) return undefined;
          const p = paramsOf(one, 'veto');
          return reason(p.clause, 'move.veto', { clause: p.clause, label: p.label, event: p.event, date: p.date, holds: !!g.new, indicator: p.indicator, indicatorLabel: p.indicatorLabel });
        }
        case 'downgrade': {
          if (g.old && g.new) return undefined;
          const p = paramsOf(one, 'downgrade.step');
          return reason(p.clause, 'move.downgrade', { clause: p.clause, label: p.label, rule: p.rule, event: p.event, date: p.date, holds: !!g.new, from: p.from, to: p.to });
        }
        case 'floor': {
          const [was, now] = [g.old && paramsOf(g.old.lines[0]!, 'downgrade.floor'), g.new && paramsOf(g.new.lines[0]!, 'downgrade.floor')];
          if (was && now && was.floor === now.floor && was.grade === now.grade) return undefined;
          if (!was || !now) return undefined; // a downgrade that holds on one side only says so itself
          return reason(now.clause, 'move.downgradeFloor', { clause: now.clause, grade: now.grade, old: was.floor, new: now.floor, unit });
        }
        case 'expired': {
          if (g.old && g.new) return undefined;
          const p = paramsOf(one, 'downgrade.expired');
          return reason(p.clause, 'move.recalculated', { clause: p.clause, holds: !!g.new, months: p.months, since: p.since });
        }
        case 'eligibility': {
          if (g.old && g.new) return undefined;
          const p = paramsOf(one, 'eligibility.failed');
          return reason(p.clause, 'move.eligibility', { clause: p.clause, eligible: !g.new, reasons: p.reasons });
        }
        default:
          return undefined;
      }
    })();
    if (found) reasons.push(found);
  }
  // A grade line that moved across the table score: the same score grades otherwise.
  const score = toMilli(newer.computedScore);
  for (const change of policy) {
    if (change.code !== 'grade.min') continue;
    const { grade, old, new: now } = change.params;
    if (score >= toMilli(old) !== score >= toMilli(now)) reasons.push(reason(grade, 'move.gradeLine', { grade, old, new: now, score: newer.computedScore, unit }));
  }
  // An item that moved with no reason at or under it (a changed condition, a keep-one across items…): named at the item.
  const explained = new Set<string>();
  const itemOfClause = new Map<string, string>();
  for (const line of [...(older.trace ?? []), ...(newer.trace ?? [])]) if (line.item) itemOfClause.set(line.clause, line.item);
  for (const r of reasons) explained.add(itemOfClause.get(r.clause) ?? r.clause);
  const items = (result: Result) => new Map(result.indicators.flatMap((i) => i.items.map((item) => [item.id, item] as const)));
  const [before, after] = [items(older), items(newer)];
  for (const id of new Set([...after.keys(), ...before.keys()])) {
    const [was, now] = [before.get(id), after.get(id)];
    if (was?.score === now?.score || explained.has(id)) continue;
    reasons.push(reason(id, 'move.item', { item: id, label: (now ?? was)!.label, ...(was ? { old: was.score } : {}), ...(now ? { new: now.score } : {}), unit }));
  }
  return reasons;
}
