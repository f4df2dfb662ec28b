/**
 * Keyboard shortcuts: Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo every edit, Ctrl+S saves.
 * Inside Monaco its own undo acts on the text, and the store hears the result like any edit.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { useHistoryStore } from '../stores/history.js';

/** Installs the shortcuts for the life of the calling component. */
export function useShortcuts(save: () => void): void {
  const history = useHistoryStore();
  function onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 's') {
      event.preventDefault();
      save();
      return;
    }
    const target = event.target as HTMLElement | null;
    if (target?.closest('.monaco-editor')) return;
    // Every field commits as it is typed, so the store's history is the one undo for forms too.
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      history.undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      history.redo();
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
