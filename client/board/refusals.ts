import { sameProtocol } from '../../shared/api/contract';
import { CloseCode, PERSON_REMOVED_REASON } from '../../shared/protocol';

export interface Refusal {
  title: string;
  detail: string;
}

export const LINK_NOT_VALID: Refusal = {
  title: 'This link is not valid',
  detail: 'Ask your facilitator for a new link to this board.',
};

export const BOARD_NOT_FOUND: Refusal = {
  title: 'Board not found',
  detail: 'There is no board at this address. Check the link.',
};

/** [HC5] The page and the server speak different protocol versions (a deploy since the page loaded). */
export const PAGE_OUT_OF_DATE: Refusal = {
  title: 'This page is out of date',
  detail: 'Reload the page: the server runs a newer version of Clusterboard than this page.',
};

/** The refusal for the server's answer to the board info call, when the versions differ. */
export function versionRefusal(answer: { status: number } | { protocolVersion: number }): Refusal | null {
  if ('status' in answer) return answer.status === 409 ? PAGE_OUT_OF_DATE : null;
  return sameProtocol(answer.protocolVersion) ? null : PAGE_OUT_OF_DATE;
}

/** What to tell a person whose connection the server closed for good. */
export function refusalFor(code: number, reason: string): Refusal {
  switch (code) {
    case CloseCode.Unauthorized:
      return LINK_NOT_VALID;
    case CloseCode.BoardNotFound:
      return BOARD_NOT_FOUND;
    case CloseCode.LinkRevoked:
      return {
        title: 'This link was revoked',
        detail: 'The facilitator replaced the link you used. Ask them for the new link; your notes on the board are kept.',
      };
    case CloseCode.TooLarge:
      return {
        title: 'That was too large for the board',
        detail:
          'A change from this page was larger than the board accepts, or the board is full. Reload the page; if it happens again, ask the facilitator to start a new board from this one.',
      };
    case CloseCode.TooManyRequests:
      return {
        title: 'Too many changes at once',
        detail:
          'This page sent more than the server accepts in a moment, or too many people on your network are connected. Reload the page to continue.',
      };
    case CloseCode.Forbidden:
      if (reason === PERSON_REMOVED_REASON) {
        return {
          title: 'You were removed from this board',
          detail:
            'The facilitator removed you from the workshop. Your notes stay on the board. If this was a mistake, ask the facilitator, then reload the page to join again.',
        };
      }
      return { title: 'Not your notes', detail: 'These private notes belong to someone else. Reload the board from your own link.' };
    default:
      return { title: 'The server closed this board', detail: reason || 'Reload the page to try again.' };
  }
}
