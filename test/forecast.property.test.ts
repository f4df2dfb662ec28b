/**
 * The forecast against the engine itself, on generated records of every shipped ruleset and of
 * the language's own fixture: the result evaluated on each step's date is the step's, the day
 * before it is the step before's, and on every other day between two steps (each day, for a
 * share of the records; days drawn at random for the rest) it is the earlier step's. So no date
 * a mechanism can change a result on is missing from the candidates, whatever the ruleset.
 */
import { describe, expect, it } from 'vitest';
import { addDays, evaluate, forecast, loadRuleset, type CompiledRuleset, type EntityRecord, type Forecast, type Result, type Ruleset, type TraceEntry } from '../engine/index.js';
import { generateRecords, prng } from './support/generate.js';
import { shippedRuleset } from './support/load.js';
import { applicant, subsidyRuleset } from './language/subsidy.js';

const asOf = '2021-06-30';

/** Records of the ruleset's kind: the enterprise generator's events, with the fields the kind has. */
function recordsFor(json: Ruleset, seed: number, count: number, maxEvents = 14): EntityRecord[] {
  const random = prng(seed ^ 0x5eed);
  return generateRecords(seed, count, json.eventTypes, { asOf, maxEvents }).map((record) => {
    if (json.entityKind === 'enterprise') return record;
    const { licence: _licence, publishedRating, ...rest } = record;
    const own: EntityRecord = { ...rest, kind: json.entityKind };
    if (json.entityKind === 'projectLead') {
      own.title = (['senior', 'intermediate', 'junior'] as const)[Math.floor(random() * 3)]!;
      own.experienceProjects = Math.floor(random() * 4);
    }
    if (publishedRating && json.downgrades) own.publishedRating = { ...publishedRating, grade: json.downgrades.fromGrades[0]! };
    return own;
  });
}

const shown = (r: Result): [number, string | null, boolean] => [r.score, r.grade, r.eligible];

/** Checks a forecast against evaluations of the record on its dates, the days before them, and `days` between. */
function checkAgainstEngine(compiled: CompiledRuleset, record: EntityRecord, f: Forecast, days: 'every' | number, random: () => number): void {
  const on = (date: string): [number, string | null, boolean] => shown(evaluate(compiled, record, { asOf: date, trace: false }));
  const { steps, asOf } = f;
  expect(steps[0]!.date).toBe(asOf);
  steps.forEach((step, k) => {
    const where = `${record.id} step ${step.date}`;
    expect(on(step.date), where).toEqual([step.score, step.grade, step.eligible]);
    if (k === 0) return;
    const previous = steps[k - 1]!;
    expect(on(addDays(step.date, -1)), `${where}, the day before`).toEqual([previous.score, previous.grade, previous.eligible]);
    expect(step.change).toBe(Math.round((step.score - previous.score) * 1000) / 1000);
    expect([step.score, step.grade, step.eligible], `${where} changes something`).not.toEqual([previous.score, previous.grade, previous.eligible]);
    expect(step.reasons.length, `${where} says why`).toBeGreaterThan(0);
    // The reasons are the lines of the day that the day before's trace does not have.
    const key = (l: TraceEntry): string => `${l.code}|${l.clause}|${l.rule ?? ''}|${l.item ?? ''}|${(l.events ?? []).join(',')}`;
    const traceOn = (date: string): TraceEntry[] => evaluate(compiled, record, { asOf: date }).trace ?? [];
    const [then, today] = [traceOn(addDays(step.date, -1)), traceOn(step.date)];
    const [thenKeys, todayKeys] = [new Set(then.map(key)), new Set(today.map(key))];
    const fresh = today.filter((l) => !thenKeys.has(key(l))).map((l) => l.message);
    // A day that only lost lines says those.
    const gone = then.filter((l) => !todayKeys.has(key(l))).map((l) => `此后不再:${l.message}`);
    expect(step.reasons.map((r) => r.message), `${where}: its reasons`).toEqual(fresh.length ? fresh : gone);
  });
  // Every day, or days drawn, from the start to two years after the last step.
  const end = addDays(steps[steps.length - 1]!.date, 730);
  const span = (Date.parse(end) - Date.parse(asOf)) / 86_400_000;
  const dates = days === 'every' ? Array.from({ length: span }, (_, i) => addDays(asOf, i + 1)) : Array.from({ length: days }, () => addDays(asOf, 1 + Math.floor(random() * span)));
  for (const date of dates) {
    const step = steps.findLast((s) => s.date <= date)!;
    expect(on(date), `${record.id} on ${date}, in the step from ${step.date}`).toEqual([step.score, step.grade, step.eligible]);
  }
}

