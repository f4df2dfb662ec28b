/**
 * `credit-rules test RULESET --cases PATH`: runs sample cases (a record, a date and the result
 * worked out by hand) and reports each failing case, a summary, and the clause ids no case
 * exercises. Any failure or unexercised clause is exit 1, with the reason said; with
 * --allow-unexercised (a ruleset still being written), unexercised clauses are reported only.
 */
import { expectedDifferences, runCases, type CaseOutcome, type SampleCase } from '../../review/cases.js';
import { sensitivity, type SensitivityReport, type Unpinned } from '../../review/sensitivity.js';
import { readJsonFile } from '../files.js';
import type { Ruleset } from '../../types.js';
import { explain as sentence } from '../../explain.js';
import { usageError } from '../args.js';
import { HELP_OPTION, LANGS, type Command } from '../command.js';
import type { Locale } from '../../messages/codes.js';
import { EXIT, type ExitStatus } from '../exit.js';
import { loadCases, loadRulesetFile } from '../load.js';

const indent = (text: string, by = '    '): string => text.split('\n').map((l) => `${by}${l}`).join('\n');

/** Under each indicator that differs from the expected result, the trace lines that made its score. */
function explain(outcome: CaseOutcome, expected: SampleCase['expected']): string[] {
  const result = outcome.result;
  if (!result) return outcome.differences.map((d) => indent(d));
  const differing = new Set(expectedDifferences(expected, result).map((d) => d.field));
  return outcome.differences.flatMap((line) => {
    const indicator = result.indicators.find((i) => differing.has(i.id) && line.startsWith(`${i.id} `));
    const why = indicator ? (result.trace ?? []).filter((t) => t.indicator === indicator.id).map((t) => indent(sentence(t, 'zh-CN'), '      ')) : [];
    return [indent(line), ...why];
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
    lang: { type: 'string', value: 'LANG', choices: LANGS, description: 'language of the problems of case files that cannot be run: en (the default) or zh-CN' },
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
    const report = runCases(compiled, usable);
    const out: string[] = [];
    const outcomes = new Map(report.outcomes.map((o) => [o.file, o]));
    for (const c of loaded) {
      if (c.error) {
        out.push(`✗ ${c.file}: ${c.error.code}`, indent(c.error.describe((options.lang as Locale | undefined) ?? 'en')));
        continue;
      }
      const outcome = outcomes.get(c.file)!;
      if (outcome.passed) out.push(`✓ ${c.file}: ${outcome.name}`);
      else out.push(`✗ ${c.file}: ${outcome.name}`, ...explain(outcome, expectedOf.get(c.file)!));
    }
    const broken = loaded.length - usable.length;
    const failed = report.failed + broken;
    out.push('', `${report.passed} passed, ${failed} failed${broken ? ` (${broken} case file${broken === 1 ? '' : 's'} invalid)` : ''}`);
    if (report.unexercised.length) {
      out.push(`${report.unexercised.length} clause id${report.unexercised.length === 1 ? '' : 's'} no case exercises: ${report.unexercised.join(', ')}`, '  add a case whose result scores, caps, vetoes or downgrades by each of them');
    } else out.push('every clause id of the ruleset is exercised');
    const unexercisedFails = report.unexercised.length > 0 && options['allow-unexercised'] !== true;
    if (report.unexercised.length && !unexercisedFails) out.push('  (allowed: --allow-unexercised)');
    const reasons = [failed ? `${failed} case${failed === 1 ? '' : 's'} failed` : '', unexercisedFails ? `${report.unexercised.length} clause id${report.unexercised.length === 1 ? '' : 's'} unexercised` : ''].filter(Boolean);
    if (options.sensitivity === true && !failed) out.push('', ...sensitivityLines(sensitivity(readJsonFile(positionals[0]!, 'ruleset') as Ruleset, usable.map((c) => c.case))));
    else if (options.sensitivity === true) out.push('', 'sensitivity: not run, a case fails as it is (fix the cases first)');
    if (reasons.length) out.push(`exit 1: ${reasons.join(' and ')}`);
    process.stdout.write(out.join('\n') + '\n');
    return reasons.length ? EXIT.invalid : EXIT.ok;
  },
};

/** What would pin a number: the case to add, in a tester's words. */
function wouldPin(u: Unpinned): string {
  const lower = u.unnoticed.some((v) => (typeof v === 'number' ? v < (u.value as number) : v < u.value));
  const higher = u.unnoticed.some((v) => (typeof v === 'number' ? v > (u.value as number) : v > u.value));
  const both = lower && higher;
  switch (u.kind) {
    case 'points':
      return `no case's score turns on ${u.owner}'s ${u.value}: add one where an event of ${u.owner} counts and no cap or maximum absorbs it`;
    case 'clauseCap':
    case 'itemCap':
      return `no case reaches the ${u.owner} cap of ${u.value}${both ? '' : higher ? ' (one that goes past it)' : ' (one that stops exactly at it)'}`;
    case 'itemMax':
      return `no case reaches the ${u.owner} maximum of ${u.value}${higher ? ' (one that goes past it)' : ' (one that stops exactly at it)'}`;
    case 'itemFull':
    case 'itemBase':
      return `no case's score shows ${u.owner}'s ${u.kind === 'itemFull' ? 'full' : 'base'} score of ${u.value}`;
    case 'windowMonths':
      return `no case has an event of ${u.owner} at the ${u.value}-month edge: ${[lower ? 'one counted in the last month of the window' : '', higher ? 'one lapsed in the month after it' : ''].filter(Boolean).join(' and ')}`;
    case 'gradeLine':
      return `no case scores ${lower ? `just under the ${u.owner} line of ${u.value} (${u.unnoticed.find((v) => (v as number) < (u.value as number))} to ${u.value})` : ''}${both ? ' nor ' : ''}${higher ? `exactly on the ${u.owner} line of ${u.value}` : ''}`;
    case 'downgradeFloor':
      return `no case is downgraded to ${u.label} with the floor of ${u.value} deciding its score`;
    case 'dateParameter':
      return `no case has an event on the day ${u.value} (${u.owner}: ${u.label}) ${both ? 'nor the day before' : higher ? '' : 'or the day before'}`.trim();
    default:
      return `no case sits at the edge of ${u.owner} (${u.label}) = ${u.value}`;
  }
}

const INERT = {
  pointsPastItemLimit: (limit: number) => `past its item's limit of ${limit}, where the item stops first`,
  capPastFull: (limit: number) => `past the full score of ${limit}, where the floor at 0 stops deductions first`,
  fullPastClauses: (limit: number) => `past the ${limit} its clauses can give`,
  fullPastExclusiveClauses: (limit: number) => `past the ${limit} its clauses can give together (clauses that ask one field of the record for different values never both hold)`,
  betweenScores: (grain: number) => `between two scores a record can have (every score is a multiple of ${grain})`,
} as const;

/** The sensitivity report in lines. */
function sensitivityLines(report: SensitivityReport): string[] {
  const lines = [`sensitivity: ${report.numbers} numbers moved one step each way (${report.moves} rulesets run): ${report.pinned} pinned by a case, ${report.unpinned.length} not`];
  for (const u of report.unpinned) lines.push(`  ✗ ${u.owner} ${u.kind} ${u.value} → ${u.unnoticed.join(' or ')} unnoticed (${u.path})`, `      ${wouldPin(u)}`);
  const inert = [...report.unpinned, ...report.inert].filter((u) => u.inert.length);
  if (inert.length) {
    lines.push('  moves no record could notice (by construction, no case needed):');
    for (const u of inert) for (const m of u.inert) lines.push(`    ${u.owner} ${u.kind} ${u.value} → ${m.value}: ${INERT[m.reason](m.limit)}`);
  }
  if (!report.unpinned.length) lines.push('  every number is pinned by at least one case');
  return lines;
}
