/**
 * "3 of 17", previous / next match and "Hide non-matches": the search as a way through a big
 * board, not only a lens that dims.
 */
import { useT } from '../../i18n/I18n';
import { useBoardView } from '../context';
import { useUiStore } from '../uiContext';
import { type Matches, stepMatch } from './matches';
import { useOverview, useOverviewStore } from './overview';

/** Jumps to the next (1) or previous (-1) match: opens its dimension and theme, then the grid scrolls to it. */
export function useStepMatch(matches: Matches): (step: 1 | -1) => void {
  const store = useOverviewStore();
  const ui = useUiStore();
  const view = useBoardView();
  return (step) => {
    const next = stepMatch(matches.ids, store.get().current, step);
    if (next === null) return;
    const note = view.notesById.get(next);
    if (note && store.get().collapsed.has(note.dimension)) store.setCollapsed(note.dimension, false);
    if (note?.themeId && ui.get().collapsed.has(note.themeId)) ui.toggleCollapsed(note.themeId);
    if (ui.get().view !== 'grid') ui.update(() => ({ view: 'grid' }));
    store.jumpTo(next, false);
  };
}

export function SearchNavigator({ matches }: { matches: Matches }) {
  const { t } = useT();
  const store = useOverviewStore();
  const current = useOverview((s) => s.current);
  const hide = useOverview((s) => s.hideNonMatches);
  const step = useStepMatch(matches);
  if (!matches.active) return null;
  const total = matches.ids.length;
  const at = current === null ? -1 : matches.ids.indexOf(current);
  const position = at === -1 ? t('room.search.count', { count: total }) : t('room.search.position', { at: at + 1, total });

  return (
    <div className="search-nav" role="group" aria-label={t('room.search.results')}>
      {at === -1 ? (
        <span className="match-count" aria-live="polite" data-testid="match-count">
          {position}
        </span>
      ) : (
        // Moves keyboard focus onto the current match, e.g. to edit it.
        <button
          type="button"
          className="quiet match-count"
          aria-live="polite"
          data-testid="match-count"
          title={t('room.search.goTo')}
          onClick={() => current !== null && store.jumpTo(current, true)}
        >
          {position}
        </button>
      )}
      <button
        type="button"
        className="match-step"
        disabled={total === 0}
        onClick={() => step(-1)}
        aria-label={t('room.search.previous')}
        title={t('room.search.previous.title')}
      >
        ↑
      </button>
      <button
        type="button"
        className="match-step"
        disabled={total === 0}
        onClick={() => step(1)}
        aria-label={t('room.search.next')}
        title={t('room.search.next.title')}
      >
        ↓
      </button>
      <label className="check">
        <input type="checkbox" checked={hide} onChange={(e) => store.update({ hideNonMatches: e.target.checked })} />
        {t('room.search.hide')}
      </label>
    </div>
  );
}
