/**
 * What the WebSocket fuzzer (tests/helpers/fuzz.ts) sends: a corpus of valid
 * y-websocket messages made from real documents, and the hostile frames made from them. Every frame
 * says what the server must do with it (`expect`), so the fuzzer can tell a refusal from a bug.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { CloseCode, MessageType, type Role } from '../../shared/protocol';
import { controlMap } from '../../shared/workshop/control';
import type { Rng } from './random';

// ---- Frames ----

/** Close codes of the WebSocket layer (`ws`), below the board protocol. */
export const WsClose = { ProtocolError: 1002, InvalidPayload: 1007, TooBig: 1009 } as const;

/** What a frame whose bytes were mutated may cost its socket: nothing, or these closes. */
export const MAYBE_CODES: readonly number[] = [CloseCode.BadMessage, CloseCode.TooLarge];

/**
 * What the server must do with a frame: 'ok' nothing visible (applied, refused silently or
 * answered); 'maybe' either that or one of MAYBE_CODES (mutated bytes may still decode); a list:
 * close the socket with one of these codes.
 */
export type Expect = 'ok' | 'maybe' | readonly number[];

export interface Frame {
  kind: string;
  /** A binary message, a text frame, or (`wire`) bytes written to the TCP socket as they are. */
  data: Uint8Array | string;
  wire?: true;
  expect: Expect;
}

/** Text no document may ever hold: viewers write it (P3), and anyone writes it to the control document (W5). */
export const VIEWER_MARK = 'fuzz-viewer-write';
export const CONTROL_MARK = 'fuzz-control-write';

/** The 27 bytes of yjs#687 (a V2 update whose run-length encoding makes `Y.mergeUpdatesV2` loop). */
export const YJS_687 = Uint8Array.from(Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex'));

const MAX_PRESENCE_STATE = 4096;
/** The dimension the fuzzer locks on its locked board. */
export const LOCKED_DIMENSION = 'strategy' as const;
const MAX_PAYLOAD = 2 * 1024 * 1024;

interface Framed {
  /** The message type, and the sync message type for sync messages. */
  header: number[];
  payload: Uint8Array;
}

export interface Corpus {
  /** Valid messages of every type, as header and payload: what mutations start from. */
  framed: Framed[];
  stateVectors: Uint8Array[];
  /** New notes and edits of existing ones (sync update and step 2 messages). */
  writes: Uint8Array[];
  viewerWrites: Uint8Array[];
  controlWrites: Uint8Array[];
  /** One update of many items placed after one of its own (the write guard must not be quadratic), refused. */
  wideOrigins: Uint8Array;
  /** Awareness client ids of the honest clients, which attackers try to speak for. */
  honestIds: number[];
}

export function message(header: readonly number[], payload?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of header) encoding.writeVarUint(encoder, value);
  if (payload) encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const SYNC_STEP1 = [MessageType.Sync, 0];
const SYNC_STEP2 = [MessageType.Sync, 1];
const SYNC_UPDATE = [MessageType.Sync, 2];

function bytesOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function awarenessPayload(entries: readonly { clientId: number; clock: number; json: string }[]): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
  });
}

/** A V1 update of one GC struct: `len` clocks of `client` from `clock`, and no deletions. */
export function gcUpdate(client: number, clock: number, len: number | Uint8Array): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeUint8(e, 0); // GC
    writeLength(e, len);
    encoding.writeVarUint(e, 0); // empty delete set
  });
}

/** A V1 update that only deletes `len` clocks of `client` from `clock`. */
export function deleteUpdate(client: number, clock: number, len: number | Uint8Array): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1); // one range
    encoding.writeVarUint(e, clock);
    writeLength(e, len);
  });
}

/** An update that deletes the same range of `client` `copies` times over: Yjs never writes overlapping ranges. */
export function overlappingDeletes(client: number, clock: number, len: number, copies: number): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // one client in the delete set
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, copies);
    for (let i = 0; i < copies; i++) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  });
}

/** A number, or raw varint bytes for values JavaScript numbers cannot hold exactly. */
function writeLength(e: encoding.Encoder, len: number | Uint8Array): void {
  if (typeof len === 'number') encoding.writeVarUint(e, len);
  else encoding.writeUint8Array(e, len);
}

/** 2^56 as a varint: nine bytes whose first eight are zero, so lib0 reads it without complaint. */
export const VARINT_2_POW_56 = Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);

