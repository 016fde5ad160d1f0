/**
 * Search and filters, with the match count, next/previous and "Hide non-matches". One component,
 * so the toolbar can place it anywhere (behind a "Filter" button on phones, for instance).
 */
import './search.css';
import { type KeyboardEvent, useMemo } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { clusterLabel, type DimensionId, DIMENSIONS, type KindId, KINDS } from '../../../shared/model/vocabulary';
import { currentAttributionWords } from '../../i18n/current';
import { useT } from '../../i18n/I18n';
import { useBoardView } from '../context';
import { NO_FILTER } from '../ui';
import { useUi, useUiStore } from '../uiContext';
import { isNarrowing } from './matches';
import { SearchNavigator, useStepMatch } from './SearchNavigator';
import { useMatches } from './useMatches';

export function FilterControls() {
  const { t } = useT();
  const ui = useUiStore();
  const filter = useUi((s) => s.filter);
  const view = useBoardView();
  const matches = useMatches();
  const step = useStepMatch(matches);
  const { clusters, authors } = useMemo(() => {
    const clusterIds = new Set<string>();
    const people = new Map<string, string>();
    for (const note of view.notesById.values()) {
      if (note.cluster) clusterIds.add(note.cluster);
      if (note.authorId) people.set(note.authorId, note.byline);
    }
    return {
      clusters: [...clusterIds]
        .map((id) => ({ id, label: clusterLabel(id, currentAttributionWords()) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      authors: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }, [view]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  };

  return (
    <div className="filters" role="search">
      <input
        type="search"
        aria-label={t('room.search')}
        aria-keyshortcuts="Enter Shift+Enter"
        placeholder={t('room.search')}
        value={filter.text}
        onChange={(e) => ui.setFilter({ text: e.target.value })}
        onKeyDown={onSearchKey}
      />
      <SearchNavigator matches={matches} />
      <select aria-label={t('room.filter.cluster')} value={filter.cluster ?? ''} onChange={(e) => ui.setFilter({ cluster: e.target.value || null })}>
        <option value="">{t('room.filter.cluster.all')}</option>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <select aria-label={t('room.filter.author')} value={filter.author ?? ''} onChange={(e) => ui.setFilter({ author: e.target.value || null })}>
        <option value="">{t('room.filter.author.all')}</option>
        {authors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <select
        aria-label={t('room.filter.kind')}
        value={filter.kind ?? ''}
        onChange={(e) => ui.setFilter({ kind: (e.target.value || null) as KindId | null })}
      >
        <option value="">{t('room.filter.kind.all')}</option>
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>
            {t(kindKey(k.id))}
          </option>
        ))}
      </select>
      <select
        aria-label={t('room.filter.dimension')}
        value={filter.dimension ?? ''}
        onChange={(e) => ui.setFilter({ dimension: (e.target.value || null) as DimensionId | null })}
      >
        <option value="">{t('room.filter.dimension.all')}</option>
        {DIMENSIONS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={filter.mine} onChange={(e) => ui.setFilter({ mine: e.target.checked })} />
        {t('room.filter.mine')}
      </label>
      {isNarrowing(filter) && (
        <button type="button" className="quiet" onClick={() => ui.setFilter(NO_FILTER)}>
          {t('room.filter.clear')}
        </button>
      )}
    </div>
  );
}
