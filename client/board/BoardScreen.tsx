import { useCallback, useEffect, useMemo, useState } from 'react';
import { canWrite, type BoardInfo } from '../../shared/protocol';
import { Message } from '../ui/Message';
import { BoardContext, describeError, useConnection, type BoardContextValue } from './context';
import { BoardGrid } from './BoardGrid';
import { BoardHeader } from './BoardHeader';
import type { Identity } from './identity';
import { BoardSession } from './session';

const REFUSED_TEXT: Record<number, { title: string; detail: string }> = {
  4401: { title: 'This link is not valid', detail: 'Ask your facilitator for a new link to this board.' },
  4404: { title: 'Board not found', detail: 'This board does not exist any more.' },
};

export function BoardScreen({
  info,
  token,
  identity,
  onChangeIdentity,
}: {
  info: BoardInfo;
  token: string;
  identity: Identity;
  onChangeIdentity(): void;
}) {
  // One session per mounted screen; BoardPage remounts this screen (key) when the identity changes.
  const [session] = useState(() => new BoardSession(info.id, token, info.role, identity));

  useEffect(() => {
    session.connect();
    return () => session.disconnect();
  }, [session]);

  return <ConnectedBoard session={session} onChangeIdentity={onChangeIdentity} />;
}

function ConnectedBoard({ session, onChangeIdentity }: { session: BoardSession; onChangeIdentity(): void }) {
  const connection = useConnection(session);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!problem) return;
    const timer = setTimeout(() => setProblem(null), 6000);
    return () => clearTimeout(timer);
  }, [problem]);

  const run = useCallback((command: () => void) => {
    try {
      command();
      return true;
    } catch (error) {
      setProblem(describeError(error));
      return false;
    }
  }, []);

  const context = useMemo<BoardContextValue>(
    () => ({ session, canWrite: canWrite(session.role), run }),
    [session, run],
  );

  if (connection.status === 'refused') {
    const text = REFUSED_TEXT[connection.code] ?? { title: 'The server closed this board', detail: connection.reason };
    return (
      <Message title={text.title}>
        <p>{text.detail}</p>
      </Message>
    );
  }

  return (
    <BoardContext.Provider value={context}>
      <div className="board-page">
        <BoardHeader connection={connection} onChangeIdentity={onChangeIdentity} />
        {problem && (
          <p className="toast" role="alert">
            {problem}
          </p>
        )}
        <BoardGrid />
      </div>
    </BoardContext.Provider>
  );
}
