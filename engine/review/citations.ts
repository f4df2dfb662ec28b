/**
 * Numbers a ruleset gives that the text it cites does not say: a hint for a policy officer
 * who changed a number and not its citation (or the other way round), so the ruleset never
 * claims to implement a text that says something else. A number is checked against the
 * citation of what holds it, and the note of the reading it follows (which may explain a
 * number the text does not write), only when the citation writes some number of its unit:
 * amounts in the ruleset's unit (…分, and lists such as “分别扣 1.5、1、0.5 分”; …万元 in a
 * ruleset counted in 万元), months (…个月, or …年 as 12 months
 * each, in digits or Chinese numerals: “顺延一年”, “十二个月”) and money (…元, …万元). 0 is
 * never checked: the texts say it in words (不扣分).
 */
import { jsonPath } from '../errors.js';
import { hintAt } from '../hints.js';
import { DEFAULT_UNIT, type CitedUnitName, type HintParamsByCode } from '../messages/codes.js';
import type { Citation, Ruleset } from '../types.js';

/** `points`: an amount in the ruleset's unit (分 unless it says otherwise). */
export type CitedUnit = CitedUnitName;

/** What a citation's text writes in one unit: the fragment as written, and the values it gives. */
export interface CitedNumber {
  text: string;
  values: number[];
}

/** A number the text it cites does not write. */
export interface CitationHint {
  /** JSON path of the number in the ruleset. */
  path: string;
  /** The clause id of the citation, as the ruleset writes it. */
  clause: string;
  /** The number as the text would write it (a deduction's points without their minus sign). */
  value: number;
  unit: CitedUnit;
  /** What the text writes in that unit. */
  cited: CitedNumber[];
  code: 'citationNumber';
  params: HintParamsByCode['citationNumber'];
  zh: string;
  en: string;
}

/** A number as the texts write it: in digits, or (for periods) in Chinese numerals up to 九十九. */
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const DIGIT = '[一二两三四五六七八九]';
const CHINESE = String.raw`(?:${DIGIT}?十${DIGIT}?|${DIGIT})`;
const PERIOD = String.raw`(?:\d+|${CHINESE})`;
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 二十四 → 24; digits as they are. */
function numberWritten(written: string): number {
  const ten = written.indexOf('十');
  if (ten < 0) return DIGITS[written] ?? Number(written);
  return (ten > 0 ? DIGITS[written[0]!]! : 1) * 10 + (ten < written.length - 1 ? DIGITS[written[ten + 1]!]! : 0);
}

