/**
 * Comparing two versions of a ruleset: what changed, said in the regulation's own terms and
 * clause by clause (not a JSON diff), and what the change does to every case — old and new
 * score and grade, the grade transitions, and the cases near a grade line under the new
 * version. Pure functions over parsed rulesets, compiled rulesets and records: no Node APIs,
 * so the editor calls them as the command line does.
 */
import { citationHints, type CitationHint } from './citations.js';
import type { CompiledRuleset } from './compile.js';
import { today } from './dates.js';
import { fromMilli, toMilli } from './decimal.js';
import { CreditRulesError, jsonPath, type ErrorCode, type Problem } from './errors.js';
import { evaluate } from './evaluate.js';
import { recordIdOf } from './records.js';
import { STATUS_LABELS } from './versions.js';
import type {
  Citation, Clause, Condition, DowngradeEffect, DowngradeRepeat, DowngradeRule, Grade, Indicator, Item, ItemKind, Level,
  Parameter, Provisional, Result, Ruleset, Window,
} from './types.js';

// ---------------------------------------------------------------- policy changes

/** Which part of the ruleset a change is in. */
export type PolicySection =
  | 'meta'
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

/** One change between two versions, in policy terms. */
export interface PolicyChange {
  section: PolicySection;
  kind: 'added' | 'removed' | 'changed';
  /** JSON path of what changed: in the new version, or in the old one for what was removed. */
  path: string;
  /** The clause id it belongs to (E2.1.3, D3, N5, INT-3…), or the grade or parameter it names. */
  clause: string;
  /** Its Chinese label (一般质量事故). */
  label: string;
  /** The field that changed (`points`, `cap`, `window`, `min`, `when`…), or `added` / `removed`. */
  field: string;
  /** The old and new values as the rulesets write them (`-4` → `-5`); undefined on the side that lacks it. */
  old: unknown;
  new: unknown;
  /** The unit of `old` and `new` (分, 个月…), when they are numbers. */
  unit?: string;
  /** One line for policy staff: `E2.1.3 一般质量事故: 每次扣 4 分 → 5 分`. */
  message: string;
  /** When the new number is not one its citation's text writes (the citation left as it was, say). */
  citationHint?: CitationHint;
}

type Path = (string | number)[];

/** JSON text with sorted keys: equal values give equal text, whatever their key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

const num = (n: number): string => String(n);
const orNone = (text: string | undefined): string => text ?? '(无)';

const KINDS: Readonly<Record<ItemKind, string>> = { deduction: '扣分', bonus: '加分', check: '符合条件得分' };
const EFFECTS: Readonly<Record<DowngradeEffect, string>> = { oneGrade: '降一级', lowest: '直接降为最低等级' };

/** Points as policy staff say them: 扣 4 分, 加 1 分, 得 8 分. */
function pointsText(points: number, kind: ItemKind): { verb: string; amount: string } {
  if (kind === 'check') return { verb: '得', amount: `${num(points)} 分` };
  if (points < 0) return { verb: '扣', amount: `${num(-points)} 分` };
  if (points === 0) return { verb: kind === 'deduction' ? '扣' : '加', amount: '0 分' };
  return { verb: kind === 'deduction' ? '扣' : '加', amount: `${num(points)} 分` };
}

/** `每次扣 4 分 → 5 分`, or `每次扣 1 分 → 每次加 1 分` when the sense changes. */
function pointsChange(old: number, now: number, kind: ItemKind, each: string): string {
  const a = pointsText(old, kind);
  const b = pointsText(now, kind);
  return a.verb === b.verb ? `${each}${a.verb} ${a.amount} → ${b.amount}` : `${each}${a.verb} ${a.amount} → ${each}${b.verb} ${b.amount}`;
}

/** What an event type attribute is called, for messages (`project` → 工程项目). */
function attributeLabel(ruleset: Ruleset, name: string): string {
  for (const type of Object.values(ruleset.eventTypes)) {
    const spec = Object.hasOwn(type.attributes, name) ? type.attributes[name] : undefined;
    if (spec) return spec.label;
  }
  return name;
}

/** A window in words: `24 个月`, `按事件的公示期限(月)计,未写明时 3 个月`, `计至事件的列入截止日期所在月底`, `不限`. */
function windowText(window: Window | undefined, ruleset: Ruleset): string {
  if (!window) return '不限';
  if (window.untilAttribute !== undefined) return `计至事件的${attributeLabel(ruleset, window.untilAttribute)}所在月底`;
  if (window.monthsAttribute !== undefined) {
    const fallback = window.defaultParameter !== undefined ? ruleset.parameters[window.defaultParameter] : undefined;
    const otherwise = fallback ? `,未写明时 ${parameterValueText(fallback)}` : window.months !== undefined ? `,未写明时 ${window.months} 个月` : '';
    return `按事件的${attributeLabel(ruleset, window.monthsAttribute)}计${otherwise}`;
  }
  return window.months === undefined ? '不限' : `${window.months} 个月`;
}

function parameterValueText(p: Parameter): string {
  const v = p.value;
  if (Array.isArray(v)) return v.length ? v.join('、') : '(无)';
  if (typeof v === 'number') return p.unit ? `${num(v)} ${p.unit}` : num(v);
  return v;
}

