/**
 * The explanations in Chinese, for policy staff: one sentence per code of codes.ts. The
 * wording of a regulation comes in the params (labels, citations, the base rule's project);
 * what is written here is the engine's own. Points are said with the ruleset's unit (分 unless
 * it names another: 扣 4 万元).
 */
import type { ItemKind, WindowEnd } from '../types.js';
import {
  DEFAULT_UNIT, type Catalogue, type ClauseScoring, type ClauseSummary, type ConditionOf, type EventParams, type MetaField, type ParameterValue,
  type LimitKind, type LimitSide, type Sides, type TraceCode, type UnmatchedParams, type WindowSummary,
  type FieldFact, type FieldSpecParams, type KeepSummary, type GuessParams, type ParameterTypeName, type ProblemWords,
  type CitedUnitName, type VersionPeriod, type JsonFound, type ArgumentsCommand, type FileRole, type PerParams, type PerSummary,
} from './codes.js';

const event = (p: EventParams): string => `${p.event}(${p.date})`;
/** A clause's label, with its level's where the level has a name of its own: 在建评价(较差). */
const levelled = (label: string, level: string | undefined): string => (level === undefined ? label : `${label}(${level})`);
const none = (text: string | undefined): string => text ?? '(无)';
/** A number of points with its unit: `4 分`, `4 万元`. */
const amount = (n: number, unit: string): string => `${Math.abs(n)} ${unit}`;
const verb = (points: number): string => (points < 0 ? '扣' : '加');
/** Points per quantity, after the points it gave: (居住年限 3.5,按每满 1 计:3 × 1 分). */
const perText = (p: PerParams | undefined, unit: string): string => {
  if (!p) return '';
  const quantity = p.quantity === null ? `${p.of}未填写,按 0 计` : `${p.of} ${p.quantity}`;
  const above = p.above !== undefined ? `,超过 ${p.above} 的部分` : p.below !== undefined ? `,低于 ${p.below} 的部分` : '';
  const step = p.step === undefined ? '' : `${above ? '' : ','}按${p.up ? `每 ${p.step} 计(不足 ${p.step} 按 ${p.step} 计)` : `每满 ${p.step} 计`}`;
  return `(${quantity}${above}${step}:${p.units} × ${amount(p.each, unit)})`;
};
/** A clause's `per` in a policy change: 居住年限(residenceYears)每满 1. */
const perSummaryText = (s: PerSummary | undefined): string =>
  s === undefined
    ? '(无)'
    : `${s.of}${s.of === s.path ? '' : `(${s.path})`}${s.above === undefined ? '' : `超过 ${s.above} 的部分`}${s.below === undefined ? '' : `低于 ${s.below} 的部分`}${s.step === undefined ? '的数量' : s.up ? `每 ${s.step}(不足按 ${s.step} 计)` : `每满 ${s.step}`}`;

const KINDS: Readonly<Record<ItemKind, string>> = { deduction: '扣分', bonus: '加分', check: '符合条件得分', reduction: '减分' };
const EFFECTS = { oneGrade: '降一级', lowest: '直接降为最低等级' } as const;
const META: Readonly<Record<MetaField, string>> = {
  id: '规则集', title: '名称', version: '版本', effectiveFrom: '生效日期', effectiveTo: '失效日期', supersedes: '取代的版本', entityKind: '评价对象',
};
const STATUS = { official: '正式', provisional: '暂定', draft: '草案' } as const;
const CONDITIONS: Readonly<Record<ConditionOf, string>> = { when: '条件', eventCondition: '事件条件', projectCondition: '项目条件' };

/** A keepOne rule in words: 同一项目只计分值最高的一次, 同一项目只计申报日期最早的一次. */
const keepText = (k: KeepSummary): string =>
  `同一${k.attributeLabel}只计${k.choose === 'highest' ? '分值最高' : `${k.by?.attributeLabel ?? '日期'}${k.choose === 'first' ? '最早' : '最晚'}`}的一次`;
const heldBy = (of: string): string => (of ? `(${of})` : '');

/** Points as policy staff say them: 扣 4 分, 加 1 分, 得 8 分. */
function pointsText(points: number, kind: ItemKind, unit: string): { verb: string; amount: string } {
  if (kind === 'check') return { verb: '得', amount: `${points} ${unit}` };
  if (kind === 'reduction') return { verb: '减', amount: `${Math.abs(points)} ${unit}` };
  if (points < 0) return { verb: '扣', amount: `${-points} ${unit}` };
  return { verb: kind === 'deduction' ? '扣' : '加', amount: `${points} ${unit}` };
}

/** Where a window ends, in words. */
const WINDOW_ENDS: Record<WindowEnd, string> = { monthEnd: '计至到期当月月底', day: '计至到期月的对应日' };
/** A window's own end, after its length: `(计至到期月的对应日)`; nothing where it states none. */
const ownEnd = (end: WindowEnd | undefined): string => (end === undefined ? '' : `(${WINDOW_ENDS[end]})`);

/** A window in words: `24 个月`, `按事件的公示期限(月)计,未写明时 3 个月`, `计至事件的列入截止日期所在月底`, `不限`. */
function windowText(w: WindowSummary): string {
  switch (w.kind) {
    case 'none':
      return '不限';
    case 'months':
      return `${w.months} 个月${ownEnd(w.end)}`;
    case 'until':
      return `计至事件的${w.attributeLabel}${w.end === 'day' ? '当日' : '所在月底'}`;
    case 'attribute': {
      const otherwise = w.fallback ? `,未写明时 ${parameterText(w.fallback)}` : w.fallbackMonths !== undefined ? `,未写明时 ${w.fallbackMonths} 个月` : '';
      return `按事件的${w.attributeLabel}计${otherwise}${ownEnd(w.end)}`;
    }
  }
}

function parameterText(p: ParameterValue): string {
  const v = p.value;
  if (Array.isArray(v)) return v.length ? v.join('、') : '(无)';
  if (typeof v === 'number') return p.unit ? `${v} ${p.unit}` : String(v);
  return v;
}

function scoringText(s: ClauseScoring, kind: ItemKind, unit: string): string[] {
  if (s.veto) return [`整项不得分(${s.veto.vetoes ?? '本指标'})`];
  if (s.levels) return [s.levels.map((l) => `${l.label} ${pointsText(l.points, kind, unit).verb} ${pointsText(l.points, kind, unit).amount}`).join('、')];
  if (s.points !== undefined) return [`每次${pointsText(s.points, kind, unit).verb} ${pointsText(s.points, kind, unit).amount}`];
  return [];
}

function summaryText(s: ClauseSummary, kind: ItemKind, unit: string): string {
  const parts = scoringText(s, kind, unit);
  if (s.per) parts.push(`按${perSummaryText(s.per)} 计`);
  if (s.cap !== undefined) parts.push(`本条上限 ${s.cap} ${unit}`);
  if (s.window) parts.push(`期限 ${windowText(s.window)}`);
  return parts.join(',');
}

/** A number that changed: `满分 20 分 → 22 分`; `absent` for a side without it. */
function numberChange(what: string, p: Sides<number>, unit: string, absent = '(无)'): string {
  const side = (v: number | undefined): string => (v === undefined ? absent : `${v} ${unit}`);
  return `${what} ${side(p.old)} → ${side(p.new)}`;
}

function unmatchedCondition(p: UnmatchedParams): string {
  if (p.condition !== undefined) return `不符合“${p.condition}”`;
  if (p.indicator !== undefined) return `不符合“${p.indicator} ${p.indicatorLabel}的事件条件”`;
  return '不符合本表任何条款的计分条件';
}

/** Signed points as a result counts them: 扣 4 分, 加 2 分, 0 分. */
const signedAmount = (n: number, unit: string): string => (n === 0 ? `0 ${unit}` : `${verb(n)} ${amount(n, unit)}`);
/** Why a side did not count an event, by the code of its trace line. */
const NOT_COUNTED: Partial<Record<TraceCode, string>> = {
  'window.lapsed': '有效期已过',
  'window.afterAsOf': '晚于评价日期',
  'keep.notAgain': '不重复扣分',
  'keep.oncePer': '只计一次',
  'keep.highest': '只计最高的一次',
  'keep.ordered': '只计其中一次',
  'event.unmatched': '不符合计分条件',
  'clause.zero': '计 0 分',
  veto: '整项否决',
};
const notCounted = (code: TraceCode | undefined): string => (code && NOT_COUNTED[code]) ?? '不计';
const LIMITS: Readonly<Record<LimitKind, string>> = { 'clause.cap': '本条上限', 'item.cap': '扣分上限', 'bonus.max': '最高', 'check.max': '最高', 'item.floor': '扣至 0 为止', 'reduction.max': '最多减', 'reduction.floor': '减至 0 为止' };
function limitText(kind: LimitKind, side: LimitSide, unit: string): string {
  return kind === 'item.floor' || kind === 'reduction.floor' ? LIMITS[kind] : `${LIMITS[kind]} ${amount(side.limit, unit)}`;
}

