/**
 * Validation problems as catalogue codes (engine/messages/codes.ts `ProblemParamsByCode`):
 * every code is worded in zh-CN and en, and every problem the loader and the record check
 * give carries its code and params, its words being the catalogues' for them.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CreditRulesError, loadRuleset, validateRecord, versionProblems, type Problem, type Ruleset } from '../../engine/index.js';
import type { ProblemCode, ProblemParamsByCode } from '../../engine/messages/codes.js';
import { en } from '../../engine/messages/en.js';
import { zhCN } from '../../engine/messages/zh-CN.js';
import problemSchema from '../../schemas/problem.schema.json' with { type: 'json' };
import { readJson } from '../support/load.js';

/** One example of each code's params: a code without one is a type error. */
const EXAMPLES: { readonly [C in ProblemCode]: ProblemParamsByCode[C] } = {
  'ruleset.tooDeep': { depth: 100 },
  'schema.key': { key: '__proto__' },
  'schema.unknownKey': { key: 'windw', allowed: ['id', 'label', 'window'], guess: 'window' },
  'schema.invalid': { keyword: 'required', message: "must have required property 'id'", params: { missingProperty: 'id' } },
  'id.duplicate': { id: 'E1', earlier: '$.indicators[0].id', what: 'downgradeRule' },
  'attribute.enumWithoutValues': { name: 'level' },
  'field.enumWithoutValues': { name: 'size' },
  'field.projectType': {},
  'reading.unknown': { id: 'INT-99' },
  'condition.unknown': { name: 'landscapng' },
  'condition.cycle': { walk: 'a → b → a' },
  'condition.tooDeep': { depth: 600, chain: ['a', 'b'], max: 512 },
  'fact.unavailable': { fact: 'event', scope: 'record' },
  'fact.unknown': { fact: 'evnt', guess: 'event', facts: ['event', 'record'] },
  'value.factReference': { found: '{"fact":1}' },
  'operator.valueType': { operator: 'in', type: 'array', found: '"a"' },
  'parameter.unknown': { name: 'x', inWindow: true },
  'parameter.type': { name: 'from', label: 'from', type: 'date', found: '"next year"', because: { operator: 'dateAfter', at: '$.conditions.c.value' } },
  'parameter.use': { name: 'regions', label: 'regions', type: 'string', need: 'strings', operator: 'in', value: 'a' },
  'parameter.path': { ref: 'a.b', name: 'a' },
  'path.jsonPath': { path: '$.licence', dotted: 'licence' },
  'path.asOfFields': {},
  'path.intoValue': { fact: 'record', read: 'kind', key: 'x' },
  'path.unknownField': { fact: 'project', read: '', key: 'permitDat', guess: 'permitDate' },
  'eventType.unknown': { type: 'award' },
  'attribute.unknown': { name: 'levle', guess: 'level' },
  'attribute.valueUndeclared': { value: 'x', attribute: 'level', allowed: ['a', 'b'] },
  'grade.notBelow': { grade: 'A', min: 90, above: 'AA', aboveMin: 85 },
  'grade.unknown': { grade: 'Z' },
  'grades.noCitation': {},
  'downgrades.floorOutside': { grade: 'A', floor: 50 },
  'downgrades.noGrades': {},
  'ruleset.periodReversed': { from: '2024-01-01', to: '2023-01-01' },
  'points.inexact': { points: 0.0001 },
  'points.tooLarge': { points: 50000, max: 10000 },
  'points.sign': { kind: 'bonus', points: -1 },
  'item.noFull': { item: 'E1', kind: 'deduction' },
  'clause.noPoints': { clause: 'E1.1' },
  'clause.pointsAndLevels': { clause: 'E1.1' },
  'level.unreachable': { level: 'L2', before: 'L1' },
  'per.onVeto': { clause: 'Q4.1' },
  'per.roundWithoutStep': {},
  'per.aboveAndBelow': {},
  'cap.onReduction': { item: 'J2' },
  'full.onReduction': { item: 'J2' },
  'per.notNumber': { path: 'yeras', fact: 'record', numbers: ['years', 'experienceProjects'], guess: 'years' },
  'base.notDeduction': { item: 'E7', kind: 'bonus' },
  'base.aboveFull': { base: 30, full: 20 },
  'veto.onCheck': {},
  'veto.unknownIndicator': { indicator: 'E9' },
  'cap.onBonus': { item: 'E7' },
  'max.notBonus': { item: 'E2', kind: 'check' },
  'cap.onCheck': { item: 'E1' },
  'notAgain.unknownItem': { item: 'E9' },
  'window.empty': {},
  'window.attribute': { name: 'until', kind: 'date' },
  'keep.oncePerAndKeepOne': { clause: 'E1.1' },
  'keep.highestPerAndKeepOne': { item: 'E7' },
  'keep.byWithHighest': {},
  'keep.byNotDate': { by: 'level', known: true },
  'eligibility.duplicate': { id: 'scope', earlier: 0 },
  'field.required': { name: 'size', label: 'size', type: 'number', holder: 'record' },
  'field.invalid': { name: 'size', label: 'size', type: 'enum', values: ['s', 'm'], valueLabels: ['small', 'medium'], found: '"xl"' },
  'event.attributeRequired': { name: 'level', label: 'level', type: 'enum', values: ['a'], valueLabels: ['a'], eventType: 'award', eventTypeLabel: 'award' },
  'event.attributeInvalid': { name: 'date2', label: 'date2', type: 'date', eventType: 'award', found: '"x"' },
  'project.duplicate': { id: 'P1' },
  'project.completionBeforePermit': { completion: '2020-01-01', permit: '2021-01-01' },
  'event.duplicate': { id: 'ev1' },
  'event.unknownProject': { project: 'P9', projects: [] },
  'record.unknownGrade': { grade: 'Z', ruleset: 'r', grades: ['A'] },
  'record.wrongKind': { ruleset: 'r', entityKind: 'enterprise', kind: 'projectLead' },
  'versions.mixedIds': { ids: ['a', 'b'] },
  'versions.duplicate': { id: 'a', version: '1' },
  'versions.empty': {},
  'versions.unknown': { versions: [{ version: '2021.1', status: 'official', from: '2021-02-19' }] },
  'versions.outsidePeriod': { version: '2021.1', status: 'official', from: '2021-02-19', to: '2022-12-31', date: '2023-01-01' },
  'versions.noneInForce': { versions: [{ version: '2021.1', status: 'official', from: '2021-02-19', to: '2022-12-31' }] },
  'json.stringUnclosed': {},
  'json.controlInString': { found: { kind: 'control', char: 'U+000A' } },
  'json.unicodeEscape': {},
  'json.badEscape': { escape: 'q' },
  'json.badNumber': { found: { kind: 'token', text: '-' } },
  'json.valueExpected': { found: { kind: 'token', text: ']' }, why: 'trailingComma' },
  'json.nameExpected': { found: { kind: 'token', text: "'" }, why: 'singleQuote' },
  'json.colonExpected': { found: { kind: 'string', text: '"b"' } },
  'json.afterValue': { found: { kind: 'token', text: '{' } },
  'json.unclosed': { container: 'array', close: ']' },
  'json.separatorExpected': { found: { kind: 'string', text: '"b"' }, close: '}', commaMissing: true },
  'json.listExpected': { found: { kind: 'token', text: '{' } },
  'json.listEmpty': {},
  'json.listUnclosed': {},
  'json.afterList': { found: { kind: 'token', text: 'x' } },
  'json.tooDeep': { depth: 256 },
  'json.elementTooLong': { length: 1024 },
  'json.notUtf8': {},
  'json.parser': { reason: 'Unexpected token' },
  'json.parserTooDeep': {},
  'service.mediaType': { type: 'text/plain', accepted: 'application/json' },
  'service.queryDate': { value: '"2021-02-30"' },
  'service.bodyDate': { value: '"tomorrow"' },
  'service.unknownRuleset': { name: 'nope', names: ['enterprise'] },
  'service.unknownVersion': { version: '9', versions: ['2021.1'] },
  'service.bodyNotObject': {},
  'service.noNewVersion': {},
  'service.casesNotList': {},
  'service.nearLine': {},
  'service.kindsDiffer': { old: 'enterprise', new: 'projectLead' },
  'service.notReady': { shuttingDown: true },
  'service.methodNotAllowed': { method: 'PUT', pathname: '/rulesets', allowed: ['GET'] },
  'service.notFound': { method: 'GET', pathname: '/nowhere' },
  'service.unauthorized': { sent: false },
  'service.bodyTooLarge': { bytes: 16 * 1024 * 1024 },
  'service.timeout': {},
  'cli.unknownOption': { option: '--as-off', command: 'evaluate', guess: 'as-of' },
  'cli.optionTakesNoValue': { option: '--help' },
  'cli.optionNeedsValue': { option: '--format', choices: ['table', 'json'] },
  'cli.optionChoice': { option: '--format', value: 'tabel', choices: ['table', 'json'], guess: 'table' },
  'cli.optionTwice': { option: '--ruleset' },
  'cli.optionFirst': { option: '--x', commands: ['validate', 'evaluate'] },
  'cli.unknownCommand': { command: 'evalute', commands: ['validate', 'evaluate'], guess: 'evaluate' },
  'cli.notADate': { option: '--as-of', value: '2021-02-30' },
  'cli.notAWholeNumber': { option: '--port', value: 'x', example: '8080' },
  'cli.needsRuleset': { command: 'evaluate' },
  'cli.needsCases': { command: 'diff', records: true },
  'cli.tokenNeeded': { host: '0.0.0.0' },
  'cli.notAFolder': { path: 'rulesets/enterprise.json' },
  'cli.cannotListen': { host: '127.0.0.1', port: 8080, reason: 'EADDRINUSE', inUse: true },
  'cli.arguments': { command: 'diff', got: ['a.json'] },
  'cli.limit': { value: 'ten' },
  'cli.notAPort': { port: 70000 },
  'cli.serveLimits': {},
  'cli.workers': {},
  'cli.xlsxToTerminal': {},
  'cli.kindsDiffer': { old: 'a.json', oldKind: 'enterprise', new: 'b.json', newKind: 'projectLead' },
  'cli.casesOfOtherKind': { ruleset: 'a.json', kind: 'enterprise', cases: 'cases', kinds: ['projectLead'] },
  'cli.sampleCase': {},
  'cli.recordsToForecast': {},
  'file.missing': { what: 'records file', cwd: '/work' },
  'file.directory': { what: 'ruleset', json: true },
  'file.permission': {},
  'file.unreadable': { what: 'case', reason: 'EIO' },
  'file.unwritable': { reason: 'ENOENT' },
  'file.notUtf8': {},
  'file.tooLarge': { bytes: 300 * 1024 * 1024, limit: 256 * 1024 * 1024 },
  'file.jsonTooLarge': { limit: 256 * 1024 * 1024 },
  'file.empty': {},
  'file.tooDeep': { depth: 256 },
  'file.lineTooLong': { bytes: 70_000_000 },
  'file.lineNotUtf8': {},
  'file.recordsDirectory': {},
  'file.noRulesets': {},
  'file.mixedRulesets': { rulesets: [{ id: 'a', files: ['a.json'] }, { id: 'b', files: ['b.json', 'b2.json'] }] },
  'file.noCases': {},
  'file.notARuleset': { looks: 'sampleCase' },
  'git.missing': {},
  'git.failed': { reason: 'EACCES' },
  'git.notARevision': { rev: '-x' },
  'git.noPath': {},
  'git.notARepository': {},
  'git.unknownRevision': { rev: 'nope' },
  'git.noSuchPath': { rev: 'HEAD', path: 'x.json' },
  'git.commandFailed': { command: 'show', stderr: 'fatal: bad object' },
  'git.notAFile': { type: 'commit' },
  'git.noRulesets': { rev: 'HEAD' },
  'usage.notCompiled': {},
  'usage.notADate': { value: '"2021-02-30"' },
  'usage.recordsNotAList': {},
  'usage.recordUnreadable': { reason: 'getter threw' },
  'usage.noRulesetToForecast': {},
  'usage.untilBeforeAsOf': { until: '2020-01-01', asOf: '2021-01-01' },
  'usage.noVersionInForce': { id: 'enterprise', asOf: '2020-01-01' },
};