/** An amount as written in `unit`, alone, in a list (“分别扣 1.5、1、0.5 分”) or a range (“1030 至 1049 分”). */
function amountPattern(unit: string): RegExp {
  return new RegExp(String.raw`${NUMBER}(?:\s*[、至~～—-]\s*${NUMBER})*\s*${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
}

/** An amount as scoring tables write it in a line's margin, signed in brackets: “(-20)”, “（+5）”. */
const SIGNED_IN_BRACKETS = new RegExp(String.raw`[(（]\s*[-+−]\s*${NUMBER}\s*[)）]`, 'g');

/** Each unit's patterns, with what one written unit is worth (年: 12 months); amounts in 分 unless the ruleset says otherwise. */
const PATTERNS: Record<CitedUnit, [RegExp, number][]> = {
  points: [[amountPattern(DEFAULT_UNIT), 1], [SIGNED_IN_BRACKETS, 1]],
  months: [[new RegExp(String.raw`${PERIOD}\s*个月`, 'g'), 1], [new RegExp(String.raw`${PERIOD}\s*年`, 'g'), 12]],
  yuan: [[new RegExp(String.raw`${NUMBER}\s*万元`, 'g'), 10000], [new RegExp(String.raw`${NUMBER}\s*元`, 'g'), 1]],
};
const VALUE = new RegExp(String.raw`${NUMBER}|${CHINESE}`, 'g');

/** What `text` writes in `unit`; `amountUnit` is what amounts (`points`) are counted in. */
export function citedNumbers(text: string, unit: CitedUnit, amountUnit = DEFAULT_UNIT): CitedNumber[] {
  const cited: CitedNumber[] = [];
  const patterns: [RegExp, number][] = unit === 'points' && amountUnit !== DEFAULT_UNIT ? [[amountPattern(amountUnit), 1], [SIGNED_IN_BRACKETS, 1]] : PATTERNS[unit];
  for (const [pattern, worth] of patterns) {
    for (const [fragment] of text.matchAll(pattern)) {
      cited.push({ text: fragment, values: (fragment.match(VALUE) ?? []).map((n) => numberWritten(n) * worth) });
    }
  }
  return cited;
}

/**
 * `citedNumbers`, each text read once: the editor works out the hints on every edit, and an edit
 * of a number leaves the texts as they were. Keyed by the text itself (a string keeps its hash,
 * a key built from it would be hashed afresh on every look-up), then by unit. Never handed out:
 * a hint gets its own copy.
 */
const citedByText = new Map<string, Map<string, readonly CitedNumber[]>>();
function citedOnce(text: string, unit: CitedUnit, amountUnit: string): readonly CitedNumber[] {
  let byUnit = citedByText.get(text);
  if (byUnit === undefined) {
    if (citedByText.size >= 2000) citedByText.clear();
    citedByText.set(text, (byUnit = new Map()));
  }
  const key = unit === 'points' ? `${unit}\u0000${amountUnit}` : unit;
  let cited = byUnit.get(key);
  if (cited === undefined) byUnit.set(key, (cited = citedNumbers(text, unit, amountUnit)));
  return cited;
}

/** The hints of a ruleset, in the order its form shows the numbers. */
export function citationHints(ruleset: Ruleset): CitationHint[] {
  const hints: CitationHint[] = [];
  const amountUnit = typeof ruleset.unit === 'string' && ruleset.unit !== '' ? ruleset.unit : DEFAULT_UNIT;
  const notes = new Map((Array.isArray(ruleset.readings) ? ruleset.readings : []).map((r) => [r.id, r.note]));
  /** `value` against its citation's text and, when what holds it follows a reading, that reading's note. */
  const check = (path: (string | number)[], value: unknown, unit: CitedUnit, citation: Citation | undefined, reading?: string): void => {
    if (typeof value !== 'number' || value === 0 || typeof citation?.text !== 'string') return;
    const cited = citedOnce(citation.text, unit, amountUnit);
    const note = reading !== undefined ? notes.get(reading) : undefined;
    const written = Math.abs(value);
    if (!cited.length || [...cited, ...(typeof note === 'string' ? citedOnce(note, unit, amountUnit) : [])].some((c) => c.values.includes(written))) return;
    const says = [...new Set(cited.map((c) => c.text))];
    const { code, params, zh, en } = hintAt(jsonPath(path), 'citationNumber', { clause: citation.clause, value: written, unit, amountUnit, says });
    hints.push({ path: jsonPath(path), clause: citation.clause, value: written, unit, cited: cited.map((c) => ({ text: c.text, values: [...c.values] })), code, params, zh, en });
  };

  ruleset.indicators?.forEach((indicator, ii) => {
    indicator.items?.forEach((item, ti) => {
      const at = ['indicators', ii, 'items', ti];
      for (const field of ['full', 'base', 'cap', 'max'] as const) check([...at, field], item[field], 'points', item.citation);
      item.clauses?.forEach((clause, ci) => {
        const here = [...at, 'clauses', ci];
        check([...here, 'points'], clause.points, 'points', clause.citation, clause.reading);
        clause.levels?.forEach((level, li) => check([...here, 'levels', li, 'points'], level.points, 'points', clause.citation, clause.reading));
        check([...here, 'cap'], clause.cap, 'points', clause.citation, clause.reading);
        check([...here, 'window', 'months'], clause.window?.months, 'months', clause.citation, clause.reading);
      });
    });
  });
  ruleset.grades?.forEach((grade, gi) => check(['grades', gi, 'min'], grade.min, 'points', ruleset.gradeCitation));
  const downgrades = ruleset.downgrades;
  if (downgrades) {
    for (const [grade, floor] of Object.entries(downgrades.floors ?? {})) check(['downgrades', 'floors', grade], floor, 'points', downgrades.floorCitation, downgrades.reading);
    check(['downgrades', 'recalcMonths'], downgrades.recalcMonths, 'months', downgrades.recalcCitation, downgrades.reading);
  }
  const base = ruleset.baseRule;
  if (base) {
    check(['baseRule', 'lookbackMonths'], base.lookbackMonths, 'months', base.citation, base.reading);
    check(['baseRule', 'projectDefaultMonths'], base.projectDefaultMonths, 'months', base.citation, base.reading);
  }
  for (const [name, parameter] of Object.entries(ruleset.parameters ?? {})) {
    const unit = ({ 个月: 'months', 元: 'yuan', 分: 'points' } as const)[parameter.unit as '个月' | '元' | '分'];
    if (unit) check(['parameters', name, 'value'], parameter.value, unit, parameter.citation, parameter.reading);
  }
  return hints;
}
