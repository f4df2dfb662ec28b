/**
 * Sample cases: a record, its evaluation date and the result worked out by hand. The same
 * case files serve the tests, the CLI's `test`, the editor's live panel and version diffs.
 */
import type { CompiledRuleset } from '../compile.js';
import { inexactPoints } from '../decimal.js';
import { CreditRulesError, jsonPath, type Problem } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { catalogues } from '../explain.js';
import type { Locale } from '../messages/codes.js';
import { schemaProblems, schemas, validateCaseSchema } from '../schemas.js';
import type { EntityRecord, Result, Ruleset } from '../types.js';

/** A case file (schemas/case.schema.json). */
export interface SampleCase {
  name: string;
  clauses?: string[];
  note?: string;
  asOf: string;
  record: EntityRecord;
  expected: {
    score: number;
    grade: string | null;
    computedScore?: number;
    downgraded?: boolean;
    eligible?: boolean;
    indicators?: Record<string, number>;
  };
}

/** How one case came out. */
export interface CaseOutcome {
  file: string;
  name: string;
  passed: boolean;
  /** What differs from the expected result, one line each (empty when passed). */
  differences: string[];
  result?: Result;
  error?: CreditRulesError;
}

export interface CaseReport {
  outcomes: CaseOutcome[];
  passed: number;
  failed: number;
  /** Clause ids of the ruleset that no case exercised. */
  unexercised: string[];
}

/** Checks a parsed case file against its schema; expected points, like the table's, have at most three decimals. */
export function validateCase(json: unknown): Problem[] {
  if (!validateCaseSchema(json)) return schemaProblems(validateCaseSchema.errors, json, schemas.case);
  const { expected } = json as SampleCase;
  return [
    inexactPoints(expected.score, '$.expected.score'),
    inexactPoints(expected.computedScore, '$.expected.computedScore'),
    ...Object.entries(expected.indicators ?? {}).map(([id, score]) => inexactPoints(score, jsonPath(['expected', 'indicators', id]))),
  ].filter((p): p is Problem => p !== undefined);
}

/**
 * Every id a set of cases should exercise: clauses, their levels, the item mechanisms
 * (doubling, highest only, not again), the downgrade rules, and the clauses of the score
 * after a downgrade and of the recalculation.
 */
export function clauseIds(ruleset: Ruleset): string[] {
  const ids: string[] = [];
  for (const indicator of ruleset.indicators) {
    for (const item of indicator.items) {
      for (const mechanism of [item.multiplier, item.notAgain, item.highestPer]) if (mechanism) ids.push(mechanism.citation.clause);
      for (const clause of item.clauses) {
        ids.push(clause.id);
        if (clause.levels && clause.levels.length > 1) ids.push(...clause.levels.map((l) => l.id));
      }
    }
  }
  if (ruleset.baseRule) ids.push(ruleset.baseRule.citation.clause);
  if (ruleset.eligibility) ids.push(ruleset.eligibility.citation.clause);
  const d = ruleset.downgrades;
  if (d) ids.push(...d.rules.map((r) => r.id), ...d.repeats.map((r) => r.id), d.floorCitation.clause, d.recalcCitation.clause);
  return [...new Set(ids)];
}

/** One way a result differs from what a case expects. */
export interface Difference {
  /** `score`, `grade`, `computedScore`, `downgraded`, `eligible`, or an indicator id. */
  field: string;
  actual: string;
  expected: string;
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/**
 * How a result differs from what the case expects, field by field (empty when it matches).
 * Points compare exactly: a result's are thousandths divided by 1000, the very number JSON
 * reads for the same decimal (88.7 is 88.7), and a case's have at most three decimals.
 */
export function expectedDifferences(expected: SampleCase['expected'], result: Result): Difference[] {
  const out: Difference[] = [];
  const differ = (field: string, actual: unknown, wanted: unknown): void => void out.push({ field, actual: show(actual), expected: show(wanted) });
  if (result.score !== expected.score) differ('score', result.score, expected.score);
  if (result.grade !== expected.grade) differ('grade', result.grade, expected.grade);
  if (expected.computedScore !== undefined && result.computedScore !== expected.computedScore) differ('computedScore', result.computedScore, expected.computedScore);
  const downgraded = expected.downgraded ?? expected.computedScore !== undefined;
  if (result.downgraded !== downgraded) differ('downgraded', result.downgraded, downgraded);
  if (expected.eligible !== undefined && result.eligible !== expected.eligible) differ('eligible', result.eligible, expected.eligible);
  for (const [id, score] of Object.entries(expected.indicators ?? {})) {
    const got = result.indicators.find((i) => i.id === id);
    if (!got || got.score !== score) differ(id, got?.score, score);
  }
  return out;
}

/** The differences as lines, in `locale` (English by default): `score 84, expected 85`. */
export function compareWithExpected(expected: SampleCase['expected'], result: Result, locale: Locale = 'en'): string[] {
  const indicators = new Set(result.indicators.map((i) => i.id));
  const words = catalogues[locale].cli.test;
  return expectedDifferences(expected, result).map((d) => words.difference({ ...d, absent: Object.hasOwn(expected.indicators ?? {}, d.field) && !indicators.has(d.field) }));
}

/** The ids a result's trace exercised. */
export function exercisedIds(result: Result): Set<string> {
  const ids = new Set<string>();
  for (const entry of result.trace ?? []) {
    // A check that failed, or an event outside its window or no clause's, does not show a clause's points at work.
    if ((entry.kind === 'start' && entry.points === 0 && !entry.rule) || entry.kind === 'lapsed' || entry.kind === 'unmatched') continue;
    ids.add(entry.clause);
    if (entry.rule) ids.add(entry.rule);
  }
  return ids;
}

/** Runs cases against a compiled ruleset and reports failures and unexercised clauses. */
export function runCases(compiled: CompiledRuleset, cases: readonly { file: string; case: SampleCase }[]): CaseReport {
  const exercised = new Set<string>();
  const outcomes = cases.map(({ file, case: c }): CaseOutcome => {
    try {
      const result = evaluate(compiled, c.record, { asOf: c.asOf, trace: true });
      for (const id of exercisedIds(result)) exercised.add(id);
      const differences = compareWithExpected(c.expected, result);
      return { file, name: c.name, passed: differences.length === 0, differences, result };
    } catch (error) {
      if (!(error instanceof CreditRulesError)) throw error;
      return { file, name: c.name, passed: false, differences: [error.describe()], error };
    }
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return {
    outcomes,
    passed,
    failed: outcomes.length - passed,
    unexercised: clauseIds(compiled.ruleset).filter((id) => !exercised.has(id)),
  };
}