/**
 * `anchors` deleted items at the start of a root list, then `followers` placed after the last
 * anchor, then a value naming the locked dimension: a causally valid update that the write guard
 * must judge (resolving each follower's origin among the update's own items must not scan the
 * anchors one by one: that made it quadratic) and then refuse, so the board keeps none of it.
 */
export function wideOriginsUpdate(client: number, anchors: number, followers: number, lockedDimension: string): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, anchors + followers + 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0);
    for (let i = 0; i < anchors; i++) {
      encoding.writeUint8(e, 0x01); // no origins, so a parent follows; content: deleted
      encoding.writeVarUint(e, 1); // the parent is a root type, by name
      encoding.writeVarString(e, 'fuzz');
      encoding.writeVarUint(e, 1);
    }
    for (let i = 0; i < followers; i++) {
      encoding.writeUint8(e, 0x81); // an origin follows; content: deleted
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, anchors - 1);
      encoding.writeVarUint(e, 1);
    }
    encoding.writeUint8(e, 0x28); // a parent and its key follow; content: any
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'fuzz');
    encoding.writeVarString(e, 'dimension');
    encoding.writeVarUint(e, 1);
    encoding.writeAny(e, lockedDimension);
    encoding.writeVarUint(e, 0);
  });
}

const AUTHOR = { id: 'fuzz', name: 'Fuzz', cluster: null };

function freshDoc(rng: Rng): Y.Doc {
  const doc = new Y.Doc();
  // Above 2^31, so no real client's random 31-bit id is ever hit.
  doc.clientID = 2 ** 31 + rng.int(2 ** 31);
  return doc;
}

function newNoteUpdate(rng: Rng, text: string): Uint8Array {
  const doc = freshDoc(rng);
  const id = `fuzz-${doc.clientID}`;
  addNote(doc, { id, text, dimension: rng.pick(DIMENSION_IDS), kind: rng.pick(KIND_IDS), author: AUTHOR }, localOrigin('fuzz'));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** An edit, move or deletion of one of `board`'s notes, made on a copy (it builds on the board). */
function editUpdate(rng: Rng, board: Y.Doc): Uint8Array | null {
  const ids = [...notesMap(board).keys()].sort();
  if (ids.length === 0) return null;
  const copy = freshDoc(rng);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(board));
  const before = Y.encodeStateVector(copy);
  const id = rng.pick(ids);
  const origin = localOrigin('fuzz');
  switch (rng.int(3)) {
    case 0:
      editNoteText(copy, id, `edited by the fuzzer ${rng.int(1000)}`, origin);
      break;
    case 1:
      moveNote(copy, id, { dimension: rng.pick(DIMENSION_IDS), kind: rng.pick(KIND_IDS), themeId: null }, origin);
      break;
    default:
      deleteNote(copy, id, origin);
  }
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

/** Valid messages from real documents: `boards` are copies of the fuzzed boards as they start. */
export function buildCorpus(rng: Rng, boards: readonly Y.Doc[], honestIds: readonly number[]): Corpus {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) updates.push(newNoteUpdate(rng, `fuzz note ${i} ${rng.int(1e6)}`));
  for (const board of boards) {
    for (let i = 0; i < 8; i++) {
      const update = editUpdate(rng, board);
      if (update) updates.push(update);
    }
  }
  const framed: Framed[] = [];
  const stateVectors: Uint8Array[] = [];
  for (const doc of [new Y.Doc(), ...boards]) {
    framed.push({ header: SYNC_STEP1, payload: Y.encodeStateVector(doc) });
    stateVectors.push(message(SYNC_STEP1, Y.encodeStateVector(doc)));
  }
  for (const update of updates) {
    framed.push({ header: SYNC_UPDATE, payload: update }, { header: SYNC_STEP2, payload: update });
  }
  for (let i = 0; i < 6; i++) {
    const state = { user: { name: `Fuzz ${i}`, cluster: null }, focus: i % 2 === 0 ? null : { noteId: `n${i}`, editing: true } };
    framed.push({
      header: [MessageType.Awareness],
      payload: awarenessPayload([{ clientId: rng.int(2 ** 31), clock: 1 + i, json: JSON.stringify(state) }]),
    });
  }
  const both = (update: Uint8Array) => [message(SYNC_UPDATE, update), message(SYNC_STEP2, update)];
  const control = (fill: (doc: Y.Doc) => void) => {
    const doc = freshDoc(rng);
    fill(doc);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  };
  return {
    framed,
    stateVectors,
    writes: framed.filter((f) => f.header[0] === MessageType.Sync && f.header[1] !== 0).map((f) => message(f.header, f.payload)),
    viewerWrites: [0, 1, 2, 3].flatMap(() => both(newNoteUpdate(rng, VIEWER_MARK))),
    controlWrites: [
      ...both(control((doc) => controlMap(doc).set('lock', { board: true, note: CONTROL_MARK }))),
      ...both(control((doc) => doc.getMap('results').set(CONTROL_MARK, { n1: 99 }))),
      ...both(control((doc) => doc.getMap(CONTROL_MARK).set('x', 1))),
    ],
    wideOrigins: message(SYNC_UPDATE, wideOriginsUpdate(2 ** 31 + rng.int(2 ** 31), 30_000, 30_000, LOCKED_DIMENSION)),
    honestIds: [...honestIds],
  };
}

