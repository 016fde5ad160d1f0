import './dock.css';
import { type ReactNode, useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18n';

/**
 * A panel docked beside the board (a column from 1024 px, a full-screen sheet below): it takes
 * the keyboard when it opens, Escape or Close shuts it, and focus goes back to what opened it.
 */
export function DockPanel({ title, heading, onClose, children }: { title: string; heading?: ReactNode; onClose(): void; children: ReactNode }) {
  const { t } = useT();
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <aside
      ref={panel}
      className="dock-panel"
      aria-label={title}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="dock-panel-head">
        <h2 className="dock-panel-title">{heading ?? title}</h2>
        <button type="button" className="quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="dock-panel-body">{children}</div>
    </aside>
  );
}
