// Builds the command line and the Node entry of the library into dist/, one file each,
// with the JSON Schemas inlined, so `npx credit-rules` starts without a TypeScript loader.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { 'credit-rules': 'engine/cli/main.ts', index: 'engine/index.ts', reference: 'engine/reference.ts' },
      output: { format: 'es', entryFileNames: '[name].js', banner: (chunk) => (chunk.name === 'credit-rules' ? '#!/usr/bin/env node' : '') },
    },
  },
});