function clauseSummary(clause: Clause, kind: ItemKind, ruleset: Ruleset): string {
  const parts: string[] = [];
  if (clause.effect === 'veto') parts.push(`整项不得分(${clause.vetoes ?? '本指标'})`);
  else if (clause.levels) parts.push(clause.levels.map((l) => `${l.label} ${pointsText(l.points, kind).verb} ${pointsText(l.points, kind).amount}`).join('、'));
  else if (clause.points !== undefined) parts.push(`每次${pointsText(clause.points, kind).verb} ${pointsText(clause.points, kind).amount}`);
  if (clause.cap !== undefined) parts.push(`本条上限 ${num(clause.cap)} 分`);
  if (clause.window) parts.push(`期限 ${windowText(clause.window, ruleset)}`);
  return parts.join(',');
}

/** Collects changes; keeps the message format in one place. */
class Changes {
  readonly list: PolicyChange[] = [];

  constructor(
    readonly older: Ruleset,
    readonly newer: Ruleset,
  ) {}

  push(change: Omit<PolicyChange, 'path'> & { path: Path }): void {
    this.list.push({ ...change, path: jsonPath(change.path) });
  }

  /** `clause label: text`, with either part left out when empty. */
  static line(clause: string, label: string, text: string): string {
    const head = [clause, label].filter(Boolean).join(' ');
    return head ? `${head}: ${text}` : text;
  }

  changed(section: PolicySection, path: Path, clause: string, label: string, field: string, old: unknown, now: unknown, text: string, unit?: string): void {
    this.push({ section, kind: 'changed', path, clause, label, field, old, new: now, ...(unit ? { unit } : {}), message: Changes.line(clause, label, text) });
  }

  added(section: PolicySection, path: Path, clause: string, label: string, now: unknown, text: string): void {
    this.push({ section, kind: 'added', path, clause, label, field: 'added', old: undefined, new: now, message: text });
  }

  removed(section: PolicySection, path: Path, clause: string, label: string, old: unknown, text: string): void {
    this.push({ section, kind: 'removed', path, clause, label, field: 'removed', old, new: undefined, message: text });
  }

  /** A number field: `满分 20 分 → 22 分`; `(无)` for a side without it. */
  number(section: PolicySection, path: Path, clause: string, label: string, field: string, what: string, old: number | undefined, now: number | undefined, unit: string, none = '(无)'): void {
    if (old === now) return;
    const side = (v: number | undefined): string => (v === undefined ? none : `${num(v)} ${unit}`);
    this.changed(section, path, clause, label, field, old, now, `${what} ${side(old)} → ${side(now)}`, unit);
  }

  citation(section: PolicySection, path: Path, clause: string, label: string, old: Citation | undefined, now: Citation | undefined): void {
    if (same(old, now)) return;
    const text = old && now && old.clause !== now.clause ? `依据条款 ${old.clause} → ${now.clause}` : '依据原文已修改';
    this.changed(section, path, clause, label, 'citation', old, now, text);
  }

  condition(section: PolicySection, path: Path, clause: string, label: string, old: Condition | undefined, now: Condition | undefined, what = '条件'): void {
    if (same(old, now)) return;
    const text = old === undefined ? `新增${what}` : now === undefined ? `取消${what}` : `${what}已修改`;
    this.changed(section, path, clause, label, path[path.length - 1] === 'when' ? 'when' : String(path[path.length - 1]), old, now, text);
  }

  provisional(section: PolicySection, path: Path, clause: string, label: string, old: Provisional | undefined, now: Provisional | undefined): void {
    if (same(old, now)) return;
    const text = old === undefined ? `标为暂定(${now!.fields.join('、')})` : now === undefined ? '不再暂定' : '暂定说明已修改';
    this.changed(section, path, clause, label, 'provisional', old, now, text);
  }

  reading(section: PolicySection, path: Path, clause: string, label: string, old: string | undefined, now: string | undefined): void {
    if (old === now) return;
    this.changed(section, path, clause, label, 'reading', old, now, `所依理解 ${orNone(old)} → ${orNone(now)}`);
  }

  /** Fields this comparison does not know: said, never silently dropped. */
  rest(section: PolicySection, path: Path, clause: string, label: string, old: object | undefined, now: object | undefined, known: readonly string[]): void {
    const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})]);
    for (const key of keys) {
      if (known.includes(key)) continue;
      const a = old ? (old as Record<string, unknown>)[key] : undefined;
      const b = now ? (now as Record<string, unknown>)[key] : undefined;
      if (!same(a, b)) this.changed(section, [...path, key], clause, label, key, a, b, `${key} 已修改`);
    }
  }
}

function diffMeta(c: Changes): void {
  const { older: a, newer: b } = c;
  const meta = (field: string, what: string, old: string | undefined, now: string | undefined): void => {
    if (old !== now) c.changed('meta', [field], '', '', field, old, now, `${what} ${orNone(old)} → ${orNone(now)}`);
  };
  meta('id', '规则集', a.id, b.id);
  meta('title', '名称', a.title, b.title);
  meta('version', '版本', a.version, b.version);
  if (a.status !== b.status) c.changed('meta', ['status'], '', '', 'status', a.status, b.status, `状态 ${STATUS_LABELS[a.status]} → ${STATUS_LABELS[b.status]}`);
  meta('effectiveFrom', '生效日期', a.effectiveFrom, b.effectiveFrom);
  meta('effectiveTo', '失效日期', a.effectiveTo, b.effectiveTo);
  meta('supersedes', '取代的版本', a.supersedes, b.supersedes);
  meta('entityKind', '评价对象', a.entityKind, b.entityKind);
  if (!same(a.source, b.source)) c.changed('meta', ['source'], '', '', 'source', a.source, b.source, `依据文件 ${a.source.document} → ${b.source.document}${a.source.document === b.source.document ? '(出处已修改)' : ''}`);
}

