/**
 * The report's content with the real server and sockets (SPEC RC3, RC6): a facilitator's edits
 * reach everyone; a participant's are refused by the guard with its reason and reach nobody; an
 * imported file's report content is on the new board.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editReportText, setClusterProfile, setReportSettings } from '../../shared/model/mutations/report';
import { localOrigin } from '../../shared/model/origin';
import { readReportContent, readReportSource } from '../../shared/model/reportContent';
import { BOARD_DOC } from '../../shared/protocol';
import { emptyReportContent } from '../../shared/report/content';
import { exportJson } from '../../shared/report/json';
import { boardView } from '../../shared/view/boardView';
import { sendRawChange } from './rawWrites';
import { cleanupAfterEach } from './support';
import { type Caller, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');

/** Sends what `change` writes on a copy of the server's board on a raw socket; the refusal's reason as sent, or null. */
async function send(w: Workshop, who: Caller, change: (doc: Y.Doc) => void): Promise<string | null> {
  return sendRawChange(w, who, change, defer);
}

describe("the report's content over sockets", () => {
  it('[RC3] a facilitator’s cover, profile and introduction reach a participant’s and a viewer’s board live', async () => {
    const w = await workshopOn(defer);
    const frida = w.open(BOARD_DOC, w.facilitator);
    const ann = await w.join('participant', 'Ann', 'gaia');
    const annBoard = w.open(BOARD_DOC, ann);
    const viewer = w.open(BOARD_DOC, w.viewer);
    await synced(frida, annBoard, viewer);
    setReportSettings(frida.doc, { title: 'Final report', deliverable: 'D1.4' }, mine);
    setClusterProfile(frida.doc, 'gaia', { fullName: 'GAIA', created: '2008' }, mine);
    editReportText(frida.doc, 'introduction', 'Lead\n- one', mine);
    for (const client of [annBoard, viewer]) {
      await waitFor(() => readReportContent(client.doc).introduction.length === 2, 'the introduction arrives');
      expect(readReportSource(client.doc)).toEqual(readReportSource(frida.doc));
    }
    const room = await w.server.rooms.acquire(w.board.id);
    expect(readReportContent(room.doc).settings.title).toBe('Final report');
  });

  it("[RC3] a participant's update to the cover, a profile or the introduction is refused with its reason and never applied", async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann', 'gaia');
    // [LG4] Told as a code the page words in its language.
    const reason = JSON.stringify({ code: 'sync.reportFacilitatorOnly' });
    expect(await send(w, ann, (doc) => setReportSettings(doc, { title: 'Ann’s report' }, mine))).toBe(reason);
    expect(await send(w, ann, (doc) => setClusterProfile(doc, 'gaia', { fullName: 'Ann’s cluster' }, mine))).toBe(reason);
    expect(await send(w, ann, (doc) => editReportText(doc, 'conclusion', 'Ann concludes', mine))).toBe(reason);
    expect(await send(w, w.facilitator, (doc) => editReportText(doc, 'introduction', 'Frida introduces', mine))).toBeNull();
    const room = await w.server.rooms.acquire(w.board.id);
    await waitFor(() => readReportSource(room.doc).introduction === 'Frida introduces', "the facilitator's introduction lands");
    expect(readReportContent(room.doc)).toEqual({
      ...emptyReportContent(),
      introduction: [{ kind: 'paragraph', text: 'Frida introduces' }],
    });
  });

  it('[RC3] a participant whose stock client writes the report anyway does not change anyone else’s board', async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann', 'gaia');
    const annBoard = w.open(BOARD_DOC, ann);
    const frida = w.open(BOARD_DOC, w.facilitator);
    await synced(annBoard, frida);
    editReportText(annBoard.doc, 'introduction', 'Ann was here', mine);
    // A later facilitator edit is the marker that everything before it was judged.
    setReportSettings(frida.doc, { version: '1.0' }, mine);
    const room = await w.server.rooms.acquire(w.board.id);
    await waitFor(() => readReportContent(room.doc).settings.version === '1.0', 'the facilitator’s change lands');
    await waitFor(() => readReportContent(annBoard.doc).settings.version === '1.0', 'and reaches Ann');
    expect(readReportSource(room.doc).introduction).toBe('');
    expect(readReportSource(frida.doc).introduction).toBe('');
  });

  it('[RC6] a JSON file with report content imports through the API into a board that holds it', async () => {
    const w = await workshopOn(defer);
    const source = new Y.Doc();
    defer(() => source.destroy());
    setReportSettings(source, { title: 'Imported report', date: '2026-12-02' }, mine);
    setClusterProfile(source, 'other:Acme', { fullName: 'Acme Cluster' }, mine);
    editReportText(source, 'conclusion', 'It ends.\n1. first\n2. second', mine);
    const file = exportJson(
      { ...boardView(source), meta: { ...boardView(source).meta, title: 'Imported' } },
      new Date(),
      new Map(),
      [],
      readReportSource(source),
    );
    const res = await fetch(`${w.server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const room = await w.server.rooms.acquire(id);
    expect(readReportSource(room.doc)).toEqual(readReportSource(source));
  });

  it('[RC6] a snapshot keeps the report content as it was: its preview carries it and a restored board holds it', async () => {
    const w = await workshopOn(defer);
    const room = await w.server.rooms.acquire(w.board.id);
    setReportSettings(room.doc, { title: 'As it was' }, mine);
    editReportText(room.doc, 'introduction', 'Then.', mine);
    const entry = await w.call<{ id: string }>('POST', '/history', w.facilitator, { name: 'Before the rewrite' });
    expect(entry.status).toBe(201);
    editReportText(room.doc, 'introduction', 'Now.', mine);

    const preview = await w.call<{ report?: { settings: { title: string }; introduction: string } }>(
      'GET',
      `/history/${entry.body.id}`,
      w.facilitator,
    );
    expect(preview.body.report).toMatchObject({ settings: { title: 'As it was' }, introduction: 'Then.' });
    const restored = await w.call<{ id: string }>('POST', `/history/${entry.body.id}/restore`, w.facilitator);
    expect(restored.status).toBe(201);
    const copy = await w.server.rooms.acquire(restored.body.id);
    expect(readReportSource(copy.doc)).toMatchObject({ settings: { title: 'As it was' }, introduction: 'Then.' });
  });
});
