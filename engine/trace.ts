/**
 * The explanation of a result, written as it is computed: for every point added or taken,
 * the clause, its Chinese citation, the points, the events behind it and, for caps and
 * vetoes, why. Each message is written in Chinese, for policy staff, and in English (`en`,
 * the editor's English mode), the ruleset's own labels kept as written; the fields are for
 * programs. The points of all entries add up to the table's score.
 */
import type { CompiledClause } from './compile.js';
import { fromMilli, type Milli } from './decimal.js';
import type { Citation, Eligibility, EntityEvent, Indicator, Item, Multiplier, Ruleset, TraceEntry, TraceKind } from './types.js';

/** How a trace names an event: its id, or its place in the record. */
export function eventRef(event: EntityEvent, index: number): string {
  return event.id ?? `events[${index}]`;
}

function describeEvent(event: EntityEvent, index: number): string {
  return `${eventRef(event, index)}(${event.date})`;
}

function describeEventEn(event: EntityEvent, index: number): string {
  return `${eventRef(event, index)} (${event.date})`;
}

/** A rule with its id, label and citation (a downgrade rule, a repeat). */
interface CitedRule {
  id: string;
  label: string;
  citation: Citation;
}

/** Why an entry says what it says, in both languages. */
export interface Why {
  zh: string;
  en: string;
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
      en: entry.en,
    });
  }

  start(item: Item, start: Milli, base: boolean): void {
    const baseRule = base ? this.ruleset.baseRule : undefined;
    const rule = baseRule?.citation.clause;
    const points = formatPoints(start);
    const why = baseRule ? `近 ${baseRule.lookbackMonths} 个月无园林绿化工程项目(${rule}),按基本分 ${points} 分起算` : `满分 ${points} 分`;
    const en = baseRule ? `no landscaping project in the last ${baseRule.lookbackMonths} months (${rule}): starts from the base score, ${points}` : `full score ${points}`;
    this.push({ kind: 'start', clause: item.id, rule, text: item.citation.text, points: start, message: `${item.id} ${item.label}:${why}`, en: `${item.id} ${item.label}: ${en}` });
  }

  check(clause: CompiledClause, points: Milli): void {
    const c = clause.clause;
    this.push({ kind: 'start', clause: c.id, text: c.citation.text, points, message: `${c.id} ${c.label}:符合,得 ${formatPoints(points)} 分`, en: `${c.id} ${c.label}: met, ${formatPoints(points)} points` });
  }

  /** A check item none of whose clauses holds; `unmet` are their labels. */
  checkFailed(item: Item, unmet: readonly string[]): void {
    this.push({
      kind: 'start', clause: item.id, text: item.citation.text, points: 0,
      message: `${item.id} ${item.label}:不符合“${unmet.join('”“')}”,得 0 分`, en: `${item.id} ${item.label}: none of “${unmet.join('”, “')}” is met, 0 points`,
    });
  }

  occurrence(clause: CompiledClause, level: number, event: EntityEvent, index: number, points: Milli, multiplier: Multiplier | undefined, extra: Milli): void {
    const c = clause.clause;
    const l = clause.levels[level]!.level;
    const label = l.label === c.label ? c.label : `${c.label}(${l.label})`;
    const verb = points < 0 ? '扣' : '加';
    const sign = points < 0 ? '−' : '+';
    const what = points === 0 ? (c.levels ? '不扣分' : '不计分') : `${verb} ${formatPoints(points)} 分`;
    const whatEn = points === 0 ? (c.levels ? 'no deduction' : 'no points') : `${sign}${formatPoints(points)}`;
    this.push({
      kind: 'points', clause: c.id, rule: clause.levels.length > 1 ? l.id : undefined, text: c.citation.text, points, events: [eventRef(event, index)],
      message: `${c.id} ${label}:${describeEvent(event, index)} ${what}`, en: `${c.id} ${label}: ${describeEventEn(event, index)} ${whatEn}`,
    });
    if (extra !== 0 && multiplier) {
      const m = multiplier.citation.clause;
      this.push({
        kind: 'points', clause: m, text: multiplier.citation.text, points: extra, events: [eventRef(event, index)],
        message: `${m} ${multiplier.label}:${describeEvent(event, index)} 按 ${multiplier.factor} 倍计,另${verb} ${formatPoints(extra)} 分`,
        en: `${m} ${multiplier.label}: ${describeEventEn(event, index)} counts ${multiplier.factor} times, another ${sign}${formatPoints(extra)}`,
      });
    }
  }

  clauseCap(clause: CompiledClause, sum: Milli, cap: Milli, cut: Milli): void {
    const c = clause.clause;
    const verb = sum < 0 ? '扣' : '加';
    this.push({
      kind: 'cap', clause: c.id, text: c.citation.text, points: cut,
      message: `${c.id} ${c.label}:累计${verb} ${formatPoints(sum)} 分,以 ${formatPoints(cap)} 分为限,超出的 ${formatPoints(cut)} 分不计`,
      en: `${c.id} ${c.label}: ${formatPoints(sum)} ${sum < 0 ? 'deducted' : 'added'} in all, limited to ${formatPoints(cap)}; the ${formatPoints(cut)} over the limit do not count`,
    });
  }

  cap(item: Item, total: Milli, limit: Milli, cut: Milli): void {
    const bonus = item.kind !== 'deduction';
    const [sum, most, over] = [formatPoints(total), formatPoints(limit), formatPoints(cut)];
    const message = bonus
      ? `${item.id} ${item.label}:累计 ${sum} 分,最高计 ${most} 分,超出的 ${over} 分不计`
      : `${item.id} ${item.label}:累计扣 ${sum} 分,扣完 ${most} 分为止,超出的 ${over} 分不扣`;
    const en = bonus
      ? `${item.id} ${item.label}: ${sum} in all, at most ${most} count; the ${over} over do not count`
      : `${item.id} ${item.label}: ${sum} deducted in all, deductions stop at ${most}; the ${over} over are not deducted`;
    this.push({ kind: 'cap', clause: item.id, text: item.citation.text, points: cut, message, en });
  }

  floor(item: Item, restored: Milli): void {
    this.push({
      kind: 'floor', clause: item.id, text: item.citation.text, points: restored,
      message: `${item.id} ${item.label}:本项扣至 0 分为止,不计负分(${formatPoints(restored)} 分不扣)`,
      en: `${item.id} ${item.label}: the item stops at 0, never below (${formatPoints(restored)} not deducted)`,
    });
  }

  veto(clause: CompiledClause, indicator: Indicator, event: EntityEvent, index: number, lost: Milli): void {
    const c = clause.clause;
    this.push({
      kind: 'veto', clause: c.id, text: c.citation.text, points: -lost, events: [eventRef(event, index)],
      message: `${c.id} ${c.label}:${describeEvent(event, index)},整个“${indicator.label}”(${indicator.id}${c.reading ? `,按 ${c.reading} 的理解` : ''})不得分,扣去其余 ${formatPoints(lost)} 分`,
      en: `${c.id} ${c.label}: ${describeEventEn(event, index)}; the whole “${indicator.label}” (${indicator.id}${c.reading ? `, as ${c.reading} reads it` : ''}) scores nothing, the other ${formatPoints(lost)} taken`,
    });
  }

  /** An event a clause matched that does not count at `asOf`: dated after it, or its window over. */
  outOfWindow(clause: CompiledClause, event: EntityEvent, index: number, asOf: string, lastDay: string | undefined): void {
    const c = clause.clause;
    const late = event.date > asOf;
    const why = late ? `不计:晚于评价日期 ${asOf}` : `不计:有效期已过(计至 ${lastDay})`;
    const whyEn = late ? `not counted: after the evaluation date ${asOf}` : `not counted: its period is over (counted until ${lastDay})`;
    this.push({
      kind: 'lapsed', clause: c.id, text: c.citation.text, points: 0, events: [eventRef(event, index)],
      message: `${c.id} ${c.label}:${describeEvent(event, index)} ${why}`, en: `${c.id} ${c.label}: ${describeEventEn(event, index)} ${whyEn}`,
    });
  }

  /** An event of a scored type that no clause counted; `condition` says what it failed, when known. */
  unmatched(event: EntityEvent, index: number, condition: string | undefined): void {
    const why = condition ? `不符合“${condition}”` : '不符合本表任何条款的计分条件';
    const whyEn = condition ? `does not meet “${condition}”` : 'meets the scoring condition of no clause of this table';
    this.push({
      kind: 'unmatched', clause: this.item ?? this.indicator ?? '—', text: why, points: 0, events: [eventRef(event, index)],
      message: `${describeEvent(event, index)} 不计:${why}`, en: `${describeEventEn(event, index)} not counted: ${whyEn}`,
    });
  }

  /** An event a clause matched that counts nothing there (once per, highest only, not deducted again); `text` is what the rule cites. */
  skipped(clause: string, label: string, text: string, event: EntityEvent, index: number, why: Why): void {
    this.push({
      kind: 'skipped', clause, text, points: 0, events: [eventRef(event, index)],
      message: `${clause} ${label}:${describeEvent(event, index)} ${why.zh}`, en: `${clause} ${label}: ${describeEventEn(event, index)} ${why.en}`,
    });
  }

  ineligible(eligibility: Eligibility, reasons: string[]): void {
    this.push({
      kind: 'skipped', clause: eligibility.citation.clause, text: eligibility.citation.text, points: 0,
      message: `${eligibility.citation.clause} 不具备评价资格,不评定等级:${reasons.join(';')}`,
      en: `${eligibility.citation.clause} not eligible for evaluation, no grade: ${reasons.join('; ')}`,
    });
  }

  downgradeStep(rule: CitedRule, event: EntityEvent, index: number, from: string, to: string): void {
    this.downgradeLine(rule, event, index, 'downgrade', { zh: `,信用等级 ${from} → ${to}`, en: `; credit grade ${from} → ${to}` });
  }

  downgradeNoChange(rule: CitedRule, event: EntityEvent, index: number, grade: string): void {
    this.downgradeLine(rule, event, index, 'downgrade', { zh: `,等级已为 ${grade},不再降低`, en: `; the grade is already ${grade}, no lower` });
  }

  /** An event only the downgrades concern that changed no grade: not a case of `rule` (kind `unmatched`), or outside the period they count in. */
  downgradeIdle(rule: CitedRule, event: EntityEvent, index: number, kind: 'unmatched' | 'lapsed' | 'skipped', why: Why): void {
    this.downgradeLine(rule, event, index, kind, { zh: ` ${why.zh}`, en: ` ${why.en}` });
  }

  /** A line of a downgrade rule about one event; `after` follows the event as it is written. */
  private downgradeLine(rule: CitedRule, event: EntityEvent, index: number, kind: TraceKind, after: Why): void {
    const clause = rule.citation.clause;
    this.push({
      kind, clause, rule: rule.id, text: rule.citation.text, points: 0, events: [eventRef(event, index)],
      message: `${clause} ${rule.label}:${describeEvent(event, index)}${after.zh}`, en: `${clause} ${rule.label}: ${describeEventEn(event, index)}${after.en}`,
    });
  }

  downgradeFloor(citation: Citation, grade: string, floor: number, computed: number): void {
    this.push({
      kind: 'downgrade', clause: citation.clause, text: citation.text, points: 0,
      message: `${citation.clause} 降级后得分为 ${grade} 级最低分 ${floor} 分(计分表得分 ${computed} 分)`,
      en: `${citation.clause} downgraded: the score is the lowest of ${grade}, ${floor} (table score ${computed})`,
    });
  }

  downgradeExpired(citation: Citation, months: number, since: string, until: string): void {
    this.push({
      kind: 'downgrade', clause: citation.clause, text: citation.text, points: 0,
      message: `${citation.clause} 自 ${since} 降级已满 ${months} 个月(${until} 起),按计分表重新计算得分和等级`,
      en: `${citation.clause} ${months} months have passed since the downgrade of ${since} (from ${until}): score and grade from the table again`,
    });
  }
}
