/**
 * Provisional (暂定) numbers: values the source does not give, marked in the ruleset by a
 * `provisional: {fields, note}` beside them. A field may be dotted (`window.months`,
 * `multiplier.factor`): it names a value inside the object that carries the mark.
 */
import type { Provisional } from '../../engine/index.js';
import { pathKey, type JsonPath } from './paths.js';

/** One provisional value: where it is, and the note on what it was taken from. */
export interface ProvisionalMark {
  /** JSON path of the value (`['baseRule', 'lookbackMonths']`). */
  path: JsonPath;
  /** JSON path of the object that carries the mark. */
  owner: JsonPath;
  /** The field as the mark names it (`window.months`). */
  field: string;
  note: string;
}

function isProvisional(value: unknown): value is Provisional {
  if (value === null || typeof value !== 'object') return false;
  const p = value as Partial<Provisional>;
  return Array.isArray(p.fields) && p.fields.every((f) => typeof f === 'string') && typeof p.note === 'string';
}

/** The note of `field` when `on` marks it provisional, else null. */
export function provisionalNote(on: { provisional?: Provisional } | null | undefined, field: string): string | null {
  const mark = on?.provisional;
  return isProvisional(mark) && mark.fields.includes(field) ? mark.note : null;
}

/**
 * The marks inside each object or list seen, with paths from it. Documents are never changed
 * in place (an edit makes a new one that shares what it did not change), so after an edit only
 * the objects on the edited path are walked again.
 */
const marksWithin = new WeakMap<object, readonly ProvisionalMark[]>();

function marksIn(value: object): readonly ProvisionalMark[] {
  let marks = marksWithin.get(value);
  if (marks) return marks;
  const out: ProvisionalMark[] = [];
  const inside = (key: string | number, child: unknown): void => {
    if (child === null || typeof child !== 'object') return;
    for (const mark of marksIn(child)) out.push({ ...mark, path: [key, ...mark.path], owner: [key, ...mark.owner] });
  };
  if (Array.isArray(value)) value.forEach((child, i) => inside(i, child));
  else {
    const record = value as Record<string, unknown>;
    if (isProvisional(record.provisional)) {
      const { fields, note } = record.provisional;
      for (const field of fields) out.push({ path: field.split('.'), owner: [], field, note });
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'provisional') inside(key, child);
  }
  marksWithin.set(value, (marks = out));
  return marks;
}

/** Every provisional value of a document, in document order, wherever its mark is. */
export function provisionalMarks(document: unknown): ProvisionalMark[] {
  return document !== null && typeof document === 'object' ? [...marksIn(document)] : [];
}

/**
 * The path keys of every object that holds a provisional value, and of each object and list
 * above it: what the "provisional only" filter keeps on screen.
 */
export function provisionalHolders(marks: readonly ProvisionalMark[]): Set<string> {
  const keys = new Set<string>();
  for (const mark of marks) for (let i = 0; i <= mark.path.length; i++) keys.add(pathKey(mark.path.slice(0, i)));
  return keys;
}

/**
 * The mark of the object at `owner` without `field`: what to store when staff confirm a
 * provisional value; `undefined` (no mark) when it was the last field marked.
 */
export function withoutField(mark: Provisional, field: string): Provisional | undefined {
  const fields = mark.fields.filter((f) => f !== field);
  return fields.length ? { ...mark, fields } : undefined;
}
