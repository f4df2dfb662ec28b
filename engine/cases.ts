/**
 * Sample cases: a record, its evaluation date and the result worked out by hand. The same
 * case files serve the tests, the CLI's `test`, the editor's live panel and version diffs.
 */
import type { CompiledRuleset } from './compile.js';
import { CreditRulesError, type Problem } from './errors.js';
import { evaluate } from './evaluate.js';
import { schemaProblems, validateCaseSchema } from './schemas.js';
import type { EntityRecord, Result, Ruleset } from './types.js';

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

/** Checks a parsed case file against its schema. */
export function validateCase(json: unknown): Problem[] {
  return validateCaseSchema(json) ? [] : schemaProblems(validateCaseSchema.errors, json);
}

/**
 * Every id a set of cases should exercise: clauses, their levels, the item mechanisms
 * (doubling, highest only, not again) and the downgrade rules with D3 and D4.
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

const close = (a: number, b: number): boolean => Math.round(a * 1000) === Math.round(b * 1000);

/** Compares a result with what the case expects. */
export function compareWithExpected(expected: SampleCase['expected'], result: Result): string[] {
  const differences: string[] = [];
  if (!close(result.score, expected.score)) differences.push(`score ${result.score}, expected ${expected.score}`);
  if (result.grade !== expected.grade) differences.push(`grade ${result.grade}, expected ${expected.grade}`);
  if (expected.computedScore !== undefined && !close(result.computedScore, expected.computedScore)) {
    differences.push(`computed score ${result.computedScore}, expected ${expected.computedScore}`);
  }
  const downgraded = expected.downgraded ?? expected.computedScore !== undefined;
  if (result.downgraded !== downgraded) differences.push(`downgraded ${result.downgraded}, expected ${downgraded}`);
  if (expected.eligible !== undefined && result.eligible !== expected.eligible) differences.push(`eligible ${result.eligible}, expected ${expected.eligible}`);
  for (const [id, score] of Object.entries(expected.indicators ?? {})) {
    const got = result.indicators.find((i) => i.id === id);
    if (!got) differences.push(`no indicator ${id}`);
    else if (!close(got.score, score)) differences.push(`${id} ${got.score}, expected ${score}`);
  }
  return differences;
}

/** The ids a result's trace exercised. */
export function exercisedIds(result: Result): Set<string> {
  const ids = new Set<string>();
  for (const entry of result.trace ?? []) {
    if (entry.kind === 'start' && entry.points === 0 && !entry.rule) continue;
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
