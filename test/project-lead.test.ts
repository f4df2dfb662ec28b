/**
 * The provisional project-lead ruleset (issue 5): it loads, its sample cases pass with every
 * clause exercised, an ineligible lead is reported as such, and every number the source does
 * not give is marked provisional (暂定) in the data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, isIsoDate, loadRuleset, runCases, validateCase } from '../engine/index.js';
import type { Provisional, SampleCase } from '../engine/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = loadRuleset(JSON.parse(readFileSync(`${root}rulesets/project-lead.json`, 'utf8')), { file: 'rulesets/project-lead.json' });
const { ruleset } = compiled;

const casesDir = `${root}rulesets/cases/project-lead`;
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(`${casesDir}/${file}`, 'utf8')) as unknown }));

/** Numbers taken from the articles themselves, by path; they must NOT be marked provisional. */
const FROM_SOURCE = new Set<string>([
  'parameters.minExperienceProjects.value', // 第二条 “2项以上”
]);


/** The value at a dotted path (`window.months`), or undefined. */
function at(object: object, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Fields of `object` among `candidates` holding a number that is neither marked nor from the source. */
function unmarked(object: object & { provisional?: Provisional }, candidates: string[], where: string): string[] {
  const marked = new Set(object.provisional?.fields ?? []);
  return candidates
    .filter((field) => typeof at(object, field) === 'number' && !marked.has(field) && !FROM_SOURCE.has(`${where}.${field}`))
    .map((field) => `${where}.${field}`);
}

/** Provisional marks that name a field the object does not have (a stale or misspelt mark). */
function stale(object: object & { provisional?: Provisional }, where: string): string[] {
  return (object.provisional?.fields ?? [])
    .filter((field) => { const v = at(object, field); return typeof v !== 'number' && !isIsoDate(v); })
    .map((field) => `${where}.${field}`);
}

describe('project-lead ruleset', () => {
  it('is the provisional project-lead method, with the indicators of 第六条 in order', () => {
    expect(ruleset.id).toBe('project-lead');
    expect(ruleset.status).toBe('provisional');
    expect(ruleset.entityKind).toBe('projectLead');
    expect(ruleset.indicators.map((i) => i.label)).toEqual([
      '技术职称', '工程质量', '安全生产', '个人荣誉', '合同履行', '市场行为', '社会责任', '不良记录及违规行为', '迎检和其他重大事项',
    ]);
  });

  it('has full scores that add up to 100', () => {
    const items = ruleset.indicators.flatMap((i) => i.items);
    const total = items.reduce((sum, item) => sum + (item.kind === 'bonus' ? item.max ?? 0 : item.full ?? 0), 0);
    expect(total).toBe(100);
  });

  it('passes every sample case, with every clause exercised', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const { file, json } of cases) expect(validateCase(json), file).toEqual([]);
    const report = runCases(compiled, cases.map(({ file, json }) => ({ file, case: json as SampleCase })));
    expect(report.outcomes.filter((o) => !o.passed).map((o) => `${o.file}: ${o.differences.join('; ')}`)).toEqual([]);
    expect(report.unexercised).toEqual([]);
  });

  it('reports an ineligible lead with the reason and no grade, and does not downgrade it', () => {
    const titleReason = ruleset.eligibility!.requirements.find((r) => r.id === 'title')!.reason;
    const result = evaluate(compiled, {
      id: 'junior',
      kind: 'projectLead',
      title: 'junior',
      experienceProjects: 5,
      projects: [{ id: 'P1', permitDate: '2021-03-01', completionDate: '2022-12-31', contractAmount: 2000000 }],
      events: [{ type: 'administrativePenalty', date: '2022-03-01' }],
      publishedRating: { grade: 'AA', score: 81, date: '2022-01-01' },
    }, { asOf: '2022-06-30' });
    expect(result.eligible).toBe(false);
    expect(result.ineligibleReasons).toEqual([titleReason]);
    expect(result.grade).toBeNull();
    expect(result.computedGrade).toBeNull();
    expect(result.downgraded).toBe(false);

    const experience = evaluate(compiled, { id: 'one', kind: 'projectLead', title: 'senior', experienceProjects: 1 }, { asOf: '2022-06-30' });
    expect(experience.ineligibleReasons).toEqual([ruleset.eligibility!.requirements.find((r) => r.id === 'experience')!.reason]);
    expect(experience.grade).toBeNull();
  });

  it('marks every number the source does not give as provisional', () => {
    const missing: string[] = [];
    const stray: string[] = [];
    for (const [name, parameter] of Object.entries(ruleset.parameters)) {
      const where = `parameters.${name}`;
      const numeric = typeof parameter.value === 'number' || isIsoDate(parameter.value);
      const marked = parameter.provisional?.fields.includes('value') ?? false;
      if (numeric && !marked && !FROM_SOURCE.has(`${where}.value`)) missing.push(`${where}.value`);
      stray.push(...stale(parameter, where));
    }
    for (const indicator of ruleset.indicators) {
      for (const item of indicator.items) {
        missing.push(...unmarked(item, ['full', 'base', 'cap', 'max', 'multiplier.factor'], item.id));
        stray.push(...stale(item, item.id));
        for (const clause of item.clauses) {
          missing.push(...unmarked(clause, ['points', 'cap', 'window.months'], clause.id));
          stray.push(...stale(clause, clause.id));
          for (const level of clause.levels ?? []) {
            missing.push(...unmarked(level, ['points'], level.id));
            stray.push(...stale(level, level.id));
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(stray).toEqual([]);
    const parts = ruleset.indicators.flatMap((i) => i.items.flatMap((t) => [t, ...t.clauses, ...t.clauses.flatMap((c) => c.levels ?? [])]));
    for (const part of parts) if (part.provisional) expect(part.provisional.note, part.id).toMatch(/暂定/);

    // The base rule's periods are the enterprise table's, by analogy.
    expect(unmarked(ruleset.baseRule!, ['lookbackMonths', 'projectDefaultMonths'], 'baseRule')).toEqual([]);
    expect(stale(ruleset.baseRule!, 'baseRule')).toEqual([]);
    expect(ruleset.baseRule!.provisional!.note).toMatch(/暂定/);
  });

  it('takes grades, eligibility and downgrades from the articles, not marked provisional', () => {
    expect(ruleset.parameters.minExperienceProjects?.value).toBe(2);
    expect(ruleset.parameters.minExperienceProjects?.provisional).toBeUndefined();
    expect(ruleset.parameters.eligibleTitles?.provisional).toBeUndefined();
    expect(ruleset.grades.map((g) => [g.grade, g.min])).toEqual([['AAA', 90], ['AA+', 85], ['AA', 80], ['A', 60], ['B', 0]]);
    // D3: the lowest score of the grade; only B's is a number of its own, the others are the grade lines.
    expect(ruleset.downgrades?.floors).toEqual({ B: 40 });
    expect(ruleset.downgrades?.recalcMonths).toBe(6);
    expect(ruleset.downgrades?.rules.find((r) => r.id === 'D2.5')?.effect).toBe('lowest');
    expect(ruleset.downgrades?.repeats.map((r) => [r.count, r.withinMonths])).toEqual([[2, 12]]);
  });
});
