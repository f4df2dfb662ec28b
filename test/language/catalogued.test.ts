/**
 * What the engine says outside the loader, as catalogue codes: the hints (engine/hints.ts,
 * engine/review/citations.ts) and the problems of choosing a version, reading JSON, the
 * command line, the CLI's files and the service. Every hint code is worded in zh-CN and en;
 * every producer gives its code and params, and its words are the catalogues' for them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, type OptionSpec } from '../../engine/cli/args.js';
import { parseJson, readJsonFile } from '../../engine/cli/files.js';
import { CreditRulesError, citationHints, effectivePeriod, evaluate, evaluateMany, loadRuleset, rulesetHints, selectVersion, type Problem, type Ruleset, type RulesetMeta } from '../../engine/index.js';
import { jsonArrayValues } from '../../engine/jsonArray.js';
import type { HintCode, HintParamsByCode, ProblemCode } from '../../engine/messages/codes.js';
import { en } from '../../engine/messages/en.js';
import { zhCN } from '../../engine/messages/zh-CN.js';
import { idle, tooLarge } from '../../engine/serve/body.js';
import { problemOf } from '../../engine/serve/problem.js';
import { findSyntaxError } from '../../engine/syntax.js';
import { readJson } from '../support/load.js';

const CJK = /[\u4e00-\u9fff]/;

/** One example of each hint code's params: a code without one is a type error. */
const HINTS: { readonly [C in HintCode]: HintParamsByCode[C] } = {
  zeroPoints: { clause: 'E2.1.3', levels: false },
  zeroMonths: { clauses: ['E7.1', 'E7.2'], parameter: 'defaultMonths' },
  zeroLimit: { item: 'E2.1', kind: 'deduction' },
  unreachableGrade: { grade: 'AAA', min: 101, most: 100, unit: '分' },
  citationNumber: { clause: 'E2.1.3', value: 5, unit: 'points', amountUnit: '分', says: ['4 分'] },
};

/** Throws `run`'s CreditRulesError, or fails. */
function errorOf(run: () => unknown): CreditRulesError {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditRulesError) return error;
    throw error;
  }
  throw new Error('no error');
}

/** A problem's words are the catalogues' for its code and params. */
function expectWords(problem: Problem, code: ProblemCode): void {
  expect(problem.code, `${problem.path}: ${problem.message}`).toBe(code);
  const words = (en.problem[code] as (p: unknown) => { message: string; fix?: string })(problem.params);
  expect(problem.message).toBe(words.message);
  expect(problem.fix).toBe(words.fix);
  expect(problem.zh).toBe((zhCN.problem[code] as (p: unknown) => { message: string })(problem.params).message);
  expect(problem.zh).toMatch(CJK);
}

describe('hint codes', () => {
  it('every code is worded in both catalogues', () => {
    expect(Object.keys(zhCN.hint).sort()).toEqual(Object.keys(HINTS).sort());
    expect(Object.keys(en.hint).sort()).toEqual(Object.keys(HINTS).sort());
    for (const code of Object.keys(HINTS) as HintCode[]) {
      const params = HINTS[code];
      expect((zhCN.hint[code] as (p: unknown) => string)(params), code).toMatch(CJK);
      // Only what it quotes from the ruleset (a citation's text) may be Chinese in English.
      expect((en.hint[code] as (p: unknown) => string)(params).replace(/“[^”]*”/g, ''), code).not.toMatch(CJK);
    }
  });

  const enterprise = readJson<Ruleset>('rulesets/enterprise.json');

  it('rulesetHints: each hint carries its code and params, its words the catalogues’, as they read before', () => {
    const r = structuredClone(enterprise);
    const clauses = r.indicators[1]!.items[0]!.clauses;
    clauses[0]!.points = 0;
    clauses[1]!.window = { months: 0 };
    r.grades[0]!.min = 150;
    const hints = rulesetHints(r);
    for (const hint of hints) {
      expect(hint.zh).toBe((zhCN.hint[hint.code] as (p: unknown) => string)(hint.params));
      expect(hint.en).toBe((en.hint[hint.code] as (p: unknown) => string)(hint.params));
    }
    const [zero, months, grade] = [clauses[0]!.id, clauses[1]!.id, r.grades[0]!.grade];
    expect(hints.map((h) => [h.code, h.params, h.en, h.zh])).toEqual([
      ['zeroPoints', { clause: zero, levels: false }, `${zero} scores 0 points: the clause no longer counts`, `${zero} 的分值为 0,这一条不再扣分或加分`],
      ['zeroMonths', { clauses: [months] }, `${months} counts for 0 months: only events of the evaluation's own month count`, `${months} 的期限为 0 个月,只计评价日所在月份的事件`],
      ['unreachableGrade', { grade, min: 150, most: 100, unit: '分' }, `the ${grade} line (150) is above the most this table gives (100): no entity can reach it`, `${grade} 级分数线 150 分高于本表最高可得的 100 分,没有主体能达到`],
    ]);
  });

  it('citationHints: code citationNumber, params, and the sentences as before', () => {
    const r = structuredClone(enterprise);
    const clause = r.indicators[1]!.items[0]!.clauses.find((c) => typeof c.citation?.text === 'string' && /\d\s*分/.test(c.citation.text))!;
    clause.points = -77;
    const [hint] = citationHints(r);
    expect(hint).toMatchObject({ code: 'citationNumber', clause: clause.citation!.clause, value: 77, unit: 'points' });
    expect(hint!.params).toEqual({ clause: clause.citation!.clause, value: 77, unit: 'points', amountUnit: '分', says: [...new Set(hint!.cited.map((c) => c.text))] });
    expect(hint!.zh).toBe(zhCN.hint.citationNumber(hint!.params));
    expect(hint!.en).toMatch(/^the cited text says “.+”, not 77 points: check the number, or update the cited text too$/);
    expect(hint!.zh).toMatch(/^依据原文写的是“.+”,与这里的 77 分不符:请核对这个数,或一并修改原文$/);
  });
});

