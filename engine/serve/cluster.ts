/**
 * Several processes serving one port (node:cluster), so the service uses more than one core.
 * The primary only supervises: it forks the workers, which run the command again with the same
 * options and serve as one process does (each loads and watches the rulesets itself, checks the
 * token, writes its own log lines marked with its `worker` number); the primary says
 * "listening" once they all listen, starts a worker again when one dies, and on SIGTERM or
 * SIGINT passes the signal on, waits for every worker to finish its requests, and says "stopped".
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Logger } from './log.js';
import { serviceUrl } from './server.js';

export interface SuperviseOptions {
  workers: number;
  host: string;
  /** How long the workers may take to finish their requests once told to stop (ms). */
  graceMs: number;
  log: Logger;
  /** What the "listening" line says besides the URL and the number of workers. */
  fields: Record<string, unknown>;
}

/** How long after the grace period a worker that has not exited is killed (ms). */
const KILL_AFTER_GRACE_MS = 5000;

/**
 * Forks the workers and supervises them until a signal stops them all. Resolves with the exit
 * status: 0 once stopped; a worker's own status when one fails to start (a port in use: it
 * said why on standard error), after the others are stopped.
 */
export function superviseWorkers(o: SuperviseOptions): Promise<number> {
  const { log } = o;
  const live = new Set<Worker>();
  const listening = new Set<number>();
  let started = false;
  let stopping = false;
  let status = 0;
  return new Promise((resolve) => {
    const fork = (): void => {
      live.add(cluster.fork());
    };
    const stop = (reason: string): void => {
      if (stopping) return;
      stopping = true;
      log('info', reason, { graceMs: o.graceMs, workers: live.size });
      for (const worker of live) worker.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of live) {
          log('warn', 'a worker did not stop in time: killed', { worker: worker.id });
          worker.process.kill('SIGKILL');
        }
      }, o.graceMs + KILL_AFTER_GRACE_MS).unref();
    };
    cluster.on('listening', (worker: Worker, address: AddressInfo | { port: number }) => {
      listening.add(worker.id);
      if (started || listening.size < o.workers) return;
      started = true;
      log('info', 'listening', { url: serviceUrl(o.host, address.port), workers: o.workers, ...o.fields });
    });
    cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
      live.delete(worker);
      if (!stopping && !listening.has(worker.id)) {
        // A worker that could not start: the others would fail alike.
        status = code || 1;
        stop('a worker could not start: stopping the others');
      } else if (!stopping) {
        log('error', 'a worker stopped: starting another', { worker: worker.id, code, signal });
        fork();
      }
      if (stopping && live.size === 0) {
        cluster.removeAllListeners('listening').removeAllListeners('exit');
        if (status === 0) log('info', 'stopped', {});
        resolve(status);
      }
    });
    const onSignal = (signal: NodeJS.Signals): void => {
      log('info', 'signal', { signal });
      stop('shutting down: the workers finish the requests in flight');
    };
    process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
    for (let i = 0; i < o.workers; i++) fork();
  });
}
