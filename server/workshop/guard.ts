/**
 * Which board records a participant's update would change, worked out before it is applied, so a
 * locked dimension or the "new notes go to private" rule can refuse it whole. (Locking the whole
 * board needs none of this: every participant update is refused.)
 *
 * An update names its place in the board only indirectly: a new item points at its parent item,
 * or at its left or right neighbour (whose parent it shares); a deletion names item ids. Each is
 * resolved against the board's doc, or against the update's own new items, up to the record it
 * belongs to (a key of the `notes`, `themes`, `links` or `meta` map). Anything that cannot be
 * resolved (it depends on items the server never received) is treated as touching everything.
 *
 * A record is read as plain JSON, where a Y.Text field reads as its string; so the fields that
 * place a record must be written as plain values for the guard to see where it goes.
 */
import * as Y from 'yjs';
import { linkRecord, noteRecord, themeRecord } from '../../shared/model/schema';
import { dimensionLabel } from '../../shared/model/vocabulary';
import { linksMap, notesMap, readRecord, themesMap } from '../../shared/model/doc';

export interface WriteRules {
  /** Dimensions whose notes and themes participants may not change. */
  lockedDimensions: ReadonlySet<string>;
  /** While private writing is on, new notes belong in the writer's private document. */
  forbidNewNotes: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

interface RecordRef {
  root: string;
  key: string | null;
  /** The record field the item is the value of, or sits inside; null for the record itself. */
  field: string | null;
  /** The item sits inside the field's value (a nested type), rather than being the value. */
  nested: boolean;
}

/** Fields that say where a record is on the board: a note's or theme's cell, a link's notes. */
const PLACING_FIELDS: ReadonlySet<string> = new Set(['dimension', 'needId', 'practiceId']);

type Located = Y.Item | 'gc' | null;

const UNRESOLVED = 'unresolved' as const;

/** The new items of a decoded update, by client, for resolving ids the doc does not hold yet. */
class UpdateItems {
  private readonly byClient = new Map<number, Y.Item[]>();

  constructor(structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[]) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
    // An update lists a client's structs in clock order, unless it names the client twice.
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  /**
   * A binary search: a scan per lookup made judging an update of n items cost n^2 (60,000 items
   * placed after one of their own blocked the server for seconds).
   */
  find(id: Y.ID): Y.Item | null {
    const items = this.byClient.get(id.client);
    if (!items) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = items[middle] as Y.Item;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }
}

/**
 * Does the update skip ahead of what the server has from one of its writers? Yjs would hold such an
 * update back and apply it later, when a small update fills the gap: the guard would then have
 * judged only the small one. Participants' updates never start beyond the server's state unless
 * an earlier one was refused (the refused one is sent again when the rule allows).
 */
export function skipsAhead(doc: Y.Doc, update: Uint8Array): boolean {
  for (const [client, clock] of Y.parseUpdateMeta(update).from) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  return false;
}

export function checkParticipantUpdate(doc: Y.Doc, update: Uint8Array, rules: WriteRules): GuardVerdict {
  if (rules.lockedDimensions.size === 0 && !rules.forbidNewNotes) return { ok: true };
  const { structs, ds } = Y.decodeUpdate(update);
  const fresh = new UpdateItems(structs);

  const locate = (id: Y.ID): Located => {
    if (id.clock < Y.getState(doc.store, id.client)) {
      const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
      return struct instanceof Y.Item ? struct : 'gc';
    }
    return fresh.find(id);
  };

  const recordOf = (item: Y.Item, depth = 0): RecordRef | 'gc' | typeof UNRESOLVED => {
    if (depth > 64) return UNRESOLVED;
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) {
      // Integrated: walk up to the item that sits directly in a root map.
      const keys: (string | null)[] = [item.parentSub];
      let current: Y.Item = item;
      let type = parent as Y.AbstractType<unknown>;
      while (type._item !== null) {
        // Records nest a level or two; a deeper chain is not a board's, and walking it for every
        // item of a large update would cost depth times items.
        if (keys.length > 64) return UNRESOLVED;
        current = type._item;
        keys.push(current.parentSub);
        type = current.parent as Y.AbstractType<unknown>;
      }
      // keys runs from the item up to the record's key in the root map.
      return { root: Y.findRootTypeKey(type), key: current.parentSub, field: keys.at(-2) ?? null, nested: keys.length > 2 };
    }
    if (typeof parent === 'string') return { root: parent, key: item.parentSub, field: null, nested: false };
    const next = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
    if (!next) return UNRESOLVED;
    const located = locate(next);
    if (located === 'gc') return 'gc';
    if (located === null || located === item) return UNRESOLVED;
    const ref = recordOf(located, depth + 1);
    // A neighbour shares the item's parent and key: the same place.
    if (!(parent instanceof Y.ID) || ref === UNRESOLVED || ref === 'gc') return ref;
    // `located` is the parent type's own item: the item is a field of it, or sits inside one.
    return ref.field === null ? { ...ref, field: item.parentSub } : { ...ref, nested: true };
  };

