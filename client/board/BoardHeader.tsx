import './layout/layout.css';
import { type ReactNode, useEffect, useRef } from 'react';
import type { Translator } from '../../shared/i18n/translate';
import { useT } from '../i18n/I18n';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { useBoard, useBoardView } from './context';
import { formatSyncTime } from './offline';
import { PresenceStrip } from './presence/PresenceStrip';
import type { ConnectionState } from './session';
import { ARIA_SHORTCUTS, SHORTCUT_HINT, useUndo } from './useUndo';

const ROLE_LABEL = { facilitator: 'room.role.facilitator', participant: 'room.role.participant', viewer: 'room.role.viewer' } as const;

/** The badge text and its longer explanation (tooltip). */
function describeConnection(connection: ConnectionState, canWrite: boolean, t: Translator['t']): { text: string; detail: string } {
  switch (connection.status) {
    case 'connecting':
      return { text: t('room.connection.connecting'), detail: t('room.connection.connecting.detail') };
    case 'live':
      return { text: t('room.connection.live'), detail: t('room.connection.live.detail') };
    case 'offline': {
      if (!canWrite) {
        return {
          text:
            connection.lastSynced === null
              ? t('room.connection.offline.reader')
              : t('room.connection.offline.reader.asOf', { time: formatSyncTime(connection.lastSynced) }),
          detail: t('room.connection.offline.reader.detail'),
        };
      }
      return connection.savedOnDevice
        ? { text: t('room.connection.offline.saved'), detail: t('room.connection.offline.saved.detail') }
        : { text: t('room.connection.offline.keepOpen'), detail: t('room.connection.offline.keepOpen.detail') };
    }
    case 'reconnecting':
      return {
        text:
          connection.lastSynced === null
            ? t('room.connection.reconnecting')
            : t('room.connection.reconnecting.since', { time: formatSyncTime(connection.lastSynced) }),
        detail: canWrite ? t('room.connection.reconnecting.detail.writer') : t('room.connection.reconnecting.detail.reader'),
      };
    case 'refused':
      return { text: t('room.connection.refused'), detail: t('room.connection.refused.detail') };
  }
}

function HistoryButtons() {
  const { t } = useT();
  const history = useUndo();
  if (!history.enabled) return null;
  return (
    <div className="board-history" role="group" aria-label={t('room.history')}>
      <button
        type="button"
        className="history-button"
        // aria-disabled, not disabled: focus stays on the button after undoing the last step.
        aria-disabled={!history.canUndo}
        aria-keyshortcuts={ARIA_SHORTCUTS.undo}
        title={t('room.history.undo.title', { shortcut: SHORTCUT_HINT.undo })}
        onClick={() => history.canUndo && history.undo()}
      >
        <span className="history-icon" aria-hidden="true">
          ↶
        </span>
        <span className="history-label">{t('room.history.undo')}</span>
      </button>
      <button
        type="button"
        className="history-button"
        aria-disabled={!history.canRedo}
        aria-keyshortcuts={ARIA_SHORTCUTS.redo}
        title={t('room.history.redo.title', { shortcut: SHORTCUT_HINT.redo })}
        onClick={() => history.canRedo && history.redo()}
      >
        <span className="history-icon" aria-hidden="true">
          ↷
        </span>
        <span className="history-label">{t('room.history.redo')}</span>
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
  const { t, locale } = useT();
  const view = useBoardView();
  const header = useRef<HTMLElement>(null);
  const status = describeConnection(connection, canWrite, t);

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
        <span className="role-badge">{t(ROLE_LABEL[session.role])}</span>
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
        <button type="button" className="change-identity" onClick={onChangeIdentity} title={t('room.header.changeIdentity')}>
          <span className="change-identity-icon" aria-hidden="true">
            ✎
          </span>
          {/* One name for every width: the words are only hidden from sight on a phone. */}
          <span className="change-identity-label">{t('room.header.changeIdentity')}</span>
        </button>
        {/* [LG2] The language can change at any time without leaving the board. A phone shows its
            code ("DE") in place of the select's text; the select, transparent, still takes the tap. */}
        <span className="header-language">
          <span className="header-language-code" aria-hidden="true">
            {locale.toUpperCase()}
          </span>
          <LanguagePicker labelHidden />
        </span>
      </div>
      {children}
    </header>
  );
}
