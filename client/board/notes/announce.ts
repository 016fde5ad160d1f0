/**
 * Says a result to screen readers (where a moved note went, NA2) through one polite live region,
 * made on first use. A repeated sentence is re-set so that it is read again.
 */
let region: HTMLElement | null = null;

export function announce(text: string): void {
  if (!region || !region.isConnected) {
    region = document.createElement('p');
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.dataset.testid = 'note-announcement';
    document.body.append(region);
  }
  const target = region;
  target.textContent = '';
  requestAnimationFrame(() => (target.textContent = text));
}
