import { useT } from '../../i18n/I18n';
import { useControl, usePresence } from '../context';
import { formatRemaining, StepText, useTimer } from '../WorkshopBar';

/**
 * The step, the timer and who is done ("3 of 12 participants done": participants here now who said
 * they are done, as the People panel counts them), large enough to read from the back of the room.
 */
export function PresenterStatus() {
  const { t } = useT();
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
            <StepText number={currentStep + 1} total={steps.length} title={step.title} />
          </>
        ) : (
          t('room.presenter.notStarted')
        )}
      </span>
      {remaining !== null && (
        <span
          className={`presenter-timer${running ? '' : ' paused'}`}
          role="timer"
          data-testid="presenter-timer"
          aria-label={t('room.timer.left', { time: formatRemaining(remaining) })}
        >
          {remaining === 0 && running ? t('room.timer.up') : formatRemaining(remaining)}
        </span>
      )}
      <span className="presenter-done" data-testid="presenter-done">
        <meter min={0} max={Math.max(1, participants.length)} value={done} aria-hidden="true" />
        {t('room.presenter.done', { done, count: participants.length })}
      </span>
    </div>
  );
}
