/**
 * What a note card shows beyond the note itself: who is editing or looking at it, whether the
 * filter dims it, whether it is the viewer's own, and its links. Computed once per board change
 * for all notes, so each card gets stable props and re-renders only when its own decor changes.
 */
import type { Translator } from '../../shared/i18n/translate';
import type { BoardView, NoteView } from '../../shared/view/boardView';
import { isFilterActive, matchesFilter } from './filter';
import { quote } from './quote';
import type { PresenceUser } from './session';
import type { Filter } from './ui';

export interface NoteDecor {
  editors: readonly PresenceUser[];
  watchers: readonly PresenceUser[];
  dimmed: boolean;
  mine: boolean;
  linked: readonly { id: string; label: string }[];
}

const NONE: readonly never[] = [];

export const PLAIN_DECOR: NoteDecor = { editors: NONE, watchers: NONE, dimmed: false, mine: false, linked: NONE };

/** `t` names the linked notes ("GAIA: “Weak KPIs”") in the page's language. */
export function decorateNotes(
  view: BoardView,
  presence: readonly PresenceUser[],
  filter: Filter,
  myId: string,
  t: Translator['t'],
): Map<string, NoteDecor> {
  const editors = new Map<string, PresenceUser[]>();
  const watchers = new Map<string, PresenceUser[]>();
  for (const user of presence) {
    if (user.isSelf) continue;
    if (user.editing) editors.set(user.editing, [...(editors.get(user.editing) ?? []), user]);
    else if (user.focus) watchers.set(user.focus, [...(watchers.get(user.focus) ?? []), user]);
  }
  const filtering = isFilterActive(filter);
  const decor = new Map<string, NoteDecor>();
  for (const note of view.notesById.values()) {
    const edited = editors.get(note.id);
    const watched = watchers.get(note.id);
    const dimmed = filtering && !matchesFilter(note, filter);
    const mine = filter.mine && note.authorId === myId;
    // Most notes have no decor at all: they share one object, which costs nothing to compare.
    if (!edited && !watched && !dimmed && !mine && note.linkedIds.length === 0) {
      decor.set(note.id, PLAIN_DECOR);
      continue;
    }
    decor.set(note.id, {
      editors: edited ?? NONE,
      watchers: watched ?? NONE,
      dimmed,
      mine,
      linked: note.linkedIds.map((id) => linkLabel(view.notesById.get(id), t)).filter((l) => l !== null),
    });
  }
  return decor;
}

function linkLabel(note: NoteView | undefined, t: Translator['t']): { id: string; label: string } | null {
  return note ? { id: note.id, label: t('board.link.label', { cluster: note.clusterLabel, note: quote(note.text) }) } : null;
}

/** Keeps the previous decor object of a note when nothing in it changed (for memoised cards). */
export function reuseDecor(previous: Map<string, NoteDecor>, next: Map<string, NoteDecor>): Map<string, NoteDecor> {
  for (const [id, decor] of next) {
    const old = previous.get(id);
    if (decor === PLAIN_DECOR || old === decor) continue;
    if (
      old &&
      old.dimmed === decor.dimmed &&
      old.mine === decor.mine &&
      sameList(old.editors, decor.editors) &&
      sameList(old.watchers, decor.watchers) &&
      old.linked.length === decor.linked.length &&
      old.linked.every((l, i) => l.id === decor.linked[i]?.id && l.label === decor.linked[i]?.label)
    ) {
      next.set(id, old);
    }
  }
  return next;
}

function sameList(a: readonly PresenceUser[], b: readonly PresenceUser[]): boolean {
  return (
    a.length === b.length &&
    a.every((u, i) => u.clientId === b[i]?.clientId && u.name === b[i]?.name && u.clusterLabel === b[i]?.clusterLabel && u.colour === b[i]?.colour)
  );
}

/** The same notes (same objects) with the same decor: a list showing them need not re-render. */
export function sameNotes(
  a: readonly NoteView[],
  b: readonly NoteView[],
  before: ReadonlyMap<string, NoteDecor>,
  after: ReadonlyMap<string, NoteDecor>,
): boolean {
  return a.length === b.length && a.every((note, i) => note === b[i] && before.get(note.id) === after.get(note.id));
}

/** Remembers the last decor, so unchanged notes keep identical props between renders. */
export class DecorCache {
  private last = new Map<string, NoteDecor>();

  next(view: BoardView, presence: readonly PresenceUser[], filter: Filter, myId: string, t: Translator['t']): Map<string, NoteDecor> {
    this.last = reuseDecor(this.last, decorateNotes(view, presence, filter, myId, t));
    return this.last;
  }
}
