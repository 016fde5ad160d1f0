/**
 * [LG4] What the page tells a person the server refused them: the board's info call's answer and
 * the close code of a socket the server closed for good, in the page's language at the time.
 */
import { sameProtocol } from '../../shared/api/contract';
import type { MessageKey } from '../../shared/i18n/catalogue';
import { CloseCode, PERSON_REMOVED_REASON } from '../../shared/protocol';
import { t } from '../i18n/current';

export interface Refusal {
  readonly title: string;
  readonly detail: string;
}

/** The refusals shown for a close (or an answer), each a title and a detail in `errors.closed.*`. */
export const CLOSED_REFUSALS = [
  'linkNotValid',
  'boardNotFound',
  'outOfDate',
  'linkRevoked',
  'tooLarge',
  'tooManyRequests',
  'removed',
  'privateNotes',
  'other',
] as const;
type ClosedRefusal = (typeof CLOSED_REFUSALS)[number];

/** A refusal whose sentences are read in the page's language when they are shown (spread or read). */
function refusal(name: ClosedRefusal, detail: MessageKey = `errors.closed.${name}.detail`): Refusal {
  return {
    get title() {
      return t(`errors.closed.${name}.title`);
    },
    get detail() {
      return t(detail);
    },
  };
}

export const LINK_NOT_VALID = refusal('linkNotValid');

export const BOARD_NOT_FOUND = refusal('boardNotFound');

/** [HC5] The page and the server speak different protocol versions (a deploy since the page loaded). */
export const PAGE_OUT_OF_DATE = refusal('outOfDate');

const LINK_REVOKED = refusal('linkRevoked');
const TOO_LARGE = refusal('tooLarge');
const TOO_MANY_REQUESTS = refusal('tooManyRequests');
const REMOVED = refusal('removed');
const PRIVATE_NOTES = refusal('privateNotes');
const BAD_MESSAGE = refusal('other', 'errors.closed.badMessage.detail');
const CLOSED = refusal('other');

/** The refusal for the server's answer to the board info call, when the versions differ. */
export function versionRefusal(answer: { status: number } | { protocolVersion: number }): Refusal | null {
  if ('status' in answer) return answer.status === 409 ? PAGE_OUT_OF_DATE : null;
  return sameProtocol(answer.protocolVersion) ? null : PAGE_OUT_OF_DATE;
}

/** What to tell a person whose connection the server closed for good: told by the close code (the reason only tells 4403's two apart). */
export function refusalFor(code: number, reason: string): Refusal {
  switch (code) {
    case CloseCode.Unauthorized:
      return LINK_NOT_VALID;
    case CloseCode.BoardNotFound:
      return BOARD_NOT_FOUND;
    case CloseCode.LinkRevoked:
      return LINK_REVOKED;
    case CloseCode.TooLarge:
      return TOO_LARGE;
    case CloseCode.TooManyRequests:
      return TOO_MANY_REQUESTS;
    case CloseCode.Forbidden:
      return reason === PERSON_REMOVED_REASON ? REMOVED : PRIVATE_NOTES;
    case CloseCode.BadMessage:
      return BAD_MESSAGE;
    default:
      return CLOSED;
  }
}
