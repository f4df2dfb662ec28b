/**
 * A registry scored in parts, one a worker, so that every core scores some of it: each part
 * holds a run of the records and scores them with a ruleset (its JSON text); the parts joined
 * are the scores of the whole registry, in its order, as one worker would give them.
 */
import { CreditRulesError, evaluate, loadRuleset, type EntityRecord, type Problem } from '../../engine/index.js';
import type { RegistryScores } from './registrySummary.js';
import { vocabularyOf } from './vocabulary.js';

/** A record the ruleset refuses: its index in the whole registry, its id and the engine's problems. */
export interface InvalidRecord {
  index: number;
  id: string;
  problems: readonly Problem[];
}

/** How many refused records a run reports (the panel lists them; the count is the summary's). */
export const INVALID_LISTED = 50;

/** Where a part's time went, in ms: reading and compiling the rulesets, scoring the records. */
export interface PartSpans {
  compile: number;
  evaluate: number;
}

/** A part's records scored by one ruleset: `scores[i]` is the record at `offset + i`. */
export interface PartScores extends RegistryScores {
  offset: number;
  gradeOrder: string[];
  /** The first refused records of the part, in order. */
  invalid: InvalidRecord[];
}

/** How many records each of `parts` parts takes, in order: as even as can be. */
export function partSizes(total: number, parts: number): number[] {
  const each = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => each + (i < total % parts ? 1 : 0));
}

/**
 * One part of a registry and its scores by ruleset text (the last few kept, so the saved
 * version is scored once). A record checked under one ruleset is not checked again under
 * another with the same vocabulary (vocabulary.ts): about a quarter of the time saved.
 */
export class RegistryPart {
  private readonly scored = new Map<string, PartScores>();
  private checked: { vocabulary: string; refused: Map<number, InvalidRecord> } | null = null;

  constructor(
    private readonly records: readonly EntityRecord[],
    private readonly offset: number,
    private readonly asOf: string,
  ) {}

  score(text: string, spans: PartSpans): PartScores {
    const known = this.scored.get(text);
    if (known) {
      this.scored.delete(text);
      this.scored.set(text, known);
      return known;
    }
    const started = performance.now();
    const compiled = loadRuleset(JSON.parse(text));
    const compiledAt = performance.now();
    spans.compile += compiledAt - started;
    const { records, offset, asOf } = this;
    const vocabulary = vocabularyOf(compiled.ruleset);
    const trusted = this.checked?.vocabulary === vocabulary ? this.checked.refused : null;
    const refused = trusted ?? new Map<number, InvalidRecord>();
    const scores = new Float64Array(records.length);
    const grades: (string | null)[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      if (trusted?.has(i)) {
        scores[i] = NaN;
        grades[i] = null;
        continue;
      }
      try {
        const result = evaluate(compiled, records[i]!, { asOf, trace: false, validate: !trusted });
        scores[i] = result.score;
        grades[i] = result.grade;
      } catch (error) {
        scores[i] = NaN;
        grades[i] = null;
        refused.set(i, { index: offset + i, id: records[i]!.id, problems: error instanceof CreditRulesError ? error.problems : [{ path: '$', message: (error as Error).message }] });
      }
    }
    spans.evaluate += performance.now() - compiledAt;
    if (!trusted) this.checked = { vocabulary, refused };
    const part = { offset, scores, grades, gradeOrder: compiled.ruleset.grades.map((g) => g.grade), invalid: [...refused.values()].slice(0, INVALID_LISTED) };
    this.scored.set(text, part);
    if (this.scored.size > 4) this.scored.delete(this.scored.keys().next().value!);
    return part;
  }
}

/** The parts of a registry of `total` records, scored by one ruleset, joined in the registry's order. */
export function joinParts(total: number, parts: readonly PartScores[]): RegistryScores & { gradeOrder: string[]; invalid: InvalidRecord[] } {
  const scores = new Float64Array(total);
  const grades: (string | null)[] = new Array(total);
  const ordered = [...parts].sort((a, b) => a.offset - b.offset);
  for (const part of ordered) {
    scores.set(part.scores, part.offset);
    for (let i = 0; i < part.grades.length; i++) grades[part.offset + i] = part.grades[i]!;
  }
  return { scores, grades, gradeOrder: ordered[0]?.gradeOrder ?? [], invalid: ordered.flatMap((p) => p.invalid).slice(0, INVALID_LISTED) };
}
