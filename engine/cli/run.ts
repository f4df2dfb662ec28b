/**
 * Running a `credit-rules` command line: dispatch to a command, and turn everything that goes
 * wrong into a message and an exit status. Coded errors print their file, record, JSON path
 * and fix (exit 1, or 2 for usage); anything else is a bug of ours, reported in one line
 * (exit 70), never a stack trace.
 */
import pkg from '../../package.json' with { type: 'json' };
import { CreditRulesError } from '../errors.js';
import { nearest, parseArgs, usageError } from './args.js';
import type { Command } from './command.js';
import type { Locale } from '../messages/codes.js';
import { diffCommand } from './commands/diff.js';
import { evaluateCommand } from './commands/evaluate.js';
import { serveCommand } from './commands/serve.js';
import { forecastCommand } from './commands/forecast.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, type ExitStatus } from './exit.js';
import { commandHelp, mainHelp } from './help.js';
import { internalError } from './report.js';

const COMMANDS: readonly Command[] = [evaluateCommand, validateCommand, testCommand, diffCommand, forecastCommand, serveCommand];

/** Runs the command line `argv` (without node and the script) and returns the exit status. */
export async function main(argv: readonly string[]): Promise<ExitStatus> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    // Without any command it is a usage error: the help goes where errors go.
    (first === undefined ? process.stderr : process.stdout).write(topic ? commandHelp(topic) : mainHelp(COMMANDS, pkg.version));
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const names = COMMANDS.map((c) => c.name);
    if (first.startsWith('-')) throw usageError('cli.optionFirst', { option: first, commands: names });
    const guess = nearest(first, names);
    throw usageError('cli.unknownCommand', { command: first, commands: names, ...(guess ? { guess } : {}) });
  }
  const args = parseArgs(rest, command.options, command.name);
  if (args.options.help) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(args);
}

/** Prints what went wrong, in `locale` (English unless `--lang` asks for Chinese), and gives its exit status. */
export function report(error: unknown, locale: Locale = 'en'): ExitStatus {
  if (error instanceof CreditRulesError) {
    if (error.code === 'USAGE') {
      // A Chinese problem says what is wrong and how to fix it in one sentence.
      const fix = locale === 'en' ? error.problems[0]?.fix : undefined;
      process.stderr.write(`credit-rules: ${error.messageIn(locale)}\n${fix ? `  ${fix}\n` : ''}`);
      return EXIT.usage;
    }
    process.stderr.write(`${error.describe(locale)}\n`);
    return EXIT.invalid;
  }
  process.stderr.write(`${internalError(error)}\n`);
  return EXIT.internal;
}
