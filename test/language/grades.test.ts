/** Grades (engine/grade.ts): the first line from the top the score reaches, lines included; no grades, a plain total; load-time checks; policy changes. Grades write no trace line of their own: the result carries them. */
import { describe, expect, it } from 'vitest';
import { policyDiff, type Ruleset } from '../../engine/index.js';
import { clean, conductRuleset, scoredAt } from './conduct.js';
import { problemsOf } from './subsidy.js';

const asOf = '2024-06-30';
const graded = (ruleset: Ruleset, events: Parameters<typeof clean>[0]) => {
  const { score, grade, computedGrade } = scoredAt(ruleset, clean(events), asOf);
  return { score, grade, computedGrade };
};
const criticisms = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `c${k + 1}`, type: 'criticism', date: `2024-0${k + 4}-01` }));
const accidents = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `a${k + 1}`, type: 'accident', date: `2024-0${k + 1}-10`, severity: 'general' }));

describe('grades (A from 36, B from 28, C below; lines included)', () => {
  it('a score on a line takes its grade; a thousandth below, the next', () => {
    expect(graded(conductRuleset(), [])).toEqual({ score: 40, grade: 'A', computedGrade: 'A' });
    // Two criticisms: 40 − 4 = 36, exactly A's line.
    expect(graded(conductRuleset(), criticisms(2))).toEqual({ score: 36, grade: 'A', computedGrade: 'A' });
    const finer = conductRuleset();
    finer.indicators[1]!.items[1]!.clauses[0]!.points = -4.001;
    expect(graded(finer, [{ id: 'p1', type: 'penalty', date: '2024-06-01' }])).toEqual({ score: 35.999, grade: 'B', computedGrade: 'B' });
    // Two accidents and a criticism: 40 − 10 − 2 = 28, exactly B's line.
    expect(graded(conductRuleset(), [...accidents(2), ...criticisms(1)])).toMatchObject({ score: 28, grade: 'B' });
    expect(graded(conductRuleset(), accidents(3))).toMatchObject({ score: 28, grade: 'B' });
    expect(graded(conductRuleset(), [...accidents(3), ...criticisms(1)])).toMatchObject({ score: 26, grade: 'C' });
  });

  it('a score below the lowest line takes the lowest grade', () => {
    const higher = conductRuleset();
    higher.grades[2]!.min = 25;
    delete higher.downgrades!.floors.C;
    // A major accident zeroes Q: 20, below C's line of 25.
    expect(graded(higher, [{ id: 'a1', type: 'accident', date: '2024-03-01', severity: 'major' }])).toMatchObject({ score: 20, grade: 'C' });
  });

  it('a ruleset without grades gives a plain total and grade null', () => {
    const plain = conductRuleset();
    plain.grades = [];
    delete plain.gradeCitation;
    delete plain.downgrades;
    expect(graded(plain, criticisms(2))).toEqual({ score: 36, grade: null, computedGrade: null });
  });
});

describe('grades are checked at load', () => {
  it('lines from the highest down, a citation, one line per grade', () => {
    const wrong = conductRuleset();
    wrong.grades[1]!.min = 36;
    delete wrong.gradeCitation;
    expect(problemsOf(wrong)).toEqual({
      code: 'RULESET_REFERENCE',
      problems: [
        ['$.grades[1].min', 'grade.notBelow', 'grade line B (36) is not below A (36)'],
        ['$.gradeCitation', 'grades.noCitation', 'the grades cite no text'],
      ],
    });
  });

  it('downgrades without grades', () => {
    const none = conductRuleset();
    none.grades = [];
    delete none.gradeCitation;
    const problems = problemsOf(none)!.problems;
    expect(problems).toContainEqual(['$.downgrades', 'downgrades.noGrades', 'downgrades need grades to lower']);
  });
});

describe('grades in a policy diff', () => {
  const older = conductRuleset();

  it('a line moved, a grade added and one removed, the citation', () => {
    const newer = conductRuleset();
    newer.grades = [{ grade: 'A', min: 37 }, { grade: 'C', min: 10 }, { grade: 'D', min: 0 }];
    newer.gradeCitation = { clause: '第十条', text: '37 分以上为 A 级,10 分以上为 C 级,其余为 D 级' };
    expect(policyDiff(older, newer).map((c) => [c.code, c.path, c.message, c.en])).toEqual([
      ['grade.min', '$.grades[0].min', 'A 级分数线 36 → 37', 'grade line A 36 → 37'],
      ['grade.min', '$.grades[1].min', 'C 级分数线 0 → 10', 'grade line C 0 → 10'],
      ['grade.added', '$.grades[2]', '新增等级 D: 分数线 0', 'grade D added: line 0'],
      ['grade.removed', '$.grades[1]', '删除等级 B(分数线 28)', 'grade B removed (line 28)'],
      ['citation.text', '$.gradeCitation', '第十条 信用等级: 依据原文已修改', expect.stringContaining('第十条')],
    ]);
  });
});