/** What restores a grade agrees with the timeline; the events said to cost the grade do. */
function checkRestore(compiled: CompiledRuleset, record: EntityRecord, f: Forecast): void {
  const grades = compiled.ruleset.grades.map((g) => g.grade);
  const rankOf = (grade: string | null): number => (grade === null ? grades.length : grades.indexOf(grade));
  const present = rankOf(f.steps[0]!.grade);
  expect(f.restore.map((r) => r.grade)).toEqual(grades.slice(0, Math.min(present, grades.length)).reverse());
  for (const r of f.restore) {
    const first = f.steps.find((s) => rankOf(s.grade) <= rankOf(r.grade));
    expect(r.date, `${record.id} ${r.grade}`).toBe(first?.date ?? null);
    expect(r.note.code).toBe(first ? 'restore.reached' : f.steps.at(-1)!.eligible ? 'restore.never' : 'restore.ineligible');
  }
  const events = record.events ?? [];
  const { asOf } = f;
  for (const w of f.without) {
    const i = events.findIndex((e, j) => (e.id ?? `events[${j}]`) === w.event);
    const other = evaluate(compiled, { ...record, events: events.filter((_, j) => j !== i) }, { asOf, trace: false });
    expect([other.score, other.grade]).toEqual([w.score, w.grade]);
    expect(rankOf(w.grade)).toBeLessThan(present);
  }
  // And none is missing: every event whose absence gives a higher grade on asOf is there.
  const raising = events.flatMap((event, i) => {
    if (event.date > asOf) return [];
    const other = evaluate(compiled, { ...record, events: events.filter((_, j) => j !== i) }, { asOf, trace: false });
    return rankOf(other.grade) < present ? [event.id ?? `events[${i}]`] : [];
  });
  expect(f.without.map((w) => w.event).sort(), `${record.id}: the events that cost the grade`).toEqual(raising.sort());
  expect(f.without.map((w) => w.gain)).toEqual(f.without.map((w) => w.gain).sort((a, b) => b - a));
}

const rulesets: [string, Ruleset][] = [
  ['enterprise', shippedRuleset('enterprise').json],
  ['project-lead', shippedRuleset('project-lead').json],
  ['wendeng-legal-person', shippedRuleset('wendeng-legal-person').json],
];

describe('the forecast of generated records agrees with the engine on every date', { timeout: 120_000 }, () => {
  it.each(rulesets)('%s', (name, json) => {
    const compiled = loadRuleset(json);
    const random = prng(name.length);
    const records = recordsFor(json, 20261203 + name.length, 120);
    let steps = 0;
    records.forEach((record, r) => {
      const f = forecast(compiled, record, { asOf });
      steps += f.steps.length - 1;
      expect(f.complete).toBe(true);
      checkAgainstEngine(compiled, record, f, r < 12 ? 'every' : 40, random);
      checkRestore(compiled, record, f);
    });
    // The records do change over time: most have steps.
    expect(steps).toBeGreaterThan(records.length);
  });

  it('a subsidy schedule in 万元 without grades: steps of its total, nothing to restore', () => {
    const compiled = loadRuleset(subsidyRuleset());
    const record = applicant([
      { id: 'a1', type: 'award', date: '2025-03-01', level: 'national' },
      { id: 'a2', type: 'award', date: '2025-09-01', level: 'city' },
      { id: 'p1', type: 'platform', date: '2025-05-01' },
    ]);
    const f = forecast(compiled, record, { asOf: '2025-06-30' });
    expect(f.steps.map((s) => [s.date, s.score, s.grade, s.change])).toEqual([
      ['2025-06-30', 130, null, 0],
      ['2025-09-01', 140, null, 10],
      ['2026-04-01', 40, null, -100],
      ['2026-06-01', 10, null, -30],
      ['2026-10-01', 0, null, -10],
    ]);
    expect(f.steps[1]!.reasons.map((r) => r.message)).toEqual([expect.stringContaining('a2(2025-09-01) 加 10 万元')]);
    expect(f.restore).toEqual([]);
    expect(f.without).toEqual([]);
    checkAgainstEngine(compiled, record, f, 'every', Math.random);
  });
});