describe('selectVersion says why it cannot choose, by code', () => {
  const meta = (version: string, from: string, to?: string): RulesetMeta => ({
    id: 'demo', title: 't', version, status: 'official', effectiveFrom: from, ...(to ? { effectiveTo: to } : {}), entityKind: 'enterprise',
    source: { document: 'd', title: 't', date: from },
  });
  const versions = [meta('1', '2021-01-01', '2021-12-31'), meta('2', '2022-06-01')];

  it('none given, none in force, an unknown version, a version outside its period', () => {
    const empty = errorOf(() => selectVersion([], '2021-06-30')).problems[0]!;
    expectWords(empty, 'versions.empty');
    const none = errorOf(() => selectVersion(versions, '2022-03-01')).problems[0]!;
    expectWords(none, 'versions.noneInForce');
    expect(none.message).toBe('the versions are 1 (official, in force 2021-01-01 to 2021-12-31); 2 (official, in force 2022-06-01 on)');
    expect(none.zh).toBe('评价日没有有效的版本;现有版本:1(正式,2021-01-01 至 2021-12-31);2(正式,2022-06-01 起)。请换一个评价日(--as-of),或增加一个有效期覆盖它的版本');
    expectWords(errorOf(() => selectVersion(versions, '2022-03-01', { version: '9' })).problems[0]!, 'versions.unknown');
    const outside = errorOf(() => selectVersion(versions, '2022-03-01', { version: '1' })).problems[0]!;
    expectWords(outside, 'versions.outsidePeriod');
    // The English no longer says the period in Chinese (it read "outside 2021-01-01 至 2021-12-31").
    expect(outside.message).toBe('2022-03-01 is outside its period (from 2021-01-01 to 2021-12-31)');
  });

  it('effectivePeriod in either language', () => {
    expect(effectivePeriod(versions[0]!)).toBe('2021-01-01 至 2021-12-31');
    expect(effectivePeriod(versions[1]!)).toBe('2022-06-01 起');
    expect(effectivePeriod(versions[0]!, 'en')).toBe('from 2021-01-01 to 2021-12-31');
  });
});

describe('reading JSON says what is wrong by code', () => {
  it.each([
    ['{"a": 1,}', 'json.nameExpected', { found: { kind: 'token', text: '}' }, why: 'trailingComma' }],
    ['{"a": "x\ny"}', 'json.controlInString', { found: { kind: 'control', char: 'U+000A' } }],
    ['{"a": [1, 2', 'json.unclosed', { container: 'array', close: ']' }],
    ['{\n  "a": 1\n  "b": 2\n}', 'json.separatorExpected', { found: { kind: 'string', text: '"b"' }, close: '}', commaMissing: true }],
    ["{'a': 1}", 'json.nameExpected', { found: { kind: 'token', text: "'" }, why: 'singleQuote' }],
    ['{"a": "\\q"}', 'json.badEscape', { escape: 'q' }],
  ])('findSyntaxError(%j) and parseJson', (text, code, params) => {
    const found = findSyntaxError(text)!;
    expect([found.code, found.params]).toEqual([code, params]);
    const problem = errorOf(() => parseJson(text, 'f.json')).problems[0]!;
    expectWords(problem, code as ProblemCode);
    expect(problem.message).toBe(found.message);
  });

  it('a JSON array read in chunks: a syntax error, an empty text, a limit, bytes that are not UTF-8', async () => {
    const read = async (chunks: (string | Uint8Array)[], options = {}): Promise<Problem> => {
      try {
        for await (const _ of jsonArrayValues((async function* () { yield* chunks; })(), options));
      } catch (error) {
        if (error instanceof CreditRulesError) return error.problems[0]!;
        throw error;
      }
      throw new Error('no error');
    };
    expectWords(await read(['[1, 2,]']), 'json.valueExpected');
    expectWords(await read(['  ']), 'json.listEmpty');
    expectWords(await read(['{}']), 'json.listExpected');
    expectWords(await read(['[1] x']), 'json.afterList');
    expectWords(await read(['[[[1]]]'], { maxDepth: 1 }), 'json.tooDeep');
    expectWords(await read([new Uint8Array([0x5b, 0x31, 0x2c, 0xff, 0x5d])]), 'json.notUtf8');
  });
});

