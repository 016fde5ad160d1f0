/**
 * Who is on the board, as the presence strip and the People panel show it: one entry per person
 * (two tabs of the same person count once), grouped by cluster, and who is typing.
 */
import type { Translator } from '../../../shared/i18n/translate';
import type { PresenceUser } from '../session';

export interface Present {
  id: string;
  name: string;
  clusterLabel: string;
  colour: string;
  isSelf: boolean;
  isViewer: boolean;
  /** Typing in a note right now (the presence `editing` field). */
  typing: boolean;
}

export interface ClusterGroup {
  clusterLabel: string;
  people: Present[];
}

export function peopleHere(presence: readonly PresenceUser[]): Present[] {
  const byId = new Map<string, Present>();
  for (const user of presence) {
    const known = byId.get(user.id);
    if (known) {
      known.isSelf ||= user.isSelf;
      known.isViewer ||= user.isViewer;
      known.typing ||= user.editing !== null;
      continue;
    }
    byId.set(user.id, {
      id: user.id,
      name: user.name,
      clusterLabel: user.clusterLabel,
      colour: user.colour,
      isSelf: user.isSelf,
      isViewer: user.isViewer,
      typing: user.editing !== null,
    });
  }
  return [...byId.values()];
}

/** Clusters in a stable order: mine first, then by name; inside each, me first, then by name. */
export function byCluster(people: readonly Present[]): ClusterGroup[] {
  const groups = new Map<string, Present[]>();
  for (const person of people) {
    const group = groups.get(person.clusterLabel);
    if (group) group.push(person);
    else groups.set(person.clusterLabel, [person]);
  }
  const mine = people.find((p) => p.isSelf)?.clusterLabel;
  return [...groups]
    .map(([clusterLabel, members]) => ({
      clusterLabel,
      people: members.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => Number(b.clusterLabel === mine) - Number(a.clusterLabel === mine) || a.clusterLabel.localeCompare(b.clusterLabel));
}

/** Up to two letters for an avatar: "Anna Berg" → "AB", "Lucía" → "L". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

/** "Anna is typing…", "3 people are typing…", or null when nobody else is. */
export function typingText(people: readonly Present[], t: Translator['t']): string | null {
  const typing = people.filter((p) => p.typing && !p.isSelf);
  if (typing.length === 0) return null;
  if (typing.length === 1) return t('room.presence.typing.one', { name: typing[0]!.name });
  return t('room.presence.typing.many', { count: typing.length });
}

/** A person's name as the lists show it: "Anna (you)" for oneself. */
export function shownName(person: Present, t: Translator['t']): string {
  return person.isSelf ? t('room.presence.you', { name: person.name }) : person.name;
}