interface Located<T> {
  value: T;
  path: Path;
  /** The id of what holds it (the indicator of an item, the item of a clause). */
  parent: string;
}

function itemsOf(r: Ruleset): Map<string, Located<Item> & { indicator: Indicator }> {
  const map = new Map<string, Located<Item> & { indicator: Indicator }>();
  r.indicators.forEach((indicator, ii) => indicator.items.forEach((item, ti) => map.set(item.id, { value: item, path: ['indicators', ii, 'items', ti], parent: indicator.id, indicator })));
  return map;
}

function clausesOf(r: Ruleset): Map<string, Located<Clause> & { item: Item }> {
  const map = new Map<string, Located<Clause> & { item: Item }>();
  r.indicators.forEach((indicator, ii) =>
    indicator.items.forEach((item, ti) => item.clauses.forEach((clause, ci) => map.set(clause.id, { value: clause, path: ['indicators', ii, 'items', ti, 'clauses', ci], parent: item.id, item }))),
  );
  return map;
}

const ITEM_KEYS = ['id', 'label', 'kind', 'citation', 'full', 'base', 'cap', 'max', 'multiplier', 'highestPer', 'notAgain', 'clauses', 'provisional'];
const CLAUSE_KEYS = ['id', 'label', 'citation', 'when', 'window', 'points', 'levels', 'cap', 'oncePer', 'effect', 'vetoes', 'reading', 'provisional'];
const LEVEL_KEYS = ['id', 'label', 'when', 'points', 'provisional'];

function diffLevels(c: Changes, clauseId: string, clauseLabel: string, kind: ItemKind, path: Path, old: Level[], now: Level[], oldPath: Path): void {
  const before = new Map(old.map((l, i) => [l.id, { level: l, index: i }]));
  const after = new Set(now.map((l) => l.id));
  now.forEach((level, li) => {
    const p: Path = [...path, 'levels', li];
    const label = `${clauseLabel} · ${level.label}`;
    const was = before.get(level.id)?.level;
    if (!was) {
      const t = pointsText(level.points, kind);
      c.added('level', p, clauseId, label, level, `新增 ${level.id} ${label}: 每次${t.verb} ${t.amount}`);
      return;
    }
    if (was.label !== level.label) c.changed('level', [...p, 'label'], level.id, clauseLabel, 'label', was.label, level.label, `名称 ${was.label} → ${level.label}`);
    if (was.points !== level.points) c.changed('level', [...p, 'points'], level.id, label, 'points', was.points, level.points, pointsChange(was.points, level.points, kind, '每次'), '分');
    c.condition('level', [...p, 'when'], level.id, label, was.when, level.when);
    c.provisional('level', [...p, 'provisional'], level.id, label, was.provisional, level.provisional);
    c.rest('level', p, level.id, label, was, level, LEVEL_KEYS);
  });
  for (const [id, { level, index }] of before) {
    if (!after.has(id)) c.removed('level', [...oldPath, 'levels', index], clauseId, `${clauseLabel} · ${level.label}`, level, `删除 ${id} ${clauseLabel} · ${level.label}`);
  }
}

function diffClause(c: Changes, was: Located<Clause> & { item: Item }, now: Located<Clause> & { item: Item }): void {
  const a = was.value;
  const b = now.value;
  const p = now.path;
  const kind = now.item.kind;
  const id = b.id;
  const label = b.label;
  if (a.label !== b.label) c.changed('clause', [...p, 'label'], id, '', 'label', a.label, b.label, `名称 ${a.label} → ${b.label}`);
  if (was.parent !== now.parent) c.changed('clause', p, id, label, 'item', was.parent, now.parent, `所属计分项 ${was.parent} → ${now.parent}`);
  if (was.item.kind !== kind) c.changed('clause', p, id, label, 'kind', was.item.kind, kind, `计分方式 ${KINDS[was.item.kind]} → ${KINDS[kind]}`);
  const vetoA = a.effect === 'veto';
  const vetoB = b.effect === 'veto';
  if (vetoA !== vetoB) {
    c.changed('clause', [...p, 'effect'], id, label, 'effect', a.effect, b.effect, `效果 ${vetoA ? `整项不得分(${a.vetoes ?? was.parent})` : '计分'} → ${vetoB ? `整项不得分(${b.vetoes ?? now.parent})` : '计分'}`);
  } else if (vetoB && a.vetoes !== b.vetoes) {
    c.changed('clause', [...p, 'vetoes'], id, label, 'vetoes', a.vetoes, b.vetoes, `不得分的范围 ${orNone(a.vetoes)} → ${orNone(b.vetoes)}`);
  }
  if (a.points !== undefined && b.points !== undefined && a.points !== b.points) {
    c.changed('clause', [...p, 'points'], id, label, 'points', a.points, b.points, pointsChange(a.points, b.points, kind, '每次'), '分');
  } else if ((a.points === undefined) !== (b.points === undefined) && !vetoA && !vetoB) {
    c.changed('clause', [...p, a.levels ? 'levels' : 'points'], id, label, 'points', a.points ?? a.levels, b.points ?? b.levels, `分值 ${clauseSummary({ ...a, window: undefined, cap: undefined }, kind, c.older)} → ${clauseSummary({ ...b, window: undefined, cap: undefined }, kind, c.newer)}`);
  }
  if (a.levels && b.levels) diffLevels(c, id, label, kind, p, a.levels, b.levels, was.path);
  const capWhat = kind === 'deduction' ? '本条扣分上限' : '本条加分上限';
  c.number('clause', [...p, 'cap'], id, label, 'cap', capWhat, a.cap, b.cap, '分', '不设');
  if (!same(a.window, b.window)) {
    const months = a.window?.months !== undefined && b.window?.months !== undefined && Object.keys(a.window).length === 1 && Object.keys(b.window).length === 1;
    c.changed('clause', [...p, 'window'], id, label, months ? 'window.months' : 'window', months ? a.window!.months : a.window, months ? b.window!.months : b.window,
      `期限 ${windowText(a.window, c.older)} → ${windowText(b.window, c.newer)}`, months ? '个月' : undefined);
  }
  if (a.oncePer !== b.oncePer) {
    const once = (r: Ruleset, v: string | undefined): string => (v === undefined ? '每次计分' : `每个${attributeLabel(r, v)}只计一次`);
    c.changed('clause', [...p, 'oncePer'], id, label, 'oncePer', a.oncePer, b.oncePer, `计次 ${once(c.older, a.oncePer)} → ${once(c.newer, b.oncePer)}`);
  }
  c.condition('clause', [...p, 'when'], id, label, a.when, b.when);
  c.reading('clause', [...p, 'reading'], id, label, a.reading, b.reading);
  c.citation('clause', [...p, 'citation'], id, label, a.citation, b.citation);
  c.provisional('clause', [...p, 'provisional'], id, label, a.provisional, b.provisional);
  c.rest('clause', p, id, label, a, b, CLAUSE_KEYS);
}

