/** Structured logs: one JSON object a line (time, level, msg, then the fields), to standard error or a file. */
import type { Writable } from 'node:stream';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/**
 * A logger writing JSON lines to `stream`, each with the `base` fields (a worker's number).
 * The lines of one turn of the event loop go out in one write at its end (standard error
 * written to a file or pipe is a system call per write, which under load cost as much as
 * routing a request); an error line goes out at once, with those before it.
 */
export function jsonLogger(stream: Writable, base: Record<string, unknown> = {}): Logger {
  let pending = '';
  const flush = (): void => {
    if (!pending) return;
    stream.write(pending);
    pending = '';
  };
  // The time is written once a millisecond: under load, a worker logs several requests in one.
  let millisecond = 0;
  let time = '';
  return (level, msg, fields) => {
    if (!pending && level !== 'error') setImmediate(flush);
    const now = Date.now();
    if (now !== millisecond) {
      millisecond = now;
      time = new Date(now).toISOString();
    }
    pending += `${JSON.stringify({ time, level, msg, ...base, ...fields })}\n`;
    if (level === 'error') flush();
  };
}
