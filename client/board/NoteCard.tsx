import { useDraggable, useDroppable } from '@dnd-kit/core';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEventHandler, type MouseEvent, type ReactNode } from 'react';
import { deleteNote, setNoteColour } from '../../shared/model/mutations/notes';
import { COLOURS } from '../../shared/model/vocabulary';
import type { NoteView } from '../../shared/view/boardView';
import { useBoard } from './context';
import { VoteControl } from './VoteControl';
import { quote } from './quote';
import { useDropIndicator } from './dnd/BoardDnd';
import type { DropTarget } from './dnd/intent';
import { watchNearViewport } from './nearViewport';
import { NoteEditor } from './NoteEditor';
import type { PresenceUser } from './session';
import { useUi, useUiStore } from './uiContext';

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
  const { setNodeRef: setDragRef, listeners, attributes, isDragging } = useDraggable({
    id: `drag-note:${note.id}`,
    data: { type: 'note', noteId: note.id },
    disabled: editing,
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
  const canWrite = writable(note.dimension);
  const ui = useUiStore();
  const selected = useUi((s) => s.selection.has(note.id));
  const flashAt = useUi((s) => (s.flash?.noteId === note.id ? s.flash.at : null));

  useEffect(() => {
    if (flashAt === null) return;
    card.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    card.current?.querySelector<HTMLElement>('.note-text')?.focus({ preventScroll: true });
  }, [flashAt, card]);

  const confirmDelete = () => {
    // The card is about to disappear: hand focus to a neighbour, not to the top of the page.
    const item = card.current;
    const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector<HTMLElement>('.note-text');
    if (run(() => deleteNote(session.doc, note.id, session.origin))) neighbour?.focus();
  };

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
  ].filter(Boolean);
  const presence = editors[0] ?? watchers[0];
  const label = quote(note.text);

  let body: ReactNode;
  if (mode === 'editing') {
    body = <NoteEditor note={note} onDone={(how) => switchTo('view', how === 'keyboard' ? '.note-text' : null)} />;
  } else if (canWrite) {
    body = (
      <button key="text" type="button" className="note-text" onClick={onTextClick} title="Click or press Enter to edit; Shift-click to select">
        {note.text || <em>Empty note</em>}
      </button>
    );
  } else {
    body = (
      <p className="note-text" tabIndex={0}>
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
            checked={selected}
            onChange={() => ui.toggleSelected(note.id)}
            aria-label={`Select note ${label}`}
          />
          <button type="button" className="drag-handle" aria-label={`Drag note ${label}`} {...dnd?.handleProps}>
            ⠿
          </button>
        </div>
      )}
      {body}
      {linked.length > 0 && (
        <ul className="note-links" aria-label={note.kind === 'need' ? 'Answered by' : 'Answers'}>
          {linked.map((link) => (
            <li key={link.id}>
              <button type="button" className="link-chip" onClick={() => ui.flashNote(link.id)}>
                {note.kind === 'need' ? '→' : '←'} {link.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="note-footer">
        <span className="note-author">
          {note.byline} · {note.clusterLabel}
          {note.carriedFrom && <span className="note-carried"> · from “{note.carriedFrom.boardTitle}”</span>}
        </span>
        {complete && <VoteControl noteId={note.id} label={label} />}
        {presence && (
          <span className="note-presence" style={{ color: presence.colour }}>
            {editors.length > 0
              ? `${editors.map((u) => `${u.name} (${u.clusterLabel})`).join(', ')} ${editors.length === 1 ? 'is' : 'are'} editing`
              : `${watchers.map((u) => u.name).join(', ')} ${watchers.length === 1 ? 'is' : 'are'} here`}
          </span>
        )}
        {canWrite && complete && mode === 'view' && (
          <span className="note-actions">
            {note.kind === 'need' && (
              <button type="button" className="quiet" onClick={() => ui.update(() => ({ linking: note.id }))} aria-label={`Link good practices to note ${label}`}>
                Link
              </button>
            )}
            <button type="button" className="quiet note-colour" onClick={() => switchTo('colour', '.colour-choices button')} aria-label={`Colour of note ${label}`}>
              Colour
            </button>
            <button type="button" className="quiet note-delete" onClick={() => switchTo('confirming-delete', '.note-confirm .danger')} aria-label={`Delete note ${label}`}>
              Delete
            </button>
          </span>
        )}
        {canWrite && mode === 'colour' && (
          <span className="colour-choices" role="group" aria-label="Choose a colour">
            {COLOURS.map((colour) => (
              <button
                key={colour}
                type="button"
                className={`swatch colour-${colour}`}
                aria-label={colour}
                aria-pressed={note.colour === colour}
                onClick={() => {
                  run(() => setNoteColour(session.doc, note.id, colour, session.origin));
                  switchTo('view', '.note-colour');
                }}
              />
            ))}
          </span>
        )}
        {canWrite && mode === 'confirming-delete' && (
          <span className="note-confirm">
            <button type="button" className="danger" onClick={confirmDelete}>
              Delete for everyone
            </button>
            <button type="button" className="quiet" onClick={() => switchTo('view', '.note-delete')}>
              Keep
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
