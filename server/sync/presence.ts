/**
 * A room's presence (y-protocols awareness): who is here and what they are doing. Never stored.
 *
 * Each awareness client id is owned by the connection that last set it. A connection may remove
 * only the ids it owns. This matters because the stock provider echoes every awareness change it
 * sees, including its own local time-outs of *other* people: without ownership, one laptop with a
 * flaky connection would erase everyone's presence for the whole room. A connection may take over
 * an id with a newer clock (a reconnect that arrives before the old socket is dropped).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';

interface Entry {
  clientId: number;
  clock: number;
  /** The JSON text of the state; "null" means the client left. */
  json: string;
}

/** Decodes a whole awareness update before any of it is applied; throws on malformed input. */
export function decodeAwarenessUpdate(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    JSON.parse(json);
    entries.push({ clientId, clock, json });
  }
  return entries;
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

export class Presence<Owner extends object> {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Owner>();

  constructor(
    doc: Y.Doc,
    onChange: (changed: number[], owner: Owner | null) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      for (const id of [...change.added, ...change.updated]) {
        if (origin !== null && typeof origin === 'object') this.owners.set(id, origin as Owner);
      }
      for (const id of change.removed) this.owners.delete(id);
      const owner = origin !== null && typeof origin === 'object' ? (origin as Owner) : null;
      onChange([...change.added, ...change.updated, ...change.removed], owner);
    });
  }

  /** Applies what `owner` may change of a decoded update; the rest is dropped silently. */
  apply(owner: Owner, entries: Entry[]): void {
    const allowed = entries.filter((entry) => {
      const current = this.owners.get(entry.clientId);
      if (current === undefined || current === owner) return true;
      const clock = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
      return entry.json !== 'null' && entry.clock > clock;
    });
    if (allowed.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(allowed), owner);
  }

  /** Removes the presence of everything `owner` still speaks for (its socket closed). */
  release(owner: Owner): void {
    const owned = [...this.owners].filter(([, o]) => o === owner).map(([id]) => id);
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  clientIds(): number[] {
    return [...this.awareness.getStates().keys()];
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
