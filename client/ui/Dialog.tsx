import { type ReactNode, useEffect, useRef } from 'react';
import { useT } from '../i18n/I18n';

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape closes it, and focus returns to
 * whatever opened it.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = box.current?.querySelector<HTMLElement>('[autofocus], input, select, textarea, button');
    first?.focus();
    // Without scrolling: an opener far up the page (the toolbar) must not pull the board to the top.
    return () => opener?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')].filter(
      (el) => !el.hasAttribute('disabled'),
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-label={title} className="dialog card" onKeyDown={onKeyDown}>
        <h2 className="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** The buttons at the foot of a dialog's form: the action, then Cancel. */
export function DialogActions({ action, onCancel }: { action: string; onCancel(): void }) {
  const { t } = useT();
  return (
    <div className="form-actions">
      <button type="submit" className="primary">
        {action}
      </button>
      <button type="button" className="quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** The single button at the foot of a dialog that only shows something. */
export function DialogDone({ onClose, label }: { onClose(): void; label?: string }) {
  const { t } = useT();
  return (
    <div className="form-actions">
      <button type="button" className="primary" onClick={onClose}>
        {label ?? t('pages.dialog.done')}
      </button>
    </div>
  );
}