/** Where a socket's frames go, as far as choosing them is concerned. */
export interface FrameContext {
  rng: Rng;
  corpus: Corpus;
  role: Role | null;
  doc: 'board' | 'control' | 'private';
  /** A participant on a board with a locked dimension: the write guard judges every update. */
  guarded: boolean;
  /** Takes one of the few oversized frames the run may send (they are slow); false when none is left. */
  takeOversized(): boolean;
}

type Generator = (ctx: FrameContext) => Frame[];

const one = (kind: string, data: Uint8Array | string, expect: Expect): Frame[] => [{ kind, data, expect }];

const GENERATORS: Record<string, Generator> = {
  'random-bytes': ({ rng }) => one('random-bytes', rng.bytes(rng.chance(0.85) ? rng.int(48) : rng.int(4096)), 'maybe'),

  truncated: ({ rng, corpus }) => {
    const { header, payload } = rng.pick(corpus.framed);
    const whole = message(header, payload);
    return one('truncated', whole.slice(0, rng.int(whole.length)), 'maybe');
  },

  'bit-flip': ({ rng, corpus }) => {
    const { header, payload } = rng.pick(corpus.framed);
    const bytes = message(header, payload);
    for (let flips = 1 + rng.int(4); flips > 0; flips--) {
      const at = rng.int(bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(8));
    }
    return one('bit-flip', bytes, 'maybe');
  },

  'huge-varint': ({ rng }) => {
    const ff = new Uint8Array(10).fill(0xff);
    const cases: [Uint8Array, Expect][] = [
      [ff, [CloseCode.BadMessage]], // the message type
      [Uint8Array.from([0, ...ff]), [CloseCode.BadMessage]], // the sync message type
      [message([...SYNC_UPDATE, Number.MAX_SAFE_INTEGER], rng.bytes(8)), [CloseCode.BadMessage]], // a payload length
      [
        message(
          [MessageType.Awareness],
          bytesOf((e) => (encoding.writeVarUint(e, 2 ** 40), encoding.writeUint8Array(e, rng.bytes(9)))),
        ),
        [CloseCode.BadMessage],
      ],
      [message([MessageType.Awareness], awarenessPayload([{ clientId: Number.MAX_SAFE_INTEGER, clock: Number.MAX_SAFE_INTEGER, json: '{}' }])), 'ok'],
      [
        message(
          SYNC_STEP1,
          bytesOf((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint(e, rng.int(2 ** 31)), encoding.writeUint8Array(e, VARINT_2_POW_56))),
        ),
        'maybe',
      ],
    ];
    const [data, expect] = rng.pick(cases);
    return one('huge-varint', data, expect);
  },

  'lying-length': ({ rng, corpus }) => {
    const { header, payload } = rng.pick(corpus.framed);
    const longer = rng.chance(0.5);
    const claimed = longer ? payload.length + (rng.chance(0.8) ? 1 + rng.int(1000) : 2 ** 31) : rng.int(payload.length);
    const data = bytesOf((e) => {
      for (const value of header) encoding.writeVarUint(e, value);
      encoding.writeVarUint(e, claimed);
      encoding.writeUint8Array(e, payload);
    });
    return one('lying-length', data, longer ? [CloseCode.BadMessage] : 'maybe');
  },

  'yjs-687': ({ rng }) => {
    const data = rng.pick([message(SYNC_UPDATE, YJS_687), message(SYNC_STEP2, YJS_687), YJS_687]);
    return one('yjs-687', data, 'maybe');
  },

  'struct-overflow': ({ rng }) => {
    const client = 2 ** 31 + rng.int(2 ** 31);
    const updates = rng.pick([
      [gcUpdate(client, 0, 2 ** 52)],
      [gcUpdate(client, 0, Number.MAX_SAFE_INTEGER)],
      [gcUpdate(client, 0, VARINT_2_POW_56)],
      // Two steps that push the client's clock past what a varint reader accepts.
      [gcUpdate(client, 0, VARINT_2_POW_56), gcUpdate(client, 2 ** 56, Number.MAX_SAFE_INTEGER)],
      [deleteUpdate(client, 0, VARINT_2_POW_56)],
    ]);
    return updates.map((update) => ({ kind: 'struct-overflow', data: message(SYNC_UPDATE, update), expect: 'maybe' }));
  },

  awareness: ({ rng, corpus }) => {
    const someone = () => rng.int(2 ** 31);
    const state = (name: string) => JSON.stringify({ user: { name, cluster: 'fuzz' }, focus: null });
    const honest = corpus.honestIds.length > 0 ? rng.pick(corpus.honestIds) : someone();
    const cases: [string, { clientId: number; clock: number; json: string }[], Expect][] = [
      ['own', [{ clientId: someone(), clock: 1 + rng.int(5), json: state(`Fuzz ${rng.int(100)}`) }], 'ok'],
      ['claims another', [{ clientId: honest, clock: 2 ** 30 + rng.int(1000), json: state('Mallory') }], 'ok'],
      ['removes another', [{ clientId: honest, clock: 2 ** 30 + rng.int(1000), json: 'null' }], 'ok'],
      ['many', Array.from({ length: 20 + rng.int(180) }, () => ({ clientId: someone(), clock: 1, json: state('Crowd') })), 'ok'],
      ['at the limit', [{ clientId: someone(), clock: 1, json: padded(MAX_PRESENCE_STATE) }], 'ok'],
      ['not an object', [{ clientId: someone(), clock: 1, json: rng.pick(['42', '[1,2]', '"text"', 'true']) }], 'ok'],
      ['not JSON', [{ clientId: someone(), clock: 1, json: '{"user": {' }], [CloseCode.BadMessage]],
    ];
    const [, entries, expect] = rng.pick(cases);
    return one('awareness', message([MessageType.Awareness], awarenessPayload(entries)), expect);
  },

  'awareness-huge': ({ rng }) => {
    const json = padded(MAX_PRESENCE_STATE + 1 + rng.int(20_000));
    return one('awareness-huge', message([MessageType.Awareness], awarenessPayload([{ clientId: rng.int(2 ** 31), clock: 1, json }])), [
      CloseCode.TooLarge,
    ]);
  },

  'unknown-type': ({ rng }) => {
    if (rng.chance(0.3)) {
      // y-websocket's "permission denied", which only the server sends.
      return one(
        'unknown-type',
        bytesOf((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'let me in'))),
        [CloseCode.BadMessage],
      );
    }
    const type = rng.pick([2, 3, 4, 5, 9, 100, 127, 128, 300, 2 ** 20, 2 ** 31]);
    return one('unknown-type', message([type], rng.bytes(rng.int(16))), [CloseCode.BadMessage]);
  },

  'sync-type': ({ rng }) => one('unknown-type', message([MessageType.Sync, 3 + rng.int(1000)], rng.bytes(rng.int(16))), [CloseCode.BadMessage]),

  text: ({ rng, corpus }) => {
    const data = rng.pick([
      'hello',
      JSON.stringify({ type: 'sync', step: 1 }),
      Buffer.from(message(rng.pick(corpus.framed).header, rng.bytes(8))).toString('latin1'),
      String.fromCharCode(...Array.from({ length: rng.int(200) }, () => 32 + rng.int(95))),
    ]);
    return one('text', data, [CloseCode.BadMessage]);
  },

  'ws-protocol': ({ rng }) => {
    const cases: [Uint8Array, number[]][] = [
      [wsFrame({ opcode: 2, payload: rng.bytes(8), rsv: 0x40 }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 3, payload: rng.bytes(8) }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 2, payload: rng.bytes(8), masked: false }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 0, payload: rng.bytes(8) }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 9, payload: rng.bytes(126) }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 9, payload: rng.bytes(4), fin: false }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 8, payload: Uint8Array.from([0x03, 0xe7]) }), [WsClose.ProtocolError]],
      [wsFrame({ opcode: 1, payload: Uint8Array.from([0xc3, 0x28, 0xff]) }), [WsClose.InvalidPayload]],
      [wsHeaderOnly(2n ** 63n), [WsClose.TooBig]],
      [wsHeaderOnly(3n * 1024n * 1024n), [WsClose.TooBig]],
    ];
    const [data, expect] = rng.pick(cases);
    return [{ kind: 'ws-protocol', data, wire: true, expect }];
  },

  'sync-step1': ({ rng, corpus }) => one('sync-step1', rng.pick(corpus.stateVectors), 'ok'),

  write: ({ rng, corpus, role, doc }) => {
    if (doc === 'control' && rng.chance(0.7)) return one('control-write', rng.pick(corpus.controlWrites), 'ok');
    if (role === 'viewer' && rng.chance(0.7)) return one('viewer-write', rng.pick(corpus.viewerWrites), 'ok');
    return one('write', rng.pick(corpus.writes), 'ok');
  },

  /** Updates the write guard must judge in time bounded by their size (yjs#687's lesson, for our own decoding). */
  guard: ({ rng, corpus }) => {
    if (rng.chance(0.5)) return one('guard-origins', corpus.wideOrigins, 'ok');
    // A GC struct of 2^52 clocks, then one deletion over all of it.
    const client = 2 ** 31 + rng.int(2 ** 31);
    return [
      { kind: 'guard-gc-delete', data: message(SYNC_UPDATE, gcUpdate(client, 0, 2 ** 52)), expect: 'ok' },
      { kind: 'guard-gc-delete', data: message(SYNC_UPDATE, deleteUpdate(client, 0, 2 ** 40)), expect: 'ok' },
    ];
  },
};

