import { useId, useState } from 'react';
import type { Role } from '../../../shared/protocol';

export const ROLE_LINK_LABEL: Record<Role, string> = {
  facilitator: 'Facilitator link',
  participant: 'Participant link',
  viewer: 'Viewer link',
};

const ROLE_ORDER: Role[] = ['participant', 'viewer', 'facilitator'];

/** A link to read, select or copy. The field is read-only so a long link can still be selected by hand. */
export function CopyField({ label, value }: { label: string; value: string }) {
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
        <button type="button" aria-label={`Copy ${label.toLowerCase()}`} onClick={copy}>
          Copy
        </button>
      </div>
      {copied && (
        <p className={copied === 'yes' ? 'facilitate-notice' : 'facilitate-problem'} role="status">
          {copied === 'yes' ? 'Copied.' : 'This browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac).'}
        </p>
      )}
    </div>
  );
}

/** A board's three links, each with its Copy button. */
export function LinkList({ links }: { links: Record<Role, string> }) {
  return (
    <div className="link-fields">
      {ROLE_ORDER.map((role) => (
        <CopyField key={role} label={ROLE_LINK_LABEL[role]} value={links[role]} />
      ))}
    </div>
  );
}
