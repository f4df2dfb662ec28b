/**
 * The notes that open from a 暂定 or 解读 mark (`<details data-popover>`) close as popups do:
 * on a click elsewhere, or on Escape.
 */
import { onBeforeUnmount, onMounted } from 'vue';

function closeAll(keep?: Node): void {
  for (const open of document.querySelectorAll<HTMLDetailsElement>('details[data-popover][open]')) {
    if (!keep || !open.contains(keep)) open.open = false;
  }
}

/** Installs the closing for the life of the calling component. */
export function usePopoverDismiss(): void {
  const onPointer = (event: PointerEvent): void => closeAll(event.target as Node);
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') closeAll();
  };
  onMounted(() => {
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('pointerdown', onPointer);
    document.removeEventListener('keydown', onKey);
  });
}
