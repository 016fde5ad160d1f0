/**
 * Which note cards are near the viewport. On a board of thousands of notes, only those get the
 * drag-and-drop hooks (every hooked card re-renders whenever the drop target changes); the rest
 * are plain cards until they scroll near. One IntersectionObserver serves every card.
 */
type Callback = (near: boolean) => void;

const callbacks = new WeakMap<Element, Callback>();
let observer: IntersectionObserver | null = null;

function shared(): IntersectionObserver | null {
  if (typeof IntersectionObserver === 'undefined') return null;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    // A screen and a half above and below: cards are ready before a drag scrolls to them.
    { rootMargin: '150% 0px 150% 0px' },
  );
  return observer;
}

/** Reports whether `element` is near the viewport, now and whenever that changes. */
export function watchNearViewport(element: Element, onChange: Callback): () => void {
  const io = shared();
  if (!io) {
    onChange(true);
    return () => {};
  }
  callbacks.set(element, onChange);
  io.observe(element);
  return () => {
    io.unobserve(element);
    callbacks.delete(element);
  };
}
