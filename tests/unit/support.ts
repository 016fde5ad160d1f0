/** Small helpers shared by the unit tests: authors, origins, transaction capture and doc state. */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { MutationError } from '../../shared/model/errors';
import { localOrigin } from '../../shared/model/origin';
import type { AuthorInput } from '../../shared/model/schema';
import type { BoardView, CellView, NoteView } from '../../shared/view/boardView';

export const alice: AuthorInput = { id: 'alice', name: 'Alice', cluster: 'gaia' };
export const bob: AuthorInput = { id: 'bob', name: 'Bob', cluster: 'scs' };

/** One origin per person, reused, as a client does (origins are compared by identity). */
export const aliceOrigin = localOrigin('alice');
export const bobOrigin = localOrigin('bob');

/** Records the origin of every transaction the doc runs from now on. */
export function recordOrigins(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
  return origins;
}

/** Everything a change could touch: the state vector and the full encoded state. */
export function stateOf(doc: Y.Doc): { stateVector: Uint8Array; update: Uint8Array; json: unknown } {
  return {
    stateVector: Y.encodeStateVector(doc),
    update: Y.encodeStateAsUpdate(doc),
    json: {
      meta: doc.getMap('meta').toJSON(),
      notes: doc.getMap('notes').toJSON(),
      themes: doc.getMap('themes').toJSON(),
      links: doc.getMap('links').toJSON(),
    },
  };
}

/** [MU2] `write` throws a MutationError whose message matches, and the doc is left as it was. */
export function expectRefused(doc: Y.Doc, write: () => unknown, message: RegExp): void {
  const before = stateOf(doc);
  let updates = 0;
  const count = (): void => {
    updates++;
  };
  doc.on('update', count);
  let error: unknown = null;
  try {
    write();
  } catch (caught) {
    error = caught;
  } finally {
    doc.off('update', count);
  }
  expect(error).toBeInstanceOf(MutationError);
  expect((error as Error).message).toMatch(message);
  expect(updates).toBe(0);
  expect(stateOf(doc)).toEqual(before);
}

/** Sends each doc what the other lacks, both ways (y-websocket's sync steps 1 and 2). */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

export function cellOf(view: BoardView, dimension: string, kind: string): CellView {
  const cell = view.dimensions.find((d) => d.id === dimension)?.cells.find((c) => c.kind === kind);
  if (!cell) throw new Error(`no cell ${dimension}/${kind}`);
  return cell;
}

export function ids(notes: readonly NoteView[]): string[] {
  return notes.map((n) => n.id);
}
