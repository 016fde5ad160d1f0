/**
 * The cached sync answers (SPEC K5) are only a saving: whatever the state vector, cached or not,
 * before or after the document changes, the answer is byte for byte what Yjs encodes for it.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SyncAnswers } from '../../server/sync/messages';
import { MessageType } from '../../shared/protocol';

function direct(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

function vector(clocks: [number, number][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clocks.length);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Writers 1-3 type into one text; `ops` says who types what, and who deletes a character. */
const op = fc.record({ writer: fc.integer({ min: 1, max: 3 }), text: fc.string({ maxLength: 5 }), erase: fc.boolean() });
/** A claimed clock: for one of the writers (index 1-3) or a made-up client (0). */
const claim = fc.record({ writer: fc.integer({ min: 0, max: 3 }), clock: fc.nat(40), madeUp: fc.integer({ min: 10_000, max: 2 ** 31 }) });

describe('sync answers', () => {
  it('[K5] every answer, cached or not, equals what Yjs encodes for that state vector, before and after a change', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(claim, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (ops, asks) => {
          const server = new Y.Doc();
          const answers = new SyncAnswers(server);
          const writers = [1, 2, 3].map((id) => {
            const doc = new Y.Doc();
            doc.clientID = id;
            return doc;
          });
          const apply = (batch: typeof ops) => {
            for (const { writer, text, erase } of batch) {
              const doc = writers[writer - 1];
              if (!doc) continue;
              Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
              const shared = doc.getText('t');
              if (erase && shared.length > 0) shared.delete(0, 1);
              else shared.insert(0, text);
              Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
            }
          };
          const check = () => {
            for (const ask of asks) {
              const sv = vector(ask.map(({ writer, clock, madeUp }) => [writer === 0 ? madeUp : writer, clock]));
              // Twice: the second answer may come from the cache.
              expect(answers.answer(sv)).toEqual(direct(server, sv));
              expect(answers.answer(sv)).toEqual(direct(server, sv));
            }
          };
          apply(ops.slice(0, Math.ceil(ops.length / 2)));
          check();
          apply(ops.slice(Math.ceil(ops.length / 2)));
          check();
          [server, ...writers].forEach((doc) => doc.destroy());
        },
      ),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
