/** Structured logs: one JSON object a line (time, level, msg, then the fields), to standard error or a file. */
import type { Writable } from 'node:stream';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** A logger writing JSON lines to `stream`. */
export function jsonLogger(stream: Writable): Logger {
  return (level, msg, fields) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
}
