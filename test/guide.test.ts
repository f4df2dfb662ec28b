/**
 * Runs every example of docs/ruleset-guide.md, so the guide cannot say what the engine does not do.
 *
 * Every fenced block of the guide is an example, labelled by its info string:
 *
 * - ```json ruleset NAME``` a complete ruleset; with `base=OTHER`, a fragment of one: its fields
 *   replace OTHER's, except `eventTypes`, `parameters` and `conditions`, which are added to
 *   OTHER's by name, and a field set to null is removed. A ruleset must load, with no
 *   `validate` hint; one flagged `invalid` must be refused, one flagged `hinted` must load with
 *   hints (both must then be shown by a console session).
 * - ```json item NAME base=OTHER``` one item: OTHER with this item as its only indicator.
 * - ```json record NAME ruleset=R asOf=DATE``` a record to evaluate with ruleset R on DATE.
 * - ```json expected RECORD [ruleset=R] [asOf=DATE]``` what evaluating that record gives (the
 *   record's own ruleset and date unless given): any fields of the result, with `indicators` and
 *   `items` as { id: score } and `trace` as the list of the trace's Chinese messages, all of
 *   them, in order. R may be a folder of versions (the rulesets named `R/…`): the version in
 *   force on the date is taken, as the CLI does.
 * - ```json case NAME``` a sample case file (schemas/case.schema.json), run by a console session.
 * - ```console``` a shell session: each `$ npx credit-rules …` line runs the command line (in
 *   process, the same `main` the built CLI runs) in a folder holding every block above as
 *   NAME.json (a NAME with slashes is a file in folders); the lines after it are its output,
 *   standard output and error together, exactly. `$ echo $?` prints the last exit status.
 * - ```ts``` TypeScript run in that folder, `credit-rules` being the engine; a line
 *   `EXPR; // → VALUE` checks that EXPR equals VALUE (an object or array: has at least those fields).
 *
 * A block of any other kind fails the test. GUIDE_EXAMPLES_DIR=dir writes the example files
 * there, to try them with the CLI.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as engine from '../engine/index.js';
import { CreditRulesError, citationHints, evaluate, loadRuleset, rulesetHints, selectVersion, type Result, type Ruleset } from '../engine/index.js';
import { runInProcess } from './support/inProcessCli.js';
import { root } from './support/load.js';

const GUIDE = 'docs/ruleset-guide.md';

interface Block {
  lang: string;
  kind: string;
  name: string;
  options: Record<string, string>;
  flags: Set<string>;
  text: string;
  /** The line of the guide the block starts on (its opening fence). */
  line: number;
}

