/**
 * `credit-rules test RULESET --cases PATH`: runs sample cases (a record, a date and the result
 * worked out by hand) and reports each failing case, a summary, and the clause ids no case
 * exercises. Any failure or unexercised clause is exit 1, with the reason said; with
 * --allow-unexercised (a ruleset still being written), unexercised clauses are reported only.
 */
import { compareWithExpected, expectedDifferences, runCases, type CaseOutcome, type SampleCase } from '../../review/cases.js';
import { sensitivity, type SensitivityReport, type Unpinned } from '../../review/sensitivity.js';
import { readJsonFile } from '../files.js';
import type { Ruleset } from '../../types.js';
import { catalogues, explain as sentence } from '../../explain.js';
import { usageError } from '../args.js';
import { HELP_OPTION, LANGS, type Command } from '../command.js';
import type { Locale, PinParams, TestWords } from '../../messages/codes.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { loadCases, loadRulesetFile } from '../load.js';

const indent = (text: string, by = '    '): string => text.split('\n').map((l) => `${by}${l}`).join('\n');

/** How a case differs from its expected result, and under each indicator that differs, the trace lines that made its score (in `traceLocale`). */
function explain(outcome: CaseOutcome, expected: SampleCase['expected'], locale: Locale, traceLocale: Locale): string[] {
  const result = outcome.result;
  if (!result) return [indent(outcome.error?.describe(locale) ?? outcome.differences.join('\n'))];
  const lines = compareWithExpected(expected, result, locale);
  return expectedDifferences(expected, result).flatMap((d, i) => {
    const indicator = result.indicators.some((r) => r.id === d.field);
    const why = indicator ? (result.trace ?? []).filter((t) => t.indicator === d.field).map((t) => indent(sentence(t, traceLocale), '      ')) : [];
    return [indent(lines[i]!), ...why];
  });
}

