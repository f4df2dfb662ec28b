/** The CLI's own pieces, without a process: line splitting, JSON error location, widths, CSV, arguments, exit statuses. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditRulesError } from '../engine/errors.js';
import { nearest, parseArgs } from '../engine/cli/args.js';
import { tooDeep } from '../engine/cli/files.js';
import { csvField } from '../engine/cli/formats/csv.js';
import { displayWidth, pad, truncate } from '../engine/cli/formats/width.js';
import { lines, type Line } from '../engine/cli/lines.js';
import { report } from '../engine/cli/run.js';
import { findSyntaxError } from '../engine/syntax.js';

async function allLines(chunks: (string | Buffer)[], max?: number): Promise<Line[]> {
  async function* source(): AsyncGenerator<string | Buffer> {
    yield* chunks;
  }
  const out: Line[] = [];
  for await (const batch of lines(source(), max)) out.push(...batch);
  return out;
}

describe('lines', () => {
  it('splits across chunks, strips CR and a BOM, keeps a last line without newline', async () => {
    expect(await allLines(['\uFEFF{"a"', ':1}\r\n\n{"b":2', '}\n{"c":3}'])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '' },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: '{"c":3}' },
    ]);
  });

  it('does not split a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('{"name":"台州"}\n');
    expect(await allLines([bytes.subarray(0, 11), bytes.subarray(11)])).toEqual([{ number: 1, text: '{"name":"台州"}' }]);
  });

  it('reports a line longer than the limit instead of buffering it, and goes on', async () => {
    expect(await allLines(['x'.repeat(10), 'y'.repeat(10), '\nok\n', 'z'.repeat(30)], 16)).toEqual([
      { number: 1, tooLong: 20 },
      { number: 2, text: 'ok' },
      { number: 3, tooLong: 30 },
    ]);
  });

  it('flags a line that is not UTF-8', async () => {
    expect(await allLines([Buffer.from([0x7b, 0xcc, 0xa8, 0xd6, 0xdd, 0x7d, 0x0a])])).toEqual([{ number: 1, notUtf8: true }]);
  });
});

describe('findSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, '$.a', /where a property name in double quotes was expected; remove the trailing comma/],
    ['[1, 2,]', 1, 7, '$[2]', /remove the trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, '$.a', /the string "b" where "," or "}" was expected; a comma is missing/],
    ["{'a': 1}", 1, 2, '$', /JSON property names take double quotes/],
    ['{"events": [{"date": 2021-01-01}]}', 1, 26, '$.events[0].date', /"-" where "," or "}" was expected/],
    ['{"a": tru}', 1, 7, '$.a', /"tru" where a value was expected/],
    ['{"a": "x\ny"}', 1, 9, '$.a', /control character U\+000A inside a string/],
    ['{"a": "\\q"}', 1, 8, '$.a', /"\\q" is not a JSON escape/],
    ['{"a": 1} {"b": 2}', 1, 10, '$', /after the end of the JSON value/],
    ['{"a": [1, 2', 1, 12, '$.a[1]', /the text ends inside an array/],
    ['', 1, 1, '$', /the text ends where a value was expected/],
  ])('places the error in %j', (text, line, column, path, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = findSyntaxError(text)!;
    expect(found).toMatchObject({ line, column, path });
    expect(found.message).toMatch(message);
  });

  it('finds nothing wrong in valid JSON, however deep', () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"],"b":{}}', '[]', ' 0 ', '['.repeat(100_000) + ']'.repeat(100_000)]) {
      expect(findSyntaxError(text)).toBeUndefined();
    }
  });
});

describe('tooDeep', () => {
  it('gives the path of the first value deeper than the limit, without recursion', () => {
    expect(tooDeep({ a: [{ b: 1 }] }, 3)).toBeUndefined();
    expect(tooDeep({ a: [{ b: [1] }] }, 3)).toBe('$.a[0].b');
    expect(tooDeep(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toMatch(/^\$\[0\]\[0\].*…/);
  });
});

describe('display width', () => {
  it('counts Chinese and fullwidth characters as two columns', () => {
    expect(displayWidth('E-0001')).toBe(6);
    expect(displayWidth('台州某园林')).toBe(10);
    expect(displayWidth('（降级）')).toBe(8);
    expect(displayWidth('AA→A 降级')).toBe(9);
  });

  it('pads and truncates by columns', () => {
    expect(pad('台州', 6, 'left')).toBe('台州  ');
    expect(pad('8', 4, 'right')).toBe('   8');
    expect(truncate('台州某园林绿化工程有限公司', 10)).toBe('台州某园…');
    expect(displayWidth(truncate('台州某园林绿化工程有限公司', 10))).toBeLessThanOrEqual(10);
  });
});

describe('csvField', () => {
  it('quotes as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(88.7)).toBe('88.7');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });
});

describe('parseArgs', () => {
  const spec = {
    ruleset: { type: 'string', description: '' },
    format: { type: 'string', choices: ['json', 'table', 'csv'], description: '' },
    'no-trace': { type: 'boolean', description: '' },
    help: { type: 'boolean', short: 'h', description: '' },
  } as const;

  it('reads options before, between and after positionals, with = or a separate value', () => {
    expect(parseArgs(['--format=csv', 'a.json', '--ruleset', 'r.json', '--no-trace', '-'], spec, 'evaluate')).toEqual({
      positionals: ['a.json', '-'],
      options: { format: 'csv', ruleset: 'r.json', 'no-trace': true },
    });
    expect(parseArgs(['-h', '--', '--not-an-option'], spec, 'evaluate').positionals).toEqual(['--not-an-option']);
  });

  it.each([
    [['--formt', 'csv'], /unknown option --formt/],
    [['-x'], /unknown option -x/],
    [['--format'], /--format needs a value/],
    [['--ruleset', '--format', 'csv'], /--ruleset needs a value/],
    [['--format', 'yaml'], /not one of json, table, csv/],
    [['--ruleset', 'a', '--ruleset', 'b'], /given twice/],
  ])('refuses %j with a USAGE error', (argv, message) => {
    try {
      parseArgs(argv, spec, 'evaluate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CreditRulesError);
      expect((error as CreditRulesError).code).toBe('USAGE');
      expect((error as CreditRulesError).message).toMatch(message);
    }
  });

  it('suggests only near misses', () => {
    expect(nearest('evalute', ['evaluate', 'validate', 'test'])).toBe('evaluate');
    expect(nearest('tset', ['evaluate', 'validate', 'test'])).toBe('test');
    expect(nearest('frobnicate', ['evaluate', 'validate', 'test'])).toBeUndefined();
  });
});

describe('report', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives 2 for usage, 1 for coded errors, 70 and one line without a stack for anything else', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    expect(report(new CreditRulesError('USAGE', 'bad flag', { problems: [{ path: '', message: 'bad flag', fix: 'drop it' }] }))).toBe(2);
    expect(report(new CreditRulesError('RECORD_INVALID', 'the record is invalid', { file: 'x.json', recordId: 'E-1', problems: [{ path: '$.id', message: 'm', fix: 'f' }] }))).toBe(1);
    expect(report(new TypeError('boom'))).toBe(70);
    expect(written[0]).toBe('credit-rules: bad flag\n  drop it\n');
    expect(written[1]).toBe('RECORD_INVALID: x.json, record E-1: the record is invalid\n  $.id: m — f\n');
    expect(written[2]).toMatch(/^credit-rules: internal error: TypeError: boom, please report it[^\n]*\n$/);
  });
});
