/**
 * [SU5-SU8] The facilitator's Suggestions panel, docked beside the board (a full-screen sheet on a
 * phone): proposed themes and matchmaking. Proposals never change the board by themselves; every
 * change is an Accept or a Dismiss, each one undo step.
 */
import './suggest.css';
import { useState } from 'react';
import { useT } from '../../i18n/I18n';
import { DockPanel } from '../layout/DockPanel';
import { useUi, useUiStore } from '../uiContext';
import { Matchmaking } from './Matchmaking';
import { openSuggestions } from './openSuggestions';
import { ThemeProposals } from './ThemeProposals';

export function SuggestionsPanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const ui = useUiStore();
  const suggest = useUi((s) => s.suggest);
  const [said, setSaid] = useState('');
  // What was just done belongs to the tab it was done on.
  const show = (tab: 'themes' | 'tandems') => {
    setSaid('');
    openSuggestions(ui, { ...suggest, tab });
  };
  return (
    <DockPanel title={t('suggest.panel.title')} onClose={onClose}>
      <div className="suggest-tabs" role="group" aria-label={t('suggest.panel.title')}>
        <button type="button" aria-pressed={suggest.tab === 'themes'} onClick={() => show('themes')}>
          {t('suggest.themes.tab')}
        </button>
        <button type="button" aria-pressed={suggest.tab === 'tandems'} onClick={() => show('tandems')}>
          {t('suggest.tandems.tab')}
        </button>
      </div>
      <p className="suggest-said" role="status" aria-live="polite">
        {said}
      </p>
      {suggest.tab === 'themes' ? <ThemeProposals onDone={setSaid} /> : <Matchmaking onDone={setSaid} />}
    </DockPanel>
  );
}
