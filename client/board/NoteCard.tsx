import './notes/notes.css';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import {
  type FocusEvent,
  type KeyboardEvent,
  type KeyboardEventHandler,
  memo,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { NoteView } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { useBoard } from './context';
import { useDropIndicator } from './dnd/BoardDnd';
import type { DropTarget } from './dnd/intent';
import { watchNearViewport } from './nearViewport';
import { NoteEditor } from './NoteEditor';
import { ColourChoices } from './notes/ColourChoices';
import { forgetFocus, keepFocusAcrossRemount } from './notes/keepFocus';
import { openNoteDialog } from './notes/noteDialogs';
import { onNoteKey, swallowSpaceUp } from './notes/noteKeys';
import { type MenuItem, NoteMenu } from './notes/NoteMenu';
import { presenceLine } from './notes/presenceLine';
import { notesIn, rememberRoving, syncRoving } from './notes/roving';
import { quote } from './quote';
import type { PresenceUser } from './session';
import { MeTooControl, useMeToo } from './suggest/MeToo';
import { liveSelection } from './ui';
import { useUi, useUiStore } from './uiContext';
import { VoteControl } from './VoteControl';

type Mode = 'view' | 'editing' | 'confirming-delete' | 'colour';

export interface NoteCardProps {
  note: NoteView;
  /** Other people typing in this note, or looking at it. */
  editors: readonly PresenceUser[];
  watchers: readonly PresenceUser[];
  dimmed: boolean;
  mine: boolean;
  /** Text of the linked notes, for the link chips. */
  linked: readonly { id: string; label: string }[];
}

/** What the drag-and-drop binding adds to a card; null for a card without it. */
interface DndBinding {
  rootListeners: Record<string, unknown>;
  handleProps: Record<string, unknown>;
  isDragging: boolean;
  drop: string | null;
}

/**
 * A card keeps one <li> for its whole life. Near the viewport it is complete and draggable; far
 * from it (see nearViewport.ts) it is light: its text and author only, and no drag hooks, because
 * on a board of thousands of notes every hooked card re-renders when the drop target changes and
 * every element costs layout. The text button keeps its key, so keyboard focus survives the
 * switch (Tab onto a far card scrolls it near).
 */
function NoteCardView(props: NoteCardProps) {
  const { writable } = useBoard();
  const canWrite = writable(props.note.dimension);
  const ui = useUiStore();
  // Editing lives in the screen's UI store, by note id: when a colleague moves this note into a
  // theme or another cell, React builds a new card, and the editor must open again there.
  const editing = useUi((s) => s.editing === props.note.id);
  const [localMode, setMode] = useState<Exclude<Mode, 'editing'>>('view');
  const mode: Mode = editing ? 'editing' : localMode;
  const [focusInside, setFocusInside] = useState(false);
  const [near, setNear] = useState(false);
  const [dnd, setDnd] = useState<DndBinding | null>(null);
  const card = useRef<HTMLLIElement | null>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const element = card.current;
    return element ? watchNearViewport(element, setNear) : undefined;
  }, []);

  // [NA5] A note moved while it had the focus (a move, a group, an undo, a colleague) is a new
  // card in its new place: the focus goes with it.
  useLayoutEffect(() => keepFocusAcrossRemount(card.current, props.note.id), [props.note.id]);

  useEffect(() => {
    const selector = focusNext.current;
    focusNext.current = null;
    if (selector) card.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [mode]);

  const noteId = props.note.id;
  const switchTo = useCallback(
    (next: Mode, focus: string | null) => {
      focusNext.current = focus;
      if (next === 'editing') {
        ui.update(() => ({ editing: noteId }));
        return;
      }
      if (ui.get().editing === noteId) ui.update(() => ({ editing: null }));
      setMode(next);
    },
    [ui, noteId],
  );

  // A card being edited, confirming, or holding keyboard focus stays complete wherever it is.
  const complete = near || mode !== 'view' || focusInside;
  return (
    <CardMarkup {...props} mode={mode} switchTo={switchTo} card={card} dnd={dnd} complete={complete} onFocusInside={setFocusInside}>
      {canWrite && complete && <DndBinder note={props.note} card={card} editing={mode === 'editing'} onChange={setDnd} />}
    </CardMarkup>
  );
}

