import './layout/layout.css';
import { type ReactNode, useEffect, useRef } from 'react';
import { useBoard, useBoardView } from './context';
import { formatSyncTime } from './offline';
import { PresenceStrip } from './presence/PresenceStrip';
import type { ConnectionState } from './session';
import { ARIA_SHORTCUTS, SHORTCUT_HINT, useUndo } from './useUndo';

const ROLE_LABEL = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer (read-only)' } as const;

/** The badge text and its longer explanation (tooltip). */
function describeConnection(connection: ConnectionState, canWrite: boolean): { text: string; detail: string } {
  switch (connection.status) {
    case 'connecting':
      return { text: 'Connecting…', detail: 'Connecting to the board.' };
    case 'live':
      return { text: 'Live', detail: 'Changes reach everyone at once.' };
    case 'offline': {
      if (!canWrite) {
        const asOf = connection.lastSynced === null ? '' : ` as of ${formatSyncTime(connection.lastSynced)}`;
        return { text: `Offline – showing the board${asOf}`, detail: 'No network. New changes appear when the connection returns.' };
      }
      return connection.savedOnDevice
        ? {
            text: 'Offline – changes are saved on this device',
            detail: 'No network. Keep working: your changes are sent when the connection returns.',
          }
        : {
            text: 'Offline – keep this page open',
            detail:
              'No network, and this browser does not let the board keep a copy. Your changes are sent when the connection returns, if this page stays open.',
          };
    }
    case 'reconnecting':
      return {
        text: connection.lastSynced === null ? 'Reconnecting…' : `Reconnecting… last synced ${formatSyncTime(connection.lastSynced)}`,
        detail: canWrite
          ? 'The server cannot be reached. Keep working: your changes are kept and sent when it is back.'
          : 'The server cannot be reached. New changes appear when it is back.',
      };
    case 'refused':
      return { text: 'Disconnected', detail: 'The server closed the connection.' };
  }
}

function HistoryButtons() {
  const history = useUndo();
  if (!history.enabled) return null;
  return (
    <div className="board-history" role="group" aria-label="History">
      <button
        type="button"
        className="history-button"
        // aria-disabled, not disabled: focus stays on the button after undoing the last step.
        aria-disabled={!history.canUndo}
        aria-keyshortcuts={ARIA_SHORTCUTS.undo}
        title={`Undo your last change (${SHORTCUT_HINT.undo})`}
        onClick={() => history.canUndo && history.undo()}
      >
        <span className="history-icon" aria-hidden="true">
          ↶
        </span>
        <span className="history-label">Undo</span>
      </button>
      <button
        type="button"
        className="history-button"
        aria-disabled={!history.canRedo}
        aria-keyshortcuts={ARIA_SHORTCUTS.redo}
        title={`Redo (${SHORTCUT_HINT.redo})`}
        onClick={() => history.canRedo && history.redo()}
      >
        <span className="history-icon" aria-hidden="true">
          ↷
        </span>
        <span className="history-label">Redo</span>
      </button>
    </div>
  );
}

export function BoardHeader({
  connection,
  onChangeIdentity,
  children,
}: {
  connection: ConnectionState;
  onChangeIdentity(): void;
  children?: ReactNode;
}) {
  const { session, canWrite } = useBoard();
  const view = useBoardView();
  const header = useRef<HTMLElement>(null);
  const status = describeConnection(connection, canWrite);

  // The column headings stick just below this header, whose height changes with the workshop bar.
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
        <h1 title={view.meta.title}>{view.meta.title}</h1>
        <span className="role-badge">{ROLE_LABEL[session.role]}</span>
        <span
          className={`connection connection-${connection.status}`}
          role="status"
          aria-live="polite"
          title={status.detail}
          data-testid="connection"
        >
          {status.text}
        </span>
      </div>
      <HistoryButtons />
      <div className="board-people">
        <PresenceStrip />
        <button type="button" className="change-identity" onClick={onChangeIdentity} title="Change name or cluster">
          <span className="change-identity-icon" aria-hidden="true">
            ✎
          </span>
          {/* One name for every width: the words are only hidden from sight on a phone. */}
          <span className="change-identity-label">Change name or cluster</span>
        </button>
      </div>
      {children}
    </header>
  );
}