/** Every fenced block of the guide, with its label. */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    if (end < 0) throw new Error(`${GUIDE}:${i + 1}: a fence that is never closed`);
    const [kind = '', name = '', ...rest] = open[2]!.trim().split(/\s+/).filter(Boolean);
    const options: Record<string, string> = {};
    const flags = new Set<string>();
    for (const word of rest) {
      const eq = word.indexOf('=');
      if (eq > 0) options[word.slice(0, eq)] = word.slice(eq + 1);
      else flags.add(word);
    }
    blocks.push({ lang: open[1]!, kind, name, options, flags, text: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

const markdown = readFileSync(join(root, GUIDE), 'utf8');
const blocks = blocksOf(markdown);
const at = (b: Block): string => `${GUIDE}:${b.line}`;
const JSON_KINDS = ['ruleset', 'item', 'record', 'expected', 'case'];

function parse<T = unknown>(b: Block): T {
  try {
    return JSON.parse(b.text) as T;
  } catch (error) {
    throw new Error(`${at(b)}: not JSON: ${(error as Error).message}`, { cause: error });
  }
}

// ---------------------------------------------------------------- the examples' files

/** Each named block's JSON, rulesets built from their fragments, by name. */
const files = new Map<string, unknown>();
const rulesetBlocks: Block[] = [];

for (const b of blocks) {
  if (b.lang !== 'json' || !['ruleset', 'item', 'record', 'case'].includes(b.kind)) continue;
  if (files.has(b.name)) throw new Error(`${at(b)}: a second example named "${b.name}"`);
  const json = parse<Record<string, unknown>>(b);
  if (b.kind === 'ruleset' || b.kind === 'item') {
    rulesetBlocks.push(b);
    const baseName = b.options.base;
    const base = baseName === undefined ? undefined : (files.get(baseName) as Record<string, unknown> | undefined);
    if (baseName !== undefined && !base) throw new Error(`${at(b)}: base "${baseName}" is not a ruleset defined above`);
    if (b.kind === 'item') {
      if (!base) throw new Error(`${at(b)}: an item needs base=RULESET`);
      files.set(b.name, { ...structuredClone(base), indicators: [{ id: json.id, label: json.label, items: [json] }] });
    } else if (base) {
      const merged: Record<string, unknown> = { ...structuredClone(base), ...json };
      for (const key of ['eventTypes', 'parameters', 'conditions']) {
        if (json[key]) merged[key] = { ...(base[key] as object), ...(json[key] as object) };
      }
      for (const [key, value] of Object.entries(json)) if (value === null) delete merged[key];
      files.set(b.name, merged);
    } else files.set(b.name, json);
  } else files.set(b.name, json);
}

const exampleDir = process.env.GUIDE_EXAMPLES_DIR ? resolve(process.env.GUIDE_EXAMPLES_DIR) : mkdtempSync(join(tmpdir(), 'credit-rules-guide-'));
for (const [name, json] of files) {
  const file = join(exampleDir, `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
afterAll(() => {
  if (!process.env.GUIDE_EXAMPLES_DIR) rmSync(exampleDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- console sessions

interface Command {
  block: Block;
  argv: string[];
  /** What the command prints, as the guide writes it. */
  output: string;
}

/** The commands of a console block: `$ ` lines and the output under each. */
function commandsOf(b: Block): Command[] {
  const commands: Command[] = [];
  for (const line of b.text.split('\n')) {
    if (line.startsWith('$ ')) commands.push({ block: b, argv: line.slice(2).trim().split(/\s+/), output: '' });
    else if (!commands.length) throw new Error(`${at(b)}: a console block starts with a "$ " command`);
    else commands.at(-1)!.output += `${line}\n`;
  }
  return commands;
}

const consoleBlocks = blocks.filter((b) => b.lang === 'console');
const commands = consoleBlocks.flatMap(commandsOf);

/** Whether some console command names the example's file, or a folder holding it. */
const shownByConsole = (name: string): boolean =>
  commands.some((c) => c.argv.some((arg) => arg === `${name}.json` || name.startsWith(`${arg.replace(/\/$/, '')}/`)));

/** Runs `credit-rules ARGS` in process, in the examples' folder; its output (stdout and stderr as written) and status. */
async function runCli(args: string[]): Promise<{ output: string; status: number }> {
  const here = (arg: string): string => (!arg.startsWith('-') && fs.existsSync(join(exampleDir, arg)) ? join(exampleDir, arg) : arg);
  const { output, status } = await runInProcess(args.map(here));
  return { output: output.split(`${exampleDir}/`).join(''), status };
}

// ---------------------------------------------------------------- TypeScript examples

/** `EXPR; // → VALUE` lines become checks; the rest runs as written. */
function withChecks(source: string): string {
  return source
    .split('\n')
    .map((line, i) => {
      const check = /^(\s*)(.+?);\s*\/\/ → (.+)$/.exec(line);
      return check ? `${check[1]}__check(() => (${check[2]}), () => (${check[3]}), ${i + 1});` : line;
    })
    .join('\n');
}

function check(actual: () => unknown, expected: () => unknown, line: number, b: Block): void {
  const [got, want] = [actual(), expected()];
  const where = `${GUIDE}:${b.line + line}`;
  if (want !== null && typeof want === 'object') expect(got, where).toMatchObject(want as object);
  else expect(got, where).toEqual(want);
}

function runTypeScript(b: Block): void {
  const { outputText, diagnostics } = ts.transpileModule(withChecks(b.text), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  expect(diagnostics ?? [], at(b)).toEqual([]);
  const inFolder = { ...fs, readFileSync: (path: string, ...rest: [BufferEncoding]) => fs.readFileSync(resolve(exampleDir, path), ...rest) };
  const modules: Record<string, unknown> = { 'credit-rules': engine, 'node:fs': inFolder };
  const require = (name: string): unknown => {
    if (!Object.hasOwn(modules, name)) throw new Error(`${at(b)}: the example imports "${name}"`);
    return modules[name];
  };
  const written = (b.text.match(/;\s*\/\/ → /g) ?? []).length;
  let ran = 0;
  new Function('require', 'exports', '__check', outputText)(require, {}, (a: () => unknown, e: () => unknown, line: number) => {
    ran++;
    check(a, e, line, b);
  });
  // A check in a branch that never ran would otherwise pass unseen.
  expect(ran, `${at(b)}: the checks that ran`).toBe(written);
}

// ---------------------------------------------------------------- results as the guide writes them

/** A result as an `expected` block compares it: indicators and items as { id: score }, the trace as its messages. */
function view(result: Result): Record<string, unknown> {
  return {
    ...result,
    indicators: Object.fromEntries(result.indicators.map((i) => [i.id, i.score])),
    items: Object.fromEntries(result.indicators.flatMap((i) => i.items.map((t) => [t.id, t.score]))),
    trace: result.trace?.map((t) => t.message),
  };
}

/** The ruleset named `name`, or from the folder of versions `name/…`, the one in force on `asOf`. */
function rulesetFor(name: string, asOf: string, b: Block): engine.CompiledRuleset {
  const json = files.get(name);
  if (json) return loadRuleset(json);
  const versions = [...files].filter(([n]) => n.startsWith(`${name}/`)).map(([, j]) => j as Ruleset);
  if (!versions.length) throw new Error(`${at(b)}: no ruleset or folder of versions "${name}"`);
  return loadRuleset(selectVersion(versions, asOf));
}

// ---------------------------------------------------------------- the tests

describe(`${GUIDE}`, () => {
  it('labels every block as an example the test runs', () => {
    const unknown = blocks.filter((b) => !(b.lang === 'console' || b.lang === 'ts' || (b.lang === 'json' && JSON_KINDS.includes(b.kind) && b.name)));
    expect(unknown.map((b) => `${at(b)}: \`\`\`${b.lang} ${b.kind} ${b.name}`.trim())).toEqual([]);
    expect(blocks.length).toBeGreaterThan(20);
  });

  describe('rulesets', () => {
    it.each(rulesetBlocks.map((b) => [b.name, b] as const))('%s', (_name, b) => {
      const json = files.get(b.name);
      if (b.flags.has('invalid')) {
        expect(() => loadRuleset(json), `${at(b)} is marked invalid`).toThrow(CreditRulesError);
        expect(shownByConsole(b.name), `${at(b)}: a console session shows how ${b.name} is refused`).toBe(true);
        return;
      }
      try {
        loadRuleset(json);
      } catch (error) {
        throw new Error(`${at(b)}: ${error instanceof CreditRulesError ? error.describe() : String(error)}`, { cause: error });
      }
      const hints = [...citationHints(json as Ruleset).map((h) => `${h.path}: ${h.en}`), ...rulesetHints(json as Ruleset).map((h) => `${h.path}: ${h.en}`)];
      if (b.flags.has('hinted')) {
        expect(hints.length, `${at(b)} is marked hinted`).toBeGreaterThan(0);
        expect(shownByConsole(b.name), `${at(b)}: a console session shows the hints of ${b.name}`).toBe(true);
      } else expect(hints, `${at(b)}: validate's hints`).toEqual([]);
    });
  });

  const records = blocks.filter((b) => b.lang === 'json' && b.kind === 'record');
  const expectations = blocks.filter((b) => b.lang === 'json' && b.kind === 'expected');

  it('gives every record an expected result, and every expected result a record', () => {
    expect(records.filter((r) => !expectations.some((e) => e.name === r.name) && !shownByConsole(r.name)).map(at)).toEqual([]);
    expect(expectations.filter((e) => !records.some((r) => r.name === e.name)).map(at)).toEqual([]);
  });

  describe('records and their results', () => {
    it.each(expectations.map((b) => [`${b.name}${b.options.asOf ? ` on ${b.options.asOf}` : ''}${b.options.ruleset ? ` with ${b.options.ruleset}` : ''}`, b] as const))('%s', (_name, b) => {
      const record = records.find((r) => r.name === b.name)!;
      const rulesetName = b.options.ruleset ?? record.options.ruleset;
      const asOf = b.options.asOf ?? record.options.asOf;
      if (!rulesetName || !asOf) throw new Error(`${at(b)}: which ruleset and date? (ruleset=… asOf=… on the record or here)`);
      const result = evaluate(rulesetFor(rulesetName, asOf, b), files.get(b.name), { asOf });
      expect(view(result), at(b)).toMatchObject(parse<Record<string, unknown>>(b));
    });
  });

  it('runs every case in a console session', () => {
    const cases = blocks.filter((b) => b.lang === 'json' && b.kind === 'case');
    expect(cases.filter((b) => !shownByConsole(b.name)).map(at)).toEqual([]);
  });

  describe('console sessions', () => {
    it.each(consoleBlocks.map((b) => [at(b), b] as const))('%s', async (_where, b) => {
      let status = 0;
      for (const command of commandsOf(b)) {
        const [program, ...args] = command.argv;
        let output: string;
        if (program === 'echo' && args.join(' ') === '$?') output = `${status}\n`;
        else if (program === 'npx' && args[0] === 'credit-rules') ({ output, status } = await runCli(args.slice(1)));
        else throw new Error(`${at(b)}: the test runs "npx credit-rules …" and "echo $?", not "${command.argv.join(' ')}"`);
        expect(output, `${at(b)}: $ ${command.argv.join(' ')}`).toBe(command.output);
      }
    });
  });

  describe('TypeScript', () => {
    it.each(blocks.filter((b) => b.lang === 'ts').map((b) => [at(b), b] as const))('%s', (_where, b) => runTypeScript(b));
  });
});