function diffItem(c: Changes, was: Located<Item> & { indicator: Indicator }, now: Located<Item> & { indicator: Indicator }): void {
  const a = was.value;
  const b = now.value;
  const p = now.path;
  const id = b.id;
  const label = b.label;
  if (a.label !== b.label) c.changed('item', [...p, 'label'], id, '', 'label', a.label, b.label, `名称 ${a.label} → ${b.label}`);
  if (was.parent !== now.parent) c.changed('item', p, id, label, 'indicator', was.parent, now.parent, `所属指标 ${was.parent} → ${now.parent}`);
  if (a.kind !== b.kind) c.changed('item', [...p, 'kind'], id, label, 'kind', a.kind, b.kind, `计分方式 ${KINDS[a.kind]} → ${KINDS[b.kind]}`);
  c.number('item', [...p, 'full'], id, label, 'full', '满分', a.full, b.full, '分');
  c.number('item', [...p, 'base'], id, label, 'base', '基本分', a.base, b.base, '分');
  c.number('item', [...p, 'cap'], id, label, 'cap', b.kind === 'deduction' ? '累计扣分上限' : '上限', a.cap, b.cap, '分', '不设');
  c.number('item', [...p, 'max'], id, label, 'max', '加分上限', a.max, b.max, '分', '不设');

  const ma = a.multiplier;
  const mb = b.multiplier;
  if (!same(ma, mb)) {
    const mp: Path = [...p, 'multiplier'];
    if (!ma) c.added('item', mp, mb!.citation.clause, mb!.label, mb, `新增 ${mb!.citation.clause} ${mb!.label}: 按 ${mb!.factor} 倍计分(${id} ${label})`);
    else if (!mb) c.removed('item', mp, ma.citation.clause, ma.label, ma, `删除 ${ma.citation.clause} ${ma.label}(${id} ${label})`);
    else {
      const mid = mb.citation.clause;
      if (ma.factor !== mb.factor) c.changed('item', [...mp, 'factor'], mid, mb.label, 'factor', ma.factor, mb.factor, `倍数 ${ma.factor} 倍 → ${mb.factor} 倍`, '倍');
      if (ma.label !== mb.label) c.changed('item', [...mp, 'label'], mid, '', 'label', ma.label, mb.label, `名称 ${ma.label} → ${mb.label}`);
      c.condition('item', [...mp, 'when'], mid, mb.label, ma.when, mb.when);
      c.citation('item', [...mp, 'citation'], mid, mb.label, ma.citation, mb.citation);
    }
  }
  const ha = a.highestPer;
  const hb = b.highestPer;
  if (!same(ha, hb)) {
    const hp: Path = [...p, 'highestPer'];
    if (!ha) c.added('item', hp, hb!.citation.clause, hb!.label, hb, `新增 ${hb!.citation.clause} ${hb!.label}: 同一${attributeLabel(c.newer, hb!.attribute)}只计最高(${id} ${label})`);
    else if (!hb) c.removed('item', hp, ha.citation.clause, ha.label, ha, `删除 ${ha.citation.clause} ${ha.label}(${id} ${label})`);
    else {
      const hid = hb.citation.clause;
      if (ha.attribute !== hb.attribute) c.changed('item', [...hp, 'attribute'], hid, hb.label, 'attribute', ha.attribute, hb.attribute, `只计最高的范围 同一${attributeLabel(c.older, ha.attribute)} → 同一${attributeLabel(c.newer, hb.attribute)}`);
      if (ha.label !== hb.label) c.changed('item', [...hp, 'label'], hid, '', 'label', ha.label, hb.label, `名称 ${ha.label} → ${hb.label}`);
      c.citation('item', [...hp, 'citation'], hid, hb.label, ha.citation, hb.citation);
    }
  }
  const na = a.notAgain;
  const nb = b.notAgain;
  if (!same(na, nb)) {
    const np: Path = [...p, 'notAgain'];
    if (!na) c.added('item', np, nb!.citation.clause, nb!.label, nb, `新增 ${nb!.citation.clause} ${nb!.label}: 已在 ${nb!.items.join('、')} 计分的不重复扣分(${id} ${label})`);
    else if (!nb) c.removed('item', np, na.citation.clause, na.label, na, `删除 ${na.citation.clause} ${na.label}(${id} ${label})`);
    else {
      const nid = nb.citation.clause;
      if (!same(na.items, nb.items)) c.changed('item', [...np, 'items'], nid, nb.label, 'items', na.items, nb.items, `不重复扣分的计分项 ${na.items.join('、')} → ${nb.items.join('、')}`);
      if (na.attribute !== nb.attribute) c.changed('item', [...np, 'attribute'], nid, nb.label, 'attribute', na.attribute, nb.attribute, `同一${attributeLabel(c.older, na.attribute)} → 同一${attributeLabel(c.newer, nb.attribute)}`);
      if (na.label !== nb.label) c.changed('item', [...np, 'label'], nid, '', 'label', na.label, nb.label, `名称 ${na.label} → ${nb.label}`);
      c.citation('item', [...np, 'citation'], nid, nb.label, na.citation, nb.citation);
    }
  }
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

  c.newer.indicators.forEach((indicator, ii) => {
    const p: Path = ['indicators', ii];
    const was = oldIndicators.get(indicator.id)?.value;
    if (!was) c.added('indicator', p, indicator.id, indicator.label, indicator, `新增指标 ${indicator.id} ${indicator.label}`);
    else {
      if (was.label !== indicator.label) c.changed('indicator', [...p, 'label'], indicator.id, '', 'label', was.label, indicator.label, `名称 ${was.label} → ${indicator.label}`);
      c.condition('indicator', [...p, 'eventCondition'], indicator.id, indicator.label, was.eventCondition, indicator.eventCondition, '事件条件');
      if (was.eventConditionLabel !== indicator.eventConditionLabel) {
        c.changed('indicator', [...p, 'eventConditionLabel'], indicator.id, indicator.label, 'eventConditionLabel', was.eventConditionLabel, indicator.eventConditionLabel, `事件条件的说明:${orNone(was.eventConditionLabel)} → ${orNone(indicator.eventConditionLabel)}`);
      }
      c.rest('indicator', p, indicator.id, indicator.label, was, indicator, ['id', 'label', 'eventCondition', 'eventConditionLabel', 'items']);
    }
    indicator.items.forEach((item) => {
      const now = newItems.get(item.id)!;
      const before = oldItems.get(item.id);
      if (!before) {
        const limit = item.kind === 'bonus' ? `加分上限 ${item.max ?? '-'} 分` : `满分 ${item.full ?? '-'} 分${item.base !== undefined ? `,基本分 ${item.base} 分` : ''}${item.cap !== undefined ? `,累计扣分上限 ${item.cap} 分` : ''}`;
        c.added('item', now.path, item.id, item.label, item, `新增计分项 ${item.id} ${item.label}: ${KINDS[item.kind]},${limit}`);
      } else diffItem(c, before, now);
      for (const clause of item.clauses) {
        const cNow = newClauses.get(clause.id)!;
        const cWas = oldClauses.get(clause.id);
        if (!cWas) c.added('clause', cNow.path, clause.id, clause.label, clause, `新增 ${clause.id} ${clause.label}: ${clauseSummary(clause, item.kind, c.newer)}`);
        else diffClause(c, cWas, cNow);
      }
    });
  });
  for (const [id, clause] of oldClauses) {
    if (!newClauses.has(id)) c.removed('clause', clause.path, id, clause.value.label, clause.value, `删除 ${id} ${clause.value.label}`);
  }
  for (const [id, item] of oldItems) {
    if (!newItems.has(id)) c.removed('item', item.path, id, item.value.label, item.value, `删除计分项 ${id} ${item.value.label}`);
  }
  for (const [id, { value, index }] of oldIndicators) {
    if (!newIndicatorIds.has(id)) c.removed('indicator', ['indicators', index], id, value.label, value, `删除指标 ${id} ${value.label}`);
  }
}

