/**
 * The engine holds no regulation: no clause id of a spec (E2.1.3, D3, N6, INT-2…) and no
 * Chinese outside the places where the engine's own wording lives. A regulation's words come
 * from its ruleset; a comment explains a mechanism in general terms. Fails naming file:line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ENGINE = join(ROOT, 'engine');

/** A clause id as the Taizhou spec writes them: E1–E7 with sub-clauses, D1–D4, a note N1–N99, a reading INT-n. */
const CLAUSE_ID = /\b(?:E[1-7](?:\.\d+)*|D[1-4](?:\.\d)?|N[1-9]\d?)\b|\bINT-(?:\d+\b|…)/g;
/** Names of the regulation and of its trade, in any file. */
const REGULATION_NAME = /台建|泰州|台州|园林|Taizhou/gi;
const CHINESE = /\p{Script=Han}+/gu;

/**
 * Where Chinese belongs in the engine: its wording (the catalogues and the units they share,
 * engine/messages/) and the reading of Chinese numerals and units in citation texts.
 */
const CHINESE_ALLOWED = new Set(['engine/messages/codes.ts', 'engine/messages/zh-CN.ts', 'engine/messages/en.ts', 'engine/review/citations.ts']);

/** What a file's text holds that names a regulation: `file:line: the token`. */
function regulationIn(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const matches = [...line.matchAll(CLAUSE_ID), ...line.matchAll(REGULATION_NAME), ...(CHINESE_ALLOWED.has(file) ? [] : line.matchAll(CHINESE))];
    // In the order they stand; a name of the regulation in Chinese is said once.
    const tokens = new Map(matches.sort((a, b) => a.index - b.index).map((m) => [m.index, m[0]]));
    for (const token of tokens.values()) found.push(`${file}:${i + 1}: ${token}`);
  });
  return found;
}

/** Every .ts file under engine/, but the generated validators. */
function engineFiles(dir = ENGINE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : engineFiles(path);
    return entry.name.endsWith('.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('the engine holds no regulation', () => {
  const files = engineFiles();

  it('no clause id, name of the regulation or Chinese in engine/ outside its wording', () => {
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => regulationIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('every file it leaves out exists, so the list cannot outlive its files unnoticed', () => {
    for (const file of CHINESE_ALLOWED) expect(files, file).toContain(file);
  });

  it('finds clause ids, the regulation\'s name and Chinese, naming file and line', () => {
    const text = ['// counts once (E5.4)', 'const a = 1; // D3 and INT-2, INT-…', '/** N6: to the month end */', "label: '一般质量事故'", '// 台州 only'].join('\n');
    expect(regulationIn('engine/score.ts', text)).toEqual([
      'engine/score.ts:1: E5.4',
      'engine/score.ts:2: D3',
      'engine/score.ts:2: INT-2',
      'engine/score.ts:2: INT-…',
      'engine/score.ts:3: N6',
      'engine/score.ts:4: 一般质量事故',
      'engine/score.ts:5: 台州',
    ]);
    // Where Chinese is the engine's own wording, a clause id or the regulation's name is still found.
    expect(regulationIn('engine/messages/zh-CN.ts', "'item.start': '满分', // E2.1 园林")).toEqual(['engine/messages/zh-CN.ts:1: E2.1', 'engine/messages/zh-CN.ts:1: 园林']);
  });

  it('leaves ordinary code alone', () => {
    const code = [
      'const N = 10, D = 2, E = 1e3; const n2 = N2x;',
      'for (let i = 0; i < E10; i++) ids.push(`${D}1`, "E2E", "N0", "D5", "E8", "INT", "INT-x");',
      "const color = '#D1D5DB'; const ratio = 1E2; const key = 'N100';",
    ].join('\n');
    expect(regulationIn('engine/score.ts', code)).toEqual([]);
  });
});
