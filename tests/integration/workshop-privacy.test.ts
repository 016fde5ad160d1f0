/**
 * Private writing keeps its secret (SPEC PW1): raw sockets of another participant, a viewer and
 * the facilitator record every frame the server sends them while a participant writes a private
 * note through a stock provider; the note's bytes must show up in none of them until its author
 * reveals it, and then they must show up on the board (so the search can find them at all).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { BOARD_DOC, CloseCode, CONTROL_DOC, type DocName } from '../../shared/protocol';
import { cleanupAfterEach, note, noteTexts } from './support';
import { controlOf, type Recorder, roundTrip, synced, utf8, waitFor, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

describe('private writing', () => {
  it("[PW1] a private note's text reaches no one else's socket until its author reveals it; the facilitator sees only a count", async () => {
    const w = await workshopOn(defer);
    const [ada, bo, fay] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo'), await w.join('facilitator', 'Fay')];
    const adaPrivate: DocName = { kind: 'private', personId: ada.id };
    await w.command({ type: 'privateWriting', on: true });

    const watchers: Record<string, Recorder> = {
      "Bo's board": w.record(BOARD_DOC, bo),
      "Bo's control": w.record(CONTROL_DOC, bo),
      "the viewer's board": w.record(BOARD_DOC, w.viewer),
      "the viewer's control": w.record(CONTROL_DOC, w.viewer),
      "the facilitator's board": w.record(BOARD_DOC, fay),
      "the facilitator's control": w.record(CONTROL_DOC, fay),
    };
    const prying = w.record(adaPrivate, bo);
    await Promise.all(Object.values(watchers).map((watcher) => watcher.fetchAll()));
    const facilitatorControl = w.open(CONTROL_DOC, fay);
    const own = w.open(adaPrivate, ada);
    await synced(facilitatorControl, own);

    const secret = `Geheimidee ${randomUUID()} – Zürich`;
    const ownNote = addNote(own.doc, note(secret, { author: { id: ada.id, name: 'Ada', cluster: null } }), localOrigin(ada.id));
    editNoteText(own.doc, ownNote, `${secret} (ergänzt)`, localOrigin(ada.id));
    // Presence on a private document stays with its owner too (someone typing shows what).
    own.provider.awareness.setLocalStateField('typing', secret);
    await waitFor(() => controlOf(facilitatorControl).people.get(ada.id)?.privateCount === 1, 'the facilitator sees the count');
    await roundTrip(own);
    // Ask each watcher's socket for its whole document: the answer comes after anything forwarded.
    await Promise.all(Object.values(watchers).map((watcher) => watcher.fetchAll()));

    const bytes = utf8(secret);
    for (const [name, watcher] of Object.entries(watchers)) expect(watcher.saw(bytes), name).toBe(false);
    expect((await prying.closed).code).toBe(CloseCode.Forbidden);
    expect(prying.saw(bytes)).toBe(false);

    const revealed = await w.call<{ revealed: number }>('POST', '/reveal', ada);
    expect(revealed).toEqual({ status: 200, body: { revealed: 1 } });
    const boards = ["Bo's board", "the viewer's board", "the facilitator's board"].map((name) => watchers[name]!);
    await waitFor(() => boards.every((watcher) => watcher.saw(bytes)), 'the revealed note reaches every board socket');
    await waitFor(() => controlOf(facilitatorControl).people.get(ada.id)?.privateCount === 0, 'the count drops to 0');
    await roundTrip(own);
    expect(noteTexts(own.doc)).toEqual([]);
    // The control document never holds a note's text, before or after.
    for (const name of ["Bo's control", "the viewer's control", "the facilitator's control"]) {
      await watchers[name]!.fetchAll();
      expect(watchers[name]!.saw(bytes), name).toBe(false);
    }
  });
});