interface CardProps extends NoteCardProps {
  mode: Mode;
  switchTo(next: Mode, focus: string | null): void;
  card: { current: HTMLLIElement | null };
  dnd: DndBinding | null;
  complete: boolean;
  onFocusInside(inside: boolean): void;
  children?: ReactNode;
}

/** Registers a card with drag and drop while it is mounted; renders nothing itself. */
function DndBinder({
  note,
  card,
  editing,
  onChange,
}: {
  note: NoteView;
  card: { current: HTMLLIElement | null };
  editing: boolean;
  onChange(binding: DndBinding | null): void;
}) {
  const dropTarget: DropTarget = { type: 'note', noteId: note.id, themeId: note.themeId, dimension: note.dimension, kind: note.kind };
  const { setNodeRef: setDropRef } = useDroppable({ id: `note:${note.id}`, data: dropTarget });
  const { t } = useT();
  const {
    setNodeRef: setDragRef,
    listeners,
    attributes,
    isDragging,
  } = useDraggable({
    id: `drag-note:${note.id}`,
    data: { type: 'note', noteId: note.id },
    disabled: editing,
    attributes: { roleDescription: t('board.dnd.roleDescription') },
  });
  const drop = useDropIndicator({ noteId: note.id });

  useLayoutEffect(() => {
    setDropRef(card.current);
    setDragRef(card.current);
  }, [card, setDropRef, setDragRef]);

  useLayoutEffect(() => {
    // Pointer and touch drags start anywhere on the card; keyboard drags only from the handle,
    // so Enter and Space keep their meaning on the note's own buttons.
    const { onKeyDown, ...rootListeners } = listeners ?? {};
    onChange({
      rootListeners,
      handleProps: { ...attributes, onKeyDown: onKeyDown as KeyboardEventHandler | undefined },
      isDragging,
      drop,
    });
  }, [listeners, attributes, isDragging, drop, onChange]);

  useLayoutEffect(() => () => onChange(null), [onChange]);
  return null;
}

