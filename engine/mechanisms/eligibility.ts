/**
 * Eligibility: who may be graded at all (e.g. only those who hold a qualification). Each
 * requirement is a condition on the record; when one fails, the record gets its table score but
 * no grade, no downgrade, and its `ineligibleReasons` are the failed requirements' `reason`s,
 * in order. Everything eligibility means is here: its load-time check (requirement ids are
 * unique: a policy diff follows a requirement by its id), its compiled form (one record test
 * per requirement), its verdict with the trace line that gives the reasons, and what a policy
 * diff says of it. Its conditions on `asOf` give a forecast its change dates like any other's
 * (asOfFacts.ts).
 */
import type { CompiledRuleset, PlainTest } from '../compile.js';
import type { Predicate } from '../conditions.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { Matches } from '../match.js';
import { LABELS, say, type Changes, type Path } from '../review/changes.js';
import type { TraceWriter } from '../trace.js';
import type { Condition, Ruleset } from '../types.js';

/** No reasons: eligible (shared, never changed). */
const ELIGIBLE: string[] = [];

/** Two requirements with one id: refused. */
export function eligibilityProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  ruleset.eligibility?.requirements.forEach((requirement, i) => {
    const earlier = seen.get(requirement.id);
    const path = jsonPath(['eligibility', 'requirements', i, 'id']);
    if (earlier === undefined) seen.set(requirement.id, i);
    else problems.push(problemAt(path, 'eligibility.duplicate', { id: requirement.id, earlier }));
  });
  return problems;
}

/** Compiles each requirement's condition into a record test (appended to `recordTests`); returns their indices, in order. */
export function eligibilityTests(ruleset: Ruleset, recordTests: PlainTest[], compile: (condition: Condition) => Predicate): number[] {
  return (ruleset.eligibility?.requirements ?? []).map((requirement) => recordTests.push({ condition: requirement.when, predicate: compile(requirement.when) }) - 1);
}

/** The reasons of the requirements a record fails, in order (empty: eligible); the trace says them on one line. */
export function ineligibleReasons(compiled: CompiledRuleset, matches: Matches, trace: TraceWriter | undefined): string[] {
  const eligibility = compiled.ruleset.eligibility;
  if (!eligibility) return ELIGIBLE;
  const reasons = eligibility.requirements.filter((_, k) => !matches.record[compiled.eligibilityTests[k]!]).map((r) => r.reason);
  if (!reasons.length) return ELIGIBLE;
  trace?.ineligible(eligibility, reasons);
  return reasons;
}

/** In a policy diff: eligibility added or removed, its requirements added, removed or changed, its citation. */
export function diffEligibility(c: Changes): void {
  const a = c.older.eligibility;
  const b = c.newer.eligibility;
  if (!a && !b) return;
  if (!a) return c.added('eligibility', ['eligibility'], b!.citation.clause, LABELS.eligibility, b, say('eligibility.added', { clause: b!.citation.clause, requirements: b!.requirements.map((r) => r.label) }));
  if (!b) return c.removed('eligibility', ['eligibility'], a.citation.clause, LABELS.eligibility, a, say('eligibility.removed', { clause: a.citation.clause }));
  const clause = b.citation.clause;
  const before = new Map(a.requirements.map((r, i) => [r.id, { r, i }]));
  const after = new Set(b.requirements.map((r) => r.id));
  b.requirements.forEach((r, i) => {
    const p: Path = ['eligibility', 'requirements', i];
    const was = before.get(r.id)?.r;
    if (!was) return c.added('eligibility', p, clause, r.label, r, say('requirement.added', { clause, label: r.label }));
    if (was.label !== r.label) c.changed('eligibility', [...p, 'label'], clause, '', 'label', was.label, r.label, say('requirement.label', { old: was.label, new: r.label }));
    c.condition('eligibility', [...p, 'when'], clause, r.label, was.when, r.when);
    if (was.reason !== r.reason) c.changed('eligibility', [...p, 'reason'], clause, r.label, 'reason', was.reason, r.reason, say('requirement.reason', {}));
  });
  for (const [id, { r, i }] of before) if (!after.has(id)) c.removed('eligibility', ['eligibility', 'requirements', i], clause, r.label, r, say('requirement.removed', { clause, label: r.label }));
  c.citation('eligibility', ['eligibility', 'citation'], clause, LABELS.eligibility, a.citation, b.citation);
}
