/** Who this person is on a board: remembered per board in localStorage. */
import { newId } from '../../shared/model/ids';
import { PERSON_NAME_MAX } from '../../shared/model/schema';
import { parseClusterRef, type ClusterRef } from '../../shared/model/vocabulary';

export interface Identity {
  id: string;
  name: string;
  cluster: ClusterRef;
}

const key = (boardId: string) => `clusterboard:identity:${boardId}`;

export function loadIdentity(boardId: string): Identity | null {
  try {
    const raw = localStorage.getItem(key(boardId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Identity>;
    const cluster = typeof value.cluster === 'string' ? parseClusterRef(value.cluster) : null;
    if (typeof value.id !== 'string' || typeof value.name !== 'string' || !cluster) return null;
    const name = value.name.trim();
    if (name.length === 0 || name.length > PERSON_NAME_MAX) return null;
    return { id: value.id, name, cluster };
  } catch {
    return null;
  }
}

export function saveIdentity(boardId: string, identity: Identity): void {
  try {
    localStorage.setItem(key(boardId), JSON.stringify(identity));
  } catch {
    // Private browsing may refuse storage: the person simply joins again next time.
  }
}

export function newIdentity(name: string, cluster: ClusterRef, previous: Identity | null): Identity {
  return { id: previous?.id ?? newId(), name: name.trim(), cluster };
}

const PRESENCE_COLOURS = ['#b45309', '#1d4ed8', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];

/** A stable colour per person, used for their presence chip and editing outline. */
export function presenceColour(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length] ?? '#1d4ed8';
}
