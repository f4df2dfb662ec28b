/** Help texts, built from the commands' own option declarations so they cannot drift. */
import type { Command } from './command.js';
import { exitStatusHelp } from './exit.js';

/** `credit-rules COMMAND --help`. */
export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.choices ? ` (${o.choices.join(', ')})` : '')] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: credit-rules ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    command.details.trimEnd(),
    '',
  ].join('\n');
}

/** `credit-rules --help`. */
export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `credit-rules ${version}: scores records by rulesets written as JSON data, and explains every point`,
    '',
    'Usage: credit-rules COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also after a command: credit-rules evaluate --help)',
    '  -V, --version  print the version',
    '',
    'Exit status:',
    exitStatusHelp(),
    '',
    'Example:',
    '  credit-rules evaluate records.ndjson --ruleset rulesets/enterprise.json --format table',
    '',
  ].join('\n');
}
