import './presence.css';
import { useMemo } from 'react';
import { useT } from '../../i18n/I18n';
import { usePresence } from '../context';
import { DockPanel } from '../layout/DockPanel';
import { Avatar } from './Avatar';
import { byCluster, peopleHere, shownName, typingText } from './people';

/** Everyone on the board, by cluster: who I am, who only watches, who is typing. */
export function PeoplePanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const presence = usePresence();
  const people = useMemo(() => peopleHere(presence), [presence]);
  const groups = useMemo(() => byCluster(people), [people]);
  const typing = typingText(people, t);
  return (
    <DockPanel title={t('room.people')} heading={t('room.people.heading', { count: people.length })} onClose={onClose}>
      {typing && <p className="people-typing">{typing}</p>}
      {groups.map((group) => (
        <section key={group.clusterLabel} className="people-group">
          <h3 className="people-group-title">
            {group.clusterLabel} <span className="people-group-count">{t('room.people.count', { count: group.people.length })}</span>
          </h3>
          <ul className="people-group-list" aria-label={group.clusterLabel}>
            {group.people.map((person) => (
              <li key={person.id} className="people-row">
                <Avatar person={person} />
                <span className="people-name">{shownName(person, t)}</span>
                {person.isViewer && <span className="people-tag">{t('room.presence.viewer')}</span>}
                {person.typing && <span className="people-tag people-tag-typing">{t('room.presence.typing')}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </DockPanel>
  );
}
