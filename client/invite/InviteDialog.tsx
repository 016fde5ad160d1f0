import { useEffect, useState } from 'react';
import type { Role } from '../../shared/protocol';
import { Dialog } from '../ui/Dialog';
import { type Caller, readLinks } from '../workshopApi';
import { InvitePanel } from './InvitePanel';

/**
 * The board's Invite dialog for a facilitator: the links are read from the server each time it
 * opens (a link replaced a minute ago shows as the new one), never rotated by showing them.
 */
export function InviteDialog({ caller, boardTitle, onClose }: { caller: Caller; boardTitle: string; onClose(): void }) {
  const [links, setLinks] = useState<Record<Role, string> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    readLinks(caller).then(
      (answer) => current && setLinks(answer.links),
      (error: unknown) => current && setProblem(`The links could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [caller]);
  return (
    <Dialog title="Invite people" onClose={onClose}>
      <div className="invite-dialog">
        {links ? (
          <InvitePanel links={links} boardTitle={boardTitle} />
        ) : problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : (
          <p role="status">Loading the links…</p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
