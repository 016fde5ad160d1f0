import './follow/follow.css';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useT } from '../i18n/I18n';
import { useBoard, useBoardView } from './context';

// The QR library loads with the dialog, the first time a facilitator opens it.
const InviteDialog = lazy(() => import('../invite/InviteDialog').then((m) => ({ default: m.InviteDialog })));

/** The facilitator's Invite button: the links, their Copy buttons and the QR code, on demand. */
export function InviteButton() {
  const { session } = useBoard();
  const { t } = useT();
  const title = useBoardView().meta.title;
  const [open, setOpen] = useState(false);
  const caller = useMemo(() => ({ boardId: session.boardId, token: session.token, seat: null }), [session]);
  if (session.role !== 'facilitator') return null;
  return (
    <>
      <button type="button" className="invite-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('room.invite.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <InviteDialog caller={caller} boardTitle={title} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
