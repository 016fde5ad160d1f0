/**
 * A y-websocket client without the cost of applying everyone else's changes, so one load process
 * can speak for hundreds of people while the server does its full work for each. It asks for the
 * room's state on open (sync step 1, as the provider does), answers the server's sync step 1 from
 * its own doc (writers) or as an empty doc (observers), sends its doc's updates, and hands every
 * document update and presence frame it receives, raw, to the caller.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

const SYNC = 0;
const AWARENESS = 1;
/** Sync step 2 carrying an empty update: an observer has nothing the server lacks. */
const EMPTY_STEP2 = new Uint8Array([SYNC, syncProtocol.messageYjsSyncStep2, 2, 0, 0]);
/** Sync step 1 with an empty state vector: "send me everything". */
const EMPTY_STEP1 = new Uint8Array([SYNC, syncProtocol.messageYjsSyncStep1, 1, 0]);

export interface LightClientOptions {
  url: string;
  /** The writer's own doc: it answers sync from it and sends its updates. Observers have none. */
  doc?: Y.Doc;
  /** Called with each document update frame (sync update), as received. */
  onUpdate?(frame: Buffer): void;
  /** Called with each presence frame. */
  onAwareness?(frame: Buffer): void;
}

export class LightClient {
  readonly opened: Promise<void>;
  /** Resolves when the server's answer to our sync step 1 (the room's state) has arrived. */
  readonly synced: Promise<void>;
  /** The close code, once closed. */
  readonly closed: Promise<number>;
  closeCode: number | null = null;
  private readonly ws: WebSocket;
  private readonly clientId: number;
  private presenceClock = 0;

  constructor(private readonly options: LightClientOptions) {
    this.clientId = options.doc?.clientID ?? Math.floor(Math.random() * 2 ** 31);
    this.ws = new WebSocket(options.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('error', () => undefined);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('close', (code) => reject(new Error(`closed with ${code} before opening`)));
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    let markSynced = () => undefined as void;
    this.synced = new Promise((resolve) => (markSynced = resolve));
    this.ws.on('open', () => this.send(options.doc ? stateVectorMessage(options.doc) : EMPTY_STEP1));
    this.ws.on('message', (data: Buffer) => {
      if (data[0] === SYNC) {
        switch (data[1]) {
          case syncProtocol.messageYjsUpdate:
            options.onUpdate?.(data);
            return;
          case syncProtocol.messageYjsSyncStep1:
            this.send(options.doc ? step2Message(options.doc, data) : EMPTY_STEP2);
            return;
          case syncProtocol.messageYjsSyncStep2:
            markSynced();
            return;
        }
      } else if (data[0] === AWARENESS) {
        options.onAwareness?.(data);
      }
    });
    options.doc?.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  /** Publishes this client's presence state (y-protocols awareness, one entry). */
  setPresence(state: Record<string, unknown> | null): void {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.clientId);
    encoding.writeVarUint(inner, ++this.presenceClock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }
}

function stateVectorMessage(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function step2Message(doc: Y.Doc, step1: Buffer): Uint8Array {
  const decoder = decoding.createDecoder(new Uint8Array(step1.buffer, step1.byteOffset, step1.byteLength));
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, decoding.readVarUint8Array(decoder));
  return encoding.toUint8Array(encoder);
}
