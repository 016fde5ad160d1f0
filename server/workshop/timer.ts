/** The workshop timer, kept in the server's clock (SPEC WT1). */
import type { TimerState } from '../../shared/workshop/control';

export const MINUTE = 60_000;

/** The timer after a facilitator's action, in server time. */
export function nextTimer(
  timer: TimerState | null,
  action: 'start' | 'pause' | 'resume' | 'addMinute' | 'clear',
  minutes: number | undefined,
  now: number,
): TimerState | null {
  switch (action) {
    case 'start': {
      const durationMs = Math.round((minutes ?? 5) * MINUTE);
      return { durationMs, endsAt: now + durationMs, remainingMs: null };
    }
    case 'pause':
      if (!timer || timer.endsAt === null) return timer;
      return { ...timer, endsAt: null, remainingMs: Math.max(0, timer.endsAt - now) };
    case 'resume':
      if (!timer || timer.endsAt !== null) return timer;
      return { ...timer, endsAt: now + (timer.remainingMs ?? timer.durationMs), remainingMs: null };
    case 'addMinute':
      if (!timer) return { durationMs: MINUTE, endsAt: now + MINUTE, remainingMs: null };
      if (timer.endsAt !== null) return { ...timer, durationMs: timer.durationMs + MINUTE, endsAt: Math.max(timer.endsAt, now) + MINUTE };
      return { ...timer, durationMs: timer.durationMs + MINUTE, remainingMs: (timer.remainingMs ?? 0) + MINUTE };
    case 'clear':
      return null;
  }
}
