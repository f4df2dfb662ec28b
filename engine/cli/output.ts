/**
 * Writing results to standard output in blocks, waiting for 'drain' when the reader is
 * slower than we are, so memory stays bounded however many records stream through.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Text is gathered up to this many characters, then written as one block. */
const BLOCK = 64 * 1024;

export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: Writable = process.stdout) {}

  /** Queues text; call `flushIfFull` now and then and `flush` at the end. */
  write(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.size += text.length;
  }

  /** Writes the queued block once it is big enough. */
  async flushIfFull(): Promise<void> {
    if (this.size >= BLOCK) await this.flush();
  }

  /** Writes everything queued, waiting while the stream's buffer is full. */
  async flush(): Promise<void> {
    if (!this.size) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
