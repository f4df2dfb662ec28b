/**
 * Exit statuses of `credit-rules`, in one place: the commands return them, `--help` and the
 * README list them, and the library exports them (`EXIT_STATUS`) so a program that spawns the
 * CLI can tell "a grade changed" from "the input is broken". 70 is sysexits' EX_SOFTWARE.
 */
export const EXIT = {
  /** All went well. */
  ok: 0,
  /** A ruleset, record, case or file is invalid, or a case failed. */
  invalid: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** `diff --fail-on-grade-change`: the input is sound and a case changes grade. */
  gradeChanged: 3,
  /** A bug of ours: reported in one line, never as a stack trace. */
  internal: 70,
} as const;

/** One of the statuses `credit-rules` exits with. */
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** What each status means, as `credit-rules --help` says it. */
export const EXIT_MEANINGS: Readonly<Record<ExitStatus, string>> = {
  [EXIT.ok]: 'all went well',
  [EXIT.invalid]: 'a ruleset, record, case or file is invalid (or a case failed)',
  [EXIT.usage]: 'the command line is wrong',
  [EXIT.gradeChanged]: 'diff --fail-on-grade-change: a case changes grade (the input is sound)',
  [EXIT.internal]: 'an internal error (please report it)',
};

/** The exit statuses as lines of help text: `  0  all went well`. */
export function exitStatusHelp(): string {
  return Object.entries(EXIT_MEANINGS).map(([status, meaning]) => `  ${status.padStart(2)}  ${meaning}`).join('\n');
}
