/**
 * The one way tests, fuzzers and soak runs open a stock y-websocket provider in Node: `ws` as the
 * WebSocket (or a subclass that counts or records frames), no BroadcastChannel shortcut between
 * providers of one process (they must talk through the server), and one `destroy()` for provider
 * and doc.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Destroys the provider (closing its socket) and the doc. */
  destroy(): void;
}

export interface StockProviderOptions {
  /** Query parameters of the socket URL: `token`, and `seat` for a person who joined. */
  params?: Record<string, string>;
  /** A `ws` WebSocket subclass, to count or record what the provider does. */
  WebSocketClass?: new (...args: never[]) => WebSocket;
  /** The stock backoff tops out at 2.5 s; tests that restart servers shorten it. */
  maxBackoffTime?: number;
  doc?: Y.Doc;
}

/** `http://host:port` or `ws://host:port` to the server's socket endpoint `ws://host:port/ws`. */
export function socketUrl(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;
}

/** A stock provider for `room` (a board id, or `roomName(...)`) at `url` (see `socketUrl`). */
export function stockProvider(url: string, room: string, options: StockProviderOptions = {}): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    params: options.params ?? {},
    WebSocketPolyfill: (options.WebSocketClass ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(options.maxBackoffTime === undefined ? {} : { maxBackoffTime: options.maxBackoffTime }),
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
