/** Grades: the first grade line, from the top, that the score reaches (a score on the line reaches it). */
import type { CompiledRuleset } from './compile.js';
import type { Milli } from './decimal.js';
import { gradeLabel, LABELS, say, type Changes } from './review/changes.js';
import type { Grade } from './types.js';

/** The grade of a score in thousandths; `null` for a ruleset without grades (a plain total). */
export function gradeOf(compiled: CompiledRuleset, score: Milli): string | null {
  for (const line of compiled.grades) if (score >= line.min) return line.grade;
  return compiled.grades[compiled.grades.length - 1]?.grade ?? null;
}

/** The grade one step below, or the lowest. Downgrades need grades (the loader checks). */
export function gradeBelow(compiled: CompiledRuleset, grade: string): string {
  const i = compiled.grades.findIndex((g) => g.grade === grade);
  return compiled.grades[Math.min(i + 1, compiled.grades.length - 1)]!.grade;
}

/** The lowest grade (B). Downgrades need grades (the loader checks). */
export function lowestGrade(compiled: CompiledRuleset): string {
  return compiled.grades[compiled.grades.length - 1]!.grade;
}

/** In a policy diff: grade lines added, removed or moved, and the grades' citation. */
export function diffGrades(c: Changes): void {
  const before = new Map<string, { grade: Grade; index: number }>(c.older.grades.map((g, i) => [g.grade, { grade: g, index: i }]));
  const after = new Set(c.newer.grades.map((g) => g.grade));
  const clause = (c.newer.gradeCitation ?? c.older.gradeCitation)?.clause ?? 'grades';
  c.newer.grades.forEach((g, i) => {
    const was = before.get(g.grade)?.grade;
    if (!was) c.added('grade', ['grades', i], clause, gradeLabel(g.grade), g, say('grade.added', { grade: g.grade, min: g.min }));
    // The grade line stands on its own: the grade's line, old → new.
    else if (was.min !== g.min) c.changed('grade', ['grades', i, 'min'], clause, gradeLabel(g.grade), 'min', was.min, g.min, say('grade.min', { grade: g.grade, old: was.min, new: g.min }), c.unit);
  });
  for (const [grade, { grade: g, index }] of before) {
    if (!after.has(grade)) c.removed('grade', ['grades', index], clause, gradeLabel(grade), g, say('grade.removed', { grade, min: g.min }));
  }
  c.citation('grade', ['gradeCitation'], clause, LABELS.grades, c.older.gradeCitation, c.newer.gradeCitation);
}