const WEIGHTS: [string, number][] = [
  ['random-bytes', 10],
  ['truncated', 10],
  ['bit-flip', 14],
  ['huge-varint', 4],
  ['lying-length', 5],
  ['yjs-687', 2],
  ['struct-overflow', 2],
  ['awareness', 9],
  ['awareness-huge', 2],
  ['unknown-type', 3],
  ['sync-type', 1],
  ['text', 2],
  ['ws-protocol', 2],
  ['sync-step1', 5],
  ['write', 10],
  ['guard', 1],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

/** The next frame (or pair of frames) for a socket. */
export function nextFrames(ctx: FrameContext): Frame[] {
  if (ctx.rng.chance(0.002) && ctx.takeOversized()) {
    // Over ws' maxPayload: refused from the frame header, before the payload is read.
    const data = new Uint8Array(MAX_PAYLOAD + 1 + ctx.rng.int(65_536));
    data.set(message(SYNC_UPDATE, new Uint8Array(0)));
    return one('oversized', data, [WsClose.TooBig]);
  }
  let ticket = ctx.rng.float() * TOTAL_WEIGHT;
  let kind = 'random-bytes';
  for (const [name, weight] of WEIGHTS) {
    ticket -= weight;
    if (ticket < 0) {
      kind = name;
      break;
    }
  }
  // The guard only runs for participants on a board with a lock; elsewhere these are plain writes.
  if (kind === 'guard' && !ctx.guarded) kind = 'write';
  const generate = GENERATORS[kind];
  if (!generate) throw new Error(`No generator for ${kind}`);
  return generate(ctx);
}

/** A presence state (a JSON object) of exactly `length` characters. */
export function padded(length: number): string {
  const shell = JSON.stringify({ user: { name: 'Big' }, pad: '' });
  return JSON.stringify({ user: { name: 'Big' }, pad: 'x'.repeat(Math.max(0, length - shell.length)) });
}

// ---- Frames below the board protocol, written to the TCP socket as they are ----

/** A WebSocket frame as a client would send it (masked), or breaking the rules as asked. */
export function wsFrame(options: { opcode: number; payload: Uint8Array; fin?: boolean; rsv?: number; masked?: boolean }): Uint8Array {
  const { opcode, payload, fin = true, rsv = 0, masked = true } = options;
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const header = new Uint8Array(2 + extended + (masked ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | rsv | opcode;
  header[1] = (masked ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127);
  const view = new DataView(header.buffer);
  if (extended === 2) view.setUint16(2, length);
  if (extended === 8) view.setBigUint64(2, BigInt(length));
  const body = new Uint8Array(payload);
  if (masked) {
    const mask = Uint8Array.from([0x12, 0x34, 0x56, 0x78]);
    header.set(mask, 2 + extended);
    for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (mask[i % 4] ?? 0);
  }
  const frame = new Uint8Array(header.length + body.length);
  frame.set(header);
  frame.set(body, header.length);
  return frame;
}

/** The header of a binary frame announcing `length` bytes that never come. */
function wsHeaderOnly(length: bigint): Uint8Array {
  const header = new Uint8Array(2 + 8 + 4);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  new DataView(header.buffer).setBigUint64(2, length);
  return header;
}
