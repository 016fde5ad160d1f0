import { useState } from 'react';
import { STEP_MINUTES_MAX } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import { useControl } from '../context';
import { formatRemaining, useTimer } from '../WorkshopBar';
import { pressable, Problem } from './parts';
import { useCommand } from './useAction';

/** The shared timer in the server's clock: the same on every screen, whatever each device's clock says. */
export function TimerControls() {
  const { t } = useT();
  const { timer, steps, currentStep } = useControl();
  const { remaining, running } = useTimer();
  const [minutes, setMinutes] = useState(() => String(steps[currentStep]?.minutes || 5));
  const command = useCommand();
  const paused = timer !== null && !running;

  const start = (event: React.FormEvent) => {
    event.preventDefault();
    if (command.busy) return;
    const value = Number(minutes.trim());
    if (minutes.trim() === '' || !Number.isFinite(value) || value <= 0 || value > STEP_MINUTES_MAX) {
      command.refuse(t('facilitate.timer.invalid', { max: STEP_MINUTES_MAX }));
      return;
    }
    command.send({ type: 'timer', action: 'start', minutes: value });
  };

  const state = t(
    remaining === null
      ? 'facilitate.timer.state.none'
      : remaining === 0
        ? 'facilitate.timer.state.up'
        : running
          ? 'facilitate.timer.state.running'
          : 'facilitate.timer.state.paused',
  );
  return (
    <>
      <div className="timer-readout">
        <span className={`timer-display${running ? '' : ' timer-stopped'}`} data-testid="facilitator-timer">
          {remaining === null ? '-:--' : formatRemaining(remaining)}
        </span>
        <span className="timer-state">{state}</span>
      </div>
      <form className="timer-start" onSubmit={start} noValidate>
        <div className="facilitate-field">
          <label htmlFor="facilitate-timer-minutes">{t('facilitate.timer.minutes')}</label>
          <input
            id="facilitate-timer-minutes"
            type="number"
            inputMode="decimal"
            min={0.5}
            max={STEP_MINUTES_MAX}
            step="any"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          {t('facilitate.timer.start')}
        </button>
      </form>
      <div className="facilitate-actions">
        {paused ? (
          <button type="button" {...pressable(command.busy || remaining === 0, () => command.send({ type: 'timer', action: 'resume' }))}>
            {t('facilitate.timer.resume')}
          </button>
        ) : (
          <button type="button" {...pressable(command.busy || !running, () => command.send({ type: 'timer', action: 'pause' }))}>
            {t('facilitate.timer.pause')}
          </button>
        )}
        <button type="button" {...pressable(command.busy, () => command.send({ type: 'timer', action: 'addMinute' }))}>
          {t('facilitate.timer.addMinute')}
        </button>
        <button type="button" {...pressable(command.busy || timer === null, () => command.send({ type: 'timer', action: 'clear' }))}>
          {t('facilitate.timer.clear')}
        </button>
      </div>
      <Problem text={command.problem} />
    </>
  );
}
