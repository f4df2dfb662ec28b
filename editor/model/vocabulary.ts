/**
 * The parts of a ruleset a record's validity depends on: its entity kind, grade names, event
 * types and declared record and project fields. A record the engine validated under one ruleset
 * is valid, with the same warnings, under another with the same vocabulary, so it may be scored
 * there without validating it again (`validate: false`).
 */
import type { Ruleset } from '../../engine/index.js';

/**
 * The declarations last written out, with their text: an edit of the draft keeps these objects
 * (documents are replaced, never changed in place), so the text is not written out again.
 */
let last: { parts: readonly unknown[]; text: string } | null = null;

/** The vocabulary of a ruleset, as a string to compare. */
export function vocabularyOf(ruleset: Ruleset): string {
  const parts = [ruleset.eventTypes, ruleset.recordFields ?? null, ruleset.projectFields ?? null];
  if (!last || parts.some((part, i) => part !== last!.parts[i])) last = { parts, text: JSON.stringify(parts) };
  return JSON.stringify([ruleset.entityKind, ruleset.grades.map((g) => g.grade)]) + last.text;
}
