/**
 * A records file that is a JSON array goes through the CLI as NDJSON does: element by element,
 * results written as they come, in memory that does not grow with the file; a syntax error
 * half-way is reported with the file, the element and the path, after the records before it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../engine/index.js';
import { CLI, cli, ensureBuilt, FIXTURES, results, ROOT, RULESET } from './cli-helpers.js';
import { generateRecords } from './support/generate.js';

const R = ['--ruleset', RULESET, '--as-of', '2021-06-30'];
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'credit-rules-array-'));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const three = (): unknown[] => JSON.parse(readFileSync(join(ROOT, FIXTURES, 'records', 'three.json'), 'utf8')) as unknown[];

describe('a JSON array of records', () => {
  it('scores the records before a syntax error, keeps the output valid JSON, and names the file, element, path, line and column', () => {
    const [a, b] = three();
    const text = `[\n${JSON.stringify(a, null, 2)},\n${JSON.stringify(b)},\n{"id": "E-BROKEN", "kind": "enterprise", "events": [{"type": "honour" "date": "2021-01-01"}]},\n${JSON.stringify(a)}\n]\n`;
    const file = join(tmp, 'broken.json');
    writeFileSync(file, text);
    const run = cli(['evaluate', file, ...R, '--no-trace']);
    expect(run.status).toBe(1);
    expect(results(run).map((r) => r.id)).toEqual(['E-0001', 'E-0002']);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('E-BROKEN'));
    const column = lines[line]!.indexOf('"date"') + 1;
    expect(run.stderr).toContain(`JSON_INVALID: ${file}: not valid JSON at line ${line + 1}, column ${column}\n  $[2].events[0].type: the string "date" where "," or "}" was expected; a comma is missing before it — `);
    expect(run.stderr).toContain('credit-rules: 2 of 3 records scored; 1 invalid (no score)');
  });

  it('gives the same results as the same records in NDJSON, from a file and from standard input', () => {
    const records = three();
    const array = join(tmp, 'three.json');
    writeFileSync(array, `\uFEFF${JSON.stringify(records, null, '\t')}`);
    const ndjson = join(tmp, 'three.ndjson');
    writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join('\n'));
    const expected = cli(['evaluate', ndjson, ...R]).stdout;
    expect(cli(['evaluate', array, ...R]).stdout).toBe(expected);
    expect(cli(['evaluate', '-', ...R], { input: readFileSync(array) }).stdout).toBe(expected);
    expect(results(cli(['evaluate', array, ...R])).map((r) => r.score)).toEqual([88.7, 60, 64.5]);
  });
});

/** Runs the CLI on a file and samples its peak resident memory (VmHWM, Linux) until it exits. */
async function peakRss(file: string): Promise<{ mb: number; status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'evaluate', file, ...R, '--no-trace'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // the process has just ended
    }
  }, 20);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const [status] = (await once(child, 'exit')) as [number | null];
  clearInterval(sample);
  return { mb: peakKb / 1024, status, stderr };
}

async function writeArray(file: string, count: number, eventTypes: Ruleset['eventTypes']): Promise<number> {
  const out = createWriteStream(file);
  out.write('[\n');
  for (let done = 0; done < count; done += 5_000) {
    const chunk = generateRecords(done + 1, Math.min(5_000, count - done), eventTypes, { asOf: '2021-06-30' });
    if (!out.write(`${done ? ',\n' : ''}${chunk.map((r) => JSON.stringify(r, null, 1)).join(',\n')}`)) await once(out, 'drain');
  }
  out.end('\n]\n');
  await once(out, 'finish');
  return out.bytesWritten;
}

describe.runIf(process.platform === 'linux')('memory', () => {
  // 300,000 records take minutes on the shared machine: `npm run bench` runs a million. Here the
  // peak memory of 10,000 and of 50,000 records must be the same: read whole, the 5 times larger
  // array would take hundreds of MB more (JSON.parse holds the text and every record at once).
  it('stays flat from 10,000 to 50,000 records', async () => {
    const ruleset = JSON.parse(readFileSync(join(ROOT, RULESET), 'utf8')) as Ruleset;
    const small = join(tmp, 'small.json');
    const large = join(tmp, 'large.json');
    await writeArray(small, 10_000, ruleset.eventTypes);
    const bytes = await writeArray(large, 50_000, ruleset.eventTypes);
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);
    const [a, b] = [await peakRss(small), await peakRss(large)];
    expect([a.status, b.status, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    console.log(`peak RSS: 10,000 records ${a.mb.toFixed(0)} MB, 50,000 records (${(bytes / 1048576).toFixed(0)} MB of JSON) ${b.mb.toFixed(0)} MB`);
    // Measured 100 and 118 MB on a busy machine; read whole, the large array would take 250 MB or more.
    expect(b.mb).toBeLessThan(a.mb + 50);
    expect(b.mb).toBeLessThan(200);
  }, 300_000);
});
