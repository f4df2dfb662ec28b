/** A subcommand of `credit-rules`: its options (for parsing and for help) and what it does. */
import type { OptionSpec, ParsedArgs } from './args.js';
import type { ExitStatus } from './exit.js';
import type { Locale } from '../messages/codes.js';

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

/** The languages of `--lang`. */
export const LANGS: readonly Locale[] = ['zh-CN', 'en'];

/** `--lang`: the language of what a command prints for people (`what`) and of its messages. */
export function langOption(what: string): OptionSpec {
  return { type: 'string', value: 'LANG', choices: LANGS, description: `language of ${what} (zh-CN, the default, or en) and of error messages (English unless --lang is given)` };
}

/**
 * The language of the messages (errors, warnings): what `--lang` (or `--lang=…`) asks for,
 * else English, as they have always been. Read from the raw command line so that a usage error
 * found before the options are parsed is said in it too.
 */
export function messageLocale(argv: readonly string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh-CN' || value === 'en') return value;
  }
  return 'en';
}