/** `(是否应为“x”?)`, or nothing. */
/** A size in bytes as messages write it: `16.0 MB`, `512 字节`. */
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} 字节`);
/** What stands where JSON goes wrong, as a message names it. */
function found(f: JsonFound): string {
  if (f.kind === 'end') return '文本结尾';
  if (f.kind === 'control') return `控制字符 ${f.char}`;
  return f.kind === 'string' ? `字符串 ${f.text}` : `“${f.text}”`;
}
/** What a command says when given too few or too many files. */
const ARGUMENTS: Readonly<Record<ArgumentsCommand, (files: string[]) => string>> = {
  validate: () => 'validate 至少需要一个文件,例如 credit-rules validate rulesets/enterprise.json',
  diff: (f) => `diff 需要新旧两个规则集(现有 ${f.length} 个),例如 credit-rules diff rulesets/enterprise.json rulesets/enterprise-versions/enterprise-n4.json --cases rulesets/cases/enterprise`,
  forecast: (f) => `forecast 需要一个记录文件(现有 ${f.length} 个),例如 credit-rules forecast record.json --ruleset rulesets/enterprise.json`,
  test: (f) => `test 需要一个规则集(现有 ${f.length} 个),例如 credit-rules test rulesets/enterprise.json --cases rulesets/cases/enterprise`,
  evaluate: (f) => `evaluate 需要一个记录文件(现有 ${f.length} 个),例如 credit-rules evaluate records.json --ruleset rulesets/enterprise.json(- 表示标准输入)`,
  serve: (f) => `serve 不接受文件(现有 ${f.join(' ')});请用 --rulesets DIR 指定规则集文件夹`,
};
const FILE_ROLES: Readonly<Record<FileRole, string>> = {
  file: '文件', ruleset: '规则集', 'records file': '记录文件', 'rulesets folder': '规则集文件夹', folder: '文件夹', case: '案例', cases: '案例', record: '记录',
};
const LOOKS = { records: '记录列表', sampleCase: '样例案例', record: '一条记录' } as const;
const NAME_WHY = { trailingComma: ';请删去它前面多余的逗号', singleQuote: ';JSON 字段名须用双引号', unquoted: ';请给字段名加上双引号' } as const;
const period = (p: { from: string; to?: string }): string => (p.to === undefined ? `${p.from} 起` : `${p.from} 至 ${p.to}`);
/** A version as a problem lists it: `2021.1(正式,2021-02-19 起)`. */
const versionText = (v: VersionPeriod): string => `${v.version}(${STATUS[v.status]},${period({ from: v.from, to: v.to })})`;
/** Months and money as citations write them; amounts are in the ruleset's unit. */
const CITED_UNITS: Partial<Record<CitedUnitName, string>> = { months: '个月', yuan: '元' };
const guessed = (p: GuessParams): string => (p.guess === undefined ? '' : `(是否应为“${p.guess}”?)`);
/** A Chinese problem: one sentence that says what is wrong and how to fix it. */
const said = (message: string): ProblemWords => ({ message });
const PARAMETER_TYPES: Readonly<Record<ParameterTypeName, string>> = { number: '数字', integer: '整数', date: '日期(YYYY-MM-DD)', string: '文字', strings: '文字列表' };
const SCHEMA_TYPES: Readonly<Record<string, string>> = { string: '文字', number: '数字', integer: '整数', boolean: 'true 或 false', object: '对象 {…}', array: '列表 […]', null: 'null' };
const FACT_WORDS: Readonly<Record<FieldFact, string>> = { record: '主体记录', project: '项目', event: '事件' };
const OPERATOR_VALUES = { date: '日期(YYYY-MM-DD)', array: '列表', number: '数字', boolean: '是/否' } as const;
/** What a JSON Schema keyword refuses, from Ajv's params. */
const SCHEMA_WORDS: Readonly<Record<string, (p: Record<string, unknown>, value: { value?: string; empty?: boolean }) => string>> = {
  required: (p) => `缺少“${String(p.missingProperty)}”,请补上`,
  additionalProperties: (p) => `不认识的字段“${String(p.additionalProperty)}”,请删除或检查拼写`,
  enum: (p) => `只能是 ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join('、')} 之一`,
  format: (_p, v) => (v.empty ? '请填写日期(YYYY-MM-DD)' : `${v.value} 不是真实的日期,请按 YYYY-MM-DD 填写`),
  type: (p) => `类型不对,应为${String(p.type).split(',').map((t) => SCHEMA_TYPES[t] ?? t).join('或')}`,
  minimum: (p) => `不能小于 ${String(p.limit)}`,
  maximum: (p) => `不能大于 ${String(p.limit)}`,
  minItems: (p) => `至少需要 ${String(p.limit)} 项`,
  maxItems: (p) => `最多 ${String(p.limit)} 项,请拆分`,
  minLength: (p) => (p.limit === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字`),
  maxLength: (p) => `最多 ${String(p.limit)} 个字`,
  pattern: () => '格式不对',
};
/** A declared field whose value is not one it takes: its choices, or that it is wrong. */
const badField = (p: FieldSpecParams, dateHint: boolean): string =>
  p.type === 'enum' ? `“${p.label}”只能是:${p.valueLabels!.join('、')}` : `“${p.label}”填写不正确${dateHint && p.type === 'date' ? ',请按 YYYY-MM-DD 填写真实日期' : ''}`;

/** A case's fields as `test` names them where a result differs (an indicator keeps its id). */
const FIELDS: Readonly<Record<string, string>> = { score: '得分', grade: '等级', computedScore: '计分表得分', downgraded: '降级', eligible: '具备评价资格' };

export const zhCN: Catalogue = {
  trace: {
    'item.start': (p) => `${p.item} ${p.label}:满分 ${amount(p.points, p.unit)}`,
    'item.startBase': (p) => `${p.item} ${p.label}:近 ${p.months} 个月无${p.project ?? '项目'}(${p.clause}),按基本分 ${amount(p.points, p.unit)}起算`,
    'check.met': (p) => `${p.clause} ${levelled(p.label, p.level)}:符合,得 ${amount(p.points, p.unit)}${perText(p.per, p.unit)}`,
    'check.unmet': (p) => `${p.item} ${p.label}:不符合“${p.unmet.join('”“')}”,得 0 ${p.unit}`,
    'clause.points': (p) => `${p.clause} ${levelled(p.label, p.level)}:${event(p)} ${verb(p.points)} ${amount(p.points, p.unit)}${perText(p.per, p.unit)}`,
    'clause.zero': (p) => `${p.clause} ${levelled(p.label, p.level)}:${event(p)} ${p.unit === DEFAULT_UNIT ? (p.levelled ? '不扣分' : '不计分') : `${p.levelled ? '扣' : '计'} 0 ${p.unit}`}${perText(p.per, p.unit)}`,
    'multiplier.extra': (p) => `${p.clause} ${p.label}:${event(p)} 按 ${p.factor} 倍计,另${verb(p.points)} ${amount(p.points, p.unit)}`,
    'clause.cap': (p) => `${p.clause} ${p.label}:累计${verb(p.sum)} ${amount(p.sum, p.unit)},以 ${amount(p.cap, p.unit)}为限,超出的 ${amount(p.cut, p.unit)}不计`,
    'item.cap': (p) => `${p.item} ${p.label}:累计扣 ${amount(p.total, p.unit)},扣完 ${amount(p.limit, p.unit)}为止,超出的 ${amount(p.cut, p.unit)}不扣`,
    'bonus.max': (p) => `${p.item} ${p.label}:累计 ${amount(p.total, p.unit)},最高计 ${amount(p.limit, p.unit)},超出的 ${amount(p.cut, p.unit)}不计`,
    'check.max': (p) => `${p.item} ${p.label}:累计 ${amount(p.total, p.unit)},最高计 ${amount(p.limit, p.unit)},超出的 ${amount(p.cut, p.unit)}不计`,
    'reduction.max': (p) => `${p.item} ${p.label}:累计减 ${amount(p.total, p.unit)},最多减 ${amount(p.limit, p.unit)},超出的 ${amount(p.cut, p.unit)}不减`,
    'reduction.floor': (p) => `${p.item} ${p.label}:减至 0 ${p.unit}为止,不减未记的${p.unit === DEFAULT_UNIT ? '分' : '数'}(${amount(p.restored, p.unit)}不减)`,
    'item.floor': (p) => `${p.item} ${p.label}:本项扣至 0 ${p.unit}为止,不计负${p.unit === DEFAULT_UNIT ? '分' : '数'}(${amount(p.restored, p.unit)}不扣)`,
    veto: (p) =>
      `${p.clause} ${p.label}:${event(p)},整个“${p.indicatorLabel}”(${p.indicator}${p.reading ? `,按 ${p.reading} 的理解` : ''})不得分,扣去其余 ${amount(p.lost, p.unit)}`,
    'window.lapsed': (p) => `${p.clause} ${p.label}:${event(p)} 不计:有效期已过(计至 ${p.until})`,
    'window.afterAsOf': (p) => `${p.clause} ${p.label}:${event(p)} 不计:晚于评价日期 ${p.asOf}`,
    'event.unmatched': (p) => `${event(p)} 不计:${unmatchedCondition(p)}`,
    'keep.notAgain': (p) => `${p.clause} ${p.label}:${event(p)} 与 ${p.earlier} 属同一${p.attributeLabel},已在 ${p.item} 中扣分,不重复扣分`,
    'keep.oncePer': (p) => `${p.clause} ${p.label}:${event(p)} 不计:与 ${p.first} 同一${p.attributeLabel}“${p.value}”,只计一次`,
    'keep.highest': (p) =>
      `${p.clause} ${p.label}:${event(p)} 不计:同一${p.attributeLabel}“${p.value}”只计最高的 ${p.best}(${amount(p.bestPoints, p.unit)}),${p.event} 的 ${amount(p.points, p.unit)}不计`,
    'keep.ordered': (p) =>
      `${p.clause} ${p.label}:${event(p)} 不计:同一${p.attributeLabel}“${p.value}”只计${p.by === 'date' ? '' : p.byLabel}${p.choose === 'first' ? '最早' : '最晚'}的 ${p.kept}(${p.keptDate})`,
    'eligibility.failed': (p) => `${p.clause} 不具备评价资格,不评定等级:${p.reasons.join(';')}`,
    'downgrade.step': (p) => `${p.clause} ${p.label}:${event(p)},信用等级 ${p.from} → ${p.to}`,
    'downgrade.noChange': (p) => `${p.clause} ${p.label}:${event(p)},等级已为 ${p.grade},不再降低`,
    'downgrade.notACase': (p) => `${p.clause} ${p.label}:${event(p)} 不符合本条${p.others.length ? `及“${p.others.join('”“')}”` : ''}的降级条件,不降级`,
    'downgrade.afterAsOf': (p) => `${p.clause} ${p.label}:${event(p)} 晚于评价日期 ${p.asOf},不降级`,
    'downgrade.noPublished': (p) => `${p.clause} ${p.label}:${event(p)} 本记录没有已公布的信用等级,无级可降`,
    'downgrade.gradeNotConcerned': (p) => `${p.clause} ${p.label}:${event(p)} 已公布的信用等级 ${p.grade} 不在降级范围(${p.fromGrades.join('、')})内`,
    'downgrade.beforePublication': (p) => `${p.clause} ${p.label}:${event(p)} 不晚于信用等级公布日 ${p.published}${p.reading ? `(${p.reading})` : ''},不降级`,
    'downgrade.floor': (p) => `${p.clause} 降级后得分为 ${p.grade} 级最低分 ${p.floor} ${p.unit}(计分表得分 ${p.computed} ${p.unit})`,
    'downgrade.expired': (p) => `${p.clause} 自 ${p.since} 降级已满 ${p.months} 个月(${p.until} 起),按计分表重新计算得分和等级`,
  },

  unmatchedCondition,

  change: {
    'meta.changed': (p) => `${META[p.field]} ${none(p.old)} → ${none(p.new)}`,
    'meta.status': (p) => `状态 ${STATUS[p.old]} → ${STATUS[p.new]}`,
    'meta.source': (p) => `依据文件 ${p.old} → ${p.new}${p.old === p.new ? '(出处已修改)' : ''}`,
    'meta.unit': (p) => `分值单位 ${p.old ?? DEFAULT_UNIT} → ${p.new ?? DEFAULT_UNIT}`,
    field: (p) => `${p.field} 已修改`,
    label: (p) => `名称 ${p.old} → ${p.new}`,
    kind: (p) => `计分方式 ${KINDS[p.old]} → ${KINDS[p.new]}`,
    points: (p) => {
      const [a, b] = [pointsText(p.old, p.kind, p.unit), pointsText(p.new, p.kind, p.unit)];
      return a.verb === b.verb ? `每次${a.verb} ${a.amount} → ${b.amount}` : `每次${a.verb} ${a.amount} → 每次${b.verb} ${b.amount}`;
    },
    'citation.clause': (p) => `依据条款 ${p.old} → ${p.new}`,
    'citation.text': () => '依据原文已修改',
    'condition.added': (p) => `新增${CONDITIONS[p.of]}`,
    'condition.removed': (p) => `取消${CONDITIONS[p.of]}`,
    'condition.changed': (p) => `${CONDITIONS[p.of]}已修改`,
    'provisional.added': (p) => `标为暂定(${p.fields.join('、')})`,
    'provisional.removed': () => '不再暂定',
    'provisional.changed': () => '暂定说明已修改',
    'reading.followed': (p) => `所依理解 ${none(p.old)} → ${none(p.new)}`,
    'indicator.added': (p) => `新增指标 ${p.id} ${p.label}`,
    'indicator.removed': (p) => `删除指标 ${p.id} ${p.label}`,
    'indicator.eventConditionLabel': (p) => `事件条件的说明:${none(p.old)} → ${none(p.new)}`,
    'item.added': (p) => {
      const u = p.unit;
      const limit = p.kind === 'bonus' || p.kind === 'reduction'
        ? `${p.kind === 'bonus' ? '加分' : '减分'}上限 ${p.max ?? '-'} ${u}`
        : `满分 ${p.full ?? '-'} ${u}${p.base !== undefined ? `,基本分 ${p.base} ${u}` : ''}${p.cap !== undefined ? `,累计扣分上限 ${p.cap} ${u}` : ''}`;
      return `新增计分项 ${p.id} ${p.label}: ${KINDS[p.kind]},${limit}`;
    },
    'item.removed': (p) => `删除计分项 ${p.id} ${p.label}`,
    'item.indicator': (p) => `所属指标 ${p.old} → ${p.new}`,
    'item.full': (p) => numberChange('满分', p, p.unit),
    'item.base': (p) => numberChange('基本分', p, p.unit),
    'item.cap': (p) => numberChange(p.deduction ? '累计扣分上限' : '上限', p, p.unit, '不设'),
    'item.max': (p) => numberChange(p.reduction ? '减分上限' : '加分上限', p, p.unit, '不设'),
    'multiplier.added': (p) => `新增 ${p.clause} ${p.label}: 按 ${p.factor} 倍计分(${p.item} ${p.itemLabel})`,
    'multiplier.removed': (p) => `删除 ${p.clause} ${p.label}(${p.item} ${p.itemLabel})`,
    'multiplier.factor': (p) => `倍数 ${p.old} 倍 → ${p.new} 倍`,
    'keepOne.added': (p) => `新增 ${p.clause} ${p.label}: ${keepText(p)}${heldBy(p.of)}`,
    'keepOne.removed': (p) => `删除 ${p.clause} ${p.label}${heldBy(p.of)}`,
    'keepOne.changed': (p) => `${keepText(p.old)} → ${keepText(p.new)}`,
    'highestPer.added': (p) => `新增 ${p.clause} ${p.label}: 同一${p.attributeLabel}只计最高(${p.item} ${p.itemLabel})`,
    'highestPer.removed': (p) => `删除 ${p.clause} ${p.label}(${p.item} ${p.itemLabel})`,
    'highestPer.attribute': (p) => `只计最高的范围 同一${p.old.attributeLabel} → 同一${p.new.attributeLabel}`,
    'notAgain.added': (p) => `新增 ${p.clause} ${p.label}: 已在 ${p.items.join('、')} 计分的不重复扣分(${p.item} ${p.itemLabel})`,
    'notAgain.removed': (p) => `删除 ${p.clause} ${p.label}(${p.item} ${p.itemLabel})`,
    'notAgain.items': (p) => `不重复扣分的计分项 ${p.old.join('、')} → ${p.new.join('、')}`,
    'notAgain.attribute': (p) => `同一${p.old.attributeLabel} → 同一${p.new.attributeLabel}`,
    'clause.added': (p) => `新增 ${p.id} ${p.label}: ${summaryText(p.summary, p.kind, p.unit)}`,
    'clause.removed': (p) => `删除 ${p.id} ${p.label}`,
    'clause.item': (p) => `所属计分项 ${p.old} → ${p.new}`,
    'clause.effect': (p) => {
      const side = (v: { vetoes: string } | null): string => (v ? `整项不得分(${v.vetoes})` : '计分');
      return `效果 ${side(p.old)} → ${side(p.new)}`;
    },
    'clause.vetoes': (p) => `不得分的范围 ${none(p.old)} → ${none(p.new)}`,
    'clause.scoring': (p) => `分值 ${summaryText(p.old, p.kind, p.unit)} → ${summaryText(p.new, p.kind, p.unit)}`,
    'clause.cap': (p) => numberChange(p.kind === 'deduction' ? '本条扣分上限' : '本条加分上限', p, p.unit, '不设'),
    'clause.window': (p) => `期限 ${windowText(p.old)} → ${windowText(p.new)}`,
    'clause.per': (p) => `按数量计分 ${perSummaryText(p.old)} → ${perSummaryText(p.new)}`,
    'windows.end': (p) => `各期限 ${WINDOW_ENDS[p.old]} → ${WINDOW_ENDS[p.new]}`,
    'clause.oncePer': (p) => {
      const once = (v: { attributeLabel: string } | undefined): string => (v === undefined ? '每次计分' : `每个${v.attributeLabel}只计一次`);
      return `计次 ${once(p.old)} → ${once(p.new)}`;
    },
    'level.added': (p) => {
      const t = pointsText(p.points, p.kind, p.unit);
      return `新增 ${p.id} ${p.label}: 每次${t.verb} ${t.amount}`;
    },
    'level.removed': (p) => `删除 ${p.id} ${p.label}`,
    'grade.added': (p) => `新增等级 ${p.grade}: 分数线 ${p.min}`,
    'grade.min': (p) => `${p.grade} 级分数线 ${p.old} → ${p.new}`,
    'grade.removed': (p) => `删除等级 ${p.grade}(分数线 ${p.min})`,
    'downgrades.added': (p) => `新增降级规定(${p.clause})`,
    'downgrades.removed': (p) => `删除降级规定(${p.clause})`,
    'downgrades.fromGrades': (p) => `适用降级的等级 ${p.old.join('、')} → ${p.new.join('、')}`,
    'downgrades.floor': (p) => numberChange(`降为 ${p.grade} 级后得分`, p, p.unit, '该级分数线'),
    'downgrades.recalcMonths': (p) => `降级满 ${p.old} 个月 → 满 ${p.new} 个月后按计分表重新计算`,
    'downgradeRule.added': (p) => `新增 ${p.id} ${p.label}: ${EFFECTS[p.effect]}`,
    'downgradeRule.removed': (p) => `删除 ${p.id} ${p.label}`,
    'downgradeRule.effect': (p) => `${EFFECTS[p.old]} → ${EFFECTS[p.new]}`,
    'repeat.count': (p) => numberChange('次数', p, '起'),
    'repeat.withinMonths': (p) => numberChange('期间', p, '个月'),
    'parameter.added': (p) => `新增参数 ${p.clause} ${p.label}: ${parameterText(p)}`,
    'parameter.removed': (p) => `删除参数 ${p.clause} ${p.label}`,
    'parameter.value': (p) => `${parameterText(p.old)} → ${parameterText(p.new)}`,
    'baseRule.added': (p) => `新增基本分规定(${p.clause}): 回溯 ${p.months} 个月`,
    'baseRule.removed': (p) => `删除基本分规定(${p.clause})`,
    'baseRule.lookbackMonths': (p) => numberChange('回溯期限', p, '个月'),
    'baseRule.projectDefaultMonths': (p) => numberChange('无竣工日期的项目期限', p, '个月'),
    'eligibility.added': (p) => `新增定级条件(${p.clause}): ${p.requirements.join('、')}`,
    'eligibility.removed': (p) => `删除定级条件(${p.clause})`,
    'requirement.added': (p) => `新增定级条件 ${p.clause} ${p.label}`,
    'requirement.removed': (p) => `删除定级条件 ${p.clause} ${p.label}`,
    'requirement.label': (p) => `定级条件名称 ${p.old} → ${p.new}`,
    'requirement.reason': () => '不予定级的理由已修改',
    'namedCondition.added': (p) => `新增共用条件 ${p.name}`,
    'namedCondition.removed': (p) => `删除共用条件 ${p.name}`,
    'namedCondition.changed': (p) => `共用条件 ${p.name} 已修改(引用它的各条款随之变化)`,
    'eventCondition.changed': () => '所有计分事件的条件已修改',
    'eventCondition.label': (p) => `所有计分事件的条件的说明:${none(p.old)} → ${none(p.new)}`,
    'reading.added': (p) => `新增理解 ${p.id} ${p.title}`,
    'reading.removed': (p) => `删除理解 ${p.id} ${p.title}`,
    'reading.title': (p) => `标题 ${p.old} → ${p.new}`,
    'reading.note': () => '理解说明已修改',
    'note.added': (p) => `新增备注 ${p.clause}`,
    'note.removed': (p) => `删除备注 ${p.clause}`,
    'note.text': () => '原文已修改',
    'eventType.added': (p) => `新增事件类型 ${p.type}(${p.label})`,
    'eventType.removed': (p) => `删除事件类型 ${p.type}(${p.label})`,
    'eventType.label': (p) => `事件类型名称 ${p.old} → ${p.new}`,
    'attribute.added': (p) => `事件类型 ${p.type}(${p.typeLabel}): 新增属性 ${p.name}(${p.label})`,
    'attribute.removed': (p) => `事件类型 ${p.type}(${p.typeLabel}): 删除属性 ${p.name}(${p.label})`,
    'attribute.changed': (p) => {
      const parts = [p.added.length ? `新增取值 ${p.added.join('、')}` : '', p.removed.length ? `删除取值 ${p.removed.join('、')}` : ''].filter(Boolean);
      return `属性 ${p.name}(${p.label}) ${parts.length ? parts.join(',') : '已修改'}`;
    },
  },

  changeLabel: {
    grade: (p) => `${p.grade} 级`,
    grades: () => '信用等级',
    downgrades: () => '降级',
    downgradeFloor: () => '降级后得分',
    recalculation: () => '重新计算',
    baseRule: (p) => `近期无${p.project ?? '项目'}的基本分`,
    eligibility: () => '定级条件',
    note: () => '备注',
    eventType: (p) => `${p.type}(${p.typeLabel})`,
    windows: () => '计算期限',
  },

  move: {
    'move.points': (p) => `${p.clause} ${p.label}:${event(p)} ${signedAmount(p.old, p.unit)} → ${signedAmount(p.new, p.unit)}`,
    'move.counted': (p) => `${p.clause} ${p.label}:${event(p)} 原不计(${notCounted(p.was)}),现${signedAmount(p.points, p.unit)}`,
    'move.uncounted': (p) => `${p.clause} ${p.label}:${event(p)} 原${signedAmount(p.points, p.unit)},现不计(${notCounted(p.now)})`,
    'move.window': (p) =>
      p.counted
        ? `${p.clause} ${p.label}:${event(p)} 跨过期限边界:原已过期限${p.until ? `(计至 ${p.until})` : ''},现在期限内,${signedAmount(p.points, p.unit)}`
        : `${p.clause} ${p.label}:${event(p)} 跨过期限边界:原${signedAmount(p.points, p.unit)},现已过期限${p.until ? `(计至 ${p.until})` : ''},不计`,
    'move.check': (p) =>
      `${p.clause} ${p.label}:${p.old === undefined ? '原不符合' : `原得 ${amount(p.old, p.unit)}`} → ${p.new === undefined ? '现不符合' : `现得 ${amount(p.new, p.unit)}`}`,
    'move.limit': (p) => {
      const head = `${p.id} ${p.label}:`;
      if (!p.old && p.new) return `${head}${limitText(p.kind, p.new, p.unit)}现起作用,${amount(p.new.cut, p.unit)}不计`;
      if (p.old && !p.new) return `${head}${limitText(p.kind, p.old, p.unit)}不再起作用(原 ${amount(p.old.cut, p.unit)}不计)`;
      return `${head}${limitText(p.kind, p.old!, p.unit)} → ${amount(p.new!.limit, p.unit)},不计的 ${amount(p.old!.cut, p.unit)} → ${amount(p.new!.cut, p.unit)}`;
    },
    'move.start': (p) =>
      `${p.item} ${p.label}:起算分 ${p.oldBase ? '基本分' : '满分'} ${amount(p.old, p.unit)} → ${p.newBase ? '基本分' : '满分'} ${amount(p.new, p.unit)}`,
    'move.veto': (p) => `${p.clause} ${p.label}:${event(p)} ${p.holds ? '现' : '不再'}整项否决“${p.indicatorLabel}”(${p.indicator})`,
    'move.gradeLine': (p) => `${p.grade} 线 ${p.old} → ${p.new}(计分表得分 ${p.score} ${p.unit})`,
    'move.downgrade': (p) => `${p.clause} ${p.label}:${event(p)} ${p.holds ? `现降级 ${p.from} → ${p.to}` : `原降级 ${p.from} → ${p.to},现不再降级`}`,
    'move.downgradeFloor': (p) => `${p.clause} 降级后 ${p.grade} 级的得分 ${p.old === undefined ? '(无)' : amount(p.old, p.unit)} → ${p.new === undefined ? '(无)' : amount(p.new, p.unit)}`,
    'move.recalculated': (p) =>
      p.holds ? `${p.clause} 自 ${p.since} 降级现已满 ${p.months} 个月,按计分表重新计算` : `${p.clause} 自 ${p.since} 的降级现未满 ${p.months} 个月,不再按计分表重新计算`,
    'move.eligibility': (p) => (p.eligible ? `${p.clause} 现具备评价资格(原:${p.reasons.join(';')})` : `${p.clause} 现不具备评价资格:${p.reasons.join(';')}`),
    'move.item': (p) => `${p.item} ${p.label}:${p.old === undefined ? '(无)' : amount(p.old, p.unit)} → ${p.new === undefined ? '(无)' : amount(p.new, p.unit)}`,
  },

  forecast: {
    'forecast.version': (p) => `自 ${p.from} 起适用 ${p.id} ${p.version} 版(${STATUS[p.status]})`,
    'forecast.gone': (p) => `此后不再:${(zhCN.trace[p.line.code] as (q: typeof p.line.params) => string)(p.line.params)}`,
    'restore.reached': (p) => `${p.grade} 级(${p.min} ${p.unit}以上):${p.date} 起`,
    'restore.never': (p) => `${p.grade} 级(${p.min} ${p.unit}以上):不会恢复,因为 ${p.since} 起不再有变化,得分停在 ${p.score} ${p.unit}`,
    'restore.ineligible': (p) => `${p.grade} 级:不会恢复,因为不具备评价资格:${p.reasons.join(';')}`,
    'restore.without': (p) => `若没有 ${p.event}(${p.date} ${p.label}),${p.asOf} 得分 ${p.score} ${p.unit}(多 ${p.gain} ${p.unit}),等级 ${p.grade ?? '—'}`,
  },

  status: STATUS,

  problem: {
    'ruleset.tooDeep': (p) => said(`嵌套超过 ${p.depth} 层,请简化条件`),
    'schema.key': (p) => said(`不允许使用字段名“${p.key}”,请改名`),
    'schema.unknownKey': (p) => said(`不认识的字段“${p.key}”${guessed(p)},${p.guess === undefined ? `请删除,或改为 ${p.allowed.join('、')} 之一` : '请改正拼写或删除'}`),
    'schema.invalid': (p) => said(SCHEMA_WORDS[p.keyword]?.(p.params, p) ?? '不符合规则集格式'),
    'id.duplicate': (p) => said(`编号“${p.id}”重复(另见 ${p.earlier}),请给这一项换一个编号`),
    'attribute.enumWithoutValues': (p) => said(`事件属性“${p.name}”是选项类型,但没有列出可选值,请补上 values`),
    'field.enumWithoutValues': (p) => said(`字段“${p.name}”是选项类型,但没有列出可选值,请补上 values`),
    'field.projectType': () => said('只有事件可以引用项目,这里请用 string'),
    'reading.unknown': (p) => said(`解读说明中没有“${p.id}”,请补上该解读或改正编号`),
    'condition.unknown': (p) => said(`没有名为“${p.name}”的条件,请在 conditions 中补上或改正名称`),
    'condition.cycle': (p) => said(`条件引用了自身:${p.walk},请打破循环`),
    'condition.tooDeep': (p) => said(`条件逐层引用其他条件,展开后嵌套 ${p.depth} 层(${p.chain.join(' → ')} → …),超过上限 ${p.max} 层;请减少条件之间逐层引用的层数`),
    'fact.unavailable': (p) => said(`这里(${p.scope} 条件)不能使用事实“${p.fact}”`),
    'fact.unknown': (p) => said(`没有事实“${p.fact}”${guessed(p)},可用:${p.facts.join('、')}`),
    'value.factReference': (p) => said(`引用事实的值应写成 { "fact": 名称, "path": "a.b" },现为 ${p.found}`),
    'operator.valueType': (p) => said(`运算“${p.operator}”需要${OPERATOR_VALUES[p.type]},现为 ${p.found}`),
    'parameter.unknown': (p) => said(`没有参数“${p.name}”${guessed(p)},请在参数中补上或改正${p.inWindow ? '名称' : '路径'}`),
    'parameter.type': (p) => said(`参数“${p.label}”应为${PARAMETER_TYPES[p.type]},现为 ${p.found}`),
    'parameter.use': (p) => said(`这里需要${PARAMETER_TYPES[p.need]},而参数“${p.label}”是${PARAMETER_TYPES[p.type]}`),
    'parameter.path': (p) => said(`参数不能再往下取值:请只写参数名“${p.name}”`),
    'path.jsonPath': (p) => said(`路径用点号分隔的名称,不用 JSONPath:请写“${p.dotted}”`),
    'path.asOfFields': () => said('评价日期 asOf 是一个日期,没有下级字段,请删去 path'),
    'path.intoValue': (p) => said(`${FACT_WORDS[p.fact]}的“${p.read}”是一个值,没有下级字段“${p.key}”`),
    'path.unknownField': (p) => said(`${FACT_WORDS[p.fact]}${p.read ? `的“${p.read}”` : ''}没有字段“${p.key}”${guessed(p)}`),
    'eventType.unknown': (p) => said(`没有事件类型“${p.type}”,请在事件类型中声明或改正名称`),
    'attribute.unknown': (p) => said(`没有任何事件类型带有属性“${p.name}”${guessed(p)},请在事件类型中声明或改正名称`),
    'attribute.valueUndeclared': (p) => said(`“${p.value}”不是属性“${p.attribute}”的可选值,可选:${p.allowed.join('、')}`),
    'grade.notBelow': (p) => said(`${p.grade} 级分数线 ${p.min} 分不低于上一级 ${p.above} 的 ${p.aboveMin} 分,等级须从高到低、分数线依次降低`),
    'grade.unknown': (p) => said(`没有等级“${p.grade}”,请填写等级划分中的等级`),
    'grades.noCitation': () => said('等级划分没有依据条款,请补上 gradeCitation'),
    'downgrades.floorOutside': (p) => said(`降级后得分 ${p.floor} 分不在 ${p.grade} 级的分数范围内,请填写 ${p.grade} 级的分数`),
    'downgrades.noGrades': () => said('没有等级划分,无级可降:请补上等级划分或删去降级规则'),
    'ruleset.periodReversed': (p) => said(`失效日期 ${p.to} 早于生效日期 ${p.from},请核对`),
    'points.inexact': (p) => said(`${p.points} 的小数超过三位,分值最多精确到 0.001`),
    'points.tooLarge': (p) => said(`${p.points} 分超出计分表的分值范围(不超过 ${p.max} 分);如计的是金额或学时,请设定规则集的计量单位 unit`),
    // In words that hold in the form (deductions typed as positive numbers) and in JSON alike.
    'points.sign': (p) =>
      said(p.kind === 'deduction' ? `扣分项的分值须为扣分,现为加 ${p.points} 分` : p.kind === 'reduction' ? `减分项的分值须为负数(减去的分),现为 ${p.points}` : `加分项的分值须为加分,现为扣 ${-p.points} 分`),
    'item.noFull': (p) => said(`${p.item} 没有满分,请补上 full`),
    'clause.noPoints': (p) => said(`条款 ${p.clause} 没有分值,请填写分值`),
    'clause.pointsAndLevels': (p) => said(`条款 ${p.clause} 同时有 points 和 levels,只保留一种`),
    'per.onVeto': (p) => said(`条款 ${p.clause} 是一票否决,没有分值可以按数量计,请删除 per`),
    'per.aboveAndBelow': () => said('per 不能同时写 above(超过多少的部分)和 below(低于多少的部分),请只留一个'),
    'per.roundWithoutStep': () => said('round 只用于写了 step(每满多少)的 per,请补上 step 或删除 round'),
    'per.notNumber': (p) => said(`“${p.path}”不是${p.fact === 'event' ? '事件的数值属性' : '主体记录的数值字段'}${guessed(p)}${p.numbers.length ? `;可用的有:${p.numbers.join('、')}` : `;请在 ${p.fact === 'event' ? 'eventTypes' : 'recordFields'} 中声明数值类型的字段`}`),
    'level.unreachable': (p) => said(`分档 ${p.level} 永远不会用到:排在前面的分档 ${p.before} 没有条件,每个事件都停在该档;请给 ${p.before} 加上条件或把它移到最后`),
    'base.notDeduction': (p) => said(`${p.item} 不是扣分项,不能设基本分 base`),
    'base.aboveFull': (p) => said(`基本分 ${p.base} 高于满分 ${p.full},请降低基本分或提高满分`),
    'veto.onCheck': () => said('“符合条件得分”的条款不能设为整项不得分'),
    'veto.unknownIndicator': (p) => said(`没有评价指标“${p.indicator}”,请填写本规则集中的指标编号`),
    'cap.onBonus': (p) => said(`加分项 ${p.item} 设了扣分上限 cap,加分上限应写作 max`),
    'max.notBonus': (p) => said(`${p.item} 不是加分项,不能设加分上限 max`),
    'cap.onReduction': (p) => said(`${p.item} 是减分项,不能设扣分上限 cap;最多减多少写在 max`),
    'full.onReduction': (p) => said(`${p.item} 是减分项,没有满分 full:它从本指标此前各项的合计中减去,请删除 full`),
    'cap.onCheck': (p) => said(`${p.item} 是“符合条件得分”项,不能设扣分上限 cap`),
    'notAgain.unknownItem': (p) => said(`没有评分项“${p.item}”,请填写本规则集中的评分项编号`),
    'window.empty': () => said('计算期限既没有月数也没有依据的属性,请补上 months、monthsAttribute 或 untilAttribute'),
    'window.attribute': (p) => said(`“${p.name}”不是事件的${p.kind === 'number' ? '数值属性(月数)' : '日期属性'}${guessed(p)}`),
    'keep.oncePerAndKeepOne': (p) => said(`条款 ${p.clause} 同时有 oncePer 和 keepOne,只保留 keepOne`),
    'keep.highestPerAndKeepOne': (p) => said(`计分项 ${p.item} 同时有 highestPer 和 keepOne,只保留 keepOne`),
    'keep.byWithHighest': () => said('“最高”按分值比较,不按日期:请删去 by,或改为最早/最晚'),
    'keep.byNotDate': (p) => said(`“${p.by}”不是日期属性${guessed(p)},请填写日期类型的属性,或删去 by(按事件日期)`),
    'eligibility.duplicate': (p) => said(`参评条件编号“${p.id}”重复(另见第 ${p.earlier + 1} 条),请换一个编号`),
    'field.required': (p) => said(`${p.holder === 'record' ? '记录' : '项目'}须填写“${p.label}”`),
    'field.invalid': (p) => said(badField(p, false)),
    'event.attributeRequired': (p) => said(`${p.eventTypeLabel}须填写“${p.label}”`),
    'event.attributeInvalid': (p) => said(badField(p, true)),
    'project.duplicate': (p) => said(`项目编号“${p.id}”重复`),
    'project.completionBeforePermit': (p) => said(`竣工日期 ${p.completion} 早于施工许可日期 ${p.permit},请核对`),
    'event.duplicate': (p) => said(`事件编号“${p.id}”重复`),
    'event.unknownProject': (p) => said(`本记录没有项目“${p.project}”`),
    'record.unknownGrade': (p) => said(`“${p.grade}”不是本规则集的等级`),
    'record.wrongKind': () => said('记录的主体类型与规则集不符'),
    'versions.mixedIds': (p) => said(`这些版本属于不同的规则集:${p.ids.join('、')};请把同一规则集(同一编号)的各版本放在一起,每个规则集一个文件夹`),
    'versions.duplicate': (p) => said(`规则集 ${p.id} 的版本 ${p.version} 重复,请给每个版本各自的版本号 version`),
    'versions.empty': () => said('没有可供选择的规则集版本,请至少提供一个版本'),
    'versions.unknown': (p) => said(`没有这个版本;现有版本:${p.versions.map(versionText).join(';')},请选其中之一`),
    'versions.outsidePeriod': (p) => said(`${p.date} 不在版本 ${p.version} 的有效期(${period(p)})内,请在有效期内评价,或选择其他版本`),
    'versions.noneInForce': (p) => said(`评价日没有有效的版本;现有版本:${p.versions.map(versionText).join(';')}。请换一个评价日(--as-of),或增加一个有效期覆盖它的版本`),
    'json.stringUnclosed': () => said('字符串没有结束(缺少 ")'),
    'json.controlInString': (p) => said(`字符串里有${found(p.found)},请写成转义形式(\\n、\\t …)`),
    'json.unicodeEscape': () => said('\\u 转义后须有四位十六进制数字'),
    'json.badEscape': (p) => said(`“\\${p.escape}”不是 JSON 的转义写法`),
    'json.badNumber': (p) => said(`${found(p.found)}不是数字的开头`),
    'json.valueExpected': (p) => said(`${p.found.kind === 'end' ? '文本在应有值的地方结束了' : `此处应为一个值,却是${found(p.found)}`}${p.why === 'singleQuote' ? ';JSON 字符串须用双引号' : p.why === 'trailingComma' ? ';请删去它前面多余的逗号' : ''}`),
    'json.nameExpected': (p) => said(`${p.found.kind === 'end' ? '文本在应有字段名的地方结束了' : `此处应为双引号括起的字段名,却是${found(p.found)}`}${p.why === undefined ? '' : NAME_WHY[p.why]}`),
    'json.colonExpected': (p) => said(`字段名后应为“:”,却是${found(p.found)}`),
    'json.afterValue': (p) => said(`JSON 值结束后还有${found(p.found)};一个文件只能有一个值(请用列表,或每行一条记录的 .ndjson)`),
    'json.unclosed': (p) => said(`文本在${p.container === 'array' ? '列表' : '对象'}内部结束了(缺少“${p.close}”)`),
    'json.separatorExpected': (p) => said(`此处应为“,”或“${p.close}”,却是${found(p.found)}${p.commaMissing ? ';它前面缺少逗号' : ''}`),
    'json.listExpected': (p) => said(`此处应为列表开头“[”,却是${found(p.found)}`),
    'json.listEmpty': () => said('文本是空的:应为一个列表“[…]”'),
    'json.listUnclosed': () => said('文本在列表内部结束了(缺少“]”)'),
    'json.afterList': (p) => said(`列表结束后还有${found(p.found)};一个文件只能有一个值(每行一条记录请用 .ndjson)`),
    'json.tooDeep': (p) => said(`嵌套超过 ${p.depth} 层;规则集、案例和记录都不会这样,请检查文件是怎样生成的`),
    'json.elementTooLong': (p) => said(`有一项超过 ${p.length} 个字符;规则集、案例和记录都不会这样,请检查文件是怎样生成的`),
    'json.notUtf8': () => said('文本不是 UTF-8 编码(是否存成了 GBK 等编码?),请另存为 UTF-8'),
    'json.parser': (p) => said(`JSON 格式有误(${p.reason}),请在此处更正`),
    'json.parserTooDeep': () => said('嵌套太深,无法解析'),
    'service.mediaType': (p) => said(`不接受 Content-Type ${p.type} 的请求体,请发送 ${p.accepted}`),
    'service.queryDate': (p) => said(`${p.value} 不是真实的日期,请按 YYYY-MM-DD 填写,例如 2021-06-30`),
    'service.bodyDate': (p) => said(`${p.value} 不是日期,请按 YYYY-MM-DD 填写`),
    'service.unknownRuleset': (p) => said(`没有名为“${p.name}”的规则集;可用的有:${p.names.join('、') || '(尚未加载)'}(GET /rulesets 列出它们)`),
    'service.unknownVersion': (p) => said(`没有版本“${p.version}”;请选 ${p.versions.join('、')} 之一,或直接提供整个规则集`),
    'service.bodyNotObject': () => said('请求体不是对象;请发送 {"new": 版本或规则集, "cases": [记录或案例], "old"?: …, "asOf"?: "YYYY-MM-DD"}'),
    'service.noNewVersion': () => said('请求体没有写明新版本;请加上 "new":本规则集的一个版本(GET /rulesets/NAME 列出它们)或整个规则集'),
    'service.casesNotList': () => said('"cases" 不是列表;请写 "cases": [记录或案例]'),
    'service.nearLine': () => said('"nearLine" 不是分数;请写一个分数,例如 1'),
    'service.kindsDiffer': (p) => said(`旧版本评价 ${p.old},新版本评价 ${p.new}:请比较同一张表的两个版本`),
    'service.notReady': (p) => said(p.shuttingDown ? '服务正在关闭,请把请求发往其他实例' : '尚未加载规则集;请在规则集文件夹中放入有效的规则集文件(日志说明其他文件为何未能加载)'),
    'service.methodNotAllowed': (p) => said(`${p.pathname} 不接受 ${p.method},请用 ${p.allowed.join(' 或 ')}`),
    'service.notFound': (p) => said(`${p.method} ${p.pathname} 没有对应的服务;GET /openapi.json 列出本服务能回答的请求`),
    'service.unauthorized': (p) => said(`${p.sent ? '令牌不对' : '缺少 Authorization 请求头'};请带上请求头 "Authorization: Bearer TOKEN",令牌为服务启动时所用的`),
    'service.bodyTooLarge': (p) => said(`请求体超过 ${size(p.bytes)};请改用 NDJSON(Content-Type: application/x-ndjson)每行一条记录,任意长度都可逐行读取;或拆分这一批`),
    'service.timeout': () => said('请求没有按时发完;请一次发完整个请求体,或调大 --timeout'),
    'cli.unknownOption': (p) => said(`“${p.command}”没有选项 ${p.option}${p.guess ? `,是否应为 --${p.guess}?` : ''};运行 credit-rules ${p.command} --help 查看它的选项`),
    'cli.optionTakesNoValue': (p) => said(`${p.option} 不带值,请单独写 ${p.option}`),
    'cli.optionNeedsValue': (p) => said(`${p.option} 需要一个值:${p.choices ? `${p.choices.join('、')} 之一` : (p.placeholder ?? '值')}`),
    'cli.optionChoice': (p) => said(`${p.option} ${JSON.stringify(p.value)} 不在 ${p.choices.join('、')} 之中${p.guess ? `,是否应为 ${p.option} ${p.guess}?` : ''}`),
    'cli.optionTwice': (p) => said(`${p.option} 写了两次,请只写一次`),
    'cli.optionFirst': (p) => said(`${p.option} 不是 credit-rules 本身的选项;请先写命令:credit-rules ${p.commands.join('|')} …(运行 credit-rules --help 查看)`),
    'cli.unknownCommand': (p) => said(`没有命令“${p.command}”${p.guess ? `,是否应为“${p.guess}”?` : ''};命令有 ${p.commands.join('、')}(运行 credit-rules --help 查看)`),
    'cli.notADate': (p) => said(`${p.option} ${JSON.stringify(p.value)} 不是日期,请按 YYYY-MM-DD 填写真实的日期,例如 ${p.option} 2021-06-30`),
    'cli.notAWholeNumber': (p) => said(`${p.option} ${JSON.stringify(p.value)} 不是整数,请写 ${p.option} ${p.example}`),
    'cli.needsRuleset': (p) => said(`${p.command} 需要 --ruleset 文件,例如 --ruleset rulesets/enterprise.json`),
    'cli.needsCases': (p) => said(`${p.command} 需要 --cases 路径(${p.records ? '案例文件夹、案例文件或记录文件' : '案例文件夹或一个案例文件'}),例如 --cases rulesets/cases/enterprise`),
    'cli.tokenNeeded': (p) => said(`在 ${p.host} 上提供服务需要令牌,否则能连到它的任何机器都能使用它;请把 CREDIT_RULES_TOKEN(或 --token)设为一个长的随机密钥,或只监听 127.0.0.1`),
    'cli.notAFolder': (p) => said(`${p.path} 不是文件夹;请给 --rulesets 存放规则集文件的文件夹(rulesets)`),
    'cli.arguments': (p) => said(ARGUMENTS[p.command](p.got)),
    'cli.limit': (p) => said(`--limit ${JSON.stringify(p.value)} 不是数字;请写 --limit 50,或 --limit 0 列出全部案例`),
    'cli.notAPort': (p) => said(`--port ${p.port} 不是端口号;请用 1 至 65535,或用 0 取一个空闲端口`),
    'cli.serveLimits': () => said('--max-body 和 --timeout 须大于 0,例如 --max-body 16 --timeout 30'),
    'cli.workers': () => said('--workers 至少为 1;例如 --workers 2,不写则每个 CPU 核一个'),
    'cli.xlsxToTerminal': () => said('--format xlsx 生成的是工作簿,不能输出到终端;请加 --output report.xlsx(或重定向:> report.xlsx)'),
    'cli.kindsDiffer': (p) => said(`${p.old} 评价 ${p.oldKind},${p.new} 评价 ${p.newKind}:它们不是同一张表的两个版本,请比较同一张表的两个版本`),
    'cli.casesOfOtherKind': (p) => said(`${p.ruleset} 评价 ${p.kind},而 ${p.cases} 中的案例都是 ${p.kinds.join('、')};请用规则集自己的案例测试它`),
    'cli.sampleCase': () => said('这是一个样例案例(记录及其预期结果),不是记录;请用 credit-rules test RULESET --cases FILE 检查它,或评价其中的 "record"'),
    'cli.recordsToForecast': () => said('这是记录列表;预测针对一条记录,请把要预测的记录单独放在一个文件里'),
    'file.missing': (p) => said(`找不到这个文件;请检查${FILE_ROLES[p.what]}的路径(相对路径从 ${p.cwd} 算起)`),
    'file.directory': (p) => said(`这是文件夹,不是文件;请给出${FILE_ROLES[p.what]}的${p.json ? ' .json ' : ''}文件,而不是它所在的文件夹`),
    'file.permission': () => said('没有读取权限;请让当前用户可以读取该文件'),
    'file.unreadable': (p) => said(`无法读取(${p.reason});请检查${FILE_ROLES[p.what]}是否为可读的文件`),
    'file.unwritable': (p) => said(`无法写入(${p.reason});请检查它所在的文件夹是否存在且可写`),
    'file.notUtf8': () => said('文件不是 UTF-8 编码(是否存成了 GBK 等编码,或在字符中间被截断?);请把整个文件另存为 UTF-8'),
    'file.tooLarge': (p) => said(`文件有 ${size(p.bytes)};超过 ${size(p.limit)} 的 JSON 文件不整体读入;请把记录写成 .ndjson,每行一条,可分批流式读取`),
    'file.jsonTooLarge': (p) => said(`JSON 超过 ${size(p.limit)},不整体读入;请每行一条记录(NDJSON),或用 JSON 列表:两者都可分批流式读取`),
    'file.empty': () => said('文件是空的;请写入一个 JSON 值:规则集或一条记录是对象 {…},多条记录是列表 […]'),
    'file.tooDeep': (p) => said(`嵌套超过 ${p.depth} 层;规则集、案例和记录都不会这样,请检查文件是怎样生成的`),
    'file.lineTooLong': (p) => said(`这一行有 ${p.bytes} 字节,超过一条记录可能的长度;请每行写一条记录,并检查文件是否真是 NDJSON`),
    'file.lineNotUtf8': () => said('这一行不是 UTF-8 编码(是否存成了 GBK 等编码?);请另存为 UTF-8'),
    'file.recordsDirectory': () => said('这是文件夹,不是记录文件;请给出 .json 或 .ndjson 记录文件(案例文件夹请用 credit-rules test --cases)'),
    'file.noRulesets': () => said('文件夹里没有 .json 规则集文件;请给出规则集文件,或存放同一规则集各版本的文件夹(rulesets/enterprise-versions)'),
    'file.mixedRulesets': (p) => said(`这个文件夹存放的不是同一规则集的各版本,而是规则集 ${p.rulesets.map((r) => `${r.id}(${r.files.join('、')})`).join('、')};请给出一个规则集文件,或只存放同一规则集各版本的文件夹`),
    'file.noCases': () => said('文件夹里没有 .json 案例文件;请让 --cases 指向案例文件夹(rulesets/cases/enterprise)或一个案例文件'),
    'file.notARuleset': (p) => said(`这不是规则集:没有 "indicators"${p.looks ? `(看起来是${LOOKS[p.looks]})` : ''};请给出规则集文件,例如 rulesets/enterprise.json`),
    'git.missing': () => said('没有安装 git(或不在 PATH 中),无法从版本库读取规则集;请安装 git,或直接给出规则集文件'),
    'git.failed': (p) => said(`无法运行 git(${p.reason});请检查 git 在此文件夹中能否使用,或直接给出规则集文件`),
    'git.notARevision': (p) => said(`“${p.rev}”不是版本号;请写 REV:PATH,例如 HEAD:rulesets/enterprise.json`),
    'git.noPath': () => said('版本号后面没有路径;请写 REV:PATH,例如 HEAD:rulesets/enterprise.json'),
    'git.notARepository': () => said('当前文件夹不在 git 仓库中;请在仓库内运行 credit-rules,或直接给出规则集文件'),
    'git.unknownRevision': (p) => said(`此 git 仓库中没有版本“${p.rev}”;请写提交、分支或标签(git log --oneline 列出提交)`),
    'git.noSuchPath': (p) => said(`版本 ${p.rev} 中没有 ${p.path};请写从仓库根目录起的路径(git ls-tree -r --name-only ${p.rev} 列出文件)`),
    'git.commandFailed': (p) => said(`git ${p.command} 失败:${p.stderr};请检查版本号和路径`),
    'git.notAFile': (p) => said(`这是 git 的 ${p.type},不是文件或文件夹;请给出规则集文件或版本文件夹的路径`),
    'git.noRulesets': (p) => said(`版本 ${p.rev} 中这个文件夹没有 .json 规则集文件;请给出规则集文件,或存放同一规则集各版本的文件夹`),
    'usage.notCompiled': () => said('传入的不是编译后的规则集;请传入 loadRuleset(json) 的返回值,而不是规则集 JSON 本身'),
    'usage.notADate': (p) => said(`评价日 ${p.value} 不是日期;请按 YYYY-MM-DD 填写真实的日期,例如 2021-06-30`),
    'usage.recordsNotAList': () => said('传入的记录不是列表;请传入记录的数组(或任何可迭代对象);单条记录请调用 evaluate'),
    'usage.recordUnreadable': (p) => said(`读取记录时出错:${p.reason};请传入 JSON.parse 得到的那种普通数据`),
    'usage.noRulesetToForecast': () => said('没有可用于预测的规则集;请传入编译后的规则集,或同一规则集编译后的各版本'),
    'usage.untilBeforeAsOf': (p) => said(`截止日 ${p.until} 早于评价日 ${p.asOf};请给出不早于评价日的日期`),
    'usage.noVersionInForce': (p) => said(`规则集 ${p.id} 在 ${p.asOf} 没有有效的版本;请从某个版本的有效期内的日期开始预测`),
    'cli.cannotListen': (p) => said(`无法监听 ${p.host}:${p.port}(${p.reason});${p.inUse ? '该端口已被其他进程占用,请用 --port 另选一个' : '请检查 --host 和 --port'}`),
  },

  period,

  hint: {
    zeroPoints: (p) => (p.levels ? `${p.clause} 各档分值都为 0,这一条不再扣分或加分` : `${p.clause} 的分值为 0,这一条不再扣分或加分`),
    zeroMonths: (p) =>
      p.parameter === undefined
        ? `${p.clauses.join('、')} 的期限为 0 个月,只计${p.day ? '评价日当天' : '评价日所在月份'}的事件`
        : `${p.clauses.join('、')} 未写明期限的事件按 0 个月计,只计${p.day ? '评价日当天' : '评价日所在月份'}的事件`,
    zeroLimit: (p) => (p.kind === 'bonus' ? `${p.item} 最高加 0 分,其中各条都不再加分` : p.kind === 'reduction' ? `${p.item} 最多减 0 分,其中各条都不再减分` : `${p.item} 的满分为 0,其中各条都不再${p.kind === 'check' ? '得分' : '扣分'}`),
    unreachableGrade: (p) => `${p.grade} 级分数线 ${p.min} ${p.unit}高于本表最高可得的 ${p.most} ${p.unit},没有主体能达到`,
    citationNumber: (p) => `依据原文写的是${p.says.map((s) => `“${s}”`).join('、')},与这里的 ${p.value} ${CITED_UNITS[p.unit] ?? p.amountUnit}不符:请核对这个数,或一并修改原文`,
  },

  warning: {
    'period.outside': (p) => `评价日 ${p.date} 不在规则集 ${p.id} ${p.version} 的有效期(${period(p)})内:得分是这个版本给出的,未必是该日有效的规则`,
    'event.typeUnknown': (p) => `规则集 ${p.ruleset} 没有事件类型“${p.type}”,它不计分`,
    'event.typeUnused': (p) => `规则集 ${p.ruleset} 没有任何规则用到“${p.type}”`,
  },

  headline: {
    'ruleset.tooDeep': (p) => `规则集嵌套超过 ${p.depth} 层`,
    'ruleset.schema': () => '规则集不符合 schemas/ruleset.schema.json',
    'ruleset.references': () => '规则集中有对应不上的引用或不合适的数值',
    'record.invalid': () => '记录有误',
    'case.schema': () => '案例不符合 schemas/case.schema.json',
    'case.record': (p) => (p.ruleset === undefined ? '案例中的记录有误' : `案例中的记录不符合规则集 ${p.ruleset}`),
    'forecast.records': (p) => `文件中有 ${p.count} 条记录;预测针对的是一条记录`,
    'versions.empty': (p) => `没有可供选择的规则集版本(${p.date})`,
    'versions.notOneRuleset': () => '这些不是同一规则集的各个版本',
    'versions.unknown': (p) => `规则集 ${p.id} 没有版本 ${p.version}`,
    'versions.outsidePeriod': (p) => `规则集 ${p.id} 的版本 ${versionText(p)} 在 ${p.date} 不生效`,
    'versions.noneInForce': (p) => `规则集 ${p.id} 在 ${p.date} 没有有效的版本`,
    'json.invalid': (p) => `JSON 格式有误${p.line !== undefined ? `(第 ${p.line} 行第 ${p.column} 列)` : p.column !== undefined ? `(第 ${p.column} 列)` : ''}`,
    'json.limit': (p) => `${zhCN.problem[p.problem.code](p.problem.params as never).message}(第 ${p.line} 行第 ${p.column} 列)`,
    'json.notUtf8': (p) => `文本不是 UTF-8 编码(第 ${p.line} 行第 ${p.column} 列)`,
  },

  operator: {
    equal: '等于', notEqual: '不等于', in: '属于', notIn: '不属于', contains: '包含', doesNotContain: '不包含',
    lessThan: '小于', lessThanInclusive: '小于等于', greaterThan: '大于', greaterThanInclusive: '大于等于',
    dateBefore: '早于', dateOnOrBefore: '不晚于', dateAfter: '晚于', dateOnOrAfter: '不早于', missing: '未填写',
  },

  size,

  cli: {
    columns: { id: '标识', name: '名称', score: '得分', grade: '等级', asOf: '评价日' },
    grade: (p) => (!p.eligible ? '— 不予定级' : p.downgraded ? `${p.grade ?? '—'} 降级(计分表 ${p.computedGrade ?? '—'})` : (p.grade ?? '—')),
    invalid: '✗ 无效',
    place: (p) => (p.line !== undefined ? `第 ${p.line} 行` : p.item !== undefined ? `第 ${p.item} 条` : '—'),
    summary: (p) =>
      [
        `共 ${p.total} 条记录`,
        `已评分 ${p.scored} 条`,
        p.downgraded ? `其中 ${p.downgraded} 条由降级决定(得分为降级后等级的最低分;括号内为计分表本身的等级)` : '',
        p.invalid ? `无效 ${p.invalid} 条（原因见标准错误输出）` : '',
      ].filter(Boolean).join('，'),
    forecastHeading: (p) => `${p.id}${p.name ? ` ${p.name}` : ''}:${p.asOf} 起,若无新的事件`,
    forecastColumns: { date: '日期', score: '得分', grade: '等级', change: '变化', reason: '原因' },
    evaluationDay: '评价日',
    complete: '此后不再变化',
    incomplete: (p) => `${p.until} 以后还会变化(不带 --until 可看到最后一次变化)`,
    restore: '恢复等级',
    without: (p) => `没有其中一个事件,${p.asOf} 的等级就会更高`,
    warning: (p) => `警告:${p.place}${p.recordId ? `,记录 ${p.recordId}` : ''}:${p.text}`,
    moreErrors: (p) => `… 后面还有错误,只列出前 ${p.limit} 个`,
    moreWarnings: (p) => `… 后面还有警告,只列出前 ${p.limit} 个`,
    evaluated: (p) =>
      `credit-rules:${[
        `共 ${p.total} 条记录,已评分 ${p.scored} 条`,
        p.invalid ? `无效 ${p.invalid} 条(不评分)` : '',
        p.internal ? `内部错误 ${p.internal} 条` : '',
        p.warnings ? `警告 ${p.warnings} 条` : '',
      ].filter(Boolean).join(';')}`,
    noRecords: (p) => `警告:${p.file === '-' ? '标准输入' : p.file} 中没有记录`,
    record: (p) => `记录 ${p.id}`,
    underVersion: (p) => `${p.message}(${p.side === 'old' ? '旧' : '新'}版本下)`,
    diff: {
      noCases: (p) => `警告:${p.path} 中没有案例或记录`,
      gradesChanged: (p) => `credit-rules:${p.count} 个案例等级变化(--fail-on-grade-change)`,
      compared: (p) => `credit-rules:共 ${p.total} 个,比较了 ${p.compared} 个,${p.failed} 个无法比较(原因见上)`,
    },
    validate: {
      ruleset: (p) => `规则集 ${p.id} ${p.version}(${p.indicators} 个指标,${p.clauses} 个条款编号)`,
      case: (p) => `案例“${p.name}”${p.ruleset ? `(记录已按规则集 ${p.ruleset} 检查)` : ''}`,
      records: (p) => `${p.total} 条记录${p.ruleset ? `(已按规则集 ${p.ruleset.id} ${p.ruleset.version} 检查)` : '(只按格式检查;加 --ruleset 可检查事件类型和取值)'}`,
      recordsInvalid: (p) => `${p.total} 条记录中 ${p.invalid} 条无效`,
      moreInvalid: (p) => `… 另有 ${p.more} 条无效记录未列出`,
      noRecords: '没有记录',
      noRecordsFix: '记录文件应包含一条记录、一个记录数组,或每行一条记录(.ndjson)',
      emptyFolder: '文件夹中没有 .json 或 .ndjson 文件',
      rulesetOption: (p) => `${p.code}(--ruleset;其他文件只按格式检查)`,
      total: (p) => `有效 ${p.valid} 个,无效 ${p.invalid} 个`,
    },
    test: {
      difference: (p) => (p.absent ? `没有指标 ${p.field}` : `${FIELDS[p.field] ?? p.field} ${p.actual},应为 ${p.expected}`),
      total: (p) => `通过 ${p.passed} 个,未通过 ${p.failed} 个${p.invalid ? `(其中 ${p.invalid} 个案例文件无效)` : ''}`,
      unexercised: (p) => `没有案例用到的条款编号 ${p.ids.length} 个:${p.ids.join('、')}`,
      unexercisedFix: '  请为每个条款补一个案例,使其结果由该条款计分、封顶、否决或降级',
      exercised: '规则集的每个条款编号都有案例用到',
      allowed: '  (已允许:--allow-unexercised)',
      exit: (p) => `退出码 1:${[p.failed ? `${p.failed} 个案例未通过` : '', p.unexercised ? `${p.unexercised} 个条款编号没有案例用到` : ''].filter(Boolean).join(',')}`,
      sensitivity: (p) => `敏感性:${p.numbers} 个数值各向两边移动一步(运行了 ${p.moves} 个规则集):${p.pinned} 个有案例约束,${p.unpinned} 个没有`,
      sensitivityNotRun: '敏感性:未运行,现有案例本身未通过(请先修正案例)',
      unnoticed: (p) => `  ✗ ${p.owner} ${p.kind} ${p.value} → ${p.unnoticed.join(' 或 ')} 没有案例察觉(${p.path})`,
      wouldPin: (p) => {
        const both = p.lower && p.higher;
        switch (p.kind) {
          case 'points':
            return `没有案例的得分取决于 ${p.owner} 的 ${p.value}:请补一个案例,其中 ${p.owner} 的事件计分,且不被封顶或上限吸收`;
          case 'clauseCap':
          case 'itemCap':
            return `没有案例达到 ${p.owner} 的封顶 ${p.value}${both ? '' : p.higher ? '(补一个超过封顶的)' : '(补一个恰好到封顶的)'}`;
          case 'itemMax':
            return `没有案例达到 ${p.owner} 的上限 ${p.value}${p.higher ? '(补一个超过上限的)' : '(补一个恰好到上限的)'}`;
          case 'itemFull':
          case 'itemBase':
            return `没有案例的得分显示 ${p.owner} 的${p.kind === 'itemFull' ? '满分' : '基础分'} ${p.value}`;
          case 'windowMonths':
            return `没有案例在 ${p.owner} 的 ${p.value} 个月边界上有事件:${[p.lower ? '补一个在期限最后一个月内计入的' : '', p.higher ? '补一个在期限后一个月失效的' : ''].filter(Boolean).join(',')}`;
          case 'gradeLine':
            return `没有案例${p.lower ? `得分略低于 ${p.owner} 的等级线 ${p.value}(${p.below} 至 ${p.value})` : ''}${both ? ',也没有' : ''}${p.higher ? `恰好在 ${p.owner} 的等级线 ${p.value} 上` : ''}`;
          case 'downgradeFloor':
            return `没有案例降为 ${p.label} 且得分由下限 ${p.value} 决定`;
          case 'dateParameter':
            return `没有案例的事件在 ${p.value} 当天(${p.owner}:${p.label})${both ? ',也没有在前一天的' : p.higher ? '' : '或前一天'}`;
          case 'perStep':
          case 'perAbove':
          case 'perBelow':
            return `没有案例的 ${p.label} 恰好处在由 ${p.owner} 的${p.kind === 'perStep' ? '计分单位' : p.kind === 'perAbove' ? '起算线(超过部分计分)' : '起算线(不足部分计分)'} ${p.value} 决定分值的位置`;
          default:
            return `没有案例处在 ${p.owner}(${p.label})= ${p.value} 的边界上`;
        }
      },
      inertHeading: '  任何记录都察觉不到的移动(由规则本身决定,无需案例):',
      inert: {
        pointsPastItemLimit: (limit) => `超过所在计分项的上限 ${limit},计分项先封顶`,
        capPastFull: (limit) => `超过满分 ${limit},扣到 0 分即止`,
        fullPastClauses: (limit) => `超过其条款最多能给的 ${limit} 分`,
        fullPastExclusiveClauses: (limit) => `超过其条款合计最多能给的 ${limit} 分(对记录同一字段要求不同取值的条款不会同时成立)`,
        betweenScores: (grain) => `落在两个可能的得分之间(每个得分都是 ${grain} 的倍数)`,
      },
      allPinned: '  每个数值都至少有一个案例约束',
    },
  },

  report: {
    title: '规则集比较报告', old: '旧版本', new: '新版本', version: '版本', status: '状态', effective: '生效', source: '来源',
    kind: '类型', policyRow: '政策变化', caseRow: '案例', id: '标识', name: '名称', asOf: '评价日', oldScore: '原得分', oldGrade: '原等级', newScore: '新得分',
    newGrade: '新等级', change: '变化', gradeChange: '等级变化', oldComputed: '原计分表得分', newComputed: '新计分表得分', oldDowngraded: '原降级', newDowngraded: '新降级',
    nearLine: '邻近等级线', distance: '距等级线', error: '错误', items: '得分变化的计分项', explanation: '说明（变化原因）', reasons: '变化原因',
    clause: '条款', label: '名称', what: '变化', hint: '提示', policy: '政策变化', noPolicy: '无：两个版本的计分规则相同', transitions: '等级变化', count: '个数',
    moved: '得分或等级变化的案例', noneMoved: '没有案例的得分或等级变化', near: (n: number) => `新版本下距等级线 ${n} 分以内的案例`, none: '无',
    computedOnly: '降级期内结果不变、计分表得分变化的案例', distribution: '等级分布', before: '旧版本', after: '新版本', ungraded: '不予定级', unscored: '无法比较',
    line: '等级线', summary: (total: number, changed: number, graded: number, same: number) => `共 ${total} 个案例，得分或等级变化 ${changed} 个，等级变化 ${graded} 个，不变 ${same} 个`,
    yes: '是', no: '否', cases: '个', sheetPolicy: '政策变化', sheetMoved: '变化的案例', sheetTransitions: '等级变化', sheetNear: '邻近等级线', sheetDistribution: '等级分布', sheetComputed: '降级期内',
    generated: '生成', page: '第', grade: '等级',
    // The terminal table and markdown.
    period: (from: string, to?: string) => (to === undefined ? `${from} 起` : `${from} 至 ${to}`),
    versionLine: (name: string, status: string, period: string, source: string) => `${name}（${status}，${period}） ${source}`,
    sameNumber: (version: string) => `注意：两边的版本号都是 ${version}，请给新版本另编版本号，以免混淆`,
    sameVersion: (name: string) => `注意：两边是同一版本（${name}），计分规则完全相同`,
    numbered: (title: string, n: number) => `${title}（${n} 项）`, counted: (title: string, n: number) => `${title}（${n} 个）`, stop: '。',
    impact: '对案例的影响', impactLine: (summary: string) => `对案例的影响：${summary}`, colon: '：', listSep: '，', clauseSep: '；', paren: (text: string) => `（${text}）`, versionInfo: '版本信息',
    alsoComputed: (n: number) => `另有 ${n} 个降级期内结果不变、计分表得分变化`, notCompared: (n: number) => `无法比较 ${n} 个（原因见标准错误输出）`,
    more: (n: number) => `… 还有 ${n} 个未列出（--limit 0 列出全部，或用 --format csv、json）`, caseCount: (n: number) => `${n} 个`,
    downgraded: '（降级）', tableScore: (n: number) => `（计分表 ${n}）`, gap: '差距', resultUnchanged: '结果（不变）',
    recalc: (months: number | string) => `（降级满 ${months} 个月后按新计分表计算）`, comparison: '规则集比较',
  },
};
