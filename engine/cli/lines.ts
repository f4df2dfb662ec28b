/**
 * Splitting a byte stream into lines, in batches, with bounded memory: a chunk is split where
 * it holds newlines, only a line's unfinished tail is carried over, and a line longer than the
 * limit is dropped (and reported) instead of growing without end.
 */
import { isUtf8 } from 'node:buffer';

/** One line of a file: its 1-based number and text (no newline, no `\r`, no BOM). */
export type Line = { number: number; text: string } | { number: number; tooLong: number } | { number: number; notUtf8: true };

/** One record line may be this long; longer lines are reported, not buffered. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

function decodeLine(bytes: Buffer, number: number): Line {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  let start = 0;
  if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const text = bytes.toString('utf8', start, end);
  // U+FFFD is what invalid UTF-8 (a GBK file) decodes to; only then is the exact check worth it.
  if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, end))) return { number, notUtf8: true };
  return { number, text };
}

/** The lines of a stream of chunks, one batch per chunk. Blank lines are kept (the caller skips them). */
export async function* lines(chunks: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line[]> {
  let carried: Buffer[] = [];
  let carriedBytes = 0;
  let skipping = 0; // bytes of an over-long line being skipped
  let number = 0;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const batch: Line[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      number++;
      if (skipping) {
        batch.push({ number, tooLong: skipping + nl - start });
        skipping = 0;
      } else if (carriedBytes) {
        carried.push(chunk.subarray(start, nl));
        batch.push(decodeLine(Buffer.concat(carried), number));
        carried = [];
        carriedBytes = 0;
      } else {
        batch.push(decodeLine(chunk.subarray(start, nl), number));
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.length - start;
      if (skipping) skipping += rest;
      else if (carriedBytes + rest > maxLineBytes) {
        skipping = carriedBytes + rest;
        carried = [];
        carriedBytes = 0;
      } else {
        // Copy: the tail must not pin the whole chunk in memory.
        carried.push(Buffer.from(chunk.subarray(start)));
        carriedBytes += rest;
      }
    }
    if (batch.length) yield batch;
  }
  if (skipping) yield [{ number: number + 1, tooLong: skipping }];
  else if (carriedBytes) yield [decodeLine(Buffer.concat(carried), number + 1)];
}
