/**
 * Points per quantity ("1 point per full year, at most 10"; "0.5 per month of social
 * insurance"; "1 point per 10,000 above the threshold"): a clause's `per` multiplies its points,
 * or its level's, by a number read from the event (an attribute) or, on a check clause, from
 * the record (a dotted path). With `step` only whole steps count (rounded down, "per full
 * step"; or up, "part of a step counts as one"); `above` counts only what exceeds it, `below`
 * only what falls short of it ("2 more points per year under 56"). A missing
 * quantity counts 0, and so does a negative one: a quantity never turns points round. The
 * product is exact: the quantity is read to 0.001, whole steps are counted in integers, and a
 * quantity times points without a step is rounded (half away from 0) to 0.001.
 *
 * Everything `per` means is here: its load-time checks (a path that names a number, a step
 * exact to 0.001, `round` only with a step, not both `above` and `below`, no `per` on a veto), its compiled form, the points
 * it gives, the part of a trace line that says quantity × points, and its policy diff. A
 * clause's or an item's maximum (cap.ts) applies to the product, as to any points.
 */
import recordSchema from '../../schemas/record.schema.json' with { type: 'json' };
import { attributeKinds, attributeLabel, unknownAttribute } from '../attributes.js';
import { fromMilli, inexactPoints, toMilli, type Milli } from '../decimal.js';
import { jsonPath, problemAt, type Problem } from '../errors.js';
import type { PerParams, PerSummary } from '../messages/codes.js';
import { say, type Changes, type LocatedClause } from '../review/changes.js';
import { closest } from '../suggest.js';
import { forEachClause } from '../walk.js';
import type { Clause, Per, Ruleset } from '../types.js';

/** A clause's `per` as scoring reads it: the path's keys, and its numbers in thousandths. */
export interface CompiledPer {
  per: Per;
  /** What staff call the quantity: the attribute's or the record field's label, else the path. */
  label: string;
  keys: readonly string[];
  step: Milli | undefined;
  above: Milli;
  /** What the quantity is counted short of, when it counts downwards. */
  below: Milli | undefined;
  up: boolean;
}

/** What one quantity gives: the units counted (whole steps, or the quantity itself) and the points. */
export interface PerOutcome {
  quantity: number | undefined;
  units: number;
  points: Milli;
}

// ---------------------------------------------------------------- load-time checks

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
}

/** The record's number fields, as dotted paths: those of the record schema and the ruleset's declared `recordFields`. */
function recordNumberPaths(ruleset: Ruleset): string[] {
  const paths: string[] = [];
  const walk = (node: SchemaNode, at: string): void => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = at ? `${at}.${name}` : name;
      if (child.type === 'number' || child.type === 'integer') paths.push(path);
      else if (child.type === 'object') walk(child, path);
    }
  };
  walk(recordSchema as SchemaNode, '');
  for (const [name, spec] of Object.entries(ruleset.recordFields ?? {})) if (spec.type === 'number') paths.push(name);
  return paths;
}

/** The problems of the ruleset's `per`s. */
export function perProblems(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const kinds = attributeKinds(ruleset);
  let recordNumbers: string[] | undefined;
  forEachClause(ruleset, (clause, clausePath, item) => {
    const per = clause.per;
    if (!per) return;
    const at = [...clausePath, 'per'];
    if (clause.effect === 'veto') problems.push(problemAt(jsonPath(at), 'per.onVeto', { clause: clause.id }));
    if (per.above !== undefined && per.below !== undefined) problems.push(problemAt(jsonPath([...at, 'below']), 'per.aboveAndBelow', {}));
    if (per.round !== undefined && per.step === undefined) problems.push(problemAt(jsonPath([...at, 'round']), 'per.roundWithoutStep', {}));
    for (const key of ['step', 'above', 'below'] as const) {
      const inexact = inexactPoints(per[key], jsonPath([...at, key]));
      if (inexact) problems.push(inexact);
    }
    if (item.kind === 'check') {
      recordNumbers ??= recordNumberPaths(ruleset);
      if (!recordNumbers.includes(per.path)) problems.push(problemAt(jsonPath([...at, 'path']), 'per.notNumber', { path: per.path, fact: 'record', numbers: recordNumbers, guess: closest(per.path, recordNumbers) }));
      return;
    }
    const found = kinds.get(per.path);
    if (!found) problems.push(unknownAttribute(per.path, [...at, 'path'], kinds.keys()));
    else if (found.size !== 1 || !found.has('number')) {
      const numbers = [...kinds].filter(([, k]) => k.size === 1 && k.has('number')).map(([name]) => name);
      problems.push(problemAt(jsonPath([...at, 'path']), 'per.notNumber', { path: per.path, fact: 'event', numbers, guess: closest(per.path, numbers) }));
    }
  });
  return problems;
}

