import { useId, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import type { Role } from '../../../shared/protocol';
import { useT } from '../../i18n/I18n';

export const ROLE_LINK_LABEL: Record<Role, MessageKey> = {
  facilitator: 'facilitate.links.role.facilitator',
  participant: 'facilitate.links.role.participant',
  viewer: 'facilitate.links.role.viewer',
};

const ROLE_COPY_LABEL: Record<Role, MessageKey> = {
  facilitator: 'facilitate.copy.role.facilitator',
  participant: 'facilitate.copy.role.participant',
  viewer: 'facilitate.copy.role.viewer',
};

const ROLE_ORDER: Role[] = ['participant', 'viewer', 'facilitator'];

/**
 * A link to read, select or copy. The field is read-only so a long link can still be selected by
 * hand. `copyLabel` names the Copy button ("Copy participant link"); without it, "Copy" and the label.
 */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel?: string }) {
  const { t } = useT();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = () => {
    const field = document.getElementById(id);
    if (field instanceof HTMLInputElement) field.select();
    // No clipboard outside secure contexts (a laptop's LAN address over http): fall back to the selection.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(value))
      .then(
        () => setCopied('yes'),
        () => setCopied('no'),
      );
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" aria-label={copyLabel ?? t('facilitate.copy.aria', { label })} onClick={copy}>
          {t('facilitate.copy.button')}
        </button>
      </div>
      {copied && (
        <p className={copied === 'yes' ? 'facilitate-notice' : 'facilitate-problem'} role="status">
          {t(copied === 'yes' ? 'facilitate.copy.done' : 'facilitate.copy.failed')}
        </p>
      )}
    </div>
  );
}

/** A board's three links, each with its Copy button. */
export function LinkList({ links }: { links: Record<Role, string> }) {
  const { t } = useT();
  return (
    <div className="link-fields">
      {ROLE_ORDER.map((role) => (
        <CopyField key={role} label={t(ROLE_LINK_LABEL[role])} copyLabel={t(ROLE_COPY_LABEL[role])} value={links[role]} />
      ))}
    </div>
  );
}
