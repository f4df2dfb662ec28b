/**
 * Where records come from: a `.json` file (one record, or an array, streamed element by
 * element), an `.ndjson` file (one record per line, streamed), or standard input (`-`), which
 * is sniffed. Every record comes with where it was found, so messages can name the line or the
 * array index.
 */
import { createReadStream } from 'node:fs';
import { CreditRulesError } from '../errors.js';
import { jsonArrayBatches } from '../jsonArray.js';
import { decodeUtf8, fileError, ioError, MAX_DEPTH, maxJsonBytes, parseJsonDocument, parseJsonLine, readJsonFile, STDIN, statPath } from './files.js';
import { lines, MAX_LINE_BYTES, type Line } from './lines.js';

/** Where a record was found: its file and, for NDJSON, its line; for a JSON array, its index. */
export interface Where {
  file: string;
  line?: number;
  index?: number;
}

/** A record to evaluate, or a line that could not even be read as one. */
export type RecordItem = { value: unknown; where: Where; error?: undefined } | { error: CreditRulesError; where: Where; value?: undefined };

export interface RecordSource {
  format: 'json' | 'ndjson';
  /** Read as it goes (NDJSON, a JSON array), not whole: worth a progress line. */
  streamed: boolean;
  /** The records in input order, in batches. */
  batches: AsyncIterable<RecordItem[]>;
}

/** NDJSON by extension; `undefined` means "look at the content". */
function formatByName(file: string): 'json' | 'ndjson' | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

function itemsOfDocument(value: unknown, file: string): RecordItem[] {
  return Array.isArray(value) ? value.map((record, index) => ({ value: record, where: { file, index } })) : [{ value, where: { file } }];
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** NDJSON lines as records: blank lines are skipped; a bad line is an item carrying its error. */
export async function* recordsOfLines(batches: AsyncIterable<Line[]>, file: string): AsyncGenerator<RecordItem[]> {
  try {
    for await (const batch of batches) {
      const items: RecordItem[] = [];
      for (const line of batch) {
        const where = { file, line: line.number };
        if ('tooLong' in line) {
          items.push({ where, error: fileError('JSON_INVALID', `${file}:${line.number}`, 'file.lineTooLong', { bytes: line.tooLong }) });
        } else if ('notUtf8' in line) {
          items.push({ where, error: fileError('JSON_INVALID', `${file}:${line.number}`, 'file.lineNotUtf8', {}) });
        } else if (line.text.trim() !== '') {
          try {
            items.push({ where, value: parseJsonLine(line.text, file, line.number) });
          } catch (error) {
            items.push({ where, error: error as CreditRulesError });
          }
        }
      }
      if (items.length) yield items;
    }
  } catch (error) {
    if (error instanceof CreditRulesError) throw error;
    throw ioError(file, error, 'records file');
  }
}

/**
 * The elements of a JSON array as records, as they are read. A syntax error ends the file: it
 * comes as a last item carrying its error (its path names the element: `$[3].events[0]`).
 */
async function* recordsOfArray(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<RecordItem[]> {
  // The array is one level: an element may nest one less than a whole file; it may be as long as an NDJSON line.
  const elements = jsonArrayBatches(chunks, { maxDepth: MAX_DEPTH - 1, maxElementLength: MAX_LINE_BYTES });
  try {
    for await (const batch of elements) {
      if (batch.length) yield batch.map((element) => ({ value: element.value, where: { file, index: element.index } }));
    }
  } catch (error) {
    if (!(error instanceof CreditRulesError)) throw ioError(file, error, 'records file');
    if (error.code !== 'JSON_INVALID') throw error;
    yield [{ error: error.placed({ file, problems: error.problems }), where: { file } }];
  }
}

function isObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Reads chunks until the content shows what it is, then replays them: NDJSON (unless `json`
 * says it is one document), a JSON array (streamed), or another JSON document (read whole,
 * within the size limit; `whole` reads it, by default from the chunks).
 */
async function sniff(chunks: AsyncIterable<Buffer>, file: string, json = false, whole?: () => unknown): Promise<RecordSource> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  let decided: 'json' | 'ndjson' | undefined;
  let first = -1; // offset of the first non-blank byte
  let firstByte: number | undefined;
  while (decided === undefined && bytes <= maxJsonBytes()) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = next.value;
    seen.push(chunk);
    const offset = bytes;
    bytes += chunk.length;
    let from = 0;
    if (first === -1) {
      for (; from < chunk.length; from++) {
        const b = chunk[from]!;
        // Blanks and the bytes of a UTF-8 BOM.
        if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) break;
      }
      if (from === chunk.length) continue;
      first = offset + from;
      firstByte = chunk[from];
      if (json || firstByte !== 0x7b) decided = 'json'; // "{" may start NDJSON; anything else is one document
    }
    const newline = decided ? -1 : chunk.indexOf(0x0a, from);
    if (newline !== -1) {
      // One record per line: the first line is a whole object (not the start of one that
      // happens to end in "}": `{"id": …, "licence": {…}` and more lines).
      decided = isObjectText(Buffer.concat(seen).subarray(first, offset + newline).toString('utf8')) ? 'ndjson' : 'json';
    }
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    yield* rest;
  }
  if (decided === 'ndjson') return { format: 'ndjson', streamed: true, batches: recordsOfLines(lines(replay()), file) };
  if (firstByte === 0x5b) return { format: 'json', streamed: true, batches: recordsOfArray(replay(), file) };
  if (whole) {
    await iterator.return?.();
    return { format: 'json', streamed: false, batches: once(itemsOfDocument(whole(), file)) };
  }
  // Another JSON document: read it whole, within the size limit.
  const parts: Buffer[] = [];
  let size = 0;
  const limit = maxJsonBytes();
  for await (const chunk of replay()) {
    size += chunk.length;
    if (size > limit) {
      throw fileError('FILE_UNREADABLE', file, 'file.jsonTooLarge', { limit });
    }
    parts.push(chunk);
  }
  const value = parseJsonDocument(decodeUtf8(Buffer.concat(parts), file), file);
  return { format: 'json', streamed: false, batches: once(itemsOfDocument(value, file)) };
}

/** A file's chunks, turning read errors into coded ones. */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } catch (error) {
    throw ioError(file, error, 'records file');
  }
}

/**
 * Opens RECORDS as the command line names it. Problems with the whole file (missing, a
 * folder, too big, not JSON) throw; problems with one record come as items, and so does a
 * syntax error in an array, after the elements before it.
 */
export async function openRecords(path: string): Promise<RecordSource> {
  if (path === '-') return sniff(process.stdin as AsyncIterable<Buffer>, STDIN);
  const stats = statPath(path, 'records file');
  if (stats.isDirectory()) throw fileError('FILE_UNREADABLE', path, 'file.recordsDirectory', {});
  const format = formatByName(path);
  if (format === 'ndjson') return { format, streamed: true, batches: recordsOfLines(lines(fileChunks(path)), path) };
  // A .json array is streamed; one record is read whole, refused unread when the file is too big.
  if (format === 'json') return sniff(fileChunks(path), path, true, () => readJsonFile(path, 'records file'));
  return sniff(fileChunks(path), path);
}