const CJK = /[\u4e00-\u9fff]/;
const validProblem = new Ajv2020({ strict: false }).compile((problemSchema as { properties: { problems: { items: object } } }).properties.problems.items);

/** The problems of loading a changed copy of `base`. */
function loadProblems(base: Ruleset, change: (r: Ruleset) => void): Problem[] {
  const copy = structuredClone(base);
  change(copy);
  try {
    loadRuleset(copy);
  } catch (error) {
    if (error instanceof CreditRulesError) return error.problems;
    throw error;
  }
  return [];
}

/** A problem's words are the catalogues' for its code and params, and it fits schemas/problem.schema.json. */
function expectCatalogued(problem: Problem): void {
  expect(problem.code, `${problem.path}: ${problem.message}`).toBeDefined();
  const code = problem.code!;
  const words = (en.problem[code] as (p: unknown) => { message: string; fix?: string })(problem.params);
  expect(problem.message).toBe(words.message);
  expect(problem.fix).toBe(words.fix);
  expect(problem.zh).toBe((zhCN.problem[code] as (p: unknown) => { message: string })(problem.params).message);
  expect(validProblem(JSON.parse(JSON.stringify(problem))), JSON.stringify(validProblem.errors)).toBe(true);
}

describe('problem codes', () => {
  it('every code has its words in both catalogues: a Chinese sentence, an English message and fix', () => {
    expect(Object.keys(zhCN.problem).sort()).toEqual(Object.keys(en.problem).sort());
    expect(Object.keys(en.problem).sort()).toEqual(Object.keys(EXAMPLES).sort());
    for (const code of Object.keys(EXAMPLES) as ProblemCode[]) {
      const params = EXAMPLES[code];
      const english = (en.problem[code] as (p: unknown) => { message: string; fix?: string })(params);
      const chinese = (zhCN.problem[code] as (p: unknown) => { message: string; fix?: string })(params);
      expect(english.message.length, code).toBeGreaterThan(5);
      expect(english.fix ?? '', code).not.toBe('');
      expect(chinese.message, code).toMatch(CJK);
      expect(chinese.fix, code).toBeUndefined();
    }
  });

  it('words a problem from its params: the English names the value, the Chinese the label', () => {
    expect(en.problem['points.sign']({ kind: 'deduction', points: 4 })).toEqual({ message: 'deduction points must be negative or 0, found 4', fix: 'write a deduction as a negative number (-4)' });
    expect(zhCN.problem['points.sign']({ kind: 'deduction', points: 4 }).message).toBe('扣分项的分值须为扣分,现为加 4 分');
    expect(en.problem['path.unknownField']({ fact: 'record', read: 'licence', key: 'validUntill', guess: 'validUntil' })).toEqual({
      message: '"licence" of a record has no field "validUntill"; did you mean "validUntil"?',
      fix: 'correct the name, or declare it in "recordFields"',
    });
    expect(zhCN.problem['path.unknownField']({ fact: 'record', read: 'licence', key: 'validUntill', guess: 'validUntil' }).message).toBe('主体记录的“licence”没有字段“validUntill”(是否应为“validUntil”?)');
  });
});

