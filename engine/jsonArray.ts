/**
 * Reading a JSON array one element at a time, from text that arrives in chunks (a file, a
 * standard input, an HTTP body), so an array of any length goes through in the memory of one
 * element. Each element's text is found by a small scanner (strings with their escapes,
 * nesting, whitespace) and parsed by `JSON.parse`, so the values are exactly JSON's. The
 * first syntax error ends the reading with a `JSON_INVALID` error giving the line, the column
 * and the JSON path (`$[3].events[0]`: the element's index, then the path inside it);
 * elements before it have been yielded. Runs in Node and in the browser alike.
 */
import { CreditRulesError, errorSaying, problemAt, problemFrom } from './errors.js';
import type { JsonFound } from './messages/codes.js';
import { controlChar, findSyntaxError, shortPath, type JsonSyntax } from './syntax.js';

/** One element of the array: its value, its index and where its text starts (1-based line and column). */
export interface ArrayElement {
  value: unknown;
  index: number;
  line: number;
  column: number;
}

/** Limits that keep one element from taking unbounded memory or stack. */
export interface JsonArrayOptions {
  /** Containers one element may nest, default 255 (the array itself makes 256). */
  maxDepth?: number;
  /** Characters one element may take, default 64 Mi. */
  maxElementLength?: number;
}

