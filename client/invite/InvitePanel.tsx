/**
 * Inviting people: the participant link as a QR code (also full screen, for the projector) and
 * each link with its Copy button. Used on the home page's new-board result and in the board's
 * Invite dialog. Showing links never changes them; replacing one is a separate, confirmed action
 * (Facilitator controls → Links).
 */
import './invite.css';
import { useState } from 'react';
import type { Role } from '../../shared/protocol';
import { CopyField } from '../board/facilitate/CopyField';
import { useT } from '../i18n/I18n';
import { PresentQr } from './PresentQr';
import { QrCode } from './QrCode';

export function InvitePanel({ links, boardTitle }: { links: Record<Role, string>; boardTitle: string }) {
  const { t } = useT();
  const [presenting, setPresenting] = useState(false);
  return (
    <div className="invite">
      <div className="invite-participant">
        <QrCode value={links.participant} label={t('room.invite.qr')} className="invite-qr" />
        <div className="invite-participant-text">
          <CopyField label={t('room.invite.participant')} value={links.participant} />
          <p className="field-hint">{t('room.invite.participant.hint')}</p>
          <button type="button" className="primary invite-present" onClick={() => setPresenting(true)}>
            {t('room.invite.present')}
          </button>
        </div>
      </div>
      <div className="invite-link">
        <CopyField label={t('room.invite.viewer')} value={links.viewer} />
        <p className="field-hint">{t('room.invite.viewer.hint')}</p>
      </div>
      <div className="invite-link invite-facilitator">
        <CopyField label={t('room.invite.facilitator')} value={links.facilitator} />
        <p className="invite-warning" role="note">
          {t('room.invite.facilitator.warning')}
        </p>
      </div>
      {presenting && <PresentQr link={links.participant} boardTitle={boardTitle} onClose={() => setPresenting(false)} />}
    </div>
  );
}
