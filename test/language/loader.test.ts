/** The strict loader: typed parameters, checked paths, fields only where they mean something. */
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, parameterTypes, type Ruleset } from '../../engine/index.js';
import { readJson } from '../support/load.js';
import { subsidyRuleset } from './subsidy.js';

const enterprise = readJson<Ruleset>('rulesets/enterprise.json');

/** The code and problems loading a changed copy gives, as `path: message — fix`. */
function load(change: (r: Ruleset) => void, from: Ruleset = enterprise): { code: string; problems: string[]; zh: string[] } {
  const copy = structuredClone(from);
  change(copy);
  try {
    loadRuleset(copy, { file: 'x.json' });
    return { code: 'OK', problems: [], zh: [] };
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw error;
    return { code: error.code, problems: error.problems.map((p) => `${p.path}: ${p.message} — ${p.fix}`), zh: error.problems.map((p) => p.zh ?? '') };
  }
}

/** E1's licence tests: the record conditions of its first clause. */
const licenceTest = (r: Ruleset) => {
  const all = (r.indicators[0]!.items[0]!.clauses[0]!.when as unknown as { all: [{ path: string }, { any: { path: string }[] }] }).all;
  return [all[0], ...all[1].any];
};

describe('parameters are typed', () => {
  it('infers their types from their use: a date, a number of months, a list, a number', () => {
    expect(Object.fromEntries(parameterTypes(enterprise))).toEqual({
      announcementMonths: 'integer', contractThreshold: 'number', awardsScoredFrom: 'date', homeRegion: 'string', mutualRecognitionRegions: 'strings',
    });
  });

  it.each([['明年'], ['2021-02-30'], [20180101]])('refuses %j for a date parameter, saying where it is used as one', (value) => {
    const result = load((r) => void (r.parameters.awardsScoredFrom!.value = value as string));
    expect(result.code).toBe('RULESET_REFERENCE');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^\$\.parameters\.awardsScoredFrom\.value: parameter "awardsScoredFrom" must be a date YYYY-MM-DD \(operator "dateOnOrAfter" at \$\.conditions\.awardScored\.value uses it so\), found /);
    expect(result.zh[0]).toContain('应为日期(YYYY-MM-DD)');
  });

  it.each([[5], [2.5], ['台州']])('refuses %j as the list of "in", instead of a SyntaxError, a TypeError or a substring test', (value) => {
    const result = load((r) => void (r.parameters.mutualRecognitionRegions!.value = value as string));
    expect(result.code).toBe('RULESET_REFERENCE');
    expect(result.problems[0]).toMatch(/^\$\.parameters\.mutualRecognitionRegions\.value: parameter "mutualRecognitionRegions" must be a list of texts/);
  });

  it('refuses a declared type the value does not have, and a use the declared type does not fit', () => {
    expect(load((r) => void Object.assign(r.parameters.contractThreshold!, { type: 'date' })).problems).toEqual([
      '$.parameters.contractThreshold.value: parameter "contractThreshold" must be a date YYYY-MM-DD (it is declared so), found 1000000 — write a real calendar date as YYYY-MM-DD, such as 2018-01-01',
      expect.stringMatching(/^\$\.conditions\.\w+\.value\.path?: operator "greaterThanInclusive" needs a number, but parameter "contractThreshold" is a date YYYY-MM-DD|^\$\..*operator "greaterThanInclusive" needs a number/),
    ]);
    expect(load((r) => void (r.parameters.announcementMonths!.value = 2.5)).problems[0]).toMatch(/announcementMonths" must be a whole number \(a window's months at /);
  });

  it('refuses a path into a parameter', () => {
    const result = load((r) => void (r.conditions['x'] = { fact: 'parameters', path: 'homeRegion.name', operator: 'equal', value: 'a' }));
    expect(result.problems).toContain('$.conditions.x.path: "homeRegion.name" reads inside a parameter, which holds a number, a text, a date or a list — name the parameter alone: "homeRegion"');
  });
});