// ---------------------------------------------------------------- compiled form and scoring

/** What staff call the quantity at a check clause's record path: the declared field's label, else the path. */
function recordLabel(ruleset: Ruleset, path: string): string {
  const spec = ruleset.recordFields && Object.hasOwn(ruleset.recordFields, path) ? ruleset.recordFields[path] : undefined;
  return spec?.label ?? path;
}

/** A clause's `per` compiled, `undefined` without one. `onRecord`: a check clause, which reads the record. */
export function compiledPer(clause: Clause, onRecord: boolean, ruleset: Ruleset): CompiledPer | undefined {
  const per = clause.per;
  if (!per) return undefined;
  return {
    per,
    label: onRecord ? recordLabel(ruleset, per.path) : attributeLabel(ruleset, per.path),
    keys: per.path.split('.'),
    step: per.step === undefined ? undefined : toMilli(per.step),
    above: toMilli(per.above ?? 0),
    below: per.below === undefined ? undefined : toMilli(per.below),
    up: per.round === 'up',
  };
}

/** The number at the path in `holder` (an event, a record); `undefined` when it is missing or not a finite number. */
export function quantityOf(per: CompiledPer, holder: unknown): number | undefined {
  let value = holder;
  for (const key of per.keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `each` (the points of one unit, signed) times the quantity in `holder`, as `per` counts it. */
export function perOutcome(per: CompiledPer, each: Milli, holder: unknown): PerOutcome {
  const quantity = quantityOf(per, holder);
  const read = quantity === undefined ? 0 : toMilli(quantity);
  // A missing quantity is 0 below a threshold too: nothing to count, not the whole threshold.
  const counted = per.below === undefined ? Math.max(0, read - per.above) : quantity === undefined ? 0 : Math.max(0, per.below - read);
  if (per.step !== undefined) {
    // Both in thousandths, so a whole number of steps is an exact integer quotient.
    const units = per.up ? Math.ceil(counted / per.step) : Math.floor(counted / per.step);
    return { quantity, units, points: each * units };
  }
  const product = (each * counted) / 1000;
  return { quantity, units: fromMilli(counted), points: Math.sign(product) * Math.round(Math.abs(product)) };
}

/** A trace line's `per` params: the quantity, how it was counted, and the points of one unit. */
export function perParams(per: CompiledPer, outcome: PerOutcome, each: Milli): PerParams {
  const p = per.per;
  return {
    of: per.label,
    quantity: outcome.quantity ?? null,
    ...(p.above === undefined ? {} : { above: p.above }),
    ...(p.below === undefined ? {} : { below: p.below }),
    ...(p.step === undefined ? {} : { step: p.step, up: per.up }),
    units: outcome.units,
    each: fromMilli(each),
  };
}

// ---------------------------------------------------------------- policy diff

/** A `per` in short, as a policy change says it. */
export function perSummary(ruleset: Ruleset, clause: Clause, onRecord: boolean): PerSummary | undefined {
  const per = clause.per;
  if (!per) return undefined;
  return { of: onRecord ? recordLabel(ruleset, per.path) : attributeLabel(ruleset, per.path), path: per.path, ...(per.step === undefined ? {} : { step: per.step, up: per.round === 'up' }), ...(per.above === undefined ? {} : { above: per.above }), ...(per.below === undefined ? {} : { below: per.below }) };
}

/** In a policy diff: points per quantity added, removed, or counted otherwise. */
export function diffPer(c: Changes, was: LocatedClause, now: LocatedClause): void {
  const [a, b] = [was.value, now.value];
  if (JSON.stringify(a.per) === JSON.stringify(b.per)) return;
  const old = perSummary(c.older, a, was.item.kind === 'check');
  const next = perSummary(c.newer, b, now.item.kind === 'check');
  c.changed('clause', [...now.path, 'per'], b.id, b.label, 'per', a.per, b.per, say('clause.per', { ...(old ? { old } : {}), ...(next ? { new: next } : {}) }));
}