describe('the command line and its files say what is wrong by code', () => {
  const spec: Record<string, OptionSpec> = {
    ruleset: { type: 'string', value: 'FILE', description: 'the ruleset' },
    format: { type: 'string', choices: ['table', 'json'], description: 'the format' },
    help: { type: 'boolean', description: 'help' },
  };
  const usage = (argv: string[]): Problem => {
    const error = errorOf(() => parseArgs(argv, spec, 'evaluate'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(error.problems[0]!.message);
    return error.problems[0]!;
  };

  it('options: unknown, a value on a flag, a value missing, not one of the choices, given twice', () => {
    const unknown = usage(['--rulset', 'x']);
    expectWords(unknown, 'cli.unknownOption');
    expect([unknown.message, unknown.fix]).toEqual(['unknown option --rulset for "evaluate"', 'did you mean --ruleset? (run "credit-rules evaluate --help" for its options)']);
    expectWords(usage(['--help=yes']), 'cli.optionTakesNoValue');
    const missing = usage(['--ruleset']);
    expectWords(missing, 'cli.optionNeedsValue');
    expect(missing.fix).toBe('write --ruleset FILE');
    const choice = usage(['--format', 'tabel']);
    expectWords(choice, 'cli.optionChoice');
    expect([choice.message, choice.fix]).toEqual(['--format "tabel" is not one of table, json', 'did you mean --format table?']);
    expectWords(usage(['--ruleset', 'a', '--ruleset', 'b']), 'cli.optionTwice');
  });

  const tmp = mkdtempSync(join(tmpdir(), 'credit-rules-catalogued-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a whole file: missing, a folder, empty (code and params held by the error, its words on one line)', () => {
    const missing = errorOf(() => readJsonFile(join(tmp, 'nowhere.json'), 'ruleset'));
    expect(missing.explanation).toEqual({ code: 'file.missing', params: { what: 'ruleset', cwd: process.cwd() } });
    expect(missing.message).toBe(`no such file — check the path of the ruleset (relative paths start at ${process.cwd()})`);
    expect(errorOf(() => readJsonFile(tmp, 'case')).explanation).toEqual({ code: 'file.directory', params: { what: 'case', json: true } });
    writeFileSync(join(tmp, 'empty.json'), ' \n');
    const empty = errorOf(() => readJsonFile(join(tmp, 'empty.json'), 'record'));
    expect(empty.explanation?.code).toBe('file.empty');
    expect(zhCN.problem['file.empty']({}).message).toMatch(CJK);
  });
});

describe('the library says how it was called wrongly by code', () => {
  it('a ruleset not compiled, a date that is not one, records that are not a list', () => {
    const compiled = loadRuleset(readJson<Ruleset>('rulesets/enterprise.json'));
    const notCompiled = errorOf(() => evaluate(readJson('rulesets/enterprise.json') as never, { id: 'r', kind: 'enterprise' }));
    expect(notCompiled.code).toBe('USAGE');
    expectWords(notCompiled.problems[0]!, 'usage.notCompiled');
    const date = errorOf(() => evaluate(compiled, { id: 'r', kind: 'enterprise' }, { asOf: '2021-02-30' }));
    expectWords(date.problems[0]!, 'usage.notADate');
    expect(date.message).toBe('the evaluation date "2021-02-30" is not a date');
    expectWords(errorOf(() => evaluateMany(compiled, 5 as never)).problems[0]!, 'usage.recordsNotAList');
  });
});

describe('the service says what is wrong by code', () => {
  it('a body too large, a body that stops: problem+json problems with code and params', () => {
    const large = problemOf(tooLarge(1024 * 1024));
    expect(large.code).toBe('BODY_TOO_LARGE');
    expectWords(large.problems[0]!, 'service.bodyTooLarge');
    expect(large.problems[0]!.message).toBe('more than 1.0 MB');
    expectWords(problemOf(idle(2000)).problems[0]!, 'service.timeout');
  });
});
