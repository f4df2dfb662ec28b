/** Asks before the page is closed or reloaded with unsaved edits. */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/** Warns on leaving while `dirty` holds. */
export function useUnsavedGuard(dirty: Readonly<Ref<boolean>>): void {
  function onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!dirty.value) return;
    event.preventDefault();
    event.returnValue = '';
  }
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload));
}
