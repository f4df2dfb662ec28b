/**
 * Reading request bodies within limits: a JSON document whole, up to the body limit; an NDJSON
 * stream chunk by chunk, of any length, each line up to the limit. A client that stops sending
 * for the idle timeout gets a TIMEOUT problem instead of holding the request open.
 */
import type { IncomingMessage } from 'node:http';
import { en } from '../messages/en.js';
import { problemAt } from '../errors.js';
import { HttpProblem } from './problem.js';

export interface BodyLimits {
  /** Bytes a JSON body (or one NDJSON line) may have. */
  maxBytes: number;
  /** Milliseconds a body may pause between two chunks. */
  idleMs: number;
}

export function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, 'BODY_TOO_LARGE', `the body is larger than ${en.size(limit)}, the limit of this service`, [problemAt('$', 'service.bodyTooLarge', { bytes: limit })]);
}

export function idle(ms: number): HttpProblem {
  return new HttpProblem(408, 'TIMEOUT', `the body stopped arriving: nothing for ${ms / 1000} s`, [problemAt('$', 'service.timeout', {})]);
}

const wentAway = (): HttpProblem => new HttpProblem(400, 'BAD_REQUEST', 'the client went away before sending the whole body');

/** The bytes of a body read so far when it turned out to be a JSON array, its reading paused there. */
export interface ArrayStart {
  arrayStart: Buffer[];
}

const isBlank = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf;

/**
 * The whole body, refused past `maxBytes` or after `idleMs` without data. With `arrays`, a
 * body whose first byte that is not blank is "[" is not read whole: the chunks read so far are
 * returned and the request is paused, to be read on element by element (streamBody).
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer>;
export function readBody(req: IncomingMessage, limits: BodyLimits, arrays: true): Promise<Buffer | ArrayStart>;
export function readBody(req: IncomingMessage, { maxBytes, idleMs }: BodyLimits, arrays = false): Promise<Buffer | ArrayStart> {
  const declared = Number(req.headers['content-length']);
  if (!arrays && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  let looking = arrays;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error, arrayStart?: boolean): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', finish).off('aborted', onAborted);
      if (error) reject(error);
      else if (arrayStart) resolve({ arrayStart: chunks });
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      chunks.push(chunk);
      if (looking) {
        const first = chunk.find((b) => !isBlank(b));
        if (first === 0x5b) {
          req.pause();
          return finish(undefined, true);
        }
        if (first !== undefined) looking = false;
        if (!looking && declared > maxBytes) return finish(tooLarge(maxBytes));
      }
      if (size > maxBytes) return finish(tooLarge(maxBytes));
      timer.refresh();
    };
    const onEnd = (): void => finish();
    // Not a bug of ours: logged as the request's own problem, not as an internal error.
    const onAborted = (): void => finish(wentAway());
    const timer = setTimeout(() => finish(idle(idleMs)), idleMs);
    req.on('data', onData).on('end', onEnd).on('error', finish).on('aborted', onAborted);
  });
}

/**
 * The body's chunks as they come, failing after `idleMs` without data; `stalled` hears of it
 * first, since a reader of the chunks may wrap the error in its own.
 */
export async function* streamBody(req: IncomingMessage, idleMs: number, stalled: (problem: HttpProblem) => void): AsyncGenerator<Buffer> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          const problem = idle(idleMs);
          stalled(problem);
          reject(problem);
        }, idleMs);
      });
      let next: IteratorResult<Buffer>;
      try {
        next = await Promise.race([chunks.next(), timeout]);
      } catch (error) {
        if (error instanceof HttpProblem) throw error;
        // The connection closed mid-body: the request's own problem, not an internal error.
        throw wentAway();
      }
      clearTimeout(timer);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
  }
}

