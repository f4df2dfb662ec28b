/**
 * What a change does to a registry: the grade distribution before and after, the score
 * histogram, how many entities move and which change grade. Plain numbers in, plain numbers
 * out, so the worker computes it and the page only draws it.
 */

/** Every entity of a registry scored by one ruleset: its score (NaN when it could not be scored) and grade. */
export interface RegistryScores {
  scores: Float64Array;
  grades: (string | null)[];
}

/** An entity whose grade changes. */
export interface GradeChange {
  index: number;
  id: string;
  name: string;
  scoreBefore: number;
  scoreAfter: number;
  gradeBefore: string | null;
  gradeAfter: string | null;
  /** The grade fell (by the after ruleset's order of grades). */
  down: boolean;
}

export interface RegistrySummary {
  total: number;
  /** Entities that could not be scored (an invalid record) under the after ruleset. */
  invalid: number;
  /** Grades in the tables' order (best first), then `null` for no grade. */
  grades: (string | null)[];
  before: number[];
  after: number[];
  /** Lower bounds of the histogram's bins, `binWidth` points wide. */
  bins: number[];
  binWidth: number;
  histogramBefore: number[];
  histogramAfter: number[];
  /** Entities whose score moved. */
  moved: number;
  /** Entities whose grade changes: falls first, then the largest change of score. */
  changed: GradeChange[];
}

/** Compares a registry scored before and after a change; `gradeOrder` lists grades best first. */
export function summarise(
  entities: readonly { id: string; name?: string }[],
  before: RegistryScores,
  after: RegistryScores,
  gradeOrder: readonly string[],
  binWidth = 5,
): RegistrySummary {
  const total = entities.length;
  const grades: (string | null)[] = [...gradeOrder];
  const slot = new Map<string | null, number>(grades.map((g, i) => [g, i]));
  const count = (list: (string | null)[], scores: Float64Array): number[] => {
    const out = new Array<number>(grades.length + 1).fill(0);
    list.forEach((grade, i) => {
      if (Number.isNaN(scores[i]!)) return;
      let at = slot.get(grade);
      if (at === undefined) {
        // A grade only the other table has, or no grade: kept, after the table's own.
        grades.push(grade);
        slot.set(grade, (at = grades.length - 1));
        out.push(0);
      }
      out[at]!++;
    });
    return out;
  };
  const countsBefore = count(before.grades, before.scores);
  const countsAfter = count(after.grades, after.scores);
  const trim = (xs: number[]): number[] => xs.slice(0, grades.length).concat(new Array(Math.max(0, grades.length - xs.length)).fill(0));

  let low = Infinity;
  let high = -Infinity;
  for (const scores of [before.scores, after.scores]) {
    for (const s of scores) {
      if (Number.isNaN(s)) continue;
      if (s < low) low = s;
      if (s > high) high = s;
    }
  }
  const first = Number.isFinite(low) ? Math.floor(low / binWidth) * binWidth : 0;
  const last = Number.isFinite(high) ? Math.floor(high / binWidth) * binWidth : 0;
  const bins = Array.from({ length: (last - first) / binWidth + 1 }, (_, i) => first + i * binWidth);
  const histogram = (scores: Float64Array): number[] => {
    const out = new Array<number>(bins.length).fill(0);
    for (const s of scores) if (!Number.isNaN(s)) out[Math.floor((s - first) / binWidth)]!++;
    return out;
  };

  const rank = (g: string | null): number => (g === null ? Infinity : gradeOrder.indexOf(g) === -1 ? Infinity : gradeOrder.indexOf(g));
  let moved = 0;
  let invalid = 0;
  const changed: GradeChange[] = [];
  for (let i = 0; i < total; i++) {
    const a = before.scores[i]!;
    const b = after.scores[i]!;
    if (Number.isNaN(b)) {
      invalid++;
      continue;
    }
    if (Number.isNaN(a)) continue;
    if (a !== b) moved++;
    if (before.grades[i] !== after.grades[i]) {
      const entity = entities[i]!;
      changed.push({ index: i, id: entity.id, name: entity.name ?? '', scoreBefore: a, scoreAfter: b, gradeBefore: before.grades[i]!, gradeAfter: after.grades[i]!, down: rank(after.grades[i]!) > rank(before.grades[i]!) });
    }
  }
  changed.sort((x, y) => Number(y.down) - Number(x.down) || Math.abs(y.scoreAfter - y.scoreBefore) - Math.abs(x.scoreAfter - x.scoreBefore) || (x.id < y.id ? -1 : 1));
  return { total, invalid, grades, before: trim(countsBefore), after: trim(countsAfter), bins, binWidth, histogramBefore: histogram(before.scores), histogramAfter: histogram(after.scores), moved, changed };
}