function diffGrades(c: Changes): void {
  const before = new Map<string, { grade: Grade; index: number }>(c.older.grades.map((g, i) => [g.grade, { grade: g, index: i }]));
  const after = new Set(c.newer.grades.map((g) => g.grade));
  const clause = (c.newer.gradeCitation ?? c.older.gradeCitation)?.clause ?? 'grades';
  c.newer.grades.forEach((g, i) => {
    const was = before.get(g.grade)?.grade;
    if (!was) c.added('grade', ['grades', i], clause, `${g.grade} 级`, g, `新增等级 ${g.grade}: 分数线 ${num(g.min)}`);
    // The grade line stands on its own: `AA+ 级分数线 85 → 86`.
    else if (was.min !== g.min) c.push({ section: 'grade', kind: 'changed', path: ['grades', i, 'min'], clause, label: `${g.grade} 级`, field: 'min', old: was.min, new: g.min, unit: '分', message: `${g.grade} 级分数线 ${num(was.min)} → ${num(g.min)}` });
  });
  for (const [grade, { grade: g, index }] of before) {
    if (!after.has(grade)) c.removed('grade', ['grades', index], clause, `${grade} 级`, g, `删除等级 ${grade}(分数线 ${num(g.min)})`);
  }
  c.citation('grade', ['gradeCitation'], clause, '信用等级', c.older.gradeCitation, c.newer.gradeCitation);
}