function CardMarkup({ note, editors, watchers, dimmed, mine, linked, mode, switchTo, card, dnd, complete, onFocusInside, children }: CardProps) {
  const { session, writable, run } = useBoard();
  const translator = useT();
  const { t } = translator;
  const canWrite = writable(note.dimension);
  const ui = useUiStore();
  const selected = useUi((s) => s.selection.has(note.id));
  const flashAt = useUi((s) => (s.flash?.noteId === note.id ? s.flash.at : null));
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (flashAt === null) return;
    card.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    card.current?.querySelector<HTMLElement>('.note-text')?.focus({ preventScroll: true });
  }, [flashAt, card]);

  // [NA4] One tab stop per cell: after this card's text is rebuilt (leaving the editor), the
  // cell's stop is set again.
  useLayoutEffect(() => syncRoving(card.current), [mode, card]);

  const focusText = useCallback(() => card.current?.querySelector<HTMLElement>('.note-text')?.focus({ preventScroll: true }), [card]);
  const closeMenu = useCallback(
    (refocus: boolean) => {
      setMenuOpen(false);
      if (refocus) focusText();
    },
    [focusText],
  );

  const confirmDelete = () => {
    // [NA5] The card is about to disappear: the focus goes to the next note of the cell (or the
    // previous one, or the cell's "Add note"), not to the top of the page.
    const cell = card.current?.closest('[data-cell]');
    const own = card.current?.querySelector<HTMLElement>('.note-text') ?? null;
    const texts = cell ? notesIn(cell) : [];
    const at = own ? texts.indexOf(own) : -1;
    const neighbour = (at >= 0 ? (texts[at + 1] ?? texts[at - 1]) : undefined) ?? cell?.querySelector<HTMLElement>('.add-note');
    if (run(() => session.commands.deleteNote(note.id))) {
      forgetFocus();
      neighbour?.focus({ preventScroll: true });
    }
  };

  // The notes a move or a group takes: the whole selection when this note is part of it.
  const withSelection = () => {
    const live = liveSelection(ui.get().selection, session.getView());
    return live.includes(note.id) ? live : [note.id];
  };
  const actions = {
    edit: () => switchTo('editing', null),
    menu: () => setMenuOpen(true),
    select: () => ui.toggleSelected(note.id),
    remove: () => switchTo('confirming-delete', '.note-confirm .danger'),
    drag: () => card.current?.querySelector<HTMLElement>('.drag-handle')?.focus(),
    move: () => openNoteDialog({ type: 'move', noteId: note.id, noteIds: withSelection() }),
    group: () => openNoteDialog({ type: 'group', noteId: note.id, noteIds: liveSelection(ui.get().selection, session.getView()) }),
    vote: (change: 1 | -1) => {
      if (session.workshop.votingOpen) card.current?.querySelector<HTMLElement>(change === 1 ? '.vote-more' : '.vote-less')?.click();
    },
  };
  const label = quote(note.text);
  const meToo = useMeToo(note);
  const menuItems: MenuItem[] = [
    { id: 'edit', label: t('board.note.menu.edit'), run: actions.edit },
    { id: 'move', label: t('board.note.menu.move'), run: actions.move },
    { id: 'group', label: t('board.note.menu.group'), run: actions.group },
    ...(note.kind === 'need' ? [{ id: 'link', label: t('board.note.menu.link'), run: () => ui.update(() => ({ linking: note.id })) }] : []),
    { id: 'colour', label: t('board.note.menu.colour'), run: () => switchTo('colour', '.colour-choices [aria-pressed="true"]') },
    ...(meToo.may ? [{ id: 'me-too', label: t(meToo.said ? 'suggest.meToo.takeBack' : 'suggest.meToo.add'), run: meToo.toggle }] : []),
    { id: 'select', label: t(selected ? 'board.note.menu.deselect' : 'board.note.menu.select'), run: actions.select },
    { id: 'drag', label: t('board.note.menu.drag'), run: actions.drag },
    ...linked.map((link) => ({ id: `link:${link.id}`, label: t('board.note.menu.goTo', { link: link.label }), run: () => ui.flashNote(link.id) })),
    { id: 'delete', label: t('board.note.menu.delete'), danger: true, run: actions.remove },
  ];

  const onTextClick = (event: MouseEvent) => {
    // Shift- or Ctrl/Cmd-click selects instead of editing, as in every file manager.
    if (event.shiftKey || event.ctrlKey || event.metaKey) {
      ui.toggleSelected(note.id);
      return;
    }
    switchTo('editing', null);
  };

  const classes = [
    'note',
    `colour-${note.colour}`,
    selected && 'selected',
    dimmed && 'dimmed',
    mine && 'mine',
    dnd?.isDragging && 'dragging',
    flashAt !== null && 'flash',
    dnd?.drop && `drop-${dnd.drop}`,
    menuOpen && 'menu-open',
  ].filter(Boolean);
  const presence = editors[0] ?? watchers[0];

  // The note's text is its cell's roving tab stop; its tabindex is set by roving.ts, not here.
  const textProps = {
    onFocus: (event: FocusEvent<HTMLElement>) => rememberRoving(event.currentTarget),
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => onNoteKey(event, { write: canWrite ? actions : null }),
  };
  let body: ReactNode;
  if (mode === 'editing') {
    body = <NoteEditor note={note} onDone={(how) => switchTo('view', how === 'keyboard' ? '.note-text' : null)} />;
  } else if (canWrite) {
    body = (
      <button
        key="text"
        type="button"
        className="note-text"
        onClick={onTextClick}
        onKeyUp={swallowSpaceUp}
        onContextMenu={(event) => {
          // A long press on a touch screen starts a drag (B8); the menu is the "⋯" button there.
          if ((event.nativeEvent as Partial<PointerEvent>).pointerType === 'touch') return;
          event.preventDefault();
          setMenuOpen(true);
        }}
        aria-keyshortcuts="Enter . Space Delete"
        title={t('board.note.text.title')}
        {...textProps}
      >
        {note.text || <em>{t('board.note.empty')}</em>}
      </button>
    );
  } else {
    body = (
      <p className="note-text" {...textProps}>
        {note.text}
      </p>
    );
  }

  return (
    <li
      ref={card}
      className={classes.join(' ')}
      data-note-id={note.id}
      data-being-edited={editors.length > 0 || undefined}
      style={presence ? { outlineColor: presence.colour } : undefined}
      onFocus={() => {
        session.setFocus(note.id);
        onFocusInside(true);
      }}
      onBlur={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        session.setFocus(null);
        onFocusInside(false);
      }}
      {...dnd?.rootListeners}
    >
      {children}
      {canWrite && complete && (
        <div className="note-tools" key="tools">
          <input
            type="checkbox"
            className="note-select"
            tabIndex={-1}
            checked={selected}
            onChange={() => ui.toggleSelected(note.id)}
            aria-label={t('board.note.select', { note: label })}
          />
          {/* Reached from the note with D (NA4), so a keyboard drag (B2) needs no tab stop of its own. */}
          <button type="button" className="drag-handle" aria-label={t('board.note.drag', { note: label })} {...dnd?.handleProps} tabIndex={-1}>
            ⠿
          </button>
          {mode === 'view' && <NoteMenu label={label} open={menuOpen} items={menuItems} onOpen={() => setMenuOpen(true)} onClose={closeMenu} />}
        </div>
      )}
      {body}
      {linked.length > 0 && (
        <ul className="note-links" aria-label={t(note.kind === 'need' ? 'board.note.answeredBy' : 'board.note.answers')}>
          {linked.map((link) => (
            <li key={link.id}>
              <button type="button" className="link-chip" tabIndex={-1} onClick={() => ui.flashNote(link.id)}>
                {note.kind === 'need' ? '→' : '←'} {link.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="note-footer">
        <span className="note-author">
          {note.byline} · {note.clusterLabel}
          {note.carriedFrom && <span className="note-carried"> · {t('board.note.carriedFrom', { board: note.carriedFrom.boardTitle })}</span>}
        </span>
        {complete && <VoteControl noteId={note.id} label={label} />}
        <MeTooControl note={note} label={label} />
        {presence && (
          <span className="note-presence" style={{ color: presence.colour }}>
            {presenceLine(translator, editors, watchers)}
          </span>
        )}
        {canWrite && mode === 'colour' && <ColourChoices note={note} onDone={() => switchTo('view', '.note-text')} />}
        {canWrite && mode === 'confirming-delete' && (
          <span
            className="note-confirm"
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.stopPropagation();
              switchTo('view', '.note-text');
            }}
          >
            <button type="button" className="danger" onClick={confirmDelete}>
              {t('board.confirm.deleteForEveryone')}
            </button>
            <button type="button" className="quiet" onClick={() => switchTo('view', '.note-text')}>
              {t('board.confirm.keep')}
            </button>
          </span>
        )}
      </div>
    </li>
  );
}

/** Re-renders only when what it shows changes: a board of thousands of notes stays responsive. */
export const NoteCard = memo(NoteCardView);

/** The card shown under the pointer while dragging. */
export function NotePreview({ note, count }: { note: NoteView; count: number }) {
  return (
    <div className={`note note-preview colour-${note.colour}`}>
      <p className="note-text">{note.text}</p>
      {count > 1 && <span className="preview-count">+{count - 1}</span>}
    </div>
  );
}
