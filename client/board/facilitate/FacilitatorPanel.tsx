/**
 * The facilitator's one panel, beside the board: run-sheet, timer, private writing and locks,
 * voting, who is done, "bring everyone here", history and links. Everything here is a command to
 * the server (the control document is server-written); the panel only reads it back.
 */
import './facilitate.css';
import { useEffect, useRef } from 'react';
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
  const panel = useRef<HTMLElement>(null);

  // Opening the panel takes the keyboard there; closing it gives focus back to what opened it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <aside ref={panel} className="facilitator-panel" aria-label="Facilitator controls" tabIndex={-1}>
      <div className="facilitator-panel-head">
        <p className="facilitator-panel-title">Facilitator controls</p>
        <button type="button" className="quiet" onClick={onClose}>
          Close the panel
        </button>
      </div>
      <PeopleVotesProvider>
        <PanelSection id="run-sheet" title="Run-sheet">
          <RunSheet />
        </PanelSection>
        <PanelSection id="timer" title="Timer">
          <TimerControls />
        </PanelSection>
        <PanelSection id="writing" title="Writing and locks">
          <WritingAndLock />
        </PanelSection>
        <PanelSection id="voting" title="Voting">
          <VotingControls />
        </PanelSection>
        <PanelSection id="people" title="People">
          <PeopleStatus />
        </PanelSection>
        <PanelSection id="focus" title="Where everyone looks">
          <BringHere />
        </PanelSection>
        <PanelSection id="history" title="History">
          <HistoryPanel />
        </PanelSection>
        <BoardLanguage />
        <PanelSection id="links" title="Links">
          <LinksPanel />
        </PanelSection>
      </PeopleVotesProvider>
    </aside>
  );
}
