import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import type { Role } from '../../../shared/protocol';
import { useT } from '../../i18n/I18n';
import { Dialog } from '../../ui/Dialog';
import { type Caller, rotateLink } from '../../workshopApi';
import { useBoard } from '../context';
import { LinkList } from './CopyField';
import { Problem } from './parts';
import { useAction, useCaller } from './useAction';

type Links = Record<Role, string>;

/**
 * Replacing a link. The client never knows the other roles' links (only its own token), so the
 * server's answer to a replacement is the moment to show all three. Replacing the facilitator link
 * closes this page's own connection: the page reopens at the new link, and the links are kept for
 * this tab (sessionStorage) so they are still shown here after the reload.
 */
const storageKey = (boardId: string) => `clusterboard:new-links:${boardId}`;

function rememberLinks(boardId: string, links: Links): void {
  try {
    sessionStorage.setItem(storageKey(boardId), JSON.stringify({ links, at: Date.now() }));
  } catch {
    // Without storage the links are only shown until the page reloads.
  }
}

function rememberedLinks(boardId: string): { links: Links; at: number } | null {
  try {
    const raw = sessionStorage.getItem(storageKey(boardId));
    const value = raw ? (JSON.parse(raw) as { links?: Partial<Links>; at?: unknown }) : null;
    const links = value?.links;
    if (!links || typeof value.at !== 'number') return null;
    if (typeof links.facilitator !== 'string' || typeof links.participant !== 'string' || typeof links.viewer !== 'string') return null;
    return { links: { facilitator: links.facilitator, participant: links.participant, viewer: links.viewer }, at: value.at };
  } catch {
    return null;
  }
}

/** Opens the new facilitator link. Only the fragment (the token) differs, which alone would not reload. */
function reopenAt(url: string): void {
  const target = new URL(url, window.location.href);
  const samePage = target.origin === window.location.origin && target.pathname === window.location.pathname;
  window.location.replace(target.href);
  if (samePage) window.location.reload();
}

const ROLE_TEXT: Record<Role, { replace: MessageKey; confirm: MessageKey; consequence: MessageKey }> = {
  participant: {
    replace: 'facilitate.links.replace.participant',
    confirm: 'facilitate.links.confirm.participant',
    consequence: 'facilitate.links.consequence.participant',
  },
  viewer: {
    replace: 'facilitate.links.replace.viewer',
    confirm: 'facilitate.links.confirm.viewer',
    consequence: 'facilitate.links.consequence.viewer',
  },
  facilitator: {
    replace: 'facilitate.links.replace.facilitator',
    confirm: 'facilitate.links.confirm.facilitator',
    consequence: 'facilitate.links.consequence.facilitator',
  },
};

export function LinksPanel() {
  const { t, intl } = useT();
  const { session } = useBoard();
  const caller = useCaller();
  const [shown, setShown] = useState(() => rememberedLinks(session.boardId));
  const [confirming, setConfirming] = useState<Role | null>(null);

  return (
    <>
      <p>{t('facilitate.links.intro')}</p>
      <div className="link-buttons">
        {(['participant', 'viewer', 'facilitator'] as const).map((role) => (
          <button key={role} type="button" onClick={() => setConfirming(role)}>
            {t(ROLE_TEXT[role].replace)}
          </button>
        ))}
      </div>
      {shown && (
        <div className="new-links">
          <h3>{t('facilitate.links.current')}</h3>
          <p className="field-hint">{t('facilitate.links.asOf', { time: intl.formatTime(shown.at, { hour: '2-digit', minute: '2-digit' }) })}</p>
          <LinkList links={shown.links} />
        </div>
      )}
      {confirming && (
        <ConfirmReplace
          role={confirming}
          caller={caller}
          onClose={() => setConfirming(null)}
          onReplaced={(links) => {
            rememberLinks(session.boardId, links);
            if (confirming === 'facilitator') {
              reopenAt(links.facilitator);
              return;
            }
            setShown({ links, at: Date.now() });
            setConfirming(null);
          }}
        />
      )}
    </>
  );
}

function ConfirmReplace({ role, caller, onClose, onReplaced }: { role: Role; caller: Caller; onClose(): void; onReplaced(links: Links): void }) {
  const { t } = useT();
  const replace = useAction();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (replace.busy) return;
    replace.run(() => rotateLink(caller, role), { onDone: (answer) => onReplaced(answer.links) });
  };
  // In a portal: the panel scrolls and stacks on its own, and a modal must cover the whole page.
  return createPortal(
    <Dialog title={t(ROLE_TEXT[role].confirm)} onClose={onClose}>
      <form onSubmit={submit}>
        <p>{t(ROLE_TEXT[role].consequence)}</p>
        <p>{t('facilitate.links.kept')}</p>
        <Problem text={replace.problem} />
        <div className="form-actions">
          <button type="submit" className="danger">
            {replace.busy ? t('facilitate.links.replacing') : t('facilitate.links.replace')}
          </button>
          <button type="button" className="quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>,
    document.body,
  );
}
