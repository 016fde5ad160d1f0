/**
 * A few real y-websocket providers per scenario, in the coordinator: they apply everything, like
 * browsers, and must end identical to each other and hold what the writers wrote.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { notesMap } from '../shared/model/doc';
import type { RoomAccess } from './servers';

export class Providers {
  private constructor(readonly list: { provider: WebsocketProvider; doc: Y.Doc }[]) {}

  /** `count` providers on `room`; each starts from `initial` (a state it already holds) if given. */
  static open(room: RoomAccess, count: number, initial?: Uint8Array): Providers {
    // Every provider registers an exit handler.
    process.setMaxListeners(0);
    return new Providers(
      Array.from({ length: count }, (_, i) => {
        const doc = new Y.Doc();
        if (initial) Y.applyUpdate(doc, initial);
        const provider = new WebsocketProvider(room.serverUrl, room.room, doc, {
          params: room.readerParams,
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        });
        provider.awareness.setLocalStateField('user', { name: `Provider ${i}` });
        return { provider, doc };
      }),
    );
  }

  /** Resolves once every provider is synced; rejects after `timeoutMs`. */
  async synced(timeoutMs: number): Promise<void> {
    const started = Date.now();
    while (!this.list.every((p) => p.provider.synced)) {
      if (Date.now() - started > timeoutMs) throw new Error('providers did not sync');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Whether every provider holds the same notes, and (if given) each `expected` note with that
   * text, within `timeoutMs`.
   */
  async converged(timeoutMs: number, expected: Record<string, string> = {}, expectedCount?: number): Promise<boolean> {
    const check = () => {
      const views = this.list.map((p) => JSON.stringify(notesMap(p.doc).toJSON()));
      if (views.some((view) => view !== views[0])) return false;
      const first = this.list[0];
      if (!first) return true;
      const notes = notesMap(first.doc);
      if (expectedCount !== undefined && notes.size !== expectedCount) return false;
      return Object.entries(expected).every(([id, text]) => String((notes.get(id) as Y.Map<unknown> | undefined)?.get('text') ?? '') === text);
    };
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }

  destroy(): void {
    for (const { provider, doc } of this.list) {
      provider.destroy();
      doc.destroy();
    }
  }
}
