/**
 * The workshop's state for everyone, under the header: the running step, the shared timer, what
 * the facilitator has switched on (private writing, locks, voting) and, for participants, "I'm done".
 */
import './workshop.css';
import type { IntlShape } from '@formatjs/intl';
import { Children, type ReactNode, useEffect, useRef, useState } from 'react';
import type { Translator } from '../../shared/i18n/translate';
import { dimensionLabel } from '../../shared/model/vocabulary';
import { type ControlState, timerRemaining } from '../../shared/workshop/control';
import { useT } from '../i18n/I18n';
import { chime } from './chime';
import { useBoard, useControl, useMyVotes } from './context';
import { FollowToggle } from './follow/FollowToggle';
import { InviteButton } from './InviteButton';
import { PresenterToggle } from './presenter/PresenterToggle';

export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "Step 2 of 5: **Write**": the step's title in bold inside the language's own sentence. */
export function StepText({ number, total, title }: { number: number; total: number; title: string }) {
  // The translator's Intl is typed for plain strings; a bold part makes React elements.
  const intl = useT().intl as unknown as IntlShape<ReactNode>;
  const parts = intl.formatMessage({ id: 'room.workshop.step' }, { number, total, title, b: (chunks: ReactNode[]) => <strong>{chunks}</strong> });
  return <>{Children.toArray(parts)}</>;
}

/** The remaining time on the shared timer, ticking, in the server's clock; null when none. */
export function useTimer(): { remaining: number | null; running: boolean } {
  const { session } = useBoard();
  const { timer } = useControl();
  const [now, setNow] = useState(() => session.workshop.serverNow());
  const running = timer !== null && timer.endsAt !== null;
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(session.workshop.serverNow()), 250);
    return () => clearInterval(tick);
  }, [session, running, timer]);
  const remaining = timerRemaining(timer, now);
  // Until the first tick after a start, `now` is older than the start: never show more than was set.
  return { remaining: remaining === null || !timer ? null : Math.min(remaining, timer.durationMs), running };
}

function Timer() {
  const { t } = useT();
  const { remaining, running } = useTimer();
  const atZero = remaining === 0 && running;
  // Only a run-out seen while the page is open chimes, not a timer already at zero on arrival.
  const signalled = useRef(atZero);
  useEffect(() => {
    // A gentle signal once per run out, not on every render at zero.
    if (atZero && !signalled.current) chime();
    signalled.current = atZero;
  }, [atZero]);
  if (remaining === null) return null;
  return (
    <span
      className={`workshop-timer${atZero ? ' timer-done' : ''}${running ? '' : ' timer-paused'}`}
      role="timer"
      aria-label={atZero ? t('room.timer.up.label') : t(running ? 'room.timer.left' : 'room.timer.left.paused', { time: formatRemaining(remaining) })}
      data-testid="timer"
    >
      {atZero ? t('room.timer.up') : formatRemaining(remaining)}
      {!running && remaining > 0 && <span className="timer-note"> {t('room.timer.paused')}</span>}
    </span>
  );
}

function lockText(state: ControlState, { t, intl }: Translator): string | null {
  if (state.lock.board) return t('room.lock.board');
  if (state.lock.dimensions.length === 0) return null;
  // The dimensions' names are the template's, as written; the list's commas are the language's.
  return t('room.lock.dimensions', { dimensions: intl.formatList(state.lock.dimensions.map(dimensionLabel), { type: 'unit' }) });
}

function VotingStatus() {
  const { t } = useT();
  const { session } = useBoard();
  const { round } = useControl();
  const votes = useMyVotes();
  if (!round || round.status !== 'open') return null;
  const canVote = session.role !== 'viewer';
  const left = Math.max(0, round.budget - votes.used);
  return (
    <span className="workshop-chip chip-voting" data-testid="votes-left">
      {canVote ? t('room.voting.left', { left, budget: round.budget }) : t('room.voting.open')}
      {round.hideResults && ` · ${t('room.voting.hiddenResults')}`}
    </span>
  );
}

function DoneButton() {
  const { t } = useT();
  const { session } = useBoard();
  const { people } = useControl();
  const personId = session.workshop.personId;
  const ready = personId ? (people.get(personId)?.ready ?? false) : false;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (session.role !== 'participant' || !personId) return null;
  return (
    <>
      <button
        type="button"
        className={ready ? 'done-button is-done' : 'done-button'}
        aria-pressed={ready}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setProblem(null);
          session.commands
            .setReady(!ready)
            .catch((error: unknown) => setProblem(error instanceof Error ? error.message : t('room.problem')))
            .finally(() => setBusy(false));
        }}
      >
        {ready ? t('room.done.marked') : t('room.done')}
      </button>
      {problem && (
        <span className="workshop-problem" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

export function WorkshopBar({ panelOpen, onTogglePanel }: { panelOpen: boolean; onTogglePanel(): void }) {
  const { session } = useBoard();
  const translator = useT();
  const { t } = translator;
  const state = useControl();
  const step = state.steps[state.currentStep];
  const locked = lockText(state, translator);
  const facilitator = session.role === 'facilitator';
  return (
    <div className="workshop-bar" role="region" aria-label={t('room.workshop')}>
      {step && (
        <span className="workshop-step" data-testid="current-step">
          <StepText number={state.currentStep + 1} total={state.steps.length} title={step.title} />
        </span>
      )}
      <Timer />
      {state.privateWriting && (
        <span className="workshop-chip chip-private">
          {session.role === 'participant' ? t('room.privateWriting.participant') : t('room.privateWriting.on')}
        </span>
      )}
      {locked && <span className="workshop-chip chip-locked">{locked}</span>}
      <VotingStatus />
      <span className="workshop-spacer" />
      <FollowToggle />
      <DoneButton />
      <PresenterToggle />
      <InviteButton />
      {facilitator && (
        <button type="button" className="facilitate-button" aria-expanded={panelOpen} onClick={onTogglePanel}>
          {/* The button's name is the whole label; a phone shows the short one in its place. */}
          <span className="wide-only">{panelOpen ? t('room.controls.hide') : t('room.controls.show')}</span>
          <span className="phone-only" aria-hidden="true">
            {panelOpen ? t('room.controls.hide.short') : t('room.controls.show.short')}
          </span>
        </button>
      )}
    </div>
  );
}
