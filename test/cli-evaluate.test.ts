/** `credit-rules evaluate`, `--help` and usage errors, through the built CLI (dist/credit-rules.js). */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../engine/cli/formats/width.js';
import { EXIT_STATUS } from '../engine/index.js';
import { cli, ensureBuilt, FIXTURES, results, RULESET } from './cli-helpers.js';

const R = ['--ruleset', RULESET];
const records = `${FIXTURES}/records`;
const ruleset = JSON.parse(readFileSync(RULESET, 'utf8')) as { indicators: { id: string; label: string }[] };

beforeAll(ensureBuilt, 180_000);

describe('help, version and usage errors', () => {
  it('prints the commands on --help and exits 0', () => {
    const run = cli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['evaluate', 'validate', 'test']) expect(run.stdout).toContain(command);
  });

  it('lists every exit status of the library\'s EXIT_STATUS in --help, each once', () => {
    const run = cli(['--help']);
    const listed = [...run.stdout.matchAll(/^ +(\d+) {2}\S/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(Object.values(EXIT_STATUS));
    expect(EXIT_STATUS).toEqual({ ok: 0, invalid: 1, usage: 2, gradeChanged: 3, internal: 70 });
    expect(run.stdout).toContain('   3  diff --fail-on-grade-change: a case changes grade (the input is sound)\n');
  });

  it.each(['evaluate', 'validate', 'test'])('prints the help of %s on --help and -h', (command) => {
    for (const flag of ['--help', '-h']) {
      const run = cli([command, flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: credit-rules ${command}`);
      expect(run.stdout).toContain('Exit status');
    }
  });

  it('prints the version of package.json', () => {
    const run = cli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it.each([
    [[], /Usage: credit-rules COMMAND/],
    [['evalute'], /unknown command "evalute"[\s\S]*did you mean "evaluate"/],
    [['--bogus'], /--bogus is not an option/],
    [['evaluate', `${records}/one.json`, ...R, '--formt', 'csv'], /unknown option --formt[\s\S]*did you mean --format/],
    [['evaluate', `${records}/one.json`, ...R, '--format', 'xml'], /--format "xml" is not one of json, table, csv/],
    [['evaluate', `${records}/one.json`, ...R, '--as-of', '2021-02-30'], /--as-of "2021-02-30" is not a date/],
    [['evaluate', `${records}/one.json`, '--ruleset'], /--ruleset needs a value/],
    [['evaluate', `${records}/one.json`], /evaluate needs --ruleset FILE/],
    [['evaluate', ...R], /evaluate needs RECORDS/],
    [['evaluate', 'a.json', 'b.json', ...R], /takes one RECORDS file/],
    [['evaluate', `${records}/one.json`, ...R, '--no-trace=yes'], /--no-trace takes no value/],
    [['validate'], /validate needs at least one FILE/],
    [['test', RULESET], /test needs --cases PATH/],
    [['test', '--cases', 'x'], /test needs the RULESET/],
    [['test', 'rulesets/project-lead.json', '--cases', 'rulesets/cases/enterprise'], /project-lead\.json scores projectLead records, and every case in rulesets\/cases\/enterprise is of enterprise/],
  ])('exits 2 with a hint for %j', (args, message) => {
    const run = cli(args as string[]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('evaluate --format json', () => {
  it('scores one record: id, score, grade, indicators and a trace naming clauses, points and events', () => {
    const run = cli(['evaluate', `${records}/one.json`, ...R]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const [result, ...rest] = results(run);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ id: 'E-0001', score: 88.7, grade: 'AA+', asOf: '2021-06-30' });
    expect((result!.indicators as { id: string }[]).map((i) => i.id)).toEqual(ruleset.indicators.map((i) => i.id));
    const trace = result!.trace as { clause: string; points: number; events?: string[] }[];
    expect(trace.length).toBeGreaterThan(0);
    expect(trace.some((t) => t.clause && typeof t.points === 'number' && t.events?.length)).toBe(true);
  });

  it('writes "[", one result per line joined by ",", "]", in input order', () => {
    const run = cli(['evaluate', `${records}/three.json`, ...R]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-2)).toBe(']');
    expect(lines.at(-1)).toBe('');
    expect(results(run).map((r) => r.id)).toEqual(['E-0001', 'E-0002', 'E-0003']);
  });

  it('says when a downgrade decides and keeps the computed score', () => {
    const downgraded = results(cli(['evaluate', `${records}/three.json`, ...R]))[1]!;
    expect(downgraded).toMatchObject({ id: 'E-0002', score: 60, grade: 'A', computedScore: 80, computedGrade: 'AA', downgraded: true });
  });

  it('gives the same results for .json, .ndjson and standard input (both kinds)', () => {
    const fromJson = cli(['evaluate', `${records}/three.json`, ...R]).stdout;
    expect(cli(['evaluate', `${records}/three.ndjson`, ...R]).stdout).toBe(fromJson);
    expect(cli(['evaluate', '-', ...R], { input: readFileSync(`${records}/three.ndjson`) }).stdout).toBe(fromJson);
    expect(cli(['evaluate', '-', ...R], { input: readFileSync(`${records}/three.json`) }).stdout).toBe(fromJson);
    expect(results(cli(['evaluate', '-', ...R], { input: readFileSync(`${records}/one.json`) })).map((r) => r.id)).toEqual(['E-0001']);
    // A document whose first line ends in "}" without being a whole record is still one document.
    const record = JSON.parse(readFileSync(`${records}/one.json`, 'utf8'));
    const { id, kind, licence, ...rest } = record;
    const broken = `${JSON.stringify({ id, kind, licence }).slice(0, -1)}\n,${JSON.stringify(rest).slice(1)}`;
    expect(broken.split('\n')[0]!.endsWith('}')).toBe(true);
    expect(results(cli(['evaluate', '-', ...R], { input: broken }))).toEqual(results(cli(['evaluate', '-', ...R], { input: JSON.stringify(record) })));
  });

  it('leaves the trace out with --no-trace', () => {
    const [result] = results(cli(['evaluate', `${records}/one.json`, ...R, '--no-trace']));
    expect(result).not.toHaveProperty('trace');
    expect(result!.score).toBe(88.7);
  });

  it('evaluates on the --as-of date instead of the record\'s own', () => {
    const [result] = results(cli(['evaluate', `${records}/one.json`, ...R, '--as-of', '2030-01-01']));
    expect(result!.asOf).toBe('2030-01-01');
  });

  it('accepts a blank line, CRLF line ends and no final newline in NDJSON', () => {
    const run = cli(['evaluate', `${records}/blank-lines.ndjson`, ...R]);
    expect(run.status).toBe(0);
    expect(results(run).map((r) => r.id)).toEqual(['E-0001', 'E-0003']);
  });

  it('prints an empty array and a warning for an empty NDJSON file', () => {
    const run = cli(['evaluate', `${records}/empty.ndjson`, ...R]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('[\n]\n');
    expect(run.stderr).toMatch(/empty\.ndjson holds no records/);
  });
});

describe('evaluate --format table', () => {
  const run = (): ReturnType<typeof cli> => cli(['evaluate', `${records}/three.json`, ...R, '--format', 'table']);

  it('labels columns in Chinese, with the ruleset\'s indicator names', () => {
    const [header] = run().stdout.split('\n');
    for (const title of ['标识', '名称', '得分', '等级', '评价日', ...ruleset.indicators.map((i) => i.label)]) expect(header).toContain(title);
  });

  it('shows the date each record was scored on', () => {
    const record = JSON.parse(readFileSync(`${records}/one.json`, 'utf8'));
    const later = { ...record, id: 'E-LATER', asOf: '2023-06-30' };
    const rows = cli(['evaluate', '-', ...R, '--format', 'table'], { input: JSON.stringify([record, later]) }).stdout.split('\n');
    expect(rows[2]).toMatch(/^E-0001 .* 88\.7 {2}AA\+ +2021-06-30 /);
    expect(rows[3]).toMatch(/^E-LATER .* 2023-06-30 /);
  });

  it('aligns columns by display width (a Chinese character is two columns)', () => {
    const lines = run().stdout.split('\n').slice(0, 5);
    const widths = lines.map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    // The score column ends at the same column on every row.
    const scoreEnd = (line: string, score: string): number => displayWidth(line.slice(0, line.indexOf(score) + score.length));
    expect(scoreEnd(lines[2]!, '88.7')).toBe(scoreEnd(lines[3]!, '60'));
  });

  it('marks a downgrade and sums up', () => {
    const out = run().stdout;
    expect(out).toMatch(/E-0002 .* 60 {2}A 降级\(计分表 AA\)/);
    expect(out).toContain('共 3 条记录');
  });

  it('keeps a line break or an escape sequence in a name from breaking the row or reaching the terminal', () => {
    const record = JSON.parse(readFileSync(`${records}/one.json`, 'utf8'));
    record.name = '台州\n园林\u001b[2J二部';
    const out = cli(['evaluate', '-', ...R, '--format', 'table'], { input: JSON.stringify(record) }).stdout;
    expect(out).not.toContain('\u001b');
    expect(out.split('\n')[2]).toMatch(/^E-0001 +台州 园林 \[2J二部 +88\.7/);
  });

  it('shows an invalid record as a row without a score', () => {
    const out = cli(['evaluate', `${records}/mixed.ndjson`, ...R, '--format', 'table']).stdout;
    expect(out).toMatch(/第 2 行 .*✗ 无效/);
    expect(out).toMatch(/E-BAD .*✗ 无效/);
  });
});

describe('evaluate --format csv', () => {
  it('writes a BOM, a header and one CRLF row per record', () => {
    const run = cli(['evaluate', `${records}/three.ndjson`, ...R, '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = run.stdout.slice(1).split('\r\n');
    expect(rows[0]).toBe(`id,name,score,grade,computedScore,downgraded,eligible,${ruleset.indicators.map((i) => i.id).join(',')},asOf`);
    expect(rows[1]).toBe('E-0001,台州某园林建设有限公司,88.7,AA+,88.7,false,true,8,22.5,23,1,7.7,15,11.5,2021-06-30');
    expect(rows[2]).toMatch(/^E-0002,.*,60,A,80,true,true,/);
    expect(rows).toHaveLength(5); // header, 3 rows, the empty string after the last CRLF
  });

  it('writes an id or name a spreadsheet would run as a formula as text', () => {
    const record = JSON.parse(readFileSync(`${records}/one.json`, 'utf8'));
    record.name = '=HYPERLINK("http://x","y")';
    record.id = '@SUM(A1)';
    const run = cli(['evaluate', '-', ...R, '--format', 'csv'], { input: JSON.stringify(record) });
    expect(run.stdout.split('\r\n')[1]).toMatch(/^'@SUM\(A1\),"'=HYPERLINK\(""http:\/\/x"",""y""\)",88\.7,/);
  });

  it('quotes fields as RFC 4180 says', () => {
    const record = JSON.parse(readFileSync(`${records}/one.json`, 'utf8'));
    record.id = 'E,"1"';
    record.name = '台州"绿城",园林\n二部';
    const run = cli(['evaluate', '-', ...R, '--format', 'csv'], { input: JSON.stringify(record) });
    expect(run.stdout.split('\r\n')[1]).toBe('"E,""1""","台州""绿城"",园林\n二部",88.7,AA+,88.7,false,true,8,22.5,23,1,7.7,15,11.5,2021-06-30');
  });
});
