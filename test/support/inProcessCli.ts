/**
 * `credit-rules ARGS` run in this process (no build needed): what it wrote to standard output
 * and standard error, in the order written, and its exit status. With `cwd`, it runs there.
 */
import { vi } from 'vitest';
import { main, report } from '../../engine/cli/run.js';

export async function runInProcess(args: readonly string[], cwd?: string): Promise<{ output: string; status: number }> {
  let output = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const before = process.cwd();
  let status: number;
  try {
    if (cwd) process.chdir(cwd);
    status = await main(args).catch((error: unknown) => report(error));
  } finally {
    process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
  return { output, status };
}
