/**
 * A note's "⋯" menu (NA1): every action on the note where the note is, for pointer, touch and
 * keyboard. A WAI-ARIA menu button: arrow keys, Home and End move through the items, Escape
 * (or Tab) closes it and gives the focus back to the note.
 */
import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import { useT } from '../../i18n/I18n';

export interface MenuItem {
  id: string;
  label: ReactNode;
  /** The accessible name when the label is not plain words. */
  name?: string;
  danger?: boolean;
  run(): void;
}

export function NoteMenu({
  label,
  open,
  items,
  onOpen,
  onClose,
}: {
  /** The note in words, for the button's name: “Weak KPIs”. */
  label: string;
  open: boolean;
  items: readonly MenuItem[];
  onOpen(): void;
  /** `refocus`: give the focus back to the note (Escape, Tab, an item chosen). */
  onClose(refocus: boolean): void;
}) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);

  // A note near the bottom of the screen opens its menu upward, so no item is below the fold. The
  // class is set on the element itself: it is measured after layout, before the frame is painted.
  useLayoutEffect(() => {
    const menu = list.current;
    // Only an open menu is measured: measuring forces a layout, and every near card has a menu.
    if (!open || !menu || !box.current) return;
    const button = box.current.getBoundingClientRect();
    const rect = menu.getBoundingClientRect();
    menu.classList.toggle('upward', rect.bottom > window.innerHeight && button.top - rect.height > 0);
  }, [open]);

  // The first item takes the focus when the menu opens.
  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [open]);

  // A press anywhere else closes it, leaving the focus where that press put it.
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open, onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(entries.length - 1),
      Escape: () => onClose(true),
      Tab: () => onClose(true),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <div className="note-menu" ref={box} onKeyDown={onKeyDown}>
      <button
        type="button"
        className="note-menu-button"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('board.note.menu.label', { note: label })}
        title={t('board.note.menu.title')}
        onClick={() => (open ? onClose(true) : onOpen())}
      >
        ⋯
      </button>
      {open && (
        <ul ref={list} className="note-menu-list" role="menu" aria-label={t('board.note.menu.label', { note: label })}>
          {items.map((item) => (
            <li key={item.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={item.danger ? 'danger-text' : undefined}
                aria-label={item.name}
                onClick={() => {
                  onClose(true);
                  item.run();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
