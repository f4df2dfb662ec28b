/**
 * Whether the page is being printed. The scoring sheet (ScoringSheet.vue) is rendered only then:
 * an edit or a case selection does not build a sheet nobody sees on screen.
 *
 * The browser's own print (Ctrl+P, the menu) announces itself with `beforeprint`, after which
 * Vue renders the sheet before the page is laid out for paper; print media emulated (as the
 * browser tests do) changes `matchMedia('print')`. The print button calls `printPage`, which
 * renders the sheet first, then prints.
 */
import { nextTick, onBeforeUnmount, onMounted, readonly, ref, type Ref } from 'vue';

const printing = ref(false);

/** Follows the page's printing for the life of the calling component; the answer is shared. */
export function usePrinting(): Readonly<Ref<boolean>> {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('print') : null;
  const before = (): void => void (printing.value = true);
  const after = (): void => void (printing.value = media?.matches ?? false);
  const change = (): void => void (printing.value = media?.matches ?? false);
  onMounted(() => {
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener('change', change);
    printing.value = media?.matches ?? false;
  });
  onBeforeUnmount(() => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    media?.removeEventListener('change', change);
  });
  return readonly(printing);
}

/** Prints the page once what it prints has been rendered. */
export async function printPage(): Promise<void> {
  printing.value = true;
  await nextTick();
  window.print();
}
