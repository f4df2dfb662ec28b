/**
 * Parsing a command line against a command's declared options. Anything not declared is a
 * usage error (exit 2) that names the offender and suggests the nearest spelling.
 */
import { CreditRulesError, problemAt } from '../errors.js';
import { editDistance } from '../suggest.js';
import type { ProblemCode, ProblemParamsByCode } from '../messages/codes.js';

/** An option a command accepts: `--name VALUE` (string) or `--name` (flag). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder in help and messages (`FILE`, `YYYY-MM-DD`). */
  value?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  description: string;
  /** One-letter alias (`h` for `-h`). */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

/** A usage error said by its catalogue code: what is wrong on the command line and, as its one problem's `fix`, how to put it right. */
export function usageError<C extends ProblemCode>(code: C, params: ProblemParamsByCode[C]): CreditRulesError {
  const problem = problemAt('', code, params);
  return new CreditRulesError('USAGE', problem.message, { problems: [problem] });
}

/** A usage error in English words only, for a command's own arguments not yet in the catalogues. */
export function usageInWords(message: string, fix: string): CreditRulesError {
  return new CreditRulesError('USAGE', message, { problems: [{ path: '', message, fix }] });
}

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Parses `argv` (after the command name). Accepts `--name value`, `--name=value`, `-h`,
 * a lone `-` (standard input) as a positional, and `--` to end options.
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean | undefined> = {};
  const names = Object.keys(spec);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      name = names.find((n) => spec[n]!.short === arg.slice(1));
      if (name === undefined) throw usageError('cli.unknownOption', { option: arg, command });
    }
    const option = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!option) {
      const guess = nearest(name, names);
      throw usageError('cli.unknownOption', { option: `--${name}`, command, ...(guess ? { guess } : {}) });
    }
    if (option.type === 'boolean') {
      if (inline !== undefined) throw usageError('cli.optionTakesNoValue', { option: `--${name}` });
      options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw usageError('cli.optionNeedsValue', { option: `--${name}`, ...(option.choices ? { choices: [...option.choices] } : option.value !== undefined ? { placeholder: option.value } : {}) });
    }
    if (option.choices && !option.choices.includes(value)) {
      const guess = nearest(value, option.choices);
      throw usageError('cli.optionChoice', { option: `--${name}`, value, choices: [...option.choices], ...(guess ? { guess } : {}) });
    }
    if (options[name] !== undefined) throw usageError('cli.optionTwice', { option: `--${name}` });
    options[name] = value;
  }
  return { positionals, options };
}
