import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../i18n/I18n';
import { QrCode } from './QrCode';

/**
 * The participant link's QR code filling the screen, for the projector: the room scans it from
 * their seats. The link is written under it for anyone who types it instead. Escape or Close ends it.
 */
export function PresentQr({ link, boardTitle, onClose }: { link: string; boardTitle: string; onClose(): void }) {
  const { t } = useT();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => opener?.focus();
  }, []);
  return createPortal(
    <div
      className="present-qr"
      role="dialog"
      aria-modal="true"
      aria-label={t('room.invite.present.label')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
        // The only control: Tab stays on it.
        if (event.key === 'Tab') event.preventDefault();
      }}
    >
      <h2 className="present-qr-title">{t('room.invite.present.title', { title: boardTitle })}</h2>
      <QrCode value={link} label={t('room.invite.qr')} className="present-qr-code" />
      <p className="present-qr-link">{link}</p>
      <button ref={close} type="button" className="present-qr-close" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>,
    document.body,
  );
}