export const testCommand: Command = {
  name: 'test',
  summary: 'run expected-result cases against a ruleset; report clauses no case exercises',
  usage: 'test RULESET --cases PATH [--allow-unexercised] [--sensitivity] [--lang zh-CN|en]',
  options: {
    cases: { type: 'string', value: 'PATH', description: 'a case file, or a folder of them (required), e.g. rulesets/cases/enterprise' },
    'allow-unexercised': { type: 'boolean', description: 'report clause ids no case exercises without failing (a ruleset still in progress)' },
    sensitivity: { type: 'boolean', description: 'move each number of the ruleset one step each way and report those no case notices' },
    lang: { type: 'string', value: 'LANG', choices: LANGS, description: 'language of the report: en (the default) or zh-CN; the trace lines under a failing case are in zh-CN unless --lang en' },
    help: HELP_OPTION,
  },
  details: `Each case (schemas/case.schema.json) is a record, its evaluation date and the expected score,
grade and indicator scores. Prints ✓ or ✗ per case with what differs (under an indicator that
differs, the trace lines that made its score), "N passed, N failed",
and the clause ids of the ruleset that no case's trace names.

Exit status: 0 every case passed and every clause is exercised; 1 a case failed, a case file
is invalid or a clause is unexercised (the last line says which); 2 usage. With
--allow-unexercised, unexercised clauses are listed but do not fail the run, for a ruleset
still being written.

With --sensitivity, every number a policy officer may change (points, caps, maxima, full and
base scores, windows' months, grade lines, downgrade floors and periods, number and date
parameters, numbers in conditions) is moved one step each way (a month, a day, a count, or
the ruleset's precision in points), the ruleset loaded again and the cases run; the numbers
no case notices are listed with the case that would pin them. A move no record could notice
(a bonus's points past its item's maximum, a deduction cap past the full score) is said
apart, with why. The report does not change the exit status.

Example:
  credit-rules test rulesets/enterprise.json --cases rulesets/cases/enterprise
  credit-rules test rulesets/enterprise.json --cases rulesets/cases/enterprise --sensitivity`,
  run: async ({ positionals, options }): Promise<ExitStatus> => {
    if (positionals.length !== 1) {
      throw usageError('cli.arguments', { command: 'test', got: positionals });
    }
    const casesPath = options.cases as string | undefined;
    if (casesPath === undefined) throw usageError('cli.needsCases', { command: 'test', records: false });
    const compiled = loadRulesetFile(positionals[0]!);
    const loaded = loadCases(casesPath);
    const usable = loaded.flatMap((c) => (c.case ? [{ file: c.file, case: c.case }] : []));
    const kind = compiled.ruleset.entityKind;
    const kinds = new Set(usable.map((c) => c.case.record.kind));
    if (usable.length && !kinds.has(kind)) {
      throw usageError('cli.casesOfOtherKind', { ruleset: positionals[0]!, kind, cases: casesPath, kinds: [...kinds] });
    }
    const expectedOf = new Map(usable.map((c) => [c.file, c.case.expected]));
    const lang = options.lang as Locale | undefined;
    const locale = lang ?? 'en';
    const words = catalogues[locale].cli.test;
    const report = runCases(compiled, usable);
    const out: string[] = [];
    const outcomes = new Map(report.outcomes.map((o) => [o.file, o]));
    for (const c of loaded) {
      if (c.error) {
        out.push(`✗ ${c.file}: ${c.error.code}`, indent(c.error.describe(locale)));
        continue;
      }
      const outcome = outcomes.get(c.file)!;
      if (outcome.passed) out.push(`✓ ${c.file}: ${outcome.name}`);
      else out.push(`✗ ${c.file}: ${outcome.name}`, ...explain(outcome, expectedOf.get(c.file)!, locale, lang ?? 'zh-CN'));
    }
    const invalid = loaded.length - usable.length;
    const failed = report.failed + invalid;
    const unexercised = report.unexercised;
    out.push('', words.total({ passed: report.passed, failed, invalid }));
    if (unexercised.length) out.push(words.unexercised({ ids: unexercised }), words.unexercisedFix);
    else out.push(words.exercised);
    const unexercisedFails = unexercised.length > 0 && options['allow-unexercised'] !== true;
    if (unexercised.length && !unexercisedFails) out.push(words.allowed);
    if (options.sensitivity === true && !failed) out.push('', ...sensitivityLines(sensitivity(readJsonFile(positionals[0]!, 'ruleset') as Ruleset, usable.map((c) => c.case)), words));
    else if (options.sensitivity === true) out.push('', words.sensitivityNotRun);
    const fails = failed > 0 || unexercisedFails;
    if (fails) out.push(words.exit({ failed, unexercised: unexercisedFails ? unexercised.length : 0 }));
    process.stdout.write(out.join('\n') + '\n');
    return fails ? EXIT.invalid : EXIT.ok;
  },
};

/** The sensitivity report in lines, in `words`' language. */
function sensitivityLines(report: SensitivityReport, words: TestWords): string[] {
  const lines = [words.sensitivity({ numbers: report.numbers, moves: report.moves, pinned: report.pinned, unpinned: report.unpinned.length })];
  for (const u of report.unpinned) lines.push(words.unnoticed(u), `      ${words.wouldPin(pinParams(u))}`);
  const inert = [...report.unpinned, ...report.inert].filter((u) => u.inert.length);
  if (inert.length) {
    lines.push(words.inertHeading);
    for (const u of inert) for (const m of u.inert) lines.push(`    ${u.owner} ${u.kind} ${u.value} → ${m.value}: ${words.inert[m.reason](m.limit)}`);
  }
  if (!report.unpinned.length) lines.push(words.allPinned);
  return lines;
}

/** Which way the unnoticed moves of a number went, for the words saying what case would pin it. */
function pinParams(u: Unpinned): PinParams {
  const below = u.unnoticed.find((v) => (typeof v === 'number' ? v < (u.value as number) : v < u.value));
  const lower = below !== undefined;
  const higher = u.unnoticed.some((v) => (typeof v === 'number' ? v > (u.value as number) : v > u.value));
  return { kind: u.kind, owner: u.owner, label: u.label, value: u.value, lower, higher, ...(lower ? { below } : {}) };
}
