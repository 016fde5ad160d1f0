import './presence.css';
import { useMemo } from 'react';
import { usePresence } from '../context';
import { DockPanel } from '../layout/DockPanel';
import { Avatar } from './Avatar';
import { byCluster, hereText, peopleHere, typingText } from './people';
import { plural } from './plural';

/** Everyone on the board, by cluster: who I am, who only watches, who is typing. */
export function PeoplePanel({ onClose }: { onClose(): void }) {
  const presence = usePresence();
  const people = useMemo(() => peopleHere(presence), [presence]);
  const groups = useMemo(() => byCluster(people), [people]);
  const typing = typingText(people);
  return (
    <DockPanel title="People" heading={`People · ${hereText(people.length)}`} onClose={onClose}>
      {typing && <p className="people-typing">{typing}</p>}
      {groups.map((group) => (
        <section key={group.clusterLabel} className="people-group">
          <h3 className="people-group-title">
            {group.clusterLabel} <span className="people-group-count">{plural(group.people.length, { one: '# person', other: '# people' })}</span>
          </h3>
          <ul className="people-group-list" aria-label={group.clusterLabel}>
            {group.people.map((person) => (
              <li key={person.id} className="people-row">
                <Avatar person={person} />
                <span className="people-name">{person.isSelf ? `${person.name} (you)` : person.name}</span>
                {person.isViewer && <span className="people-tag">viewer</span>}
                {person.typing && <span className="people-tag people-tag-typing">typing…</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </DockPanel>
  );
}
