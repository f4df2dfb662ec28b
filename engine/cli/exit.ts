/** Exit statuses of `credit-rules` (records.md; 70 is sysexits' EX_SOFTWARE). */
export const EXIT = {
  ok: 0,
  /** A ruleset, record, case or file is invalid, or a case failed. */
  invalid: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** A bug of ours: reported in one line, never as a stack trace. */
  internal: 70,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];
