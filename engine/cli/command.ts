/** A subcommand of `credit-rules`: its options (for parsing and for help) and what it does. */
import type { OptionSpec, ParsedArgs } from './args.js';
import type { ExitStatus } from './exit.js';

export interface Command {
  name: string;
  /** One line for `credit-rules --help`. */
  summary: string;
  /** The synopsis, e.g. `evaluate RECORDS --ruleset FILE [options]`. */
  usage: string;
  /** Paragraphs after the options: what the command does, exit statuses, examples. */
  details: string;
  options: Readonly<Record<string, OptionSpec>>;
  run(args: ParsedArgs): Promise<ExitStatus>;
}

/** `--help`, which every command accepts. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };
