/**
 * The workshop's state for everyone, under the header: the running step, the shared timer, what
 * the facilitator has switched on (private writing, locks, voting) and, for participants, "I'm done".
 */
import './workshop.css';
import { useEffect, useRef, useState } from 'react';
import { dimensionLabel } from '../../shared/model/vocabulary';
import { type ControlState, timerRemaining } from '../../shared/workshop/control';
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
      aria-label={atZero ? 'Time is up' : `Time left ${formatRemaining(remaining)}${running ? '' : ', paused'}`}
      data-testid="timer"
    >
      {atZero ? "Time's up" : formatRemaining(remaining)}
      {!running && remaining > 0 && <span className="timer-note"> paused</span>}
    </span>
  );
}

function lockText(state: ControlState): string | null {
  if (state.lock.board) return 'The board is locked';
  if (state.lock.dimensions.length === 0) return null;
  return `Locked: ${state.lock.dimensions.map(dimensionLabel).join(', ')}`;
}

function VotingStatus() {
  const { session } = useBoard();
  const { round } = useControl();
  const votes = useMyVotes();
  if (!round || round.status !== 'open') return null;
  const canVote = session.role !== 'viewer';
  const left = Math.max(0, round.budget - votes.used);
  return (
    <span className="workshop-chip chip-voting" data-testid="votes-left">
      {canVote ? `Voting: ${left} of ${round.budget} votes left` : 'Voting is open'}
      {round.hideResults && ' · results shown when voting closes'}
    </span>
  );
}

function DoneButton() {
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
            .catch((error: unknown) => setProblem(error instanceof Error ? error.message : 'That did not work.'))
            .finally(() => setBusy(false));
        }}
      >
        {ready ? "✓ I'm done" : "I'm done"}
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
  const state = useControl();
  const step = state.steps[state.currentStep];
  const locked = lockText(state);
  const facilitator = session.role === 'facilitator';
  return (
    <div className="workshop-bar" role="region" aria-label="Workshop">
      {step && (
        <span className="workshop-step" data-testid="current-step">
          Step {state.currentStep + 1} of {state.steps.length}: <strong>{step.title}</strong>
        </span>
      )}
      <Timer />
      {state.privateWriting && (
        <span className="workshop-chip chip-private">
          {session.role === 'participant' ? 'Private writing: your new notes are visible only to you until revealed' : 'Private writing is on'}
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
          {panelOpen ? (
            <>
              Hide <span className="wide-only">facilitator </span>controls
            </>
          ) : (
            <>
              <span className="wide-only">Facilitator </span>controls
            </>
          )}
        </button>
      )}
    </div>
  );
}
