/**
 * Drag and drop for the grid: notes between cells, into and out of themes, onto each other (a new
 * theme), and whole themes. Pointer, touch and keyboard sensors share one geometric rule
 * (intent.ts); every drag is announced to screen readers, and its result too.
 */
import {
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type BoardView, findTheme } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { Store } from '../../store';
import { useBoard } from '../context';
import { quote } from '../quote';
import { liveSelection } from '../ui';
import { useUiStore } from '../uiContext';
import { applyDrop, describeIntent, describeNotePlace, describeThemePlace } from './apply';
import {
  type Candidate,
  type Dragged,
  type DropIntent,
  droppableAt,
  type DropTarget,
  intentFor,
  keyboardStops,
  nextStop,
  type Point,
} from './intent';

interface DragState {
  dragged: Dragged | null;
  intent: DropIntent | null;
}

/** The drag in progress, as a store: each card subscribes to its own drop indicator only. */
const DragStoreContext = createContext<Store<DragState> | null>(null);

/**
 * How a drop onto this note or theme would land, for its indicator: 'before', 'after', 'group'
 * or 'into'; null when it is not the drop target.
 */
export function useDropIndicator(target: { noteId: string } | { themeId: string }): string | null {
  const store = useContext(DragStoreContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, () => {
    const intent = store?.get().intent;
    if (!intent) return null;
    if ('noteId' in target) {
      if (intent.type === 'group' && intent.noteId === target.noteId) return 'group';
      if (intent.type === 'beside-note' && intent.noteId === target.noteId) return intent.side;
      return null;
    }
    if (intent.type === 'append-theme' && intent.themeId === target.themeId) return 'into';
    if (intent.type === 'beside-theme' && intent.themeId === target.themeId) return intent.side;
    return null;
  });
}

const noSubscription = () => () => {};

function centre(rect: ClientRect): Point {
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

function candidatesFrom(
  containers: Iterable<{ id: string | number; data: { current?: unknown } }>,
  rects: Map<string | number, ClientRect>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const container of containers) {
    const rect = rects.get(container.id);
    const target = container.data.current as DropTarget | undefined;
    if (rect && target) candidates.push({ id: String(container.id), rect, target });
  }
  return candidates;
}

function draggedOf(data: unknown): Dragged | null {
  const value = data as Dragged | undefined;
  return value && (value.type === 'note' || value.type === 'theme') ? value : null;
}

const DIRECTIONS: Record<string, 'up' | 'down' | 'left' | 'right'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** Arrow keys jump between drop places (see keyboardStops), not by pixels. */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const direction = DIRECTIONS[event.code];
  const dragged = draggedOf(context.active?.data.current);
  const rect = context.collisionRect;
  if (!direction || !dragged || !rect) return undefined;
  event.preventDefault();
  const candidates = candidatesFrom(context.droppableContainers.values(), context.droppableRects);
  const from = centre(rect);
  const cells = candidates.filter((c) => c.target.type === 'cell').map((c) => c.rect);
  const stop = nextStop(keyboardStops(candidates, dragged), cells, from, direction);
  if (!stop) return currentCoordinates;
  return { x: currentCoordinates.x + stop.x - from.x, y: currentCoordinates.y + stop.y - from.y };
};

/** What a drag picks up or leaves, in words: the note's text and the theme's title as written. */
function draggedWords(view: BoardView, dragged: Dragged | null): { type: 'note' | 'theme' | 'item'; note: string; title: string } {
  if (dragged?.type === 'note') return { type: 'note', note: quote(view.notesById.get(dragged.noteId)?.text ?? ''), title: '' };
  if (dragged?.type === 'theme') return { type: 'theme', note: '', title: findTheme(view, dragged.themeId)?.title ?? '' };
  return { type: 'item', note: '', title: '' };
}

