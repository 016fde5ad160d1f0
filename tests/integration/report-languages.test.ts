/**
 * [LG3, LG5] The board's language over the real server: a facilitator's client sets it, and the
 * export routes write their reports and CSV header in it, or in the language `?lang=` asks for.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales';
import { setBoardLanguage } from '../../shared/model/mutations/meta';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { BOARD_DOC } from '../../shared/protocol';
import { boardView } from '../../shared/view/boardView';
import { cleanupAfterEach, note } from './support';
import { synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

async function exported(w: Workshop, query: string): Promise<{ status: number; text: string; body: Buffer }> {
  const res = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?${query}`, {
    headers: { authorization: `Bearer ${w.board.tokens.facilitator}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, text: body.toString('utf8'), body };
}

describe("exports in the board's language", () => {
  it('[LG3, LG5] reports follow the language a facilitator sets; ?lang= asks for another; an unknown one is refused with the known ones', async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann', 'gaia');
    const client = w.open(BOARD_DOC, w.facilitator);
    await synced(client);
    addNote(client.doc, note('Weak KPIs', { author: { id: ann.id, name: 'Ann', cluster: 'gaia' } }), localOrigin(ann.id));

    // No language yet: English, as before.
    expect((await exported(w, 'format=md')).text).toContain('**Common challenges**');

    setBoardLanguage(client.doc, 'fr', localOrigin('facilitator'));
    const room = await w.server.rooms.acquire(w.board.id);
    await waitFor(() => boardView(room.doc).meta.language === 'fr', "the server's board in French");

    const md = await exported(w, 'format=md');
    expect(md.status).toBe(200);
    expect(md.text).toContain('**Défis communs**');
    expect(md.text).toMatch(/Rapport généré le \d{1,2} \S+ \d{4} avec Clusterboard\u00a0: 1 note, 0 thème, 0 lien de mise en relation\./);
    expect(md.text).toContain('- Weak KPIs');

    const csv = await exported(w, 'format=csv');
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFDimension,Type,Thème,Énoncé du thème,Texte,Auteur,Cluster,Votes,Notes liées,Créée le');

    const docx = await exported(w, 'format=docx');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.body))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('Défis communs');

    // Another language asked for, whatever the board's; the JSON export carries the board's.
    expect((await exported(w, 'format=md&lang=de')).text).toContain('**Gemeinsame Herausforderungen**');
    expect((await exported(w, 'format=csv&lang=pl')).text.split('\r\n')[0]).toContain('Wymiar,Rodzaj,Temat');
    expect((await exported(w, 'format=md')).text).toContain('**Défis communs**');
    expect(JSON.parse((await exported(w, 'format=json')).text)).toMatchObject({ board: { language: 'fr' } });

    const unknown = await exported(w, 'format=docx&lang=klingon');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: `There is no language "klingon": use one of ${LOCALES.join(', ')}.` });
  });
});
