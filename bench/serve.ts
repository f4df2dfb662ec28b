/**
 * The service's part of `npm run bench`: records/s of a batch over HTTP (NDJSON streamed, and
 * JSON arrays) beside the CLI on the same NDJSON file, taking turns; then single-record
 * requests at 100 concurrent connections with wrk (Debian: apt-get install -y wrk), its
 * requests/s and latency, with the resident memory of the service's processes (the primary
 * and its workers) sampled over the run. BENCH_SERVICE_AGAINST=path/to/other/dist/credit-rules.js
 * adds rounds of single-record runs taking turns with that build (another branch, built).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism } from 'node:os';
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
  // The workers (one per core by default) log their own "worker listening"; the primary says "listening" once all are.
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

/** A process and its children (the workers), by id; just the process where /proc is not there. */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...children.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

/** What /proc says of each process of a tree, summed; 0 for one that has gone. */
const sumOver = (pid: number, read: (pid: number) => number): number => processTree(pid).reduce((sum, p) => {
  try {
    return sum + read(p);
  } catch {
    return sum;
  }
}, 0);

/** The resident memory of a process and its children (the workers), in MB. */
const residentMb = (pid: number): number => sumOver(pid, (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/**
 * The CPU time (user and system, s) a service's processes have had: divided by the requests of a
 * run, what a request costs, a figure that the machine's other work moves less than requests/s.
 * /proc counts in ticks of 1/100 s (USER_HZ).
 */
const cpuSeconds = (pid: number): number => sumOver(pid, (p) => {
  const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
});

/**
 * The time (s) a service's processes have waited for a core while ready to run (the second
 * field of /proc/PID/schedstat, in ns; 0 where the kernel does not keep it): on a machine
 * running other work, what its tail latency is made of.
 */
const waitSeconds = (pid: number): number => sumOver(pid, (p) => Number(readFileSync(`/proc/${p}/schedstat`, 'utf8').split(' ')[1] ?? 0) / 1e9);

/** The machine's busy CPU time so far (s, all cores): /proc/stat's first line, without idle and iowait. */
function machineBusySeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

/** The processes of a service: the primary and its workers. */
const processCount = (pid: number): number => processTree(pid).length;

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

/** A wrk run while the service's CPU time is read before and after, with the load average at its start. */
function timedWrk(args: string[], pid: number): { output: string; cpu: number; load: string } {
  const load = loadAverage();
  const before = cpuSeconds(pid);
  const output = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
  return { output, cpu: cpuSeconds(pid) - before, load };
}

/** One wrk run of single records: requests/s, median and p99 (ms), and the answers that were not 200. */
function wrkFigures(output: string): { perSecond: number; requests: number; median: number; p99: number; errors: string } {
  const ms = (label: string): number => {
    const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(output);
    return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  };
  return { perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]), requests: Number(/(\d+) requests in/.exec(output)?.[1]), median: ms('50'), p99: ms('99'), errors: /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? '0' };
}

const figuresText = (f: ReturnType<typeof wrkFigures>, run?: { cpu: number; load: string }): string =>
  `${rate(f.perSecond).padStart(10)} requests/s, median ${f.median.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${f.errors} not 200` +
  (run ? `, ${Math.round((run.cpu / f.requests) * 1e6)} µs of service CPU a request, load ${run.load}` : '');

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
    const run = { load: loadAverage(), cpu: -cpuSeconds(child.pid!) };
    const waited = -waitSeconds(child.pid!);
    const busy = -machineBusySeconds();
    const load = spawn('wrk', ['-t1', '-c100', `-d${seconds}s`, '--latency', '-s', script, single], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    load.stdout.on('data', (d) => (output += d));
    await once(load, 'exit');
    run.cpu += cpuSeconds(child.pid!);
    const waitedShare = (waited + waitSeconds(child.pid!)) / (seconds * (processCount(child.pid!) - 1 || 1));
    const otherCores = (busy + machineBusySeconds() - run.cpu) / seconds;
    clearInterval(sampler);
    memory.push(residentMb(child.pid!));
    const measured = wrkFigures(output);
    const { perSecond, p99 } = measured;
    const first = memory[1] ?? memory[0]!;
    const last = memory.at(-1)!;
    console.log(`${`single record, full trace, wrk -c100 ${seconds} s`.padEnd(44)} ${figuresText(measured, run)} (${processCount(child.pid!)} processes: the primary and its workers)`);
    console.log(`${'service RSS every 5 s over that run'.padEnd(44)} ${memory.map((m) => m.toFixed(0)).join(' ')} MB`);
    // p99 is made of the moments a worker waits for a core: the machine's other work (wrk's included) says how many there were.
    console.log(`${'over that run'.padEnd(44)} the workers waited for a core ${(waitedShare * 100).toFixed(0)}% of the time each; wrk and the machine's other work used ${otherCores.toFixed(2)} cores of ${availableParallelism()}`);
    if (process.env.BENCH_SERVICE_AGAINST) await pairedRounds(o, url, child, process.env.BENCH_SERVICE_AGAINST, script);
    targets.push(
      ['≥ 10,000 single-record requests/s at 100 connections', perSecond >= 10_000, rate(perSecond)],
      ['p99 ≤ 20 ms at 100 connections', p99 <= 20, `${p99.toFixed(1)} ms`],
      [`RSS flat over ${seconds} s (last ≤ 1.2 × the first 5 s)`, last <= first * 1.2, `${first.toFixed(0)} → ${last.toFixed(0)} MB`],
    );
  }
  return targets;
}

/** Single-record runs of this build and another, taking turns (BENCH_SERVICE_AGAINST), so a busy spell of the machine falls on both. */
async function pairedRounds(o: ServiceBenchOptions, url: string, service: ChildProcess, against: string, script: string): Promise<void> {
  const rounds = Number(process.env.BENCH_SERVICE_ROUNDS ?? 4);
  const seconds = Number(process.env.BENCH_SERVICE_ROUND_SECONDS ?? 15);
  const log = join(o.dir, 'against.log');
  writeFileSync(log, '');
  const other = await startService(against, o.rulesets, log);
  const path = `/rulesets/enterprise/evaluate?asOf=${o.asOf}`;
  console.log(`\nsingle record, full trace, wrk -t1 -c100 ${seconds} s a run after 5 s of warm-up, ${rounds} rounds taking turns with ${against}`);
  try {
    for (const target of [url, other.url]) spawnSync('wrk', ['-t1', '-c100', '-d5s', '-s', script, `${target}${path}`]);
    for (let round = 1; round <= rounds; round++) {
      for (const [name, target, pid] of [['this build', url, service.pid!], ['the other', other.url, other.child.pid!]] as const) {
        const run = timedWrk(['-t1', '-c100', `-d${seconds}s`, '--latency', '-s', script, `${target}${path}`], pid);
        console.log(`  round ${round}, ${name.padEnd(10)} ${figuresText(wrkFigures(run.output), run)}`);
      }
    }
  } finally {
    other.child.kill('SIGTERM');
    if (other.child.exitCode === null) await once(other.child, 'exit');
  }
}
