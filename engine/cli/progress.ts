/**
 * A progress line on standard error while records stream through a terminal: records done
 * and the rate, redrawn at most every 200 ms, erased at the end.
 */
import type { Writable } from 'node:stream';

const INTERVAL_MS = 200;
const CLEAR = '\r\x1b[2K';

export class Progress {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly stream: Writable,
    private readonly enabled: boolean,
  ) {}

  /** Redraws the line if 200 ms have passed since the last time. */
  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDrawn < INTERVAL_MS) return;
    this.lastDrawn = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    this.stream.write(`${CLEAR}${done.toLocaleString('en-US')} records · ${rate.toLocaleString('en-US')} records/s`);
    this.shown = true;
  }

  /** Erases the line, so a message or the end of the run starts on a clean line. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR);
    this.shown = false;
  }
}
