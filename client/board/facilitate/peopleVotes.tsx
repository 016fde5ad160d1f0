import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { listPeople } from '../../workshopApi';
import { useControl } from '../context';
import { useCaller } from './useAction';

/** How often the panel asks for the votes of a round that hides them. */
const POLL_MS = 3000;

const PeopleVotes = createContext<ReadonlyMap<string, number> | null>(null);

/**
 * Votes each person has used in the latest round. The control document, which every role reads,
 * shows them only once results are public (SPEC SE6); while a round hides them, the facilitator
 * asks the server (`GET …/people`) every few seconds instead.
 */
function usePolledVotes(): ReadonlyMap<string, number> {
  const { round, people } = useControl();
  const caller = useCaller();
  const hidden = round?.status === 'open' && round.hideResults;
  const [asked, setAsked] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (!hidden) return;
    let live = true;
    const ask = () =>
      listPeople(caller).then(
        (answer) => live && setAsked(new Map(answer.people.map((p) => [p.id, p.votesUsed]))),
        () => undefined, // Asked again at the next poll; the panel keeps the last counts meanwhile.
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [hidden, caller, round?.id]);

  if (hidden) return asked;
  return new Map([...people].map(([id, person]) => [id, person.votesUsed]));
}

/** One poll for the whole panel, however many parts show the counts. */
export function PeopleVotesProvider({ children }: { children: ReactNode }) {
  return <PeopleVotes.Provider value={usePolledVotes()}>{children}</PeopleVotes.Provider>;
}

export function usePeopleVotes(): ReadonlyMap<string, number> {
  const votes = useContext(PeopleVotes);
  if (!votes) throw new Error('usePeopleVotes needs the facilitator panel (PeopleVotesProvider).');
  return votes;
}
