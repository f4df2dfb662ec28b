/**
 * The service's part of `npm run bench`: records/s of a batch over HTTP (NDJSON streamed, and
 * JSON arrays) beside the CLI on the same NDJSON file, taking turns; then single-record
 * requests at 100 concurrent connections with wrk (Debian: apt-get install -y wrk), its
 * requests/s and latency, with the service's resident memory sampled over the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export interface ServiceBenchOptions {
  cli: string;
  rulesets: string;
  /** Records to batch, and one to send alone. */
  records: readonly unknown[];
  asOf: string;
  dir: string;
  /** The in-process rate (trace off, validated), measured before. */
  inProcess: number;
}

/** A target as run.ts prints it: what, met, the figure. */
export type Target = [string, boolean, string];

const rate = (n: number): string => Math.round(n).toLocaleString('en');

async function startService(cli: string, rulesets: string, log: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'serve', '--rulesets', rulesets, '--port', '0', '--log', log, '--no-watch'], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const line = readFileSync(log, 'utf8').split('\n').find((l) => l.includes('"listening"'));
    if (line) return { url: JSON.parse(line).url as string, child };
    if (child.exitCode !== null) throw new Error('credit-rules serve did not start');
  }
}

/** POSTs a file or a string and reads the whole answer; resolves with the seconds it took. */
function postTimed(url: string, body: string | { file: string }, type: string): Promise<number> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    // A new connection each time: a kept-alive one may be closed by the service while the CLI runs.
    const req = request(url, { method: 'POST', headers: { 'content-type': type }, agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`the service answered ${res.statusCode}`));
      res.on('data', () => {}).on('end', () => resolve((performance.now() - began) / 1000));
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else createReadStream(body.file).pipe(req);
  });
}

function residentMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

export async function serviceBench(o: ServiceBenchOptions): Promise<Target[]> {
  const ndjson = join(o.dir, 'service.ndjson');
  writeFileSync(ndjson, `${o.records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const log = join(o.dir, 'service.log');
  writeFileSync(log, '');
  const { url, child } = await startService(o.cli, o.rulesets, log);
  try {
    return await measure(o, url, child, ndjson);
  } finally {
    // Stopped even when a measurement fails: no service is left running after the bench.
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

async function measure(o: ServiceBenchOptions, url: string, child: ChildProcess, ndjson: string): Promise<Target[]> {
  const n = o.records.length;
  const evaluateUrl = `${url}/rulesets/enterprise/evaluate?asOf=${o.asOf}&trace=false`;
  const ARRAY = 5_000;
  const arrays = Array.from({ length: Math.ceil(n / ARRAY) }, (_, i) => JSON.stringify(o.records.slice(i * ARRAY, (i + 1) * ARRAY)));

  console.log(`\nservice (credit-rules serve, node:http), ${n.toLocaleString('en')} records, trace off; each the best of 3 rounds taking turns`);
  let cli = 0;
  let streamed = 0;
  let batched = 0;
  for (let round = 0; round < 3; round++) {
    const began = performance.now();
    const run = spawnSync(process.execPath, [o.cli, 'evaluate', ndjson, '--ruleset', join(o.rulesets, 'enterprise.json'), '--as-of', o.asOf, '--no-trace'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`the CLI failed: ${run.stderr}`);
    cli = Math.max(cli, n / ((performance.now() - began) / 1000));
    streamed = Math.max(streamed, n / (await postTimed(evaluateUrl, { file: ndjson }, 'application/x-ndjson')));
    let seconds = 0;
    for (const body of arrays) seconds += await postTimed(evaluateUrl, body, 'application/json');
    batched = Math.max(batched, n / seconds);
  }
  console.log(`${'in process (the rate above)'.padEnd(44)} ${rate(o.inProcess).padStart(10)} records/s`);
  console.log(`${'CLI, NDJSON file → JSON'.padEnd(44)} ${rate(cli).padStart(10)} records/s`);
  console.log(`${'HTTP, one NDJSON stream, streamed back'.padEnd(44)} ${rate(streamed).padStart(10)} records/s (${(streamed / cli).toFixed(2)} of the CLI's)`);
  console.log(`${`HTTP, JSON arrays of ${ARRAY.toLocaleString('en')}, one after another`.padEnd(44)} ${rate(batched).padStart(10)} records/s (${(batched / cli).toFixed(2)} of the CLI's)`);
  const targets: Target[] = [['batch over HTTP ≥ 50% of the CLI\'s NDJSON', Math.max(streamed, batched) >= cli / 2, `${((Math.max(streamed, batched) / cli) * 100).toFixed(0)}%`]];

  const wrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (wrk.error) {
    console.log('wrk is not installed (apt-get install -y wrk): the single-record figures are left out');
  } else {
    const seconds = Number(process.env.BENCH_SERVICE_SECONDS ?? 60);
    const script = join(o.dir, 'post.lua');
    const body = JSON.stringify(o.records[0]);
    writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}\n`);
    const single = `${url}/rulesets/enterprise/evaluate?asOf=${o.asOf}`;
    // Warm up, then the measured run with the service's memory sampled every 5 s.
    spawnSync('wrk', ['-t1', '-c100', '-d5s', '-s', script, single]);
    const memory: number[] = [residentMb(child.pid!)];
    const sampler = setInterval(() => memory.push(residentMb(child.pid!)), 5000);
    const load = spawn('wrk', ['-t1', '-c100', `-d${seconds}s`, '--latency', '-s', script, single], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    load.stdout.on('data', (d) => (output += d));
    await once(load, 'exit');
    clearInterval(sampler);
    memory.push(residentMb(child.pid!));
    const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
    const ms = (label: string): number => {
      const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(output);
      return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
    };
    const [median, p99] = [ms('50'), ms('99')];
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? '0';
    const first = memory[1] ?? memory[0]!;
    const last = memory.at(-1)!;
    console.log(`${`single record, full trace, wrk -c100 ${seconds} s`.padEnd(44)} ${rate(perSecond).padStart(10)} requests/s, median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${errors} not 200`);
    console.log(`${'service RSS every 5 s over that run'.padEnd(44)} ${memory.map((m) => m.toFixed(0)).join(' ')} MB`);
    targets.push(
      ['≥ 10,000 single-record requests/s at 100 connections', perSecond >= 10_000, rate(perSecond)],
      ['p99 ≤ 20 ms at 100 connections', p99 <= 20, `${p99.toFixed(1)} ms`],
      [`RSS flat over ${seconds} s (last ≤ 1.2 × the first 5 s)`, last <= first * 1.2, `${first.toFixed(0)} → ${last.toFixed(0)} MB`],
    );
  }
  return targets;
}
