import './presence.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/I18n';
import { usePresence } from '../context';
import { useDock } from '../layout/dock';
import { Avatar } from './Avatar';
import { byCluster, peopleHere, shownName, typingText } from './people';

/** The gap before each new cluster's first avatar (presence.css `.cluster-start`). */
const CLUSTER_GAP_PX = 8;

/**
 * [PS1] Who is here in one line however many come: as many avatars as fit (grouped by cluster),
 * "+24" for the rest, "31 here" and who is typing. The list keeps every name for screen readers
 * (the avatars beyond the line are only visually hidden); the People panel shows them all.
 */
export function PresenceStrip() {
  const { t } = useT();
  const presence = usePresence();
  const dock = useDock();
  const people = useMemo(() => peopleHere(presence), [presence]);
  const groups = useMemo(() => byCluster(people), [people]);
  const ordered = useMemo(() => groups.flatMap((group) => group.people), [groups]);
  const typing = typingText(people, t);
  const row = useRef<HTMLUListElement>(null);
  const [capacity, setCapacity] = useState(6);

  // How many avatars fit is a matter of the row's width, which the header's layout decides.
  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    const measure = () => {
      const avatar = element.querySelector<HTMLElement>('.presence-avatar:not(.visually-hidden)');
      const step = avatar ? avatar.offsetWidth + parseFloat(getComputedStyle(element).columnGap || '0') : 34;
      const style = getComputedStyle(element);
      const width = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      // Each cluster after the first starts with a small gap (CLUSTER_GAP_PX).
      let used = 0;
      let fit = 0;
      for (const [index, person] of ordered.entries()) {
        const previous = ordered[index - 1];
        const extra = step + (previous && previous.clusterLabel !== person.clusterLabel ? CLUSTER_GAP_PX : 0);
        if (used + extra > width) break;
        used += extra;
        fit++;
      }
      setCapacity(Math.max(1, fit));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ordered]);

  const shown = Math.min(capacity, ordered.length);
  const hidden = ordered.length - shown;
  const open = dock.panel === 'people';
  const toggle = () => dock.toggle('people');

  return (
    <div className="presence-strip">
      {/* A click anywhere on the avatars opens the list; the keyboard uses the button beside them. */}
      <ul ref={row} className="presence-avatars" aria-label={t('room.presence.list')} onClick={toggle}>
        {ordered.map((person, index) => {
          const previous = ordered[index - 1];
          const newCluster = previous !== undefined && previous.clusterLabel !== person.clusterLabel;
          const name = shownName(person, t);
          return (
            <li
              key={person.id}
              className={`presence-avatar${index >= shown ? ' visually-hidden' : ''}${newCluster ? ' cluster-start' : ''}`}
              title={`${name} · ${person.clusterLabel}`}
            >
              <Avatar person={person} />
              <span className="visually-hidden">
                {t('room.presence.person', {
                  name,
                  cluster: person.clusterLabel,
                  viewer: person.isViewer ? 'yes' : 'no',
                  typing: person.typing ? 'yes' : 'no',
                })}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="presence-count" aria-expanded={open} title={t('room.presence.count.title')} onClick={toggle}>
        {hidden > 0 && (
          <span className="presence-more" aria-hidden="true">
            +{hidden}
          </span>
        )}
        <span className="visually-hidden">{t('room.presence.count.prefix')} </span>
        <span>{t('room.presence.here', { count: people.length })}</span>
      </button>
      {typing && (
        <span className="presence-typing" data-testid="typing">
          {typing}
        </span>
      )}
    </div>
  );
}
