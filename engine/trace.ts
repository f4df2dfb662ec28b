/**
 * The explanation of a result, written as it is computed: for every point added or taken,
 * the clause, its Chinese citation, the points, the events behind it and, for caps and
 * vetoes, why. Messages are Chinese, for policy staff; the fields are for programs. The
 * points of all entries add up to the table's score.
 */
import type { CompiledClause } from './compile.js';
import { fromMilli, type Milli } from './decimal.js';
import type { Citation, Eligibility, EntityEvent, Indicator, Item, Multiplier, Ruleset, TraceEntry } from './types.js';

/** How a trace names an event: its id, or its place in the record. */
export function eventRef(event: EntityEvent, index: number): string {
  return event.id ?? `events[${index}]`;
}

function describeEvent(event: EntityEvent, index: number): string {
  return `${eventRef(event, index)}(${event.date})`;
}

/** Points as staff write them: 4, 1.5, 0.3. */
export function formatPoints(milli: Milli): string {
  return String(fromMilli(Math.abs(milli)));
}

export class TraceWriter {
  readonly entries: TraceEntry[] = [];
  private indicator: string | undefined;
  private item: string | undefined;

  constructor(private readonly ruleset: Ruleset) {}

  /** The indicator and item that the next entries belong to; none for the record's own (eligibility, downgrades). */
  setPlace(indicator?: string, item?: string): void {
    this.indicator = indicator;
    this.item = item;
  }

  private push(entry: Omit<TraceEntry, 'indicator' | 'item'>): void {
    // One object shape for every entry keeps the hot path monomorphic.
    this.entries.push({
      kind: entry.kind,
      clause: entry.clause,
      rule: entry.rule,
      text: entry.text,
      indicator: this.indicator,
      item: this.item,
      points: fromMilli(entry.points),
      events: entry.events,
      message: entry.message,
    });
  }

  start(item: Item, start: Milli, base: boolean): void {
    const rule = base ? this.ruleset.baseRule?.citation.clause : undefined;
    const why = base
      ? `无近期园林绿化工程项目(${this.ruleset.baseRule?.citation.clause ?? ''}),按基本分 ${formatPoints(start)} 分起算`
      : `满分 ${formatPoints(start)} 分`;
    this.push({ kind: 'start', clause: item.id, rule, text: item.citation.text, points: start, message: `${item.id} ${item.label}:${why}` });
  }

  check(clause: CompiledClause, points: Milli): void {
    const c = clause.clause;
    this.push({ kind: 'start', clause: c.id, text: c.citation.text, points, message: `${c.id} ${c.label}:符合,得 ${formatPoints(points)} 分` });
  }

  /** A check item none of whose clauses holds; `unmet` are their labels. */
  checkFailed(item: Item, unmet: readonly string[]): void {
    this.push({ kind: 'start', clause: item.id, text: item.citation.text, points: 0, message: `${item.id} ${item.label}:不符合“${unmet.join('”“')}”,得 0 分` });
  }

  occurrence(clause: CompiledClause, level: number, event: EntityEvent, index: number, points: Milli, multiplier: Multiplier | undefined, extra: Milli): void {
    const c = clause.clause;
    const l = clause.levels[level]!.level;
    const label = l.label === c.label ? c.label : `${c.label}(${l.label})`;
    const verb = points < 0 ? '扣' : '加';
    const what = points === 0 ? (c.levels ? '不扣分' : '不计分') : `${verb} ${formatPoints(points)} 分`;
    this.push({
      kind: 'points', clause: c.id, rule: clause.levels.length > 1 ? l.id : undefined, text: c.citation.text, points, events: [eventRef(event, index)],
      message: `${c.id} ${label}:${describeEvent(event, index)} ${what}`,
    });
    if (extra !== 0 && multiplier) {
      this.push({
        kind: 'points', clause: multiplier.citation.clause, text: multiplier.citation.text, points: extra, events: [eventRef(event, index)],
        message: `${multiplier.citation.clause} ${multiplier.label}:${describeEvent(event, index)} 按 ${multiplier.factor} 倍计,另${verb} ${formatPoints(extra)} 分`,
      });
    }
  }

  clauseCap(clause: CompiledClause, sum: Milli, cap: Milli, cut: Milli): void {
    const c = clause.clause;
    const verb = sum < 0 ? '扣' : '加';
    this.push({
      kind: 'cap', clause: c.id, text: c.citation.text, points: cut,
      message: `${c.id} ${c.label}:累计${verb} ${formatPoints(sum)} 分,以 ${formatPoints(cap)} 分为限,超出的 ${formatPoints(cut)} 分不计`,
    });
  }

