// Builds the command line and the Node entry of the library into dist/, one file each,
// with the JSON Schemas inlined, so `npx credit-rules` starts without a TypeScript loader.
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    {
      // dist/types (npm run build:types) and dist/editor (npm run build) stay, but nothing an
      // earlier build of this config wrote may: npm pack would ship a stale chunk or entry.
      name: 'credit-rules-fresh-dist',
      buildStart() {
        for (const entry of existsSync('dist') ? readdirSync('dist') : []) {
          if (entry !== 'types' && entry !== 'editor') rmSync(join('dist', entry), { recursive: true, force: true });
        }
      },
    },
    {
      name: 'credit-rules-executable',
      // The bin must be executable: npx and a shell run it directly.
      writeBundle(options) {
        chmodSync(join(options.dir ?? 'dist', 'credit-rules.js'), 0o755);
      },
    },
  ],
  // The package has no runtime dependencies: what the CLI uses from node_modules (the workbook
  // writer of `diff --format xlsx`) is bundled into dist/.
  ssr: { noExternal: ['write-excel-file', 'fflate'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist',
    // dist/types (npm run build:types) stays: the three entries are written over by name.
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { 'credit-rules': 'engine/cli/main.ts', index: 'engine/index.ts' },
      // Fixed names, no hashes: a rebuild writes over the last one instead of adding beside it.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'assets/[name].js', banner: (chunk) => (chunk.name === 'credit-rules' ? '#!/usr/bin/env node' : '') },
    },
  },
});
