/**
 * Starting `credit-rules serve` (the built CLI) for tests: on a free port, with its JSON log
 * lines collected, and stopped by its own process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from '../cli-helpers.js';

export interface Started {
  url: string;
  child: ChildProcess;
  /** The JSON log lines so far. */
  logs: Record<string, unknown>[];
  /** Waits for a log line that `test` accepts. */
  logged(test: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM, then the exit status. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts the service with `args` (after `serve`), resolving once it listens. */
export function startServe(args: readonly string[] = [], env: Record<string, string> = {}): Promise<Started> {
  // One process unless the test asks for workers (the default is one per core).
  const workers = args.includes('--workers') ? [] : ['--workers', '1'];
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...workers, ...args], { cwd: ROOT, env: { ...process.env, CREDIT_RULES_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  const waiting: { test: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  let rest = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    const lines = (rest + text).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue; // a usage error is one plain line
      }
      logs.push(parsed);
      for (const w of [...waiting]) if (w.test(parsed)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(parsed);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (test: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> => {
    const seen = logs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such log line within ${timeoutMs} ms; the log:\n${logs.map((l) => `${l.msg} ${l.code ?? ""} ${l.status ?? ""}`).join("\n")}\nstderr:\n${stderr.slice(-3000)}`)), timeoutMs);
      waiting.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  };
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
    logged((l) => l.msg === 'listening', 60_000).then((line) => {
      resolve({ url: line.url as string, child, logs, logged, exited, stop: () => (child.kill('SIGTERM'), exited) });
    }, reject);
  });
}
