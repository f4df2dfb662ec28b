/** Grades (第七条): the first grade line, from the top, that the score reaches ("以上均含本数"). */
import type { CompiledRuleset } from './compile.js';
import type { Milli } from './decimal.js';

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
