/**
 * The line under a note that says who else is in it: "Jonas (Silicon Saxony) is editing",
 * "Anna, Piotr are here". The names and clusters stay as written (LG6); the list and the verb
 * follow the page's language.
 */
import type { Translator } from '../../../shared/i18n/translate';
import type { PresenceUser } from '../session';

type Person = Pick<PresenceUser, 'name' | 'clusterLabel'>;

/** Null when nobody else is editing or looking at the note. */
export function presenceLine({ t, intl }: Translator, editors: readonly Person[], watchers: readonly Person[]): string | null {
  // A list without "and", so English reads as before: "Anna, Jonas are editing".
  const list = (names: string[]) => intl.formatList(names, { type: 'unit', style: 'short' });
  if (editors.length > 0) {
    const names = list(editors.map((user) => t('board.note.presence.editor', { name: user.name, cluster: user.clusterLabel })));
    return t('board.note.presence.editing', { count: editors.length, names });
  }
  if (watchers.length > 0) return t('board.note.presence.here', { count: watchers.length, names: list(watchers.map((user) => user.name)) });
  return null;
}