describe('paths are checked', () => {
  it('a record field with a typo, naming the field it probably means', () => {
    const result = load((r) => void (licenceTest(r).find((t) => t.path === 'licence.validUntil')!.path = 'licence.validUntill'));
    expect(result.code).toBe('RULESET_REFERENCE');
    expect(result.problems).toEqual([expect.stringMatching(/: "licence" of a record has no field "validUntill"; did you mean "validUntil"\? — correct the name, or declare it in "recordFields"$/)]);
  });

  it("json-rules-engine's JSONPath, with the dotted path to write instead", () => {
    const result = load((r) => void (licenceTest(r).find((t) => t.path === 'licence.validUntil')!.path = '$.licence.validUntil'));
    expect(result.problems).toEqual([expect.stringMatching(/: "\$\.licence\.validUntil" is JSONPath; paths here are dotted names — write "licence\.validUntil"$/)]);
  });

  it('a project field and an event attribute with a typo', () => {
    const project = load((r) => void (r.conditions['x'] = { fact: 'project', path: 'contractAmout', operator: 'greaterThan', value: 1 }));
    expect(project.problems).toContain('$.conditions.x.path: a project has no field "contractAmout"; did you mean "contractAmount"? — correct the name, or declare it in "projectFields"');
    const event = load((r) => void (r.conditions['x'] = { fact: 'event', path: 'severty', operator: 'equal', value: 'general' }));
    expect(event.problems).toContain('$.conditions.x.path: an event has no field "severty"; did you mean "severity"? — correct the name, or declare it as an attribute in "eventTypes"');
  });

  it('a fact a value names that there is not, "constructor" included (the fuzz test found it ending in a TypeError)', () => {
    const result = load((r) => void (r.conditions['x'] = { fact: 'event', path: 'date', operator: 'dateOnOrAfter', value: { fact: 'constructor' } }));
    expect(result.code).toBe('RULESET_REFERENCE');
    expect(result.problems).toContain('$.conditions.x.value.fact: no fact "constructor" — name one of event, project, record, asOf, parameters');
  });

  it('a field the ruleset declares is there to read', () => {
    const declared = load((r) => {
      r.recordFields = { staff: { label: '职工人数', type: 'number' } };
      r.conditions['x'] = { fact: 'record', path: 'staff', operator: 'greaterThan', value: 10 };
    });
    expect(declared.code).toBe('OK');
  });
});

describe('notAgain is checked', () => {
  it('an attribute no event has (it silently matched nothing before), with the name it probably means', () => {
    expect(load((r) => void (r.indicators[6]!.items[0]!.notAgain!.attribute = 'behavior')).problems).toEqual([
      '$.indicators[6].items[0].notAgain.attribute: no event type has an attribute "behavior"; did you mean "behaviour"? — declare it in "eventTypes" or correct the name',
    ]);
  });
});

describe('windows are checked', () => {
  it('a months attribute or an until attribute that is not one of the event types\' of its kind', () => {
    expect(load((r) => void (r.indicators[1]!.items[0]!.clauses[1]!.window!.monthsAttribute = 'announceMonth')).problems).toEqual([
      '$.indicators[1].items[0].clauses[1].window.monthsAttribute: "announceMonth" is not a number attribute (months) of the event types; did you mean "announceMonths"? — name a number attribute (months) declared in "eventTypes"',
    ]);
    expect(load((r) => void (r.indicators[6]!.items[0]!.clauses[0]!.window!.untilAttribute = 'severity')).problems).toEqual([
      '$.indicators[6].items[0].clauses[0].window.untilAttribute: "severity" is not a date attribute of the event types — name a date attribute declared in "eventTypes"',
    ]);
  });
});

describe('fields mean something where they are, or are refused', () => {
  it('a cap on a bonus item, a max on a deduction item, a base on a bonus item', () => {
    expect(load((r) => void (r.indicators[1]!.items[1]!.cap = 8)).problems).toEqual(['$.indicators[1].items[1].cap: bonus item E2.2 has a "cap", which limits deductions — write the most a bonus item adds as "max"']);
    expect(load((r) => void (r.indicators[1]!.items[0]!.max = 8)).problems).toEqual(['$.indicators[1].items[0].max: deduction item E2.1 has a "max", which limits bonuses — write the most a deduction item takes as "cap"']);
    expect(load((r) => void (r.indicators[1]!.items[1]!.base = 2)).problems[0]).toMatch(/base score, which only a deduction item starts from/);
  });

  it('"params" on a condition, which nothing reads', () => {
    const result = load((r) => void Object.assign(licenceTest(r)[0]!, { params: { x: 1 } }));
    expect(result.code).toBe('RULESET_INVALID');
    expect(result.problems.some((p) => p.includes('"params"'))).toBe(true);
  });

  it('a bonus item without a maximum is a plain sum', () => {
    expect(load((r) => void delete r.indicators[1]!.items[1]!.max).code).toBe('OK');
  });

  it('points beyond a table of points, unless the unit is another', () => {
    expect(load((r) => void (r.indicators[1]!.items[0]!.clauses[2]!.points = -40000)).problems[0]).toMatch(/-40000 points is more than a table of points gives \(at most 10000\)/);
    expect(load((r) => void (r.indicators[1]!.items[0]!.clauses[0]!.points = 5000), subsidyRuleset()).code).toBe('OK');
  });

  it('a period that ends before it begins', () => {
    expect(load((r) => void (r.effectiveTo = '2020-12-31')).problems).toEqual(['$.effectiveTo: the ruleset ends (2020-12-31) before it begins (2021-02-19) — correct one of the dates: effectiveTo is the last day in force']);
  });

  it('grades without their citation, and downgrades without grades', () => {
    expect(load((r) => void delete r.gradeCitation).problems).toEqual(['$.gradeCitation: the grades cite no text — add "gradeCitation": the clause and text the grade lines come from']);
    expect(load((r) => void (r.grades = [])).problems).toContain('$.downgrades: downgrades need grades to lower — add "grades", or remove "downgrades"');
  });
});