export function BoardDnd({ children, renderOverlay }: { children: ReactNode; renderOverlay(dragged: Dragged): ReactNode }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const ui = useUiStore();
  const [store] = useState(() => new Store<DragState>({ dragged: null, intent: null }));
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef<DragState>(store.get());

  const sensors = useSensors(
    // A small distance, so a click still opens a note for editing.
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Press and hold on touch screens, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  /**
   * Collision detection runs while dnd-kit renders: the intent is recorded at once (the
   * announcements read it) and published to the cards' indicators right after.
   */
  const setIntent = useCallback(
    (intent: DropIntent | null) => {
      if (JSON.stringify(latest.current.intent) === JSON.stringify(intent)) return;
      latest.current = { ...latest.current, intent };
      queueMicrotask(() => store.set(latest.current));
    },
    [store],
  );

  const collisionDetection = useCallback<CollisionDetection>(
    ({ active, collisionRect, droppableRects, droppableContainers, pointerCoordinates }) => {
      const dragged = draggedOf(active.data.current);
      if (!dragged) return [];
      const point = pointerCoordinates ?? centre(collisionRect);
      const over = droppableAt(candidatesFrom(droppableContainers, droppableRects), point, dragged);
      setIntent(over ? intentFor(dragged, over, point) : null);
      return over ? [{ id: over.id }] : [];
    },
    [setIntent],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    const next = draggedOf(active.data.current);
    latest.current = { dragged: next, intent: null };
    store.set(latest.current);
    setDragged(next);
  };

  const finish = () => {
    latest.current = { dragged: null, intent: null };
    store.set(latest.current);
    setDragged(null);
  };

  const onDragEnd = (_event: DragEndEvent) => {
    const { dragged: item, intent } = latest.current;
    finish();
    if (!item || !intent) return;
    const before = session.getView();
    const selection = liveSelection(ui.get().selection, before);
    const moving = item.type === 'note' && selection.includes(item.noteId) ? selection : item.type === 'note' ? [item.noteId] : [];
    let createdTheme: string | null = null;
    const done = run(() => {
      createdTheme = applyDrop(session, before, item, moving, intent);
    });
    if (!done) return;
    const after = session.getView();
    if (createdTheme) ui.update(() => ({ renaming: createdTheme }));
    const place = item.type === 'theme' ? describeThemePlace(after, item.themeId) : describeNotePlace(after, item.noteId);
    // The selected notes that travelled with the dragged one (none with a theme).
    const more = moving.length - 1;
    setAnnouncement(more > 0 ? t('board.move.done.more', { place, count: more }) : t('board.move.done', { place }));
  };

  const announcements = useMemo<Announcements>(() => {
    const words = (active: { data: { current?: unknown } }) => draggedWords(session.getView(), draggedOf(active.data.current));
    return {
      onDragStart: ({ active }) => {
        const { type, ...values } = words(active);
        return t(type === 'note' ? 'board.dnd.pickup.note' : type === 'theme' ? 'board.dnd.pickup.theme' : 'board.dnd.pickup.item', values);
      },
      onDragMove: () => undefined,
      onDragOver: () => {
        const intent = latest.current.intent;
        return intent ? describeIntent(session.getView(), intent) : t('board.dnd.notOver');
      },
      // The result is announced from the board itself once the move is applied (see onDragEnd).
      onDragEnd: () => undefined,
      onDragCancel: ({ active }) => {
        const { type, ...values } = words(active);
        return t(type === 'note' ? 'board.dnd.cancel.note' : type === 'theme' ? 'board.dnd.cancel.theme' : 'board.dnd.cancel.item', values);
      },
    };
  }, [session, t]);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dnd.instructions') } }}
    >
      <DragStoreContext.Provider value={store}>{children}</DragStoreContext.Provider>
      <DragOverlay dropAnimation={null}>{dragged ? renderOverlay(dragged) : null}</DragOverlay>
      <p className="visually-hidden" role="status" aria-live="assertive" data-testid="drop-announcement">
        {announcement}
      </p>
    </DndContext>
  );
}
