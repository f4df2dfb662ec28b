/**
 * The rulesets and cases of the repository, bundled into a static build (`npm run build`) so it
 * works without the file server. Only imported when the server does not answer.
 */
import { bundledFileSource, type FileSource } from './fileClient.js';

const rulesetFiles = import.meta.glob<string>(['../../rulesets/*.json', '../../rulesets/*/*.json', '!../../rulesets/cases/**'], { query: '?raw', import: 'default', eager: true });
const caseFiles = import.meta.glob<string>('../../rulesets/cases/*/*.json', { query: '?raw', import: 'default', eager: true });

const relative = (files: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([key, text]) => [key.replace(/^(\.\.\/)+rulesets\//, ''), text]));

/** The bundled files as a read-only file source. */
export function createBundledSource(): FileSource {
  return bundledFileSource(relative(rulesetFiles), relative(caseFiles));
}
