/**
 * `sensitivity`: the numbers of a ruleset, their steps, and which of them a case set pins.
 * The shipped rulesets' reports, as the command prints them: cli-sensitivity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { pointsStep, rulesetNumbers, sensitivity, type Ruleset, type SampleCase } from '../engine/index.js';
import { readJson, shippedCases } from './support/load.js';

const enterprise = readJson<Ruleset>('rulesets/enterprise.json');
const wendeng = readJson<Ruleset>('rulesets/wendeng-legal-person.json');

describe('the numbers of a ruleset', () => {
  it('steps points by the ruleset precision: 0.1 in the enterprise table (0.3, 0.5…), 1 in Wendeng (whole points)', () => {
    expect(pointsStep(enterprise)).toBe(0.1);
    expect(pointsStep(wendeng)).toBe(1);
  });

  it('walks every kind a policy officer may change, each with its own step', () => {
    const numbers = rulesetNumbers(enterprise);
    const at = (path: string) => numbers.find((n) => n.path === path);
    expect(at('$.indicators[1].items[0].clauses[2].points')).toMatchObject({ kind: 'points', owner: 'E2.1.3', value: -4, step: 0.1 });
    expect(at('$.indicators[1].items[0].clauses[2].window.months')).toMatchObject({ kind: 'windowMonths', value: 60, step: 1 });
    expect(at('$.indicators[3].items[0].max')).toMatchObject({ kind: 'itemMax', owner: 'E4', value: 2 });
    expect(at('$.grades[0].min')).toMatchObject({ kind: 'gradeLine', owner: 'AAA', value: 90, step: 0.1 });
    expect(at('$.downgrades.floors.B')).toMatchObject({ kind: 'downgradeFloor', value: 40 });
    expect(at('$.downgrades.recalcMonths')).toMatchObject({ kind: 'recalcMonths', value: 6, step: 1 });
    expect(at('$.parameters.awardsScoredFrom.value')).toMatchObject({ kind: 'dateParameter', value: '2018-01-01', step: 1 });
    expect(at('$.parameters.contractThreshold.value')).toMatchObject({ kind: 'parameter', value: 1000000, step: 1 });
    // The lowest grade's minimum is a floor, not a line between grades; text and list parameters are not numbers.
    expect(at('$.grades[4].min')).toBeUndefined();
    expect(at('$.parameters.homeRegion.value')).toBeUndefined();
    expect(new Set(numbers.map((n) => n.kind))).toEqual(new Set(['itemFull', 'itemBase', 'itemCap', 'itemMax', 'multiplier', 'points', 'clauseCap', 'windowMonths', 'gradeLine', 'downgradeFloor', 'recalcMonths', 'repeatCount', 'repeatMonths', 'lookbackMonths', 'projectMonths', 'parameter', 'dateParameter']));
  });

  it("a check item's full score is inert past what its clauses give together: clauses asking one field for different values never both hold", () => {
    const projectLead = readJson<Ruleset>('rulesets/project-lead.json');
    const full = (r: Ruleset) => rulesetNumbers(r).find((n) => n.path === '$.indicators[0].items[0].full')!;
    // PL1.1 (title senior, 8) and PL1.2 (title intermediate, 6): at most 8, not 14.
    expect(full(projectLead).inertPast).toEqual({ limit: 8, reason: 'fullPastExclusiveClauses' });
    // Asked of another field, the two could hold together: 8 + 6.
    const apart = structuredClone(projectLead);
    apart.indicators[0]!.items[0]!.clauses[1]!.when = { fact: 'record', path: 'experienceProjects', operator: 'greaterThanInclusive', value: 2 };
    expect(full(apart).inertPast).toEqual({ limit: 14, reason: 'fullPastClauses' });
    // `in` lists that share a value can both hold; disjoint ones cannot (inside an `all` too).
    const lists = structuredClone(projectLead);
    const [senior, intermediate] = lists.indicators[0]!.items[0]!.clauses;
    senior!.when = { all: [{ fact: 'record', path: 'title', operator: 'in', value: ['senior', 'intermediate'] }] };
    intermediate!.when = { fact: 'record', path: 'title', operator: 'in', value: ['intermediate', 'junior'] };
    expect(full(lists).inertPast).toEqual({ limit: 14, reason: 'fullPastClauses' });
    intermediate!.when = { fact: 'record', path: 'title', operator: 'in', value: ['junior', 'none'] };
    expect(full(lists).inertPast).toEqual({ limit: 8, reason: 'fullPastExclusiveClauses' });
    // One clause: its own points.
    expect(rulesetNumbers(enterprise).find((n) => n.owner === 'E1' && n.kind === 'itemFull')!.inertPast).toEqual({ limit: 8, reason: 'fullPastClauses' });
  });

  it('a case on the window edge pins its months one way; the other way, and every clause no case has, stays unpinned', () => {
    const c = shippedCases('enterprise').find((x) => x.file.startsWith('021-'))!.case as SampleCase;
    const report = sensitivity(enterprise, [c]);
    const unpinned = (path: string) => report.unpinned.find((u) => u.path === path);
    // 2016-06-15 counts to 2021-06-30, the evaluation date: 59 months drops it, 61 changes nothing.
    expect(unpinned('$.indicators[1].items[0].clauses[2].window.months')).toMatchObject({ unnoticed: [61], refused: [] });
    expect(unpinned('$.indicators[1].items[0].clauses[2].points')).toBeUndefined();
    expect(unpinned('$.indicators[1].items[0].clauses[3].points')).toMatchObject({ owner: 'E2.1.4', unnoticed: [-8.1, -7.9] });
    // 76 is 16 above the A line: neither neighbour of 60 moves it.
    expect(unpinned('$.grades[3].min')).toMatchObject({ unnoticed: [59.9, 60.1] });
    // Raising E2.1's deduction cap past its full score of 20 can change no record: said apart.
    expect([...report.unpinned, ...report.inert].find((u) => u.owner === 'E2.1' && u.kind === 'itemCap')?.inert).toEqual([{ value: 20.1, reason: 'capPastFull', limit: 20 }]);
  });
});
