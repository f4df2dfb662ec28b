/** The editor's entry: Vue, Pinia, vue-i18n, and the styles. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createEditorI18n } from './i18n.js';
import './styles.css';

const pinia = createPinia();
createApp(App).use(pinia).use(createEditorI18n()).mount('#app');

// Development builds let the browser benchmark read the stores' own timings.
if (import.meta.env.DEV) (globalThis as { __creditRulesEditor?: unknown }).__creditRulesEditor = { pinia };
