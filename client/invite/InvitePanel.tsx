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
import { PresentQr } from './PresentQr';
import { QrCode } from './QrCode';

export function InvitePanel({ links, boardTitle }: { links: Record<Role, string>; boardTitle: string }) {
  const [presenting, setPresenting] = useState(false);
  return (
    <div className="invite">
      <div className="invite-participant">
        <QrCode value={links.participant} label="QR code of the participant link" className="invite-qr" />
        <div className="invite-participant-text">
          <CopyField label="Participant link" value={links.participant} />
          <p className="field-hint">For everyone taking part: they scan the code or open the link, then give their name and cluster.</p>
          <button type="button" className="primary invite-present" onClick={() => setPresenting(true)}>
            Show the QR code full screen
          </button>
        </div>
      </div>
      <div className="invite-link">
        <CopyField label="Viewer link" value={links.viewer} />
        <p className="field-hint">Read-only, for observers and the projector: it opens the presenter view.</p>
      </div>
      <div className="invite-link invite-facilitator">
        <CopyField label="Facilitator link" value={links.facilitator} />
        <p className="invite-warning" role="note">
          Keep this one for yourself and co-facilitators: whoever has it can run the workshop, replace links and remove people.
        </p>
      </div>
      {presenting && <PresentQr link={links.participant} boardTitle={boardTitle} onClose={() => setPresenting(false)} />}
    </div>
  );
}
