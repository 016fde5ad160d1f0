import { useEffect, useState } from 'react';
import type { Role } from '../../shared/protocol';
import { useT } from '../i18n/I18n';
import { Dialog } from '../ui/Dialog';
import { type Caller, readLinks } from '../workshopApi';
import { InvitePanel } from './InvitePanel';

/**
 * The board's Invite dialog for a facilitator: the links are read from the server each time it
 * opens (a link replaced a minute ago shows as the new one), never rotated by showing them.
 */
export function InviteDialog({ caller, boardTitle, onClose }: { caller: Caller; boardTitle: string; onClose(): void }) {
  const { t } = useT();
  const [links, setLinks] = useState<Record<Role, string> | null>(null);
  // The reason (the server's or the network's), put in a sentence when shown.
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    readLinks(caller).then(
      (answer) => current && setLinks(answer.links),
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [caller]);
  return (
    <Dialog title={t('room.invite.title')} onClose={onClose}>
      <div className="invite-dialog">
        {links ? (
          <InvitePanel links={links} boardTitle={boardTitle} />
        ) : problem ? (
          <p className="error" role="alert">
            {t('room.invite.loadFailed', { reason: problem })}
          </p>
        ) : (
          <p role="status">{t('room.invite.loading')}</p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
