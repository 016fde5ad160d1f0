/**
 * [SU5, SU6] Proposed themes for a cell or the whole board: each a suggested title (editable), its
 * notes and the terms they share as the reason. Accept groups the notes into a theme through the
 * normal command (one undo step, live for everyone, attributed to this facilitator); Dismiss
 * keeps it off this board's proposals for every facilitator.
 */
import { useState } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { THEME_TITLE_MAX } from '../../../shared/model/schema';
import { isDismissed } from '../../../shared/suggest/dismissals';
import type { ThemeProposal } from '../../../shared/suggest/types';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView } from '../context';
import { useUi, useUiStore } from '../uiContext';
import { openSuggestions } from './openSuggestions';
import { ProposalStatus } from './parts';
import { useProposals } from './useProposals';

function ThemeCard({ proposal, onDone }: { proposal: ThemeProposal; onDone(message: string): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const [title, setTitle] = useState(proposal.title);
  const notes = proposal.noteIds.map((id) => view.notesById.get(id)).filter((note) => note !== undefined);
  const dimension = view.dimensions.find((d) => d.id === proposal.dimension)?.label ?? proposal.dimension;
  const accept = () => {
    const named = title.trim() || proposal.title;
    const ids = notes.map((note) => note.id);
    if (run(() => session.commands.groupNotes(ids, { title: named, dimension: proposal.dimension, kind: proposal.kind })))
      onDone(t('suggest.themes.accepted', { title: named, count: ids.length }));
  };
  const dismiss = () => {
    if (run(() => session.commands.dismissProposal('theme', proposal.key))) onDone(t('suggest.dismissed'));
  };
  return (
    <li className="proposal" data-testid="theme-proposal">
      <p className="proposal-place">{t('board.cell.label', { dimension, kind: t(kindKey(proposal.kind)) })}</p>
      <label className="proposal-title">
        <span>{t('suggest.themes.title')}</span>
        <input value={title} maxLength={THEME_TITLE_MAX} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <ul className="proposal-notes" aria-label={t('suggest.themes.notes', { count: notes.length })}>
        {notes.map((note) => (
          <li key={note.id}>
            {note.text} <span className="proposal-cluster">· {note.clusterLabel}</span>
          </li>
        ))}
      </ul>
      {proposal.shared.length > 0 && <p className="proposal-reason">{t('suggest.reason', { terms: proposal.shared.join(', ') })}</p>}
      <div className="proposal-actions">
        <button type="button" className="primary" onClick={accept}>
          {t('suggest.themes.accept')}
        </button>
        <button type="button" className="quiet" onClick={dismiss}>
          {t('suggest.dismiss')}
        </button>
      </div>
    </li>
  );
}

export function ThemeProposals({ onDone }: { onDone(message: string): void }) {
  const { t } = useT();
  const ui = useUiStore();
  const view = useBoardView();
  const cell = useUi((s) => s.suggest.cell);
  const scope = cell ? `${cell.dimension}/${cell.kind}` : '';
  const proposals = useProposals((client) => client.themes(cell ?? {}), scope);
  const shown = proposals.status === 'ready' ? proposals.items.filter((p) => !isDismissed(view, 'theme', p.key)) : [];

  return (
    <div className="theme-proposals">
      <label className="proposal-scope">
        <span>{t('suggest.scope')}</span>
        <select
          value={scope}
          onChange={(e) => {
            const [dimension, kind] = e.target.value.split('/');
            const chosen = view.dimensions.flatMap((d) => d.cells).find((c) => c.dimension === dimension && c.kind === kind);
            openSuggestions(ui, { tab: 'themes', cell: chosen ? { dimension: chosen.dimension, kind: chosen.kind } : null });
          }}
        >
          <option value="">{t('suggest.scope.board')}</option>
          {view.dimensions.flatMap((d) =>
            d.cells.map((c) => (
              <option key={`${c.dimension}/${c.kind}`} value={`${c.dimension}/${c.kind}`}>
                {t('board.cell.label', { dimension: d.label, kind: t(kindKey(c.kind)) })}
              </option>
            )),
          )}
        </select>
      </label>
      <ProposalStatus proposals={proposals} count={shown.length} none="suggest.themes.none" />
      <ul className="proposal-list">
        {shown.map((proposal) => (
          <ThemeCard key={proposal.key} proposal={proposal} onDone={onDone} />
        ))}
      </ul>
    </div>
  );
}
