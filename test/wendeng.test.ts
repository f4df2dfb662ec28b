/**
 * The second regulation, typed into the language with no engine code of its own: Wendeng's
 * 1000-point credit score for legal persons (rulesets/wendeng-legal-person.md). Its cases were
 * worked out by hand from the text before the ruleset was written.
 */
import { describe, expect, it } from 'vitest';
import { citationHints, runCases, validateCase, type Ruleset } from '../engine/index.js';
import { bothPaths } from './support/reference.js';
import { readJson, shippedCases, shippedRuleset } from './support/load.js';

const { json, compiled } = shippedRuleset('wendeng-legal-person');
const cases = shippedCases('wendeng-legal-person');

describe('the Wendeng legal-person ruleset', () => {
  it('has 25 valid cases, all passing, every clause exercised', () => {
    expect(cases).toHaveLength(25);
    for (const { file, case: c } of cases) expect([file, validateCase(c)]).toEqual([file, []]);
    const report = runCases(compiled, cases);
    expect(report.outcomes.filter((o) => !o.passed).map((o) => `${o.file}: ${o.differences.join('; ')}`)).toEqual([]);
    expect(report.unexercised).toEqual([]);
  });

  it('scores on a 1000-point scale with six grades, and with the json-rules-engine reference alike', async () => {
    const { reference, fast } = await bothPaths(compiled, cases);
    expect(reference).toEqual(fast);
    expect(json.grades.map((g) => [g.grade, g.min])).toEqual([['AAA', 1050], ['AA', 1030], ['A', 960], ['B', 850], ['C', 600], ['D', 0]]);
  });

  it('has its numbers checked against the texts it cites: a table line\'s “(-20)”, a range “1030 至 1049 分”', () => {
    expect(citationHints(json)).toEqual([]);
    const changed = readJson<Ruleset>('rulesets/wendeng-legal-person.json');
    changed.indicators[0]!.items[0]!.clauses[0]!.points = -25;
    changed.grades[1]!.min = 1031;
    expect(citationHints(changed).map((h) => [h.path, h.value])).toEqual([['$.indicators[0].items[0].clauses[0].points', 25], ['$.grades[1].min', 1031]]);
  });
});
