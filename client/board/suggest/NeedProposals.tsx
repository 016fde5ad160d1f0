/**
 * [SU7] A need's proposed good practices, in its "Link good practices" dialog (facilitators):
 * the same proposals as Matchmaking, for this one need, each linked with one button.
 */
import { isDismissed, tandemKey } from '../../../shared/suggest/dismissals';
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoardView } from '../context';
import { Proposal } from './Matchmaking';
import { ProposalStatus } from './parts';
import { useProposals } from './useProposals';

const SHOWN = 3;

export function NeedProposals({ need }: { need: NoteView }) {
  const { t } = useT();
  const view = useBoardView();
  const proposals = useProposals(
    (client, board) =>
      client.tandems(
        need.id,
        board.links.map((l) => ({ needId: l.needId, practiceId: l.practiceId })),
        SHOWN + 5,
      ),
    `need:${need.id}`,
  );
  const shown = proposals.status === 'ready' ? proposals.items.filter((p) => !isDismissed(view, 'tandem', tandemKey(p))).slice(0, SHOWN) : [];
  return (
    <section className="need-proposals" aria-label={t('suggest.tandems.tab')}>
      <ProposalStatus proposals={proposals} count={shown.length} none="suggest.need.none" />
      <ul className="proposal-list">
        {shown.map((proposal) => {
          const practice = view.notesById.get(proposal.practiceId);
          return practice ? (
            <Proposal key={proposal.practiceId} need={need} proposal={proposal} practice={practice} onDone={() => undefined} />
          ) : null;
        })}
      </ul>
    </section>
  );
}
