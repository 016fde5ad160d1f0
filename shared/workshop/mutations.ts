/**
 * The named writes of the control document (see control.ts). Only the server runs them, on a
 * facilitator's command or a participant's vote, readiness or reveal; each is one transaction.
 */
import type * as Y from 'yjs';
import type { ServerOrigin } from '../model/origin';
import { clusterResultsMap, controlMap, type ControlState, peopleMap, type PersonStatus, readControl, resultsMap } from './control';

/** The plain values of the `control` map; a key left out is left as it is. */
export type ControlFields = Partial<
  Pick<ControlState, 'steps' | 'currentStep' | 'privateWriting' | 'lock' | 'timer' | 'round' | 'focus' | 'resultsView'>
>;

export function setControl(doc: Y.Doc, fields: ControlFields, origin: ServerOrigin): void {
  doc.transact(() => {
    const map = controlMap(doc);
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
  }, origin);
}

export function setPersonStatus(doc: Y.Doc, personId: string, status: PersonStatus, origin: ServerOrigin): void {
  doc.transact(() => peopleMap(doc).set(personId, status), origin);
}

/** Rewrites the people `change` returns a new status for (null: unchanged). */
export function updatePeople(doc: Y.Doc, change: (status: PersonStatus, personId: string) => PersonStatus | null, origin: ServerOrigin): void {
  doc.transact(() => {
    for (const [id, status] of readControl(doc).people) {
      const next = change(status, id);
      if (next) peopleMap(doc).set(id, next);
    }
  }, origin);
}

/** Publishes a round's totals (note id -> votes). */
export function publishResults(doc: Y.Doc, roundId: string, counts: Record<string, number>, origin: ServerOrigin): void {
  doc.transact(() => resultsMap(doc).set(roundId, counts), origin);
}

/** Publishes a closed round's votes per voter cluster (note id -> cluster -> votes). */
export function publishClusterResults(doc: Y.Doc, roundId: string, counts: Record<string, Record<string, number>>, origin: ServerOrigin): void {
  doc.transact(() => clusterResultsMap(doc).set(roundId, counts), origin);
}
