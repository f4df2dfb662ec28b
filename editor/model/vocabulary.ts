/**
 * The parts of a ruleset a record's validity depends on: its entity kind, grade names, event
 * types and declared record and project fields. A record the engine validated under one ruleset
 * is valid, with the same warnings, under another with the same vocabulary, so it may be scored
 * there without validating it again (`validate: false`).
 */
import type { Ruleset } from '../../engine/index.js';

/** The vocabulary of a ruleset, as a string to compare. */
export const vocabularyOf = (ruleset: Ruleset): string =>
  JSON.stringify([ruleset.entityKind, ruleset.grades.map((g) => g.grade), ruleset.eventTypes, ruleset.recordFields ?? null, ruleset.projectFields ?? null]);
