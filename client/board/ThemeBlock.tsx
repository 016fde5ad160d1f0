import { useDraggable, useDroppable } from '@dnd-kit/core';
import { type KeyboardEventHandler, memo, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../shared/model/schema';
import type { ThemeView } from '../../shared/view/boardView';
import { useT } from '../i18n/I18n';
import { useBoard } from './context';
import { useDropIndicator } from './dnd/BoardDnd';
import type { DropTarget } from './dnd/intent';
import { type NoteDecor, sameNotes } from './noteDecor';
import { NoteList } from './NoteList';
import { useUi, useUiStore } from './uiContext';

type Mode = 'view' | 'renaming' | 'confirming-dissolve';

type ThemeProps = { theme: ThemeView; decor: ReadonlyMap<string, NoteDecor> };

/** A theme: a named group of notes in a cell, with a statement for the report. */
function ThemeBlockView({ theme, decor }: ThemeProps) {
  const { session, writable, run } = useBoard();
  const { t } = useT();
  const canWrite = writable(theme.dimension);
  // Published totals only (0 while a round's results are hidden).
  const themeVotes = useSyncExternalStore(session.workshop.subscribe, () =>
    theme.notes.reduce((sum, note) => sum + (session.workshop.noteVotes(note.id).total ?? 0), 0),
  );
  const ui = useUiStore();
  const collapsed = useUi((s) => s.collapsed.has(theme.id));
  const renamingNow = useUi((s) => s.renaming === theme.id);
  const [mode, setModeNow] = useState<Mode>('view');
  const block = useRef<HTMLElement | null>(null);
  // Where keyboard focus goes after the header changes under it (a step counter, so a change
  // back to the same mode still moves focus).
  const [focusRequest, setFocusRequest] = useState<{ selector: string; step: number } | null>(null);
  const setMode = (next: Mode, focus: string | null = null) => {
    setModeNow(next);
    if (focus) setFocusRequest((previous) => ({ selector: focus, step: (previous?.step ?? 0) + 1 }));
  };
  useEffect(() => {
    if (focusRequest) block.current?.querySelector<HTMLElement>(focusRequest.selector)?.focus();
  }, [focusRequest]);
  const drop = useDropIndicator({ themeId: theme.id });

  const target: DropTarget = { type: 'theme', themeId: theme.id, dimension: theme.dimension, kind: theme.kind };
  const droppable = useDroppable({ id: `theme:${theme.id}`, data: target });
  const draggable = useDraggable({
    id: `drag-theme:${theme.id}`,
    data: { type: 'theme', themeId: theme.id },
    disabled: !canWrite || mode !== 'view' || renamingNow,
    attributes: { roleDescription: t('board.dnd.roleDescription') },
  });
  const { onKeyDown, ...pointerListeners } = draggable.listeners ?? {};

  // A theme just created by a drop asks for its name.
  const renaming = mode === 'renaming' || renamingNow;
  const stopRenaming = () => {
    setMode('view', '.theme-title-button');
    if (renamingNow) ui.update(() => ({ renaming: null }));
  };

  const title = { title: theme.title };
  return (
    <section
      ref={(element) => {
        block.current = element;
        droppable.setNodeRef(element);
        draggable.setNodeRef(element);
      }}
      className={['theme', drop && `drop-${drop}`, draggable.isDragging && 'dragging'].filter(Boolean).join(' ')}
      aria-label={t('board.theme.label', title)}
      data-theme-id={theme.id}
    >
      <header className="theme-header" {...pointerListeners}>
        {canWrite && (
          <button
            type="button"
            className="drag-handle"
            aria-label={t('board.theme.drag', title)}
            {...draggable.attributes}
            onKeyDown={onKeyDown as KeyboardEventHandler | undefined}
          >
            ⠿
          </button>
        )}
        <button
          type="button"
          className="theme-toggle"
          aria-expanded={!collapsed}
          aria-label={t(collapsed ? 'board.theme.expand' : 'board.theme.collapse', title)}
          onClick={() => ui.toggleCollapsed(theme.id)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        {renaming ? (
          <ThemeEditor
            theme={theme}
            onDone={(change) => {
              if (change) run(() => session.commands.renameTheme(theme.id, change));
              stopRenaming();
            }}
          />
        ) : (
          <h4 className="theme-title">
            {canWrite ? (
              <button type="button" className="theme-title-button" onClick={() => setMode('renaming')} title={t('board.theme.rename')}>
                {theme.title}
              </button>
            ) : (
              theme.title
            )}
            <span className="theme-count">{theme.notes.length}</span>
            {themeVotes > 0 && (
              <span className="theme-votes" data-testid="theme-votes">
                {t('board.votes', { count: themeVotes })}
              </span>
            )}
          </h4>
        )}
        {canWrite && mode === 'view' && !renaming && (
          <button
            type="button"
            className="quiet"
            onClick={() => setMode('confirming-dissolve', '.note-confirm .danger')}
            aria-label={t('board.theme.dissolve.label', title)}
          >
            {t('board.theme.dissolve')}
          </button>
        )}
        {mode === 'confirming-dissolve' && (
          <span className="note-confirm">
            <button
              type="button"
              className="danger"
              autoFocus
              onClick={() => {
                // The theme's first note takes the keyboard focus once the theme is gone.
                const first = theme.notes[0]?.id;
                if (run(() => session.commands.dissolveTheme(theme.id)) && first) {
                  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(first)}"] .note-text`)?.focus());
                }
              }}
            >
              {t('board.theme.dissolve.confirm')}
            </button>
            <button type="button" className="quiet" onClick={() => setMode('view', '.theme-header .quiet')}>
              {t('board.confirm.keep')}
            </button>
          </span>
        )}
      </header>
      {!collapsed && (
        <>
          {theme.statement && !renaming && <p className="theme-statement">{theme.statement}</p>}
          <NoteList notes={theme.notes} decor={decor} />
        </>
      )}
    </section>
  );
}

/** What a theme block shows is unchanged: its title, statement and place, and its notes with their decor. */
export function sameTheme(before: ThemeProps, after: ThemeProps): boolean {
  const a = before.theme;
  const b = after.theme;
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.statement === b.statement &&
    a.dimension === b.dimension &&
    a.kind === b.kind &&
    sameNotes(a.notes, b.notes, before.decor, after.decor)
  );
}

/**
 * A cell re-renders when one of its notes changes; its themes (a tenth of a big board's notes, in
 * dozens of themes per cell) re-render only when something in them did.
 */
export const ThemeBlock = memo(ThemeBlockView, sameTheme);

/** Title and statement, edited together; Enter in the title saves, Escape cancels. */
export function ThemeEditor({ theme, onDone }: { theme: ThemeView; onDone(change: { title: string; statement: string } | null): void }) {
  const { t } = useT();
  const [title, setTitle] = useState(theme.title);
  const [statement, setStatement] = useState(theme.statement);
  const save = () => onDone(title.trim() ? { title: title.trim(), statement } : null);
  return (
    <div
      className="theme-editor"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <input
        aria-label={t('board.theme.title')}
        value={title}
        maxLength={THEME_TITLE_MAX}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
        }}
      />
      <textarea
        aria-label={t('board.theme.statement')}
        placeholder={t('board.theme.statement.placeholder')}
        value={statement}
        maxLength={THEME_STATEMENT_MAX}
        rows={2}
        onChange={(e) => setStatement(e.target.value)}
      />
      <div className="form-actions">
        <button type="button" className="primary" onClick={save}>
          {t('common.save')}
        </button>
        <button type="button" className="quiet" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
