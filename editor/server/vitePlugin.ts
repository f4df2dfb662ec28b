/**
 * The Vite plugin that serves the file API (./api.ts) from `npm start` and `vite preview`.
 * The rulesets folder is `options.root`, else `$CREDIT_RULES_ROOT`, else `./rulesets`.
 */
import * as path from 'node:path';
import type { Plugin } from 'vite';
import { createFileApi } from './api.js';
import { RulesetFiles } from './files.js';

/** Options of the file API plugin. */
export interface FileApiPluginOptions {
  /** The rulesets folder (tests point it at a temporary copy). */
  root?: string;
}

/** Serves the rulesets folder to the editor; see ./api.ts for the routes. */
export function rulesetFilesPlugin(options: FileApiPluginOptions = {}): Plugin {
  const root = path.resolve(options.root ?? process.env.CREDIT_RULES_ROOT ?? 'rulesets');
  const api = createFileApi(new RulesetFiles({ root }));
  return {
    name: 'credit-rules:ruleset-files',
    configureServer(server) {
      server.middlewares.use(api);
    },
    configurePreviewServer(server) {
      server.middlewares.use(api);
    },
  };
}
