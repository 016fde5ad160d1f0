import './presence.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useT } from '../../i18n/I18n';
import { usePresence } from '../context';
import { useDock } from '../layout/dock';
import { Avatar } from './Avatar';
import { byCluster, peopleHere, type Present, shownName, typingText } from './people';

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
  // Presence changes whenever anyone moves their focus; the strip only when its people do.
  const peopleKey = JSON.stringify(peopleHere(presence));
  const people = useMemo(() => JSON.parse(peopleKey) as Present[], [peopleKey]);
  const groups = useMemo(() => byCluster(people), [people]);
  const ordered = useMemo(() => groups.flatMap((group) => group.people), [groups]);
  const typing = typingText(people, t);
  const row = useRef<HTMLUListElement>(null);
  const [capacity, setCapacity] = useState(6);

  // How many avatars fit is a matter of the row's width, which the header's layout decides. It is
  // read when a ResizeObserver reports (its first report comes right after the next layout, before
  // the frame is painted), never here at once: reading a size now would force a layout of the
  // whole page, which on a board of 5,000 notes costs 100 ms or more.
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
      // Applied before the frame is painted, so the strip never shows a frame with too many.
      flushSync(() => setCapacity(Math.max(1, fit)));
    };
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
