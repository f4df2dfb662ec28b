/**
 * A long list of rows of one fixed height, of which only those in sight (and a few either side)
 * are rendered: the rows scrolled out of view cost nothing on an edit. The list keeps its full
 * height with two spacers, so the scroll bar and scrolling behave as if every row were there.
 *
 * Our own, not a library's: the rows are of one height, so the window is two divisions, and the
 * list stays a plain `<ul role="listbox">` whose keyboard handling the panel owns.
 */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * Rows rendered above and below the visible ones, so a quick scroll shows no gap: few, since an
 * edit that moves every case updates each row rendered (3 rows, 132 px, either side).
 */
const OVERSCAN = 3;
/** The height assumed before the list has been laid out (and where there is no layout, as in happy-dom). */
const FALLBACK_VIEWPORT = 800;

export interface VirtualRows {
  /** The first row rendered and the one after the last. */
  start: Ref<number>;
  end: Ref<number>;
  /** The heights of the spacers standing for the rows not rendered, in px. */
  before: Ref<number>;
  after: Ref<number>;
  /** Scrolls just enough for row `index` to be in sight. */
  reveal(index: number): void;
}

export function useVirtualRows(container: Ref<HTMLElement | null>, count: Ref<number>, rowHeight: number): VirtualRows {
  const scrollTop = ref(0);
  const viewport = ref(FALLBACK_VIEWPORT);

  const onScroll = (): void => {
    scrollTop.value = container.value?.scrollTop ?? 0;
  };
  let resize: ResizeObserver | null = null;
  onMounted(() => {
    const element = container.value;
    if (!element) return;
    element.addEventListener('scroll', onScroll, { passive: true });
    if (typeof ResizeObserver === 'undefined') return;
    resize = new ResizeObserver(() => {
      if (element.clientHeight > 0) viewport.value = element.clientHeight;
    });
    resize.observe(element);
  });
  onBeforeUnmount(() => {
    container.value?.removeEventListener('scroll', onScroll);
    resize?.disconnect();
  });

  const start = computed(() => Math.min(count.value, Math.max(0, Math.floor(scrollTop.value / rowHeight) - OVERSCAN)));
  const end = computed(() => Math.min(count.value, Math.ceil((scrollTop.value + viewport.value) / rowHeight) + OVERSCAN));
  const before = computed(() => start.value * rowHeight);
  const after = computed(() => (count.value - end.value) * rowHeight);

  function reveal(index: number): void {
    const element = container.value;
    if (!element || index < 0 || index >= count.value) return;
    const top = index * rowHeight;
    const height = element.clientHeight || viewport.value;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
    onScroll();
  }

  return { start, end, before, after, reveal };
}
