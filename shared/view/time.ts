/**
 * A stored time as ISO 8601, or '' when it is no time a Date can hold. A note's times are what a
 * client once wrote: `new Date(9e15).toISOString()` throws, and one such note must not turn a
 * notes list or an export into a 500 for everyone [AT4].
 */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0 || ms > 8.64e15) return '';
  return new Date(ms).toISOString();
}