function diffDowngradeRules<T extends DowngradeRule | DowngradeRepeat>(c: Changes, key: 'rules' | 'repeats', old: readonly T[], now: readonly T[]): void {
  const before = new Map(old.map((r, i) => [r.id, { rule: r, index: i }]));
  const after = new Set(now.map((r) => r.id));
  now.forEach((rule, i) => {
    const p: Path = ['downgrades', key, i];
    const was = before.get(rule.id)?.rule;
    if (!was) {
      c.added('downgrade', p, rule.id, rule.label, rule, `新增 ${rule.id} ${rule.label}: ${EFFECTS[rule.effect]}`);
      return;
    }
    if (was.label !== rule.label) c.changed('downgrade', [...p, 'label'], rule.id, '', 'label', was.label, rule.label, `名称 ${was.label} → ${rule.label}`);
    if (was.effect !== rule.effect) c.changed('downgrade', [...p, 'effect'], rule.id, rule.label, 'effect', was.effect, rule.effect, `${EFFECTS[was.effect]} → ${EFFECTS[rule.effect]}`);
    if ('count' in rule && 'count' in was) {
      c.number('downgrade', [...p, 'count'], rule.id, rule.label, 'count', '次数', was.count, rule.count, '起');
      c.number('downgrade', [...p, 'withinMonths'], rule.id, rule.label, 'withinMonths', '期间', was.withinMonths, rule.withinMonths, '个月');
    }
    c.condition('downgrade', [...p, 'when'], rule.id, rule.label, was.when, rule.when);
    c.citation('downgrade', [...p, 'citation'], rule.id, rule.label, was.citation, rule.citation);
    c.rest('downgrade', p, rule.id, rule.label, was, rule, ['id', 'label', 'citation', 'when', 'effect', 'count', 'withinMonths']);
  });
  for (const [id, { rule, index }] of before) {
    if (!after.has(id)) c.removed('downgrade', ['downgrades', key, index], id, rule.label, rule, `删除 ${id} ${rule.label}`);
  }
}

function diffDowngrades(c: Changes): void {
  const a = c.older.downgrades;
  const b = c.newer.downgrades;
  if (!a && !b) return;
  if (!a) return c.added('downgrade', ['downgrades'], b!.citation.clause, '降级', b, `新增降级规定(${b!.citation.clause})`);
  if (!b) return c.removed('downgrade', ['downgrades'], a.citation.clause, '降级', a, `删除降级规定(${a.citation.clause})`);
  const clause = b.citation.clause;
  if (!same(a.fromGrades, b.fromGrades)) c.changed('downgrade', ['downgrades', 'fromGrades'], clause, '降级', 'fromGrades', a.fromGrades, b.fromGrades, `适用降级的等级 ${a.fromGrades.join('、')} → ${b.fromGrades.join('、')}`);
  const floor = b.floorCitation.clause;
  for (const grade of new Set([...Object.keys(a.floors), ...Object.keys(b.floors)])) {
    const old = Object.hasOwn(a.floors, grade) ? a.floors[grade] : undefined;
    const now = Object.hasOwn(b.floors, grade) ? b.floors[grade] : undefined;
    // A grade without a floor of its own takes its grade line (D3).
    c.number('downgrade', ['downgrades', 'floors', grade], floor, '降级后得分', `floors.${grade}`, `降为 ${grade} 级后得分`, old, now, '分', '该级分数线');
  }
  c.citation('downgrade', ['downgrades', 'floorCitation'], floor, '降级后得分', a.floorCitation, b.floorCitation);
  const recalc = b.recalcCitation.clause;
  if (a.recalcMonths !== b.recalcMonths) {
    c.changed('downgrade', ['downgrades', 'recalcMonths'], recalc, '重新计算', 'recalcMonths', a.recalcMonths, b.recalcMonths, `降级满 ${a.recalcMonths} 个月 → 满 ${b.recalcMonths} 个月后按计分表重新计算`, '个月');
  }
  c.citation('downgrade', ['downgrades', 'recalcCitation'], recalc, '重新计算', a.recalcCitation, b.recalcCitation);
  c.reading('downgrade', ['downgrades', 'reading'], clause, '降级', a.reading, b.reading);
  c.citation('downgrade', ['downgrades', 'citation'], clause, '降级', a.citation, b.citation);
  diffDowngradeRules(c, 'rules', a.rules, b.rules);
  diffDowngradeRules(c, 'repeats', a.repeats, b.repeats);
  c.rest('downgrade', ['downgrades'], clause, '降级', a, b, ['citation', 'fromGrades', 'floors', 'floorCitation', 'recalcMonths', 'recalcCitation', 'reading', 'rules', 'repeats']);
}

function diffParameters(c: Changes): void {
  const a = c.older.parameters;
  const b = c.newer.parameters;
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = Object.hasOwn(a, name) ? a[name] : undefined;
    const now = Object.hasOwn(b, name) ? b[name] : undefined;
    const p: Path = ['parameters', name];
    if (!was) {
      c.added('parameter', p, now!.citation.clause, now!.label, now, `新增参数 ${now!.citation.clause} ${now!.label}: ${parameterValueText(now!)}`);
      continue;
    }
    if (!now) {
      c.removed('parameter', p, was.citation.clause, was.label, was, `删除参数 ${was.citation.clause} ${was.label}`);
      continue;
    }
    const clause = now.citation.clause;
    if (was.label !== now.label) c.changed('parameter', [...p, 'label'], clause, '', 'label', was.label, now.label, `名称 ${was.label} → ${now.label}`);
    if (!same(was.value, now.value) || was.unit !== now.unit) {
      c.changed('parameter', [...p, 'value'], clause, now.label, 'value', was.value, now.value, `${parameterValueText(was)} → ${parameterValueText(now)}`, typeof now.value === 'number' ? now.unit : undefined);
    }
    c.reading('parameter', [...p, 'reading'], clause, now.label, was.reading, now.reading);
    c.citation('parameter', [...p, 'citation'], clause, now.label, was.citation, now.citation);
    c.provisional('parameter', [...p, 'provisional'], clause, now.label, was.provisional, now.provisional);
    c.rest('parameter', p, clause, now.label, was, now, ['label', 'value', 'unit', 'citation', 'reading', 'provisional']);
  }
}

