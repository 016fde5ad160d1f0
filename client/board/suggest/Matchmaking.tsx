/**
 * [SU7, SU8] Matchmaking: every need with the good practices of other clusters that answer it,
 * best first, with a score and the shared terms as the reason. Accept links the need to the
 * practice (the normal linkPractice command: undoable, live); Dismiss keeps the pair off this
 * board's proposals. Needs no practice answers yet come first: they are the open ones.
 */
import { isDismissed, tandemKey } from '../../../shared/suggest/dismissals';
import type { TandemProposal } from '../../../shared/suggest/types';
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView } from '../context';
import { quote } from '../quote';
import { ProposalStatus } from './parts';
import { useProposals } from './useProposals';

/** Proposals per need shown; more are asked for so a dismissed one leaves room for the next. */
const PER_NEED = 3;
const ASKED_PER_NEED = 8;

export function Proposal({
  need,
  proposal,
  practice,
  onDone,
}: {
  need: NoteView;
  proposal: TandemProposal;
  practice: NoteView;
  onDone(message: string): void;
}) {
  const { session, run } = useBoard();
  const { t } = useT();
  const names = { need: quote(need.text), practice: quote(practice.text) };
  const accept = () => {
    if (run(() => session.commands.linkPractice(need.id, practice.id))) onDone(t('suggest.tandems.accepted', names));
  };
  const dismiss = () => {
    if (run(() => session.commands.dismissProposal('tandem', tandemKey(proposal)))) onDone(t('suggest.dismissed'));
  };
  return (
    <li className="proposal tandem" data-testid="tandem-proposal" data-practice-id={practice.id}>
      <p className="proposal-practice">
        <strong>{practice.clusterLabel}</strong>: {practice.text}
      </p>
      <p className="proposal-reason">
        <span className="proposal-score">{t('suggest.tandems.score', { score: Math.round(proposal.score * 100) })}</span>
        {proposal.shared.length > 0 && <> · {t('suggest.reason', { terms: proposal.shared.join(', ') })}</>}
      </p>
      <div className="proposal-actions">
        <button type="button" className="primary" onClick={accept} aria-label={t('suggest.tandems.accept.label', names)}>
          {t('suggest.tandems.accept')}
        </button>
        <button type="button" className="quiet" onClick={dismiss} aria-label={t('suggest.dismiss.label', { proposal: names.practice })}>
          {t('suggest.dismiss')}
        </button>
      </div>
    </li>
  );
}

export function Matchmaking({ onDone }: { onDone(message: string): void }) {
  const { t } = useT();
  const view = useBoardView();
  const proposals = useProposals(
    (client, board) =>
      client.tandems(
        null,
        board.links.map((l) => ({ needId: l.needId, practiceId: l.practiceId })),
        ASKED_PER_NEED,
      ),
    'tandems',
  );
  const byNeed = new Map<string, TandemProposal[]>();
  if (proposals.status === 'ready') {
    for (const proposal of proposals.items) {
      if (isDismissed(view, 'tandem', tandemKey(proposal))) continue;
      const list = byNeed.get(proposal.needId) ?? [];
      if (list.length < PER_NEED) list.push(proposal);
      byNeed.set(proposal.needId, list);
    }
  }
  const needs = [...byNeed.keys()]
    .map((id) => view.notesById.get(id))
    .filter((need) => need !== undefined)
    .sort(
      (a, b) =>
        Number(a.linkedIds.length > 0) - Number(b.linkedIds.length > 0) || (byNeed.get(b.id)?.[0]?.score ?? 0) - (byNeed.get(a.id)?.[0]?.score ?? 0),
    );

  return (
    <div className="matchmaking">
      <ProposalStatus proposals={proposals} count={needs.length} none="suggest.tandems.none" some="suggest.tandems.count" />
      <ul className="need-list">
        {needs.map((need) => (
          <li key={need.id} className="need" data-testid="need-proposals" data-need-id={need.id}>
            <h3 className="need-text">
              {need.text} <span className="proposal-cluster">· {need.clusterLabel}</span>
            </h3>
            <p className="need-state">
              {need.linkedIds.length > 0 ? t('suggest.tandems.answered', { count: need.linkedIds.length }) : t('suggest.tandems.open')}
            </p>
            <ul className="proposal-list">
              {(byNeed.get(need.id) ?? []).map((proposal) => {
                const practice = view.notesById.get(proposal.practiceId);
                return practice ? <Proposal key={proposal.practiceId} need={need} proposal={proposal} practice={practice} onDone={onDone} /> : null;
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