describe('every loader problem carries its code', () => {
  const enterprise = readJson<Ruleset>('rulesets/enterprise.json');
  const item = (r: Ruleset, i: number, t: number) => r.indicators[i]!.items[t]!;

  // Each change and the codes of the problems it gives, in order.
  const cases: [string, (r: Ruleset) => void, ProblemCode[]][] = [
    ['a misspelt path and a JSONPath', (r) => {
      r.conditions.x = { all: [{ fact: 'record', path: 'licence.validUntill', operator: 'missing', value: true }, { fact: 'record', path: '$.licence', operator: 'missing', value: true }] };
    }, ['path.unknownField', 'path.jsonPath']],
    ['a value naming an unknown fact', (r) => void (r.conditions.x = { fact: 'record', path: 'kind', operator: 'equal', value: { fact: 'evnt', path: 'kind' } }), ['fact.unknown']],
    ['a parameter of the wrong type and a path into one', (r) => {
      r.parameters.awardsScoredFrom!.value = '明年';
      r.conditions.x = { fact: 'parameters', path: 'homeRegion.name', operator: 'equal', value: 'a' };
    }, ['parameter.type', 'parameter.path']],
    ['a positive deduction, inexact points, a bonus cap', (r) => {
      item(r, 1, 0).clauses[0]!.points = 4;
      item(r, 1, 0).full = 20.0001;
      const bonus = r.indicators.flatMap((i) => i.items).find((t) => t.kind === 'bonus')!;
      bonus.cap = 3;
    }, ['points.inexact', 'points.sign', 'cap.onBonus']],
    ['a duplicate id, an unknown reading, a grade line out of order, a reversed period', (r) => {
      item(r, 1, 1).id = item(r, 1, 0).id;
      item(r, 1, 0).clauses[0]!.reading = 'INT-99';
      r.grades[1]!.min = 200;
      r.effectiveTo = '2000-01-01';
    }, ['reading.unknown', 'id.duplicate', 'grade.notBelow', 'ruleset.periodReversed']],
    ['an unknown condition name, an unknown event type', (r) => {
      r.conditions.x = { all: [{ condition: 'nowhere' }, { fact: 'event', path: 'type', operator: 'equal', value: 'nothing' }] };
    }, ['condition.unknown', 'eventType.unknown']],
    ['a condition that refers to itself', (r) => void (r.conditions.x = { condition: 'x' }), ['condition.cycle']],
    ['a window without months', (r) => void (item(r, 1, 0).clauses[0]!.window = {}), ['window.empty']],
    ['a bad schema value', (r) => void ((r as { status: string }).status = 'maybe'), ['schema.invalid']],
  ];

  it.each(cases)('%s', (_name, change, codes) => {
    const problems = loadProblems(enterprise, change);
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const problem of problems) expectCatalogued(problem);
  });

  it('and the record check: duplicate ids, an unknown project, a wrong kind, a bad attribute', async () => {
    const compiled = loadRuleset(enterprise);
    const record = {
      id: 'R', kind: 'projectLead',
      projects: [{ id: 'P1', permitDate: '2021-01-01' }, { id: 'P1', permitDate: '2021-01-01', completionDate: '2020-01-01' }],
      events: [{ id: 'e', type: 'qualityAccident', date: '2021-01-01', project: 'P9' }, { id: 'e', type: 'qualityAward', date: '2021-01-01', level: 'galactic' }],
    };
    const { problems } = validateRecord(record, compiled);
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['project.duplicate', 'project.completionBeforePermit', 'event.duplicate', 'event.unknownProject', 'record.wrongKind']));
    expect(problems.every((p) => p.code !== undefined)).toBe(true);
    for (const problem of problems) expectCatalogued(problem);
  });

  it('and versions of one ruleset: different ids, a version given twice', () => {
    const meta = (id: string, version: string) => ({ ...enterprise, id, version });
    const problems = versionProblems([meta('a', '1'), meta('b', '1'), meta('a', '1')]);
    expect(problems.map((p) => [p.path, p.code, p.message])).toEqual([
      ['$.id', 'versions.mixedIds', 'the versions are of different rulesets: a, b'],
      ['$[2].version', 'versions.duplicate', 'version 1 of a is given twice'],
    ]);
    for (const problem of problems) expectCatalogued(problem);
  });
});
