/**
 * `credit-rules serve`: the scoring service over HTTP (engine/serve). Runs until SIGTERM or
 * SIGINT, then lets the requests in flight finish and exits 0.
 */
import cluster from 'node:cluster';
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { superviseWorkers } from '../../serve/cluster.js';
import { jsonLogger } from '../../serve/log.js';
import { checkServeOptions, startService } from '../../serve/server.js';
import { usageError } from '../args.js';
import { HELP_OPTION, type Command } from '../command.js';
import { EXIT, type ExitStatus } from '../exit.js';

const MIB = 1024 * 1024;

function whole(text: string, option: string, example: string): number {
  if (!/^\d+$/.test(text)) throw usageError('cli.notAWholeNumber', { option: `--${option}`, value: text, example });
  return Number(text);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'score over HTTP: evaluate, validate, compare versions, list rulesets (OpenAPI at /openapi.json)',
  usage: 'serve [--rulesets DIR] [--host 127.0.0.1] [--port 8080] [--token TOKEN] [--workers N] [--max-body MB] [--timeout SECONDS] [--log FILE]',
  options: {
    rulesets: { type: 'string', value: 'DIR', description: 'the folder of rulesets to serve, each .json file by its name and each folder of versions by its name; default rulesets' },
    host: { type: 'string', value: 'ADDRESS', description: 'the address to listen on, default 127.0.0.1; any other needs a token' },
    port: { type: 'string', value: 'PORT', description: 'default 8080; 0 takes a free port (the log says which)' },
    token: { type: 'string', value: 'TOKEN', description: 'require "Authorization: Bearer TOKEN" on every request (better: the CREDIT_RULES_TOKEN environment variable, which ps does not show)' },
    workers: { type: 'string', value: 'N', description: 'processes serving the port (node:cluster), supervised by one more; default one per core (1: a single process)' },
    'max-body': { type: 'string', value: 'MB', description: 'the largest JSON body, and NDJSON line, in MB; default 16' },
    timeout: { type: 'string', value: 'SECONDS', description: 'how long a request may take to send its headers, or pause in its body; default 30' },
    grace: { type: 'string', value: 'SECONDS', description: 'on SIGTERM or SIGINT, how long the requests in flight may take to finish; default 10' },
    log: { type: 'string', value: 'FILE', description: 'append the JSON log lines to FILE instead of standard error' },
    'no-watch': { type: 'boolean', description: 'do not reload rulesets when their files change' },
    help: HELP_OPTION,
  },
  details: `Endpoints (GET /openapi.json describes them, with the JSON Schemas of schemas/):
  POST /rulesets/NAME/evaluate   one record, a JSON array, or NDJSON (streamed back)  ?asOf=&trace=false
  POST /rulesets/NAME/validate   check a record without scoring it
  POST /rulesets/NAME/diff       {"new": VERSION or a ruleset, "cases": [...]}: policy changes and impact
  POST /validate                 check a ruleset
  GET  /rulesets, /rulesets/NAME  the rulesets, their versions, the one in force (?date=)
  GET  /health, /ready, /openapi.json     (/health and /ready need no token)

Errors are application/problem+json with the engine's code and each problem's JSON path and
fix. A ruleset file that changes is reloaded once it is valid; until then (a half-written or
broken file) the previous version is served and the log says why. Logs are JSON, one line per
request. A JSON array or NDJSON body is read and answered record by record, of any length.
--workers N serves the port from N processes (node:cluster; default one per core), which a
primary process starts again if one dies. The service keeps no state: run as many as needed
behind a load balancer.

Exit status: 0 after SIGTERM or SIGINT; 2 usage (a non-loopback --host without a token, a port in use).

Examples:
  credit-rules serve
  CREDIT_RULES_TOKEN=$(openssl rand -hex 32) credit-rules serve --host 0.0.0.0 --port 8080`,
  run: async ({ positionals, options }): Promise<ExitStatus> => {
    if (positionals.length) throw usageError('cli.arguments', { command: 'serve', got: positionals });
    const port = whole((options.port as string | undefined) ?? '8080', 'port', '8080');
    if (port > 65535) throw usageError('cli.notAPort', { port });
    const maxBody = whole((options['max-body'] as string | undefined) ?? '16', 'max-body', '16');
    const timeout = whole((options.timeout as string | undefined) ?? '30', 'timeout', '30');
    const grace = whole((options.grace as string | undefined) ?? '10', 'grace', '10');
    if (maxBody === 0 || timeout === 0) throw usageError('cli.serveLimits', {});
    const workers = whole((options.workers as string | undefined) ?? String(availableParallelism()), 'workers', '2');
    if (workers === 0) throw usageError('cli.workers', {});
    const logFile = options.log as string | undefined;
    const stream = logFile ? createWriteStream(logFile, { flags: 'a' }) : process.stderr;
    const token = (options.token as string | undefined) ?? (process.env.CREDIT_RULES_TOKEN || undefined);
    const serveOptions = {
      rulesets: (options.rulesets as string | undefined) ?? 'rulesets',
      host: (options.host as string | undefined) ?? '127.0.0.1',
      port, maxBodyBytes: maxBody * MIB, timeoutMs: timeout * 1000, graceMs: grace * 1000,
      watch: options['no-watch'] !== true,
      ...(token ? { token } : {}),
    };
    if (workers > 1 && cluster.isPrimary) {
      checkServeOptions(serveOptions);
      const log = jsonLogger(stream);
      const status = await superviseWorkers({ workers, host: serveOptions.host, graceMs: serveOptions.graceMs, log, fields: { token: Boolean(token), maxBodyBytes: serveOptions.maxBodyBytes, timeoutMs: serveOptions.timeoutMs } });
      return (Object.values(EXIT) as number[]).includes(status) ? (status as ExitStatus) : EXIT.internal;
    }
    // A worker (forked with these same options) marks its lines with its number.
    const worker = cluster.worker;
    const log = jsonLogger(stream, worker ? { worker: worker.id } : {});
    try {
      const service = await startService({ ...serveOptions, log, worker: worker !== undefined });
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          log('info', 'signal', { signal });
          void service.close().then(resolve);
        };
        process.once('SIGTERM', stop).once('SIGINT', stop);
      });
    } finally {
      // The channel to the primary would keep a worker alive, stopped or failed to start.
      worker?.disconnect();
    }
    return EXIT.ok;
  },
};
