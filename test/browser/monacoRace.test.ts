import { describe, expect, it } from 'vitest';
import { upstreamMonacoRace } from './monacoRace.js';

const monacoFrame = '    at TextModel._assertNotDisposed (http://127.0.0.1:5173/node_modules/.vite/deps/monaco-editor_editor_editor__api.js?v=1:100:11)';
const ourFrame = '    at applyText (http://127.0.0.1:5173/editor/monaco/MonacoEditor.vue:80:5)';
const disposed = 'TextModelPart is disposed!';

describe("Monaco's disposed-model race", () => {
  it('is let pass when thrown with only Monaco frames, directly or rethrown by its error handler', () => {
    expect(upstreamMonacoRace({ message: disposed, stack: `Error: ${disposed}\n${monacoFrame}` })).toBe(true);
    // What stop 22's CI saw: Monaco's handler rethrows `message + "\n\n" + stack`.
    const rethrown = `${disposed}\n\nError: ${disposed}`;
    expect(upstreamMonacoRace({ message: rethrown, stack: `Error: ${rethrown}\n${monacoFrame}\n${monacoFrame}` })).toBe(true);
    // Served from the harness's own cache of bundled dependencies, as the lang branch's run saw it.
    const cached = '    at TextModel.getWordUntilPosition (http://127.0.0.1:37443/.vite-browser/deps/format-joAG0o1i.js?v=0bd054db:70740:42)';
    expect(upstreamMonacoRace({ message: rethrown, stack: `Error: ${rethrown}\n${cached}` })).toBe(true);
  });

  it('still fails a test with a frame of the editor, no frame at all, or another message', () => {
    expect(upstreamMonacoRace({ message: disposed, stack: `Error: ${disposed}\n${monacoFrame}\n${ourFrame}` })).toBe(false);
    expect(upstreamMonacoRace({ message: `${disposed}\n\nError: ${disposed}`, stack: `Error: ${disposed}\n${ourFrame}` })).toBe(false);
    expect(upstreamMonacoRace({ message: disposed, stack: `Error: ${disposed}` })).toBe(false);
    expect(upstreamMonacoRace({ message: disposed })).toBe(false);
    expect(upstreamMonacoRace({ message: 'Model is disposed!', stack: `Error: Model is disposed!\n${monacoFrame}` })).toBe(false);
  });
});
