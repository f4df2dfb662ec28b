/**
 * What the engine says, line by line, for the regression check of test/explanations.test.ts:
 * every trace line of every shipped case, and every change of the policy variants.
 */
import { evaluate, loadRuleset, policyDiff, type Clause, type EntityRecord, type Ruleset, type TraceEntry } from '../../engine/index.js';
import { readJson, shippedCases, shippedRuleset } from './load.js';
import { policyVariants } from './policy-variants.js';

/** One trace line's sentences; `text` only where the engine writes it (an event no clause counted). */
export interface TraceLineText {
  message: string;
  en: string;
  text?: string;
}

const lineText = (t: TraceEntry): TraceLineText => ({ message: t.message, en: t.en, ...(t.kind === 'unmatched' ? { text: t.text } : {}) });

/** Case folder, and the rulesets its cases are evaluated under (N4 reads every enterprise case too). */
const RULESETS: [folder: string, rulesets: string[]][] = [
  ['enterprise', ['enterprise', 'enterprise-versions/enterprise-n4']],
  ['project-lead', ['project-lead']],
];

const clause = (r: Ruleset, id: string): Clause => r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).find((c) => c.id === id)!;
const caseOf = (file: string): { record: EntityRecord; asOf: string } => shippedCases('enterprise').find((c) => c.file.startsWith(file))!.case;

/**
 * Lines no shipped case reaches, each from a shipped enterprise case under a changed ruleset
 * (or a changed record): a bonus clause's cap and its 0 points, an indicator's event condition
 * without words of its own, downgrade-only events no rule or grade takes.
 */
const EXTRA: [name: string, edit: (r: Ruleset) => void, file: string, record?: (r: EntityRecord) => void][] = [
  ['a bonus clause capped', (r) => (clause(r, 'E2.2.2').cap = 1), '037'],
  ['a clause of 0 points', (r) => (clause(r, 'E2.2.2').points = 0), '037'],
  ['an indicator condition without words', (r) => delete r.indicators[1]!.eventConditionLabel, '100'],
  ['a downgrade-only event two rules pass over', (r) => r.downgrades!.rules.push({ ...structuredClone(r.downgrades!.rules.find((d) => d.id === 'D2.3')!), id: 'D2.9', label: '另一条' }), '120'],
  ['no published grade', () => undefined, '109', (record) => delete record.publishedRating],
  ['no reading of the publication date', (r) => delete r.downgrades!.reading, '125'],
];

/** `ruleset › case file` → the lines of its trace. */
export function traceLines(): Record<string, TraceLineText[]> {
  const out: Record<string, TraceLineText[]> = {};
  for (const [folder, names] of RULESETS) {
    for (const name of names) {
      const { compiled } = shippedRuleset(name);
      for (const { file, case: c } of shippedCases(folder)) {
        out[`${name} › ${file}`] = evaluate(compiled, c.record, { asOf: c.asOf }).trace!.map(lineText);
      }
    }
  }
  const enterprise = readJson<Ruleset>('rulesets/enterprise.json');
  for (const [name, edit, file, editRecord] of EXTRA) {
    const ruleset = structuredClone(enterprise);
    edit(ruleset);
    const c = structuredClone(caseOf(file));
    editRecord?.(c.record);
    out[`${name} › ${file}`] = evaluate(loadRuleset(ruleset), c.record, { asOf: c.asOf }).trace!.map(lineText);
  }
  return out;
}

/** What a change says, with the fields that place it. */
export interface PolicyChangeText {
  path: string;
  clause: string;
  label: string;
  field: string;
  unit?: string;
  message: string;
}

/** Variant name → its changes. */
export function policyLines(): Record<string, PolicyChangeText[]> {
  const out: Record<string, PolicyChangeText[]> = {};
  for (const { name, older, newer } of policyVariants) {
    out[name] = policyDiff(older, newer).map((c) => ({ path: c.path, clause: c.clause, label: c.label, field: c.field, ...(c.unit ? { unit: c.unit } : {}), message: c.message }));
  }
  return out;
}

