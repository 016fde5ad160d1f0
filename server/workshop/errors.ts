/**
 * Why the workshop refused an action, in its own words: the HTTP layer maps each kind to a status
 * (server/http/workshopErrors.ts), so the workshop knows nothing of HTTP.
 */
import { CodedError, type ErrorCode, type ErrorValues } from '../../shared/errors';

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

/** A refusal of the workshop: its kind (for the HTTP status) and its problem, told by code (LG4). */
export class WorkshopError extends CodedError {
  override readonly name = 'WorkshopError';

  constructor(
    readonly kind: WorkshopRefusal,
    code: ErrorCode,
    values?: ErrorValues,
  ) {
    super(values ? { code, values } : { code });
  }
}
