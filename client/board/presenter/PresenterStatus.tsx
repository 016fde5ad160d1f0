import { useControl, usePresence } from '../context';
import { formatRemaining, useTimer } from '../WorkshopBar';

/** "3 of 12 done": participants here now who said they are done (as the People panel counts them). */
export function doneText(done: number, of: number): string {
  return of === 1 ? `${done} of 1 participant done` : `${done} of ${of} participants done`;
}

/** The step, the timer and who is done, large enough to read from the back of the room. */
export function PresenterStatus() {
  const { steps, currentStep, people } = useControl();
  const presence = usePresence();
  const { remaining, running } = useTimer();
  const step = steps[currentStep];
  const here = new Set(presence.map((user) => user.id));
  const participants = [...people.entries()].filter(([id, person]) => person.role === 'participant' && here.has(id));
  const done = participants.filter(([, person]) => person.ready).length;
  return (
    <div className="presenter-status">
      <span className="presenter-step" data-testid="presenter-step">
        {step ? (
          <>
            Step {currentStep + 1} of {steps.length}: <strong>{step.title}</strong>
          </>
        ) : (
          'The workshop has not started.'
        )}
      </span>
      {remaining !== null && (
        <span
          className={`presenter-timer${running ? '' : ' paused'}`}
          role="timer"
          data-testid="presenter-timer"
          aria-label={`Time left ${formatRemaining(remaining)}`}
        >
          {remaining === 0 && running ? "Time's up" : formatRemaining(remaining)}
        </span>
      )}
      <span className="presenter-done" data-testid="presenter-done">
        <meter min={0} max={Math.max(1, participants.length)} value={done} aria-hidden="true" />
        {doneText(done, participants.length)}
      </span>
    </div>
  );
}
