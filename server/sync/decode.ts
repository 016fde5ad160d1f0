/**
 * Decodes one y-websocket message from a client in full, before anything is applied: whatever is
 * malformed throws BadMessageError (the socket is closed with 4400) while the board and presence
 * are still untouched.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';
import { TooLargeError } from './errors';
import { decodeAwarenessUpdate } from './presence';

export class BadMessageError extends Error {
  override readonly name = 'BadMessageError';
}

/**
 * [Z1] What Yjs decodes but cannot apply, found by fuzzing; all of it is malformed (4400):
 * - A struct or deletion reaching past clock 2^53 - 1. Clocks are JavaScript numbers written as
 *   varints: past that they are no longer exact and, from 2^56 on, lib0 refuses to read them, so
 *   the document's state vector (sent to everyone who joins) and its snapshot would be unreadable.
 * - A struct or deletion of length 0, which Yjs never writes and throws on halfway through.
 * - An item whose origin, right origin or parent is its own client's at the same or a later clock.
 *   Yjs writes a client's items after what they refer to; applying one that refers ahead throws
 *   halfway through the update.
 */
function checkStructs(update: ParsedUpdate): void {
  for (const struct of update.structs) {
    if (struct.id.clock + struct.length > Number.MAX_SAFE_INTEGER) throw new BadMessageError('a struct reaches past the largest clock');
    if (struct.length < 1) throw new BadMessageError('an empty struct');
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock)
        throw new BadMessageError('an item refers to a later item of its own client');
    }
  }
  for (const ranges of update.ds.clients.values()) {
    for (const range of ranges) {
      if (range.clock + range.len > Number.MAX_SAFE_INTEGER) throw new BadMessageError('a deletion reaches past the largest clock');
      if (range.len < 1) throw new BadMessageError('an empty deletion');
    }
    // Yjs sorts and merges a delete set before encoding it, so ranges of one client never overlap.
    // Overlapping copies of one range would make everything that walks the delete set (the guard,
    // the mass-deletion watch, Yjs itself) repeat its work once per copy: 20,000 copies of one range
    // in a 60 KB message cost seconds, and counted one deleted note as many.
    const sorted = ranges.map((range) => [range.clock, range.clock + range.len] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i] as readonly [number, number])[0] < (sorted[i - 1] as readonly [number, number])[1])
        throw new BadMessageError('deletions overlap');
    }
  }
}

type ParsedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type DecodedMessage =
  | { type: 'state-vector'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: ReturnType<typeof decodeAwarenessUpdate> };

export function decodeMessage(message: Uint8Array): DecodedMessage {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        switch (syncType) {
          case syncProtocol.messageYjsSyncStep1:
            Y.decodeStateVector(payload);
            return { type: 'state-vector', stateVector: payload };
          case syncProtocol.messageYjsSyncStep2:
          case syncProtocol.messageYjsUpdate:
            // Yjs integrates an update's structs before reading its delete set, so a corrupt
            // tail would otherwise throw after part of the update is already in the board.
            checkStructs(Y.decodeUpdate(payload));
            return { type: 'update', update: payload };
          default:
            throw new BadMessageError(`unknown sync message type ${syncType}`);
        }
      }
      case MessageType.Awareness:
        return { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
      default:
        throw new BadMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof BadMessageError || error instanceof TooLargeError) throw error;
    throw new BadMessageError(error instanceof Error ? error.message : String(error));
  }
}
