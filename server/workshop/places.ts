/**
 * Where in a board each item of an update goes, worked out before the update is applied.
 *
 * An update names an item's place only indirectly: a new item points at its parent item, or at its
 * left or right neighbour (whose parent it shares); a deletion names item ids. Each is resolved
 * against the board's doc, or against the update's own new items, up to the root map it sits in.
 * Anything that cannot be resolved (it depends on items the server never received) is unresolved.
 *
 * Every walk is iterative and remembered per item, so resolving an update costs about its number
 * of items plus the depth of what it touches once, never items times depth: a chain of 60,000 new
 * items each placed after the last, or a note that already holds 6,000 nested maps, resolve in one
 * pass.
 */
import * as Y from 'yjs';

/** The place of one item: its root map and the keys leading down to it. */
export interface Place {
  root: string;
  /** The key in the root map: a record's id, or a field of `meta`. */
  key: string | null;
  /** The record field the item is the value of or sits inside (level 2 and below); else null. */
  field: string | null;
  /** 1: directly in the root map (a record); 2: a record's field value; 3: inside a field's value. */
  level: number;
  /** The item's own key in its parent map; null for an item in a list (a character of a text). */
  sub: string | null;
  /** The record's own item (the level-1 item this one belongs to). */
  record: Y.Item;
}

export const UNRESOLVED = 'unresolved' as const;
/** The item belongs to a collected (long deleted) region: applying it changes nothing. */
export const COLLECTED = 'collected' as const;
/** The item names as its parent an item that holds no type (a plain value): no honest client does. */
export const MISPLACED = 'misplaced' as const;

export type Resolved = Place | typeof UNRESOLVED | typeof COLLECTED | typeof MISPLACED;

/**
 * The new structs of a decoded update, by client, for resolving ids the doc does not hold yet: its
 * items and its collected (GC) runs. A client that created and deleted something while the server
 * lacked it has collected it in its own doc, so its catch-up carries it as a GC run (and names it
 * in its delete set): those ids are the update's own, not missing ones (G1).
 */
export class UpdateItems {
  private readonly byClient = new Map<number, (Y.Item | Y.GC)[]>();
  readonly count: number;

  constructor(structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[]) {
    let count = 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) continue;
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
      count++;
    }
    this.count = count;
    // An update lists a client's structs in clock order, unless it names the client twice.
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  /**
   * A binary search: a scan per lookup made judging an update of n items cost n^2 (60,000 items
   * placed after one of their own blocked the server for seconds).
   */
  find(id: Y.ID): Y.Item | Y.GC | null {
    const items = this.byClient.get(id.client);
    if (!items) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = items[middle] as Y.Item | Y.GC;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }
}

type Located = Y.Item | typeof COLLECTED | null;

/** One step up from an item: to its parent item, to a neighbour in the same place, or an end. */
type Step = { to: Y.Item; via: 'parent' | 'neighbour' } | { end: Resolved };

export class Locator {
  private readonly fresh: UpdateItems;
  private readonly known = new Map<Y.Item, Resolved>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[],
  ) {
    this.fresh = new UpdateItems(structs);
  }

  /** Whether the item is one of the update's own (not yet in the doc). */
  isFresh(item: Y.Item): boolean {
    return item.id.clock >= Y.getState(this.doc.store, item.id.client);
  }

  /** Whether the doc already holds the whole item: Yjs skips such a struct when applying (G2). */
  isStored(item: Y.Item): boolean {
    return item.id.clock + item.length <= Y.getState(this.doc.store, item.id.client);
  }

  /** The item holding `id`: in the doc, among the update's new items, or null when nowhere. */
  locate(id: Y.ID): Located {
    const struct = this.struct(id);
    return struct instanceof Y.GC ? COLLECTED : struct;
  }

  /** The clock just past the collected run holding `id` (in the doc or the update), or null. */
  collectedEnd(id: Y.ID): number | null {
    const struct = this.struct(id);
    return struct instanceof Y.GC ? struct.id.clock + struct.length : null;
  }

  private struct(id: Y.ID): Y.Item | Y.GC | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    return this.fresh.find(id);
  }

  resolve(item: Y.Item): Resolved {
    const walked: { item: Y.Item; via: 'parent' | 'neighbour' }[] = [];
    const seen = new Set<Y.Item>();
    let current = item;
    let base: Resolved;
    for (;;) {
      const remembered = this.known.get(current);
      if (remembered !== undefined) {
        base = remembered;
        break;
      }
      // A new item can point at itself or round a loop of new items; Yjs could never place it.
      if (seen.has(current)) {
        base = UNRESOLVED;
        break;
      }
      seen.add(current);
      const step = this.step(current);
      if ('end' in step) {
        this.known.set(current, step.end);
        base = step.end;
        break;
      }
      walked.push({ item: current, via: step.via });
      current = step.to;
    }
    // Back down the walk: each item's place follows from the one above it.
    for (let i = walked.length - 1; i >= 0; i--) {
      const { item: below, via } = walked[i] as { item: Y.Item; via: 'parent' | 'neighbour' };
      base = typeof base === 'string' ? base : via === 'neighbour' ? neighbourPlace(base, below) : childPlace(base, below);
      this.known.set(below, base);
    }
    return base;
  }

  private step(item: Y.Item): Step {
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) {
      // Integrated: the parent type's own item is one level up, or the type is a root map.
      const owner = (parent as Y.AbstractType<unknown>)._item;
      if (owner === null) return { end: rootPlace(Y.findRootTypeKey(parent as Y.AbstractType<unknown>), item) };
      return { to: owner, via: 'parent' };
    }
    if (typeof parent === 'string') return { end: rootPlace(parent, item) };
    const next = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
    if (!next) return { end: UNRESOLVED };
    const located = this.locate(next);
    if (located === COLLECTED) return { end: COLLECTED };
    if (located === null) return { end: UNRESOLVED };
    if (parent instanceof Y.ID && !(located.content instanceof Y.ContentType) && !(located.content instanceof Y.ContentDeleted))
      return { end: MISPLACED };
    return { to: located, via: parent instanceof Y.ID ? 'parent' : 'neighbour' };
  }
}

function rootPlace(root: string, item: Y.Item): Place {
  return { root, key: item.parentSub, field: null, level: 1, sub: item.parentSub, record: item };
}

/** A neighbour shares the item's parent and key (an item placed by a neighbour has no key of its own). */
function neighbourPlace(neighbour: Place, item: Y.Item): Place {
  return neighbour.level === 1 ? { ...neighbour, record: item } : neighbour;
}

/** `item` sits in the type that `parent` (an item at `parentPlace`) holds. */
function childPlace(parentPlace: Place, item: Y.Item): Place {
  return {
    root: parentPlace.root,
    key: parentPlace.key,
    field: parentPlace.level === 1 ? item.parentSub : parentPlace.field,
    level: parentPlace.level + 1,
    sub: item.parentSub,
    record: parentPlace.record,
  };
}
