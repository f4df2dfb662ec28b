/**
 * Monaco, set up once: the worker environment (Vite `?worker` imports), the editor features,
 * and JSON completion from the engine's ruleset schema. The JSON worker's own diagnostics and
 * hovers speak English only; the JSON view marks the engine's problems and says on hover which
 * field of the form the text is, in the editor's language (MonacoEditor.vue).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { schemas } from '../../engine/index.js';
import { monacoLocale } from './nls.js';

/** Where the ruleset schema lives for Monaco: what `"$schema": "../schemas/ruleset.schema.json"` resolves to from a ruleset model. */
export const RULESET_SCHEMA_URI = 'file:///schemas/ruleset.schema.json';

/** The model URI of a ruleset file (`enterprise.json` → `file:///rulesets/enterprise.json`). */
export function rulesetModelUri(file: string): string {
  return `file:///rulesets/${file}`;
}

/** A schema without its English descriptions, for completion in Chinese. */
function withoutDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'description' && key !== 'markdownDescription').map(([key, value]) => [key, withoutDescriptions(value)]));
}

let ready = false;
let configuredFor: string | null = null;

/** Sets up Monaco the first time it is called, its JSON support for the current language, and returns its API. */
export function setupMonaco(): typeof monaco {
  if (!ready) {
    ready = true;
    globalThis.MonacoEnvironment = {
      getWorker(_moduleId: string, label: string): Worker {
        return label === 'json' ? new JsonWorker() : new EditorWorker();
      },
    };
    jsonDefaults.setModeConfiguration({ ...jsonDefaults.modeConfiguration, hovers: false, diagnostics: false });
  }
  const locale = monacoLocale();
  if (configuredFor !== locale) {
    configuredFor = locale;
    const schema = locale === 'en' ? schemas.ruleset : withoutDescriptions(schemas.ruleset);
    jsonDefaults.setDiagnosticsOptions({
      validate: false,
      allowComments: false,
      enableSchemaRequest: false,
      schemas: [{ uri: RULESET_SCHEMA_URI, fileMatch: ['file:///rulesets/*.json'], schema: schema as object }],
    });
  }
  return monaco;
}
