/**
 * Why the workshop refused an action, in its own words: the HTTP layer maps each kind to a status
 * (server/http/workshopErrors.ts), so the workshop knows nothing of HTTP.
 */
export type WorkshopRefusal =
  /** The request names something that cannot be (two steps with one id, a missing step). */
  | 'invalid'
  /** The seat that asked is no longer valid. */
  | 'unseated'
  /** What it names is not there (any more). */
  | 'not-found'
  /** The workshop's state does not allow it now (voting closed, a round open). */
  | 'conflict'
  /** A lock keeps it from happening now. */
  | 'locked'
  /** Past a limit on people. */
  | 'too-many'
  /** Storage could not keep it just now; nothing was lost, try again. */
  | 'unavailable';

export class WorkshopError extends Error {
  override readonly name = 'WorkshopError';

  constructor(
    readonly kind: WorkshopRefusal,
    message: string,
  ) {
    super(message);
  }
}
