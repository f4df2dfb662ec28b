/**
 * Monaco, set up once: the worker environment (Vite `?worker` imports), the editor features,
 * and JSON validation, hover and completion from the engine's ruleset schema.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { schemas } from '../../engine/index.js';

/** Where the ruleset schema lives for Monaco: what `"$schema": "../schemas/ruleset.schema.json"` resolves to from a ruleset model. */
export const RULESET_SCHEMA_URI = 'file:///schemas/ruleset.schema.json';

/** The model URI of a ruleset file (`enterprise.json` → `file:///rulesets/enterprise.json`). */
export function rulesetModelUri(file: string): string {
  return `file:///rulesets/${file}`;
}

let ready = false;

/** Sets up Monaco the first time it is called and returns its API. */
export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      return label === 'json' ? new JsonWorker() : new EditorWorker();
    },
  };
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    comments: 'error',
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [{ uri: RULESET_SCHEMA_URI, fileMatch: ['file:///rulesets/*.json'], schema: schemas.ruleset as object }],
  });
  return monaco;
}
