/**
 * The registry's answer off the main thread, from one worker per core (the page's pool,
 * stores/registry.ts): each holds a part of the registry's records and scores it with a
 * ruleset (registryParts.ts). The first worker, the lead, also holds every entity's id and
 * name: the others send it their parts' scores over a channel of their own, and it joins them
 * and answers the page with the summary of before against after. The page sends a run only
 * when the last one has answered, and only the newest edit, so a run is never stale by more
 * than one edit.
 */
import type { EntityRecord } from '../../engine/index.js';
import { joinParts, RegistryPart, type InvalidRecord, type PartScores, type PartSpans } from '../model/registryParts.js';
import { summarise } from '../model/registrySummary.js';

export type { InvalidRecord };

/** From the page. */
export type RegistryRequest =
  /** This worker's part of the registry; to the lead also every entity (the summary names them) and how many parts there are. */
  | { type: 'records'; records: EntityRecord[]; offset: number; asOf: string; lead?: Lead }
  /** A channel between the lead and another worker: the other sends its parts' scores over it. */
  | { type: 'channel'; port: MessagePort }
  | { type: 'run'; id: number; before: string; after: string };

/** What only the lead holds: every entity's id and name, in order, and how many parts score them. */
interface Lead {
  entities: { id: string; name?: string }[];
  parts: number;
}

/** Where a run's time went, in ms: the lead's own compiling and scoring, waiting for the other parts, the summary. */
export interface RunSpans extends PartSpans {
  waiting: number;
  summary: number;
}

/** To the page, from the lead: the summary and how long the run took, or why it could not run. */
export type RegistryAnswer =
  | { type: 'result'; id: number; ms: number; spans: RunSpans; summary: ReturnType<typeof summarise>; invalid: InvalidRecord[] }
  | { type: 'error'; id: number; message: string };

/** A part's scores for one run, from a worker to the lead. */
type PartAnswer = { id: number; before: PartScores; after: PartScores } | { id: number; error: string };

let part = new RegistryPart([], 0, '');
let lead: Lead | undefined;
const channels: MessagePort[] = [];
/**
 * The lead's run under way: its own part scored, and the others' as they come. It keeps the
 * registry it began with: records sent meanwhile are for the next run (the other workers,
 * taking their messages in order, score this one first).
 */
let running: { id: number; started: number; spans: RunSpans; answers: PartAnswer[]; lead: Lead } | undefined;
/** Other parts' answers that came before the lead's own run began. */
const early: PartAnswer[] = [];

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function scoreOwn(request: { id: number; before: string; after: string }, spans: PartSpans): PartAnswer {
  try {
    return { id: request.id, before: part.score(request.before, spans), after: part.score(request.after, spans) };
  } catch (error) {
    return { id: request.id, error: message(error) };
  }
}

/** The lead's answer once every part has come. */
function finish(): void {
  if (!running || running.answers.length < running.lead.parts) return;
  const { id, started, spans, answers, lead: { entities } } = running;
  running = undefined;
  const summarising = performance.now();
  spans.waiting = summarising - started - spans.compile - spans.evaluate;
  const failed = answers.find((a) => 'error' in a);
  let answer: RegistryAnswer;
  if (failed && 'error' in failed) answer = { type: 'error', id, message: failed.error };
  else {
    try {
      const scored = answers as Extract<PartAnswer, { before: PartScores }>[];
      const before = joinParts(entities.length, scored.map((a) => a.before));
      const after = joinParts(entities.length, scored.map((a) => a.after));
      const summary = summarise(entities, before, after, after.gradeOrder);
      const done = performance.now();
      spans.summary = done - summarising;
      answer = { type: 'result', id, ms: done - started, spans, summary, invalid: after.invalid };
    } catch (error) {
      // Answered all the same: the page waits for every run's answer before sending the next.
      answer = { type: 'error', id, message: message(error) };
    }
  }
  self.postMessage(answer);
}

function fromPart(answer: PartAnswer): void {
  if (running?.id === answer.id) {
    running.answers.push(answer);
    finish();
  } else if (!running || answer.id > running.id) early.push(answer);
}

self.onmessage = (event: MessageEvent<RegistryRequest>) => {
  const request = event.data;
  if (request.type === 'records') {
    part = new RegistryPart(request.records, request.offset, request.asOf);
    lead = request.lead;
    return;
  }
  if (request.type === 'channel') {
    channels.push(request.port);
    request.port.onmessage = (m: MessageEvent<PartAnswer>) => fromPart(m.data);
    return;
  }
  const started = performance.now();
  const spans: RunSpans = { compile: 0, evaluate: 0, waiting: 0, summary: 0 };
  const own = scoreOwn(request, spans);
  if (!lead) {
    // Not the lead: the scores go to it over the channel.
    channels[0]?.postMessage(own);
    return;
  }
  running = { id: request.id, started, spans, answers: [own], lead };
  for (const answer of early.splice(0)) if (answer.id === request.id) running.answers.push(answer);
  finish();
};