  // A placing field written as anything but a plain value (a Y.Text reads as its string) would
  // move a record without the guard seeing where to.
  const hidesPlace = (ref: RecordRef, item: Y.Item) =>
    rules.lockedDimensions.size > 0 &&
    ref.field !== null &&
    PLACING_FIELDS.has(ref.field) &&
    (ref.nested || !(item.content instanceof Y.ContentAny));

  const touched: RecordRef[] = [];
  const created: RecordRef[] = [];
  const written: unknown[] = [];

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const ref = recordOf(struct);
    if (ref === UNRESOLVED) return refuse('it depends on changes the server does not have');
    if (ref === 'gc') continue;
    if (hidesPlace(ref, struct)) return refuse('a record is placed by a value that is not plain');
    touched.push(ref);
    // A record written directly into a root map (however its place is encoded) under a key the
    // doc does not hold now is a new record: also one written over a deleted note's key.
    if (ref.field === null && ref.key !== null && !hasKey(doc, ref.root, ref.key)) created.push(ref);
    if (struct.content instanceof Y.ContentAny) written.push(...struct.content.arr);
  }

  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        const located = locate(new Y.ID(client, clock));
        if (located === null) return refuse('it deletes something the server does not have');
        if (located === 'gc') {
          // Skip the collected run whole: one GC struct can span 2^52 clocks (any writer can send
          // one), and stepping through it clock by clock would block the server.
          const collected = Y.getItem(doc.store, new Y.ID(client, clock)) as Y.Item | Y.GC;
          clock = collected.id.clock + collected.length;
          continue;
        }
        if (!located.deleted) {
          const ref = recordOf(located);
          if (ref === UNRESOLVED) return refuse('it depends on changes the server does not have');
          if (ref !== 'gc' && hidesPlace(ref, located)) return refuse('a record is placed by a value that is not plain');
          if (ref !== 'gc') touched.push(ref);
        }
        clock = located.id.clock + located.length;
      }
    }
  }

  if (rules.forbidNewNotes && created.some((ref) => ref.root === 'notes')) {
    return refuse('private writing is on, so new notes go to your private notes first');
  }
  for (const value of written) {
    if (typeof value !== 'string') continue;
    // A dimension id written anywhere is a move or a new record in that dimension; a note id is a
    // new link to that note.
    if (rules.lockedDimensions.has(value)) return refuse(`${dimensionLabel(value)} is locked`);
    if (rules.lockedDimensions.size > 0 && notesMap(doc).has(value)) touched.push({ root: 'notes', key: value, field: null, nested: false });
  }
  for (const ref of touched) {
    const dimensions = ref.key === null ? [] : recordDimensions(doc, ref.root, ref.key);
    const locked = dimensions.find((d) => rules.lockedDimensions.has(d));
    if (locked) return refuse(`${dimensionLabel(locked)} is locked`);
  }
  return { ok: true };
}

function refuse(reason: string): GuardVerdict {
  return { ok: false, reason };
}

function hasKey(doc: Y.Doc, root: string, key: string): boolean {
  return doc.getMap(root).has(key);
}

/** The dimensions a record sits in now: a note's or theme's own, a link's two notes'. */
function recordDimensions(doc: Y.Doc, root: string, key: string): string[] {
  switch (root) {
    case 'notes': {
      const note = readRecord(noteRecord, notesMap(doc), key);
      return note ? [note.dimension] : [];
    }
    case 'themes': {
      const theme = readRecord(themeRecord, themesMap(doc), key);
      return theme ? [theme.dimension] : [];
    }
    case 'links': {
      const link = readRecord(linkRecord, linksMap(doc), key);
      if (!link) return [];
      return [link.needId, link.practiceId].flatMap((id) => {
        const note = readRecord(noteRecord, notesMap(doc), id);
        return note ? [note.dimension] : [];
      });
    }
    default:
      return [];
  }
}
