import { useEffect, useState } from 'react';
import type { BoardInfo } from '../../shared/protocol';
import { apiBoardInfo, ApiError } from '../api';
import { useT } from '../i18n/I18n';
import { Message } from '../ui/Message';
import { joinBoard } from '../workshopApi';
import { BoardScreen } from './BoardScreen';
import { type Identity, loadIdentity, loadSeat, saveIdentity } from './identity';
import { JoinForm } from './JoinForm';
import { cachedBoardInfo, isUnreachable, registerServiceWorker, rememberBoardInfo } from './offline';
import { BOARD_NOT_FOUND, LINK_NOT_VALID, versionRefusal } from './refusals';

/** How long a board this device knows waits for the server before opening from its own copy. */
const INFO_TIMEOUT_MS = 5000;

type PageState =
  | { status: 'loading' }
  | { status: 'failed'; title: string; detail: string }
  | { status: 'unreachable' }
  | { status: 'joining'; info: BoardInfo }
  | { status: 'ready'; info: BoardInfo; identity: Identity };

export function BoardPage({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useT();
  const [state, setState] = useState<PageState>({ status: 'loading' });

  useEffect(() => {
    if (!token) return;
    registerServiceWorker();
    // Settled once: by the server's answer, by the cache, or by leaving the page.
    let settled = false;
    const settle = (next: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(fallback);
      next();
    };
    const open = (info: BoardInfo) => {
      const identity = loadIdentity(boardId);
      setState(identity ? { status: 'ready', info, identity } : { status: 'joining', info });
    };
    // Without the server, a board opened before on this device opens from its copy here and
    // syncs when the server is back. A network that hangs instead of failing (lie-fi) gets the
    // same after a few seconds; a revoked link is then refused by the socket instead.
    const cached = cachedBoardInfo(boardId, token);
    const fallback = cached ? setTimeout(() => settle(() => open(cached)), INFO_TIMEOUT_MS) : undefined;
    apiBoardInfo(boardId, token).then(
      (info) => {
        const outOfDate = versionRefusal(info);
        if (outOfDate) return settle(() => setState({ status: 'failed', ...outOfDate }));
        rememberBoardInfo(token, info);
        settle(() => open(info));
      },
      (error: unknown) =>
        settle(() => {
          const outOfDate = error instanceof ApiError ? versionRefusal(error) : null;
          if (outOfDate) {
            setState({ status: 'failed', ...outOfDate });
          } else if (error instanceof ApiError && error.status === 404) {
            setState({ status: 'failed', ...BOARD_NOT_FOUND });
          } else if (error instanceof ApiError && error.status === 401) {
            setState({ status: 'failed', ...LINK_NOT_VALID });
          } else if (cached && isUnreachable(error)) {
            open(cached);
          } else {
            setState({ status: 'unreachable' });
          }
        }),
    );
    return () => settle(() => undefined);
  }, [boardId, token]);

  useEffect(() => {
    if (state.status === 'joining' || state.status === 'ready') document.title = `${state.info.title} · Clusterboard`;
  }, [state]);

  if (!token) {
    return (
      <Message title={t('pages.link.incomplete.title')}>
        <p>{t('pages.link.incomplete.detail')}</p>
      </Message>
    );
  }

  switch (state.status) {
    case 'loading':
      return <Message title={t('pages.board.opening')} />;
    case 'unreachable':
      return (
        <Message title={t('pages.board.unreachable.title')}>
          <p>{t('pages.board.unreachable.detail')}</p>
        </Message>
      );
    case 'failed':
      return (
        <Message title={state.title}>
          <p>{state.detail}</p>
        </Message>
      );
    case 'joining':
      return (
        <JoinForm
          boardTitle={state.info.title}
          role={state.info.role}
          previous={null}
          onJoin={async (identity) => {
            // Viewers only watch; everyone else gets a seat, which votes and private notes need.
            const joined =
              state.info.role === 'viewer'
                ? identity
                : await joinBoard({ boardId, token, seat: loadSeat(boardId) }, { name: identity.name, cluster: identity.cluster }).then((seat) => ({
                    ...identity,
                    id: seat.personId,
                    seat: seat.seat,
                  }));
            saveIdentity(boardId, joined);
            setState({ status: 'ready', info: state.info, identity: joined });
          }}
        />
      );
    case 'ready':
      return (
        <BoardScreen
          info={state.info}
          token={token}
          identity={state.identity}
          onIdentityChange={(identity) => {
            saveIdentity(boardId, identity);
            setState({ status: 'ready', info: state.info, identity });
          }}
        />
      );
  }
}
