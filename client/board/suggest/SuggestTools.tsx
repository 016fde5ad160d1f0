import './suggest.css';
/** [SU5, SU8] The facilitator's way in: proposed themes for the whole board, and matchmaking. */
import type { DimensionId, KindId } from '../../../shared/model/vocabulary';
import { useT } from '../../i18n/I18n';
import { useUiStore } from '../uiContext';
import { openSuggestions } from './openSuggestions';

export function SuggestTools() {
  const { t } = useT();
  const ui = useUiStore();
  return (
    <div className="suggest-tools">
      <p className="field-hint">{t('suggest.tools.intro')}</p>
      <button type="button" onClick={() => openSuggestions(ui, { tab: 'themes', cell: null })}>
        {t('suggest.tools.themes')}
      </button>
      <button type="button" onClick={() => openSuggestions(ui, { tab: 'tandems', cell: null })}>
        {t('suggest.tandems.tab')}
      </button>
    </div>
  );
}

/** A cell's "Propose themes" (facilitators only): the panel opens on that cell. */
export function ProposeThemesButton({ cell, label }: { cell: { dimension: DimensionId; kind: KindId }; label: string }) {
  const { t } = useT();
  const ui = useUiStore();
  return (
    <button
      type="button"
      className="propose-themes quiet"
      title={t('suggest.cell.propose.label', { cell: label })}
      aria-label={t('suggest.cell.propose.label', { cell: label })}
      onClick={() => openSuggestions(ui, { tab: 'themes', cell: { dimension: cell.dimension, kind: cell.kind } })}
    >
      {t('suggest.cell.propose')}
    </button>
  );
}