function diffBaseRule(c: Changes): void {
  const a = c.older.baseRule;
  const b = c.newer.baseRule;
  if (!a && !b) return;
  const title = (r: Ruleset, reading: string | undefined): string => r.readings.find((x) => x.id === reading)?.title ?? '近期无工程项目的基本分';
  if (!a) return c.added('baseRule', ['baseRule'], b!.citation.clause, title(c.newer, b!.reading), b, `新增基本分规定(${b!.citation.clause}): 回溯 ${b!.lookbackMonths} 个月`);
  if (!b) return c.removed('baseRule', ['baseRule'], a.citation.clause, title(c.older, a.reading), a, `删除基本分规定(${a.citation.clause})`);
  const clause = b.citation.clause;
  const label = title(c.newer, b.reading);
  c.number('baseRule', ['baseRule', 'lookbackMonths'], clause, label, 'lookbackMonths', '回溯期限', a.lookbackMonths, b.lookbackMonths, '个月');
  c.number('baseRule', ['baseRule', 'projectDefaultMonths'], clause, label, 'projectDefaultMonths', '无竣工日期的工程期限', a.projectDefaultMonths, b.projectDefaultMonths, '个月');
  c.condition('baseRule', ['baseRule', 'projectCondition'], clause, label, a.projectCondition, b.projectCondition, '工程条件');
  c.reading('baseRule', ['baseRule', 'reading'], clause, label, a.reading, b.reading);
  c.citation('baseRule', ['baseRule', 'citation'], clause, label, a.citation, b.citation);
  c.provisional('baseRule', ['baseRule', 'provisional'], clause, label, a.provisional, b.provisional);
  c.rest('baseRule', ['baseRule'], clause, label, a, b, ['citation', 'reading', 'lookbackMonths', 'projectDefaultMonths', 'projectCondition', 'provisional']);
}

function diffEligibility(c: Changes): void {
  const a = c.older.eligibility;
  const b = c.newer.eligibility;
  if (!a && !b) return;
  if (!a) return c.added('eligibility', ['eligibility'], b!.citation.clause, '定级条件', b, `新增定级条件(${b!.citation.clause}): ${b!.requirements.map((r) => r.label).join('、')}`);
  if (!b) return c.removed('eligibility', ['eligibility'], a.citation.clause, '定级条件', a, `删除定级条件(${a.citation.clause})`);
  const clause = b.citation.clause;
  const before = new Map(a.requirements.map((r, i) => [r.id, { r, i }]));
  const after = new Set(b.requirements.map((r) => r.id));
  b.requirements.forEach((r, i) => {
    const p: Path = ['eligibility', 'requirements', i];
    const was = before.get(r.id)?.r;
    if (!was) return c.added('eligibility', p, clause, r.label, r, `新增定级条件 ${clause} ${r.label}`);
    if (was.label !== r.label) c.changed('eligibility', [...p, 'label'], clause, '', 'label', was.label, r.label, `定级条件名称 ${was.label} → ${r.label}`);
    c.condition('eligibility', [...p, 'when'], clause, r.label, was.when, r.when);
    if (was.reason !== r.reason) c.changed('eligibility', [...p, 'reason'], clause, r.label, 'reason', was.reason, r.reason, '不予定级的理由已修改');
  });
  for (const [id, { r, i }] of before) if (!after.has(id)) c.removed('eligibility', ['eligibility', 'requirements', i], clause, r.label, r, `删除定级条件 ${clause} ${r.label}`);
  c.citation('eligibility', ['eligibility', 'citation'], clause, '定级条件', a.citation, b.citation);
}

function diffConditions(c: Changes): void {
  const a = c.older.conditions;
  const b = c.newer.conditions;
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = Object.hasOwn(a, name) ? a[name] : undefined;
    const now = Object.hasOwn(b, name) ? b[name] : undefined;
    if (same(was, now)) continue;
    const p: Path = ['conditions', name];
    if (!was) c.added('condition', p, name, '', now, `新增共用条件 ${name}`);
    else if (!now) c.removed('condition', p, name, '', was, `删除共用条件 ${name}`);
    else c.changed('condition', p, name, '', 'condition', was, now, `共用条件 ${name} 已修改(引用它的各条款随之变化)`);
  }
  if (!same(c.older.eventCondition, c.newer.eventCondition)) {
    c.changed('condition', ['eventCondition'], 'eventCondition', '', 'eventCondition', c.older.eventCondition, c.newer.eventCondition, '所有计分事件的条件已修改');
  }
  const [was, now] = [c.older.eventConditionLabel, c.newer.eventConditionLabel];
  if (was !== now) c.changed('condition', ['eventConditionLabel'], 'eventCondition', '', 'eventConditionLabel', was, now, `所有计分事件的条件的说明:${orNone(was)} → ${orNone(now)}`);
}