const enum State {
  /** Before the opening bracket. */
  Start,
  /** After "[": an element or "]". */
  First,
  /** Inside an element. */
  Element,
  /** After an element: "," or "]". */
  After,
  /** After ",": an element. */
  Next,
  /** After the closing bracket: only whitespace. */
  End,
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** What stands at a character, as a problem names it. */
function foundChar(c: number | undefined): JsonFound {
  if (c === undefined) return { kind: 'end' };
  if (c < 0x20) return { kind: 'control', char: controlChar(c) };
  return { kind: 'token', text: String.fromCharCode(c) };
}

/**
 * The scanner: `feed` text, take the finished elements from `elements`; `error` is set at the
 * first syntax error, after which nothing more is read.
 */
class ArrayScanner {
  elements: ArrayElement[] = [];
  error: CreditRulesError | undefined;
  private state = State.Start;
  private readonly maxDepth: number;
  private readonly maxLength: number;
  // Where the scanner is: line, and the offset (in all text fed so far) at which that line starts.
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private first = true;
  // The element being read.
  private index = 0;
  private parts: string[] = [];
  private length = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private startLine = 0;
  private startColumn = 0;

  constructor(options: JsonArrayOptions) {
    this.maxDepth = options.maxDepth ?? 255;
    this.maxLength = options.maxElementLength ?? 64 * 1024 * 1024;
  }

  /** Stops at a problem found at offset `at` of the line being read. A limit exceeded is said as such, not as a syntax error. */
  private fail(at: number, error: JsonSyntax, path = '$'): void {
    const [line, column] = [this.line, at - this.lineStart + 1];
    const problem = problemFrom(path, error);
    const limit = error.code === 'json.tooDeep' || error.code === 'json.elementTooLong';
    this.error = limit
      ? errorSaying('JSON_INVALID', 'json.limit', { problem: error, line, column }, { problems: [problem] })
      : errorSaying('JSON_INVALID', 'json.invalid', { line, column }, { problems: [problem] });
  }

  /** An element starts with character `c`: a string, an object or array, else a number or literal. */
  private begin(at: number, c: number): void {
    this.state = State.Element;
    this.parts = [];
    this.length = 0;
    this.inString = c === 0x22;
    this.depth = c === 0x7b || c === 0x5b ? 1 : 0;
    this.escaped = false;
    this.startLine = this.line;
    this.startColumn = at - this.lineStart + 1;
  }

  /** The element's text is complete: parse it, or say where it goes wrong. */
  private finish(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.elementError(text, error);
      return;
    }
    this.elements.push({ value, index: this.index, line: this.startLine, column: this.startColumn });
    this.index++;
    this.state = State.After;
  }

  /** The syntax error inside an element's text, placed in the whole text. */
  private elementError(text: string, error?: unknown): void {
    const found = findSyntaxError(text);
    const said: JsonSyntax = found ?? (error instanceof Error ? { code: 'json.parser', params: { reason: error.message } } : { code: 'json.listUnclosed', params: {} });
    const line = found ? this.startLine + found.line - 1 : this.line;
    const column = found ? (found.line === 1 ? this.startColumn + found.column - 1 : found.column) : this.offset - this.lineStart + 1;
    const path = shortPath(`$[${this.index}]${(found?.path ?? '$').slice(1)}`);
    this.error = errorSaying('JSON_INVALID', 'json.invalid', { line, column }, { problems: [problemFrom(path, said)] });
  }

  /** Reads the next piece of text. */
  feed(text: string): void {
    if (this.error) return;
    let i = 0;
    if (this.first && text.length) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        // A byte order mark, as editors on Windows write: not a column of the first line.
        i = 1;
        this.lineStart = 1;
      }
    }
    const base = this.offset;
    this.offset += text.length;
    let from = i; // where the element being read starts in this piece
    for (; i < text.length; i++) {
      if (this.state === State.Element) {
        const end = this.scanElement(text, i, base);
        if (this.error) return;
        if (end === -1) return void this.take(text, from, text.length, base);
        if (!this.complete(text, from, end, base)) return;
        i = end - 1; // what follows the element is read next
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        this.line++;
        this.lineStart = base + i + 1;
        continue;
      }
      if (isSpace(c)) continue;
      switch (this.state) {
        case State.Start:
          if (c !== 0x5b) return this.fail(base + i, { code: 'json.listExpected', params: { found: foundChar(c) } });
          this.state = State.First;
          break;
        case State.Next:
          if (c === 0x5d) return this.fail(base + i, { code: 'json.valueExpected', params: { found: foundChar(c), why: 'trailingComma' } }, `$[${this.index}]`);
        // falls through: an element starts
        case State.First:
          if (c === 0x5d) this.state = State.End;
          else {
            this.begin(base + i, c);
            from = i;
          }
          break;
        case State.After:
          if (c === 0x2c) this.state = State.Next;
          else if (c === 0x5d) this.state = State.End;
          else {
            const commaMissing = c === 0x22 || c === 0x7b || c === 0x5b;
            return this.fail(base + i, { code: 'json.separatorExpected', params: { found: foundChar(c), close: ']', commaMissing } }, `$[${this.index}]`);
          }
          break;
        case State.End:
          return this.fail(base + i, { code: 'json.afterList', params: { found: foundChar(c) } });
      }
    }
    if (this.state === State.Element) this.take(text, from, text.length, base); // an element begun on the last character
  }

  /**
   * Reads an element's text from `i`: returns where it ends in `text`, or -1 when it goes on
   * past it. The hot loop: strings are skipped from quote to backslash with `indexOf`; a line
   * break inside a string is not counted, as it makes the element invalid (and its error is
   * placed from where the element starts).
   */
  private scanElement(text: string, i: number, base: number): number {
    const n = text.length;
    let { depth, inString, escaped, line, lineStart } = this;
    let quote = -1;
    let backslash = -1;
    let end = -1;
    for (; i < n; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        if (quote < i) quote = text.indexOf('"', i) >>> 0; // -1 becomes 2^32 - 1: past the end
        if (backslash < i) backslash = text.indexOf('\\', i) >>> 0;
        i = Math.min(quote, backslash, n);
        if (i === n) break;
        if (i === backslash) escaped = true;
        else {
          inString = false;
          if (depth === 0) {
            end = i + 1;
            break;
          }
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (depth === 0) {
        // A number or a literal: it ends before anything that is not part of one, which is
        // then read as what follows it ("," or "]", or an error there).
        if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x22 || c === 0x7b || c === 0x5b || isSpace(c)) {
          end = i;
          break;
        }
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > this.maxDepth) {
          Object.assign(this, { line, lineStart });
          this.fail(base + i, { code: 'json.tooDeep', params: { depth: this.maxDepth + 1 } }, `$[${this.index}]`);
          return -1;
        }
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          end = i + 1;
          break;
        }
      } else if (c === 0x0a) {
        line++;
        lineStart = base + i + 1;
      }
    }
    Object.assign(this, { depth, inString, escaped, line, lineStart });
    return end;
  }

  /** The element ends at `to`: takes its last piece and parses it. False when that failed. */
  private complete(text: string, from: number, to: number, base: number): boolean {
    if (!this.take(text, from, to, base)) return false;
    this.finish();
    return this.error === undefined;
  }

  /** Adds a piece of the current element's text, within the length limit. False when it is too long. */
  private take(text: string, from: number, to: number, base: number): boolean {
    if (to <= from) return true;
    this.length += to - from;
    if (this.length > this.maxLength) {
      this.fail(base + to, { code: 'json.elementTooLong', params: { length: this.maxLength } }, `$[${this.index}]`);
      return false;
    }
    this.parts.push(from === 0 && to === text.length ? text : text.slice(from, to));
    return true;
  }

  /** The text is over: it must have closed the array. */
  end(): void {
    if (this.error) return;
    if (this.state === State.Element) {
      // A number or a literal may end the text (then "]" is missing); anything else is cut off.
      if (this.depth > 0 || this.inString) return this.elementError(this.parts.join(''));
      this.finish();
      if (this.error) return;
    }
    if (this.state === State.Start) this.fail(this.offset, { code: 'json.listEmpty', params: {} });
    else if (this.state !== State.End) this.fail(this.offset, { code: 'json.listUnclosed', params: {} });
  }

  /** The text holds bytes that are not UTF-8, at the point reached. */
  notUtf8(): void {
    if (this.error) return;
    const problem = problemAt(this.state === State.Start ? '$' : `$[${this.index}]`, 'json.notUtf8', {});
    this.error = errorSaying('JSON_INVALID', 'json.notUtf8', { line: this.line, column: this.offset - this.lineStart + 1 }, { problems: [problem] });
  }
}

