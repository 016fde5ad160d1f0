/** The HTTP status of each workshop refusal (server/workshop/errors.ts). */
import type { WorkshopRefusal } from '../workshop/errors';

export const WORKSHOP_STATUS: Record<WorkshopRefusal, number> = {
  invalid: 400,
  unseated: 401,
  'not-found': 404,
  conflict: 409,
  locked: 423,
  'too-many': 429,
  unavailable: 503,
};
