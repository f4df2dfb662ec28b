/**
 * Starting and stopping the service: refuse an address other than the loopback without a
 * token, load the rulesets and watch them, listen, and on close stop taking connections, let
 * the requests in flight finish (up to a grace period), then close what is left.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { usageError } from '../cli/args.js';
import { statPath } from '../cli/files.js';
import { createHandler, ROUTES, type ServiceContext } from './app.js';
import { RulesetCatalog } from './catalog.js';
import type { Logger } from './log.js';
import { openapiDocument } from './openapi.js';
import { rawProblem } from './problem.js';

export interface ServeOptions {
  /** The folder of rulesets (files and folders of versions). */
  rulesets: string;
  host: string;
  /** 0: any free port (the log's "listening" line says which). */
  port: number;
  token?: string;
  maxBodyBytes: number;
  /** How long a request may wait for its headers, or its body pause (ms). */
  timeoutMs: number;
  /** How long requests in flight may take to finish once shutting down (ms). */
  graceMs: number;
  log: Logger;
  /** Reload rulesets when their files change (default true). */
  watch?: boolean;
  /** This process is one worker of several (node:cluster). */
  worker?: boolean;
}

export interface RunningService {
  url: string;
  server: Server;
  /** Stops taking requests, lets those in flight finish, and resolves once all is closed. */
  close(): Promise<void>;
}

/** Addresses only this machine reaches: no token needed there. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Refuses what cannot be served: another address than the loopback without a token, a rulesets folder that is none. */
export function checkServeOptions(options: Pick<ServeOptions, 'host' | 'token' | 'rulesets'>): void {
  if (!LOOPBACK.has(options.host) && !options.token) {
    throw usageError('cli.tokenNeeded', { host: options.host });
  }
  if (!statPath(options.rulesets, 'rulesets folder').isDirectory()) throw usageError('cli.notAFolder', { path: options.rulesets });
}

/** The URL of a service listening on `host` and `port`. */
export const serviceUrl = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function startService(options: ServeOptions): Promise<RunningService> {
  checkServeOptions(options);
  const { log } = options;
  const catalog = new RulesetCatalog(options.rulesets, log);
  catalog.loadAll();
  if (options.watch !== false) catalog.watch();
  const service: ServiceContext = {
    catalog, log, ready: false,
    limits: { maxBytes: options.maxBodyBytes, idleMs: options.timeoutMs },
    openapi: openapiDocument(ROUTES),
    ...(options.token ? { token: options.token } : {}),
  };
  // The body's pauses are timed by the handlers (a TIMEOUT problem); a stream may take as long as it keeps sending.
  // Slow headers are looked for every second (Node's default, 30 s, let --timeout 1 wait 31).
  const server = createServer({ requestTimeout: 0, headersTimeout: options.timeoutMs, connectionsCheckingInterval: 1000, keepAliveTimeout: 5000 }, createHandler(service));
  // What Node cannot parse as a request gets a problem too, and closes only that connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET' && socket.writable) socket.end(rawProblem(error));
    else socket.destroy();
    log('info', 'request', { status: error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400, code: error.code ?? 'BAD_REQUEST' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      catalog.close();
      reject(usageError('cli.cannotListen', { host: options.host, port: options.port, reason: error.code ?? error.message, inUse: error.code === 'EADDRINUSE' }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = serviceUrl(options.host, port);
  service.ready = true;
  // A worker of several says so; the primary says "listening" once they all are.
  log('info', options.worker ? 'worker listening' : 'listening', {
    ...(options.worker ? { pid: process.pid } : {}), url, rulesets: catalog.list().map((e) => e.name), token: Boolean(options.token), maxBodyBytes: options.maxBodyBytes, timeoutMs: options.timeoutMs });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= new Promise<void>((resolve) => {
    service.ready = false;
    log('info', 'shutting down: finishing the requests in flight', { graceMs: options.graceMs });
    const force = setTimeout(() => {
      log('warn', 'grace period over: closing the connections left', {});
      server.closeAllConnections();
    }, options.graceMs);
    // A keep-alive connection whose request finishes after this is idle then: close those as they come.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      catalog.close();
      log('info', 'stopped', {});
      resolve();
    });
    server.closeIdleConnections();
  }));
  return { url, server, close };
}