function diffReadings(c: Changes): void {
  const before = new Map(c.older.readings.map((r, i) => [r.id, { r, i }]));
  const after = new Set(c.newer.readings.map((r) => r.id));
  c.newer.readings.forEach((r, i) => {
    const p: Path = ['readings', i];
    const was = before.get(r.id)?.r;
    if (!was) return c.added('reading', p, r.id, r.title, r, `新增理解 ${r.id} ${r.title}`);
    if (was.title !== r.title) c.changed('reading', [...p, 'title'], r.id, '', 'title', was.title, r.title, `标题 ${was.title} → ${r.title}`);
    if (was.note !== r.note) c.changed('reading', [...p, 'note'], r.id, r.title, 'note', was.note, r.note, '理解说明已修改');
  });
  for (const [id, { r, i }] of before) if (!after.has(id)) c.removed('reading', ['readings', i], id, r.title, r, `删除理解 ${id} ${r.title}`);
}

function diffNotes(c: Changes): void {
  const before = new Map(c.older.notes.map((n, i) => [n.clause, { n, i }]));
  const after = new Set(c.newer.notes.map((n) => n.clause));
  c.newer.notes.forEach((n, i) => {
    const was = before.get(n.clause)?.n;
    if (!was) c.added('note', ['notes', i], n.clause, '备注', n, `新增备注 ${n.clause}`);
    else if (was.text !== n.text) c.changed('note', ['notes', i, 'text'], n.clause, '备注', 'text', was.text, n.text, '原文已修改');
  });
  for (const [clause, { n, i }] of before) if (!after.has(clause)) c.removed('note', ['notes', i], clause, '备注', n, `删除备注 ${clause}`);
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
      c.added('eventType', p, type, now!.label, now, `新增事件类型 ${type}(${now!.label})`);
      continue;
    }
    if (!now) {
      c.removed('eventType', p, type, was.label, was, `删除事件类型 ${type}(${was.label})`);
      continue;
    }
    for (const name of new Set([...Object.keys(now.attributes), ...Object.keys(was.attributes)])) {
      const sa = Object.hasOwn(was.attributes, name) ? was.attributes[name] : undefined;
      const sb = Object.hasOwn(now.attributes, name) ? now.attributes[name] : undefined;
      if (same(sa, sb)) continue;
      const ap: Path = [...p, 'attributes', name];
      const label = `${type}(${now.label})`;
      if (!sa) c.added('eventType', ap, type, label, sb, `事件类型 ${label}: 新增属性 ${name}(${sb!.label})`);
      else if (!sb) c.removed('eventType', ap, type, label, sa, `事件类型 ${label}: 删除属性 ${name}(${sa.label})`);
      else {
        const gone = (sa.values ?? []).filter((v) => !(sb.values ?? []).includes(v));
        const come = (sb.values ?? []).filter((v) => !(sa.values ?? []).includes(v));
        const parts = [come.length ? `新增取值 ${come.join('、')}` : '', gone.length ? `删除取值 ${gone.join('、')}` : ''].filter(Boolean);
        c.changed('eventType', ap, type, label, 'attribute', sa, sb, `属性 ${name}(${sb.label}) ${parts.length ? parts.join(',') : '已修改'}`);
      }
    }
    if (was.label !== now.label) c.changed('eventType', [...p, 'label'], type, '', 'label', was.label, now.label, `事件类型名称 ${was.label} → ${now.label}`);
  }
}

/**
 * What changed from `older` to `newer`, in policy terms and clause by clause: points, caps,
 * windows, grade lines, parameters, downgrade floors and periods, added and removed clauses,
 * changed citations and conditions ("条件已修改"). Metadata changes (version, status…) come
 * first with section `meta`; then the table in the new version's order, then grades,
 * downgrades, parameters, the base rule, eligibility, shared conditions, readings, notes and
 * event types. Empty when the two score alike and say the same.
 */
export function policyDiff(older: Ruleset, newer: Ruleset): PolicyChange[] {
  const c = new Changes(older, newer);
  diffMeta(c);
  diffTable(c);
  diffGrades(c);
  diffDowngrades(c);
  diffParameters(c);
  diffBaseRule(c);
  diffEligibility(c);
  diffConditions(c);
  diffReadings(c);
  diffNotes(c);
  diffEventTypes(c);
  // `$schema` is where the file sits, not policy: a copy in another folder says it differently.
  c.rest('meta', [], '', '', older, newer, [
    '$schema', 'id', 'title', 'version', 'status', 'effectiveFrom', 'effectiveTo', 'supersedes', 'entityKind', 'source', 'readings', 'notes',
    'parameters', 'conditions', 'eventCondition', 'eventConditionLabel', 'eventTypes', 'baseRule', 'eligibility', 'indicators', 'grades', 'gradeCitation', 'downgrades',
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
export interface Standing {
  score: number;
  grade: string | null;
  /** The table's own score and grade; they differ from `score`/`grade` while a downgrade decides. */
  computedScore: number;
  computedGrade: string | null;
  downgraded: boolean;
  eligible: boolean;
  version: string;
}

/** Why a record got no score under a version (a `CreditRulesError`, as plain data). */
export interface ImpactError {
  code: ErrorCode;
  message: string;
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
  /** The table's score changed while a downgrade keeps the result as it was (D1–D4). */
  computedOnly: boolean;
  /** The grade line it is within `nearLine` points of under the new version. */
  nearLine?: NearLine;
  /** The items whose score differs (E2.1 16 → 14), in table order: why the case moved. */
  items?: ItemMove[];
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
  if (error instanceof CreditRulesError) return { code: error.code, message: error.message, ...(error.recordId ? { recordId: error.recordId } : {}), problems: error.problems };
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
    }
    if (errors.old || errors.new) row.errors = errors;
    this.rows.push(row);
    return row;
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
