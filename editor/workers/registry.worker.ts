/**
 * The registry's answer off the main thread: holds the registry's records, scores them with a
 * ruleset (its JSON text; the last few kept, so the saved version is scored once) and answers
 * each run with the summary of before against after. The page sends a run only when the last
 * one has answered, and only the newest edit, so a run is never stale by more than one edit.
 */
import { CreditRulesError, evaluate, loadRuleset, type EntityRecord, type Problem } from '../../engine/index.js';
import { summarise, type RegistryScores } from '../model/registrySummary.js';
import { vocabularyOf } from '../model/vocabulary.js';

/** From the page: the registry to hold, or a comparison to run. */
export type RegistryRequest =
  | { type: 'records'; records: EntityRecord[]; asOf: string }
  | { type: 'run'; id: number; before: string; after: string };

/** A record the after ruleset refuses: its index, id and the engine's problems. */
export interface InvalidRecord {
  index: number;
  id: string;
  problems: readonly Problem[];
}

/** Where a run's time went, in ms: reading and compiling the rulesets, scoring the records, the summary. */
export interface RunSpans {
  compile: number;
  evaluate: number;
  summary: number;
}

/** To the page: the summary and how long the worker took, or why it could not run. */
export type RegistryAnswer =
  | { type: 'result'; id: number; ms: number; spans: RunSpans; summary: ReturnType<typeof summarise>; invalid: InvalidRecord[] }
  | { type: 'error'; id: number; message: string };

let records: EntityRecord[] = [];
let asOf = '';
type Scored = RegistryScores & { gradeOrder: string[]; invalid: InvalidRecord[] };
/** Scores by ruleset text, the most recent last. */
const scored = new Map<string, Scored>();
/**
 * What the records were last checked against (the parts of a ruleset a record's validity
 * depends on) and which of them it refused: under a ruleset with the same vocabulary the
 * others are scored without checking them again, about a quarter of the time saved.
 */
let checked: { vocabulary: string; refused: Map<number, InvalidRecord> } | null = null;

function score(text: string, spans: RunSpans): Scored {
  const known = scored.get(text);
  if (known) {
    scored.delete(text);
    scored.set(text, known);
    return known;
  }
  const started = performance.now();
  const compiled = loadRuleset(JSON.parse(text));
  const compiledAt = performance.now();
  spans.compile += compiledAt - started;
  const vocabulary = vocabularyOf(compiled.ruleset);
  const trusted = checked?.vocabulary === vocabulary ? checked.refused : null;
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
      refused.set(i, { index: i, id: records[i]!.id, problems: error instanceof CreditRulesError ? error.problems : [{ path: '$', message: (error as Error).message }] });
    }
  }
  spans.evaluate += performance.now() - compiledAt;
  if (!trusted) checked = { vocabulary, refused };
  const entry = { scores, grades, gradeOrder: compiled.ruleset.grades.map((g) => g.grade), invalid: [...refused.values()].slice(0, 50) };
  scored.set(text, entry);
  if (scored.size > 4) scored.delete(scored.keys().next().value!);
  return entry;
}

self.onmessage = (message: MessageEvent<RegistryRequest>) => {
  const request = message.data;
  if (request.type === 'records') {
    records = request.records;
    asOf = request.asOf;
    scored.clear();
    checked = null;
    return;
  }
  const started = performance.now();
  const spans: RunSpans = { compile: 0, evaluate: 0, summary: 0 };
  try {
    const before = score(request.before, spans);
    const after = score(request.after, spans);
    const summarising = performance.now();
    const summary = summarise(records, before, after, after.gradeOrder);
    const done = performance.now();
    spans.summary = done - summarising;
    const answer: RegistryAnswer = { type: 'result', id: request.id, ms: done - started, spans, summary, invalid: after.invalid };
    self.postMessage(answer);
  } catch (error) {
    const answer: RegistryAnswer = { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
    self.postMessage(answer);
  }
};
