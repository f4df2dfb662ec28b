/**
 * The Vite plugin that serves the file API (./api.ts) from `npm start` and `vite preview`, and
 * keeps the dev server to the app and its API: the repository's other files (package.json,
 * tests, the rulesets folder with its `.history` and whatever its links point to) are not served.
 * The rulesets folder is `options.root`, else `$CREDIT_RULES_ROOT`, else `./rulesets`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { Plugin } from 'vite';
import { createFileApi, type Middleware } from './api.js';
import { RulesetFiles } from './files.js';

/** Options of the file API plugin. */
export interface FileApiPluginOptions {
  /** The rulesets folder (tests point it at a temporary copy). */
  root?: string;
  /** How many earlier versions of each file `.history` keeps (default `$CREDIT_RULES_HISTORY_LIMIT`, else 50). */
  historyLimit?: number;
}

/** The first URL segments the editor's page loads: the page, its sources, its modules and Vite's own. */
const SERVED = new Set(['index.html', 'editor', 'engine', 'schemas', 'node_modules', '@vite', '@id', '@fs', '__vite_ping']);

/**
 * Whether the dev server may answer `url`: `/`, Vite's prebundled modules (`cacheUrl`, the URL of
 * its cacheDir), or a path under SERVED with no hidden segment; never an empty, `.` or `..`
 * segment; through `/@fs/` only files inside a node_modules folder. The API (`/api/`) is
 * answered before this is asked.
 */
export function servedByDevServer(url: string, cacheUrl = '/node_modules/.vite/'): boolean {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split(/[?#]/, 1)[0]!);
  } catch {
    return false;
  }
  if (pathname === '/') return true;
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return false;
  const segments = pathname.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '..' || segment === '.')) return false;
  if (pathname.startsWith(cacheUrl)) return true;
  if (!SERVED.has(segments[0]!) || segments.some((segment) => segment.startsWith('.'))) return false;
  if (segments[0] === '@fs') return segments.includes('node_modules');
  return true;
}

/** Answers 404 to what `servedByDevServer` refuses. */
function notServed(cacheUrl: string): Middleware {
  return (req: IncomingMessage, res: ServerResponse, next) => {
    if (servedByDevServer(req.url ?? '/', cacheUrl)) {
      next();
      return;
    }
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('not part of the editor');
  };
}

/** Serves the rulesets folder to the editor; see ./api.ts for the routes. */
export function rulesetFilesPlugin(options: FileApiPluginOptions = {}): Plugin {
  const root = path.resolve(options.root ?? process.env.CREDIT_RULES_ROOT ?? 'rulesets');
  const historyLimit = options.historyLimit ?? (Number(process.env.CREDIT_RULES_HISTORY_LIMIT) || undefined);
  const files = new RulesetFiles({ root, historyLimit });
  const api = createFileApi(files);
  const start = (): void => {
    // Temporary files of writes that a crash or a full disk cut short.
    void files.cleanUp().catch(() => undefined);
  };
  return {
    name: 'credit-rules:ruleset-files',
    configureServer(server) {
      start();
      server.middlewares.use(api);
      const cache = path.relative(server.config.root, server.config.cacheDir).split(path.sep).join('/');
      server.middlewares.use(notServed(cache.startsWith('..') || path.isAbsolute(cache) ? '/node_modules/.vite/' : `/${cache}/`));
    },
    configurePreviewServer(server) {
      start();
      server.middlewares.use(api);
    },
  };
}
