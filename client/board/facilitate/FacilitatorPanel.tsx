/**
 * The facilitator's one panel, beside the board: run-sheet, timer, private writing and locks,
 * voting, who is done, "bring everyone here", history and links. Everything here is a command to
 * the server (the control document is server-written); the panel only reads it back.
 */
import './facilitate.css';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18n';
import { useDock } from '../layout/dock';
import { SuggestTools } from '../suggest/SuggestTools';
import { BoardLanguage } from './BoardLanguage';
import { BringHere } from './BringHere';
import { HistoryPanel } from './HistoryPanel';
import { LinksPanel } from './Links';
import { PanelSection } from './parts';
import { PeopleStatus } from './PeopleStatus';
import { PeopleVotesProvider } from './peopleVotes';
import { RunSheet } from './RunSheet';
import { TimerControls } from './TimerControls';
import { VotingControls } from './VotingControls';
import { WritingAndLock } from './WritingAndLock';

export function FacilitatorPanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const panel = useRef<HTMLElement>(null);
  const dock = useDock();

  // Opening the panel takes the keyboard there; closing it gives focus back to what opened it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <aside ref={panel} className="facilitator-panel" aria-label={t('facilitate.panel.title')} tabIndex={-1}>
      <div className="facilitator-panel-head">
        <p className="facilitator-panel-title">{t('facilitate.panel.title')}</p>
        <button type="button" className="quiet" onClick={onClose}>
          {t('facilitate.panel.close')}
        </button>
      </div>
      <PeopleVotesProvider>
        <PanelSection id="run-sheet" title={t('facilitate.section.runSheet')}>
          <RunSheet />
        </PanelSection>
        <PanelSection id="timer" title={t('facilitate.section.timer')}>
          <TimerControls />
        </PanelSection>
        <PanelSection id="writing" title={t('facilitate.section.writing')}>
          <WritingAndLock />
        </PanelSection>
        <PanelSection id="voting" title={t('facilitate.section.voting')}>
          <VotingControls />
        </PanelSection>
        <PanelSection id="people" title={t('facilitate.section.people')}>
          <PeopleStatus />
        </PanelSection>
        <PanelSection id="focus" title={t('facilitate.section.focus')}>
          <BringHere />
        </PanelSection>
        <PanelSection id="suggestions" title={t('suggest.panel.title')}>
          <SuggestTools />
        </PanelSection>
        <PanelSection id="history" title={t('facilitate.section.history')}>
          <HistoryPanel />
        </PanelSection>
        <BoardLanguage />
        <PanelSection id="report" title={t('reportContent.panel.title')}>
          <p className="field-hint">{t('reportContent.open.hint')}</p>
          <button type="button" onClick={() => dock.open('report')}>
            {t('reportContent.open.button')}
          </button>
        </PanelSection>
        <PanelSection id="links" title={t('facilitate.section.links')}>
          <LinksPanel />
        </PanelSection>
      </PeopleVotesProvider>
    </aside>
  );
}
