import { useState } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import { useT } from '../i18n/I18n';
import { Dialog, DialogDone } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';
import { quote } from './quote';
import { NeedProposals } from './suggest/NeedProposals';

/**
 * Matchmaking: link a "best practice needed" note to the good practices that answer it, usually
 * another cluster's. Practices of other clusters are listed first.
 */
export function LinkDialog({ needId, onClose }: { needId: string; onClose(): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const [search, setSearch] = useState('');
  const need = view.notesById.get(needId);
  if (!need) return null;

  const practices = [...view.notesById.values()]
    .filter((n) => n.kind === 'good-practice')
    .filter((n) => !search.trim() || `${n.text} ${n.clusterLabel}`.toLowerCase().includes(search.trim().toLowerCase()))
    .sort((a, b) => Number(a.cluster === need.cluster) - Number(b.cluster === need.cluster) || a.clusterLabel.localeCompare(b.clusterLabel));

  const toggle = (practiceId: string, linked: boolean) =>
    run(() => (linked ? session.commands.unlinkPractice(needId, practiceId) : session.commands.linkPractice(needId, practiceId)));

  return (
    <Dialog title={t('board.link.title', { note: quote(need.text) })} onClose={onClose}>
      <label className="form-field">
        {t('board.link.search')}
        <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('board.link.search.placeholder')} autoFocus />
      </label>
      {session.role === 'facilitator' && <NeedProposals need={need} />}
      {practices.length === 0 ? (
        <p>{t('board.link.empty', { kind: t(kindKey('good-practice')) })}</p>
      ) : (
        <ul className="link-choices">
          {practices.map((practice) => {
            const linked = need.linkedIds.includes(practice.id);
            return (
              <li key={practice.id}>
                <label>
                  <input type="checkbox" checked={linked} onChange={() => toggle(practice.id, linked)} />
                  <span>
                    <strong>{practice.clusterLabel}</strong>: {practice.text}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <DialogDone onClose={onClose} />
    </Dialog>
  );
}
