/**
 * Removes nested structure no board record holds (G2): Y.Maps and Y.Arrays inside a record's
 * fields or inside `meta`, stored before the guard refused them. Run by the server when it loads a
 * board.
 *
 * Why not simply delete the field: Yjs deletes and garbage-collects a type by recursing through
 * its children, so deleting the top of a chain of 6,000 maps overflows the stack of whoever does
 * it (and of every client applying it). Deleting from the bottom up, a bounded number of levels
 * per transaction, keeps each recursion short: what lies below is already deleted and collected.
 */
import * as Y from 'yjs';
import type { RecordRoot } from './limits';
import type { ServerOrigin } from './origin';

/** Levels deleted per transaction: deep enough to be quick, shallow enough for any stack. */
const LEVELS_PER_TRANSACTION = 200;

const RECORD_ROOTS: readonly RecordRoot[] = ['notes', 'themes', 'links', 'meToo', 'dismissals'];

/** The nested types a board holds that no record may, parents before children. */
function strayTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
  const stray: Y.AbstractType<unknown>[] = [];
  const visit = (start: Y.AbstractType<unknown>) => {
    // An explicit stack: the structure may be far deeper than the call stack allows.
    const stack = [start];
    for (let type = stack.pop(); type; type = stack.pop()) {
      stray.push(type);
      const children =
        type instanceof Y.Map ? [...(type as Y.Map<unknown>).values()] : type instanceof Y.Array ? (type as Y.Array<unknown>).toArray() : [];
      for (const child of children) if (child instanceof Y.AbstractType) stack.push(child as Y.AbstractType<unknown>);
    }
  };
  const fieldsOf = (map: Y.Map<unknown>) => {
    for (const value of map.values()) {
      // Text fields are the only types a record holds (their content is characters).
      if (value instanceof Y.AbstractType && !(value instanceof Y.Text)) visit(value as Y.AbstractType<unknown>);
    }
  };
  // By name: a root only read from storage is not a Y.Map until asked for as one.
  fieldsOf(doc.getMap('meta'));
  for (const root of RECORD_ROOTS) {
    for (const record of doc.getMap(root).values()) if (record instanceof Y.Map) fieldsOf(record as Y.Map<unknown>);
  }
  return stray;
}

function remove(type: Y.AbstractType<unknown>): void {
  const item = type._item;
  const parent = item?.parent;
  if (!item || item.deleted || !(parent instanceof Y.AbstractType)) return;
  if (item.parentSub !== null) (parent as Y.Map<unknown>).delete(item.parentSub);
  else if (parent instanceof Y.Array) {
    const index = (parent as Y.Array<unknown>).toArray().indexOf(type);
    if (index >= 0) (parent as Y.Array<unknown>).delete(index, 1);
  }
}

/** Deletes every stray nested type, deepest first; returns how many it deleted. */
export function removeStrayStructure(doc: Y.Doc, origin: ServerOrigin): number {
  const stray = strayTypes(doc);
  for (let end = stray.length; end > 0; end -= LEVELS_PER_TRANSACTION) {
    const batch = stray.slice(Math.max(0, end - LEVELS_PER_TRANSACTION), end).reverse();
    doc.transact(() => batch.forEach(remove), origin);
  }
  return stray.length;
}
