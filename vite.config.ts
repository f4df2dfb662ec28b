import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { rulesetFilesPlugin } from './editor/server/vitePlugin.js';

// `npm start` serves the editor (index.html → editor/main.ts) and, through the plugin, the
// rulesets folder ($CREDIT_RULES_ROOT or ./rulesets) on 127.0.0.1 only; nothing else of the
// repository (the plugin's guard), and no CORS headers: other origins get no answer they can read.
export default defineConfig({
  root: '.',
  plugins: [vue(), rulesetFilesPlugin()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    cors: false,
    // Saved rulesets and cases reach the page through the file API, not through a reload.
    watch: { ignored: ['**/rulesets/**', '**/test-results/**', '**/.bench/**', '**/.vite-browser/**'] },
  },
  preview: { host: '127.0.0.1', cors: false },
  // Monaco is loaded lazily; listing it here spares the first visit a dependency re-scan and reload.
  optimizeDeps: {
    include: [
      'monaco-editor/editor',
      'monaco-editor/features/register.all',
      'monaco-editor/languages/features/json/register',
      // Monaco's Chinese messages, loaded when the editor speaks Chinese (editor/monaco/nls.ts).
      'monaco-editor/nls/lang/zh-cn.js',
      // The registry view's charts, loaded when the view is first opened.
      'echarts/core',
      'echarts/charts',
      'echarts/components',
      'echarts/renderers',
      'vue-echarts',
      // Ajv's compiled validators import these at run time.
      'ajv/dist/runtime/ucs2length.js',
      'ajv/dist/runtime/equal.js',
    ],
  },
  build: { outDir: 'dist/editor', emptyOutDir: true },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
