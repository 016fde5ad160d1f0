import { useEffect, useRef } from 'react';
import { useBoard, useBoardView, usePresence } from './context';
import type { ConnectionState } from './session';

const CONNECTION_TEXT: Record<ConnectionState['status'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Offline: reconnecting…',
  refused: 'Disconnected',
};

const ROLE_LABEL = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer (read-only)' } as const;

export function BoardHeader({ connection, onChangeIdentity }: { connection: ConnectionState; onChangeIdentity(): void }) {
  const { session } = useBoard();
  const view = useBoardView();
  const presence = usePresence();
  const header = useRef<HTMLElement>(null);

  // The column headings stick just below this header, whose height grows as people join.
  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <header className="board-header" ref={header}>
      <div className="board-title">
        <h1>{view.meta.title}</h1>
        <span className="role-badge">{ROLE_LABEL[session.role]}</span>
        <span className={`connection connection-${connection.status}`} role="status" aria-live="polite" data-testid="connection">
          {CONNECTION_TEXT[connection.status]}
        </span>
      </div>
      <div className="board-people">
        <ul className="presence" aria-label="People on this board">
          {presence.map((user) => (
            <li key={user.clientId} className="presence-chip" style={{ borderColor: user.colour }} title={user.clusterLabel}>
              <span className="presence-dot" style={{ background: user.colour }} aria-hidden="true" />
              <span className="presence-name">{user.isSelf ? `${user.name} (you)` : user.name}</span>
              <span className="presence-cluster">{user.clusterLabel}</span>
            </li>
          ))}
        </ul>
        <button type="button" className="quiet" onClick={onChangeIdentity}>
          Change name or cluster
        </button>
      </div>
    </header>
  );
}