  cap(item: Item, total: Milli, limit: Milli, cut: Milli): void {
    const bonus = item.kind !== 'deduction';
    const message = bonus
      ? `${item.id} ${item.label}:累计 ${formatPoints(total)} 分,最高计 ${formatPoints(limit)} 分,超出的 ${formatPoints(cut)} 分不计`
      : `${item.id} ${item.label}:累计扣 ${formatPoints(total)} 分,扣完 ${formatPoints(limit)} 分为止,超出的 ${formatPoints(cut)} 分不扣`;
    this.push({ kind: 'cap', clause: item.id, text: item.citation.text, points: cut, message });
  }

  floor(item: Item, restored: Milli): void {
    this.push({
      kind: 'floor', clause: item.id, text: item.citation.text, points: restored,
      message: `${item.id} ${item.label}:本项扣至 0 分为止,不计负分(${formatPoints(restored)} 分不扣)`,
    });
  }

  veto(clause: CompiledClause, indicator: Indicator, event: EntityEvent, index: number, lost: Milli): void {
    const c = clause.clause;
    this.push({
      kind: 'veto', clause: c.id, text: c.citation.text, points: -lost, events: [eventRef(event, index)],
      message: `${c.id} ${c.label}:${describeEvent(event, index)},整个“${indicator.label}”(${indicator.id})不得分,扣去其余 ${formatPoints(lost)} 分`,
    });
  }

  /** An event a clause matched that does not count at `asOf`: dated after it, or its window over. */
  outOfWindow(clause: CompiledClause, event: EntityEvent, index: number, asOf: string, lastDay: string | undefined): void {
    const c = clause.clause;
    const why = event.date > asOf ? `不计:晚于评价日期 ${asOf}` : `不计:有效期已过(计至 ${lastDay})`;
    this.push({ kind: 'lapsed', clause: c.id, text: c.label, points: 0, events: [eventRef(event, index)], message: `${c.id} ${c.label}:${describeEvent(event, index)} ${why}` });
  }

  /** An event of a scored type that no clause counted; `condition` says what it failed, when known. */
  unmatched(event: EntityEvent, index: number, condition: string | undefined): void {
    const why = condition ? `不符合“${condition}”` : '不符合本表任何条款的计分条件';
    this.push({ kind: 'unmatched', clause: this.item ?? this.indicator ?? '—', text: why, points: 0, events: [eventRef(event, index)], message: `${describeEvent(event, index)} 不计:${why}` });
  }

  skipped(clause: string, label: string, event: EntityEvent, index: number, why: string): void {
    this.push({
      kind: 'skipped', clause, text: label, points: 0, events: [eventRef(event, index)],
      message: `${clause} ${label}:${describeEvent(event, index)} ${why}`,
    });
  }

  ineligible(eligibility: Eligibility, reasons: string[]): void {
    this.push({
      kind: 'skipped', clause: eligibility.citation.clause, text: eligibility.citation.text, points: 0,
      message: `${eligibility.citation.clause} 不具备评价资格,不评定等级:${reasons.join(';')}`,
    });
  }

  downgradeStep(clause: string, rule: string, label: string, event: EntityEvent, index: number, from: string, to: string): void {
    this.push({
      kind: 'downgrade', clause, rule, text: label, points: 0, events: [eventRef(event, index)],
      message: `${clause} ${label}:${describeEvent(event, index)},信用等级 ${from} → ${to}`,
    });
  }

  downgradeNoChange(clause: string, rule: string, label: string, event: EntityEvent, index: number, grade: string): void {
    this.push({
      kind: 'downgrade', clause, rule, text: label, points: 0, events: [eventRef(event, index)],
      message: `${clause} ${label}:${describeEvent(event, index)},等级已为 ${grade},不再降低`,
    });
  }

  downgradeFloor(citation: Citation, grade: string, floor: number, computed: number): void {
    this.push({
      kind: 'downgrade', clause: citation.clause, text: citation.text, points: 0,
      message: `${citation.clause} 降级后得分为 ${grade} 级最低分 ${floor} 分(计分表得分 ${computed} 分)`,
    });
  }

  downgradeExpired(citation: Citation, months: number, since: string, until: string): void {
    this.push({
      kind: 'downgrade', clause: citation.clause, text: citation.text, points: 0,
      message: `${citation.clause} 自 ${since} 降级已满 ${months} 个月(${until} 起),按计分表重新计算得分和等级`,
    });
  }
}
