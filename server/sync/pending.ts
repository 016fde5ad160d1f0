/**
 * [Z1] What Yjs cannot apply yet (items that depend on, or deletions of, items it does not have)
 * it keeps, to apply when those arrive. The server drops it instead: a client has nothing the
 * server lacks but its own unsent or refused changes, and its next sync step 2 brings them with all
 * they need (W7), so nothing honest has to wait. What waits can only do harm: a deletion hits
 * another writer's next items when they come, and waiting structs, merged into every sync step 2
 * the server answers, can replace what newcomers see of a client's real ones. Across instances,
 * storage has what an update lacks (busLink.ts reloads it).
 */
import type * as Y from 'yjs';

/** Forgets what Yjs holds back for lack of its dependencies; says whether anything was held. */
export function dropPending(doc: Y.Doc): boolean {
  const held = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return held;
}