/**
 * The elements of a JSON array read from chunks of text or UTF-8 bytes, one batch per chunk
 * (a batch may be empty while a long element is read). Throws `JSON_INVALID` (line, column,
 * `$[index]…` path) at the first syntax error, after yielding the elements before it.
 */
export async function* jsonArrayBatches(chunks: AsyncIterable<string | Uint8Array>, options: JsonArrayOptions = {}): AsyncGenerator<ArrayElement[]> {
  const scanner = new ArrayScanner(options);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = false;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') scanner.feed(chunk);
    else {
      bytes = true;
      feedBytes(scanner, decoder, chunk);
    }
    if (scanner.elements.length) {
      yield scanner.elements;
      scanner.elements = [];
    }
    if (scanner.error) throw scanner.error;
  }
  if (bytes) feedBytes(scanner, decoder);
  scanner.end();
  if (scanner.elements.length) yield scanner.elements;
  if (scanner.error) throw scanner.error;
}

/** Decodes bytes into the scanner; bytes that are not UTF-8 end the reading where they stand. */
function feedBytes(scanner: ArrayScanner, decoder: TextDecoder, chunk?: Uint8Array): void {
  let text: string;
  try {
    text = chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    // Read up to the first character that is not UTF-8, so the error says where it is.
    const lenient = chunk ? new TextDecoder('utf-8').decode(chunk) : '\uFFFD';
    scanner.feed(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
    scanner.notUtf8();
    return;
  }
  scanner.feed(text);
}

/** The elements of a JSON array read from chunks, one at a time (see `jsonArrayBatches`). */
export async function* jsonArrayValues(chunks: AsyncIterable<string | Uint8Array>, options: JsonArrayOptions = {}): AsyncGenerator<ArrayElement> {
  for await (const batch of jsonArrayBatches(chunks, options)) yield* batch;
}
