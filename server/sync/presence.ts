/**
 * A room's presence (y-protocols awareness): who is here and what they are doing. Never stored.
 *
 * Each awareness client id is owned by the connection that last set it. A connection may remove
 * only the ids it owns. This matters because the stock provider echoes every awareness change it
 * sees, including its own local time-outs of *other* people: without ownership, one laptop with a
 * flaky connection would erase everyone's presence for the whole room. A connection may take over
 * an id with a newer clock (a reconnect that arrives before the old socket is dropped).
 *
 * Presence is bounded (SPEC K1-K3): y-protocols keeps a `meta` entry (clock, time) for every client
 * id it has ever heard of, present or gone, so what a connection may make it remember is capped,
 * and what it remembers of people who left is forgotten again.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { TooLargeError, TooManyError } from './errors';
import { Bucket } from './limits';

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

/** The largest presence state one client may publish (name, cluster, focus: a few hundred bytes). */
export const MAX_PRESENCE_STATE_BYTES = 4096;

export interface PresenceLimits {
  /** New client ids one connection may take per minute, and as many at once. */
  idsPerMinute: number;
  /** Client ids present in one room at once (each connection speaks for one at a time). */
  perRoom: number;
  /**
   * How long the clock of a client who left is remembered: long enough that an echo of their last
   * state still in flight (the stock provider re-sends what it hears) cannot bring them back, and
   * no longer. Past `MAX_GONE` remembered, the oldest are forgotten sooner.
   */
  forgetMs: number;
}

const MAX_GONE = 4096;

export interface PresenceRules<Owner> {
  /** Who the owner is, as the server knows it: replaces whatever `user` the client claims. */
  identify(owner: Owner, claimed: unknown): object;
  /** May `next` take over a client id `current` still holds (the same person reconnecting)? */
  mayTakeOver(current: Owner, next: Owner): boolean;
}

export class Presence<Owner extends object> {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Owner>();
  /** [K2] How many more new client ids each connection may take now. */
  private readonly budgets = new WeakMap<Owner, Bucket>();
  /** [K3] Client ids that left, oldest first, with when: their `meta` is dropped after `forgetMs`. */
  private readonly gone = new Map<number, number>();

  constructor(
    doc: Y.Doc,
    onChange: (changed: number[], owner: Owner | null) => void,
    private readonly rules: PresenceRules<Owner>,
    private readonly limits: () => PresenceLimits,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      for (const id of [...change.added, ...change.updated]) {
        if (origin !== null && typeof origin === 'object') this.owners.set(id, origin as Owner);
        this.gone.delete(id);
      }
      const now = Date.now();
      for (const id of change.removed) {
        this.owners.delete(id);
        this.gone.delete(id);
        this.gone.set(id, now);
      }
      this.forgetGone(now);
      const owner = origin !== null && typeof origin === 'object' ? (origin as Owner) : null;
      onChange([...change.added, ...change.updated, ...change.removed], owner);
    });
  }

  /**
   * Applies what `owner` may change of a decoded update; the rest is dropped silently. [P5] A
   * connection speaks for one client id at a time (it may leave one and take another, as a client
   * does when it changes its Yjs client id), [P6] never for another person's, and the identity in
   * the state is the server's record of the connection, not the client's claim. [K1] A removal of
   * a client id this connection does not own is dropped: nobody's presence changes, and nothing is
   * remembered of an id that was never here. [K2] Past the caps, the update throws TooManyError
   * before any of it is applied.
   */
  apply(owner: Owner, entries: Entry[]): void {
    const allowed: Entry[] = [];
    for (const entry of entries) {
      const current = this.owners.get(entry.clientId);
      if (current !== owner) {
        if (current === undefined ? entry.json === 'null' : !this.mayTakeOver(current, owner, entry)) continue;
      }
      if (entry.json !== 'null' && this.speaksForAnother(owner, entry.clientId, allowed)) continue;
      // [P7] Only a state this connection sets counts against the limit: the stock provider echoes
      // everyone's presence, and an echo (dropped above) must not cost the echoing client its socket.
      if (entry.json.length > MAX_PRESENCE_STATE_BYTES) throw new TooLargeError(`a presence state of ${entry.json.length} characters`);
      allowed.push(entry.json === 'null' ? entry : { ...entry, json: this.withIdentity(owner, entry.json) });
    }
    if (allowed.length === 0) return;
    this.checkLimits(owner, allowed);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(allowed), owner);
  }

  private mayTakeOver(current: Owner, next: Owner, entry: Entry): boolean {
    const clock = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
    return entry.json !== 'null' && entry.clock > clock && this.rules.mayTakeOver(current, next);
  }

  /** [K2] At most one state is set per update (P5), so one new id is the most it can add. */
  private checkLimits(owner: Owner, allowed: readonly Entry[]): void {
    const set = allowed.find((entry) => entry.json !== 'null');
    if (!set) return;
    if (this.owners.get(set.clientId) === owner) return;
    const states = this.awareness.getStates();
    const leaving = allowed.filter((entry) => entry.json === 'null' && states.has(entry.clientId)).length;
    if (!states.has(set.clientId) && states.size - leaving >= this.limits().perRoom) {
      throw new TooManyError(`This board shows at most ${this.limits().perRoom} people at once`);
    }
    let budget = this.budgets.get(owner);
    if (!budget) {
      budget = new Bucket(this.limits().idsPerMinute / 60, this.limits().idsPerMinute);
      this.budgets.set(owner, budget);
    }
    if (!budget.take(1)) throw new TooManyError('Too many presence ids on one connection');
  }

  /**
   * [K3] Forgets the clocks of clients who left long enough ago, or the oldest of too many. What
   * is still queued for sending to peers is encoded from what remains (messages.ts skips the rest).
   */
  private forgetGone(now: number): void {
    for (const [id, at] of this.gone) {
      if (now - at < this.limits().forgetMs && this.gone.size <= MAX_GONE) break;
      this.gone.delete(id);
      if (!this.awareness.states.has(id)) this.awareness.meta.delete(id);
    }
  }

  /** Does `owner` already hold a live state under a different client id (here or earlier in this update)? */
  private speaksForAnother(owner: Owner, clientId: number, pending: readonly Entry[]): boolean {
    for (const [id, o] of this.owners) {
      if (o === owner && id !== clientId && this.awareness.getStates().has(id) && !pending.some((e) => e.clientId === id && e.json === 'null'))
        return true;
    }
    return pending.some((e) => e.clientId !== clientId && e.json !== 'null');
  }

  private withIdentity(owner: Owner, json: string): string {
    const state: unknown = JSON.parse(json);
    if (state === null || typeof state !== 'object' || Array.isArray(state)) return json;
    return JSON.stringify({ ...state, user: this.rules.identify(owner, (state as { user?: unknown }).user) });
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
