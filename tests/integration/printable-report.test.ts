/**
 * [RG6-RG8] The printable report over the real server: who may read it, what it is, its language,
 * and a hostile note that stays text.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../server/http/headers';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { BOARD_DOC } from '../../shared/protocol';
import { cleanupAfterEach, note } from './support';
import { synced, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

async function printable(w: Workshop, token: string, query = '') {
  const res = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?format=html${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    csp: res.headers.get('content-security-policy'),
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    text: await res.text(),
  };
}

async function boardWithNotes(): Promise<Workshop> {
  const w = await workshopOn(defer);
  const ann = await w.join('participant', 'Ann', 'gaia');
  const client = w.open(BOARD_DOC, w.facilitator);
  await synced(client);
  const author = { id: ann.id, name: 'Ann', cluster: 'gaia' };
  addNote(client.doc, note('Weak KPIs', { author, kind: 'challenge' }), localOrigin(ann.id));
  addNote(client.doc, note('<script>alert(1)</script> Mentoring pairs', { author, kind: 'good-practice' }), localOrigin(ann.id));
  return w;
}

describe('the printable report (RG)', () => {
  it('[RG6] a facilitator or participant gets one self-contained HTML page, shown inline; a viewer is refused', async () => {
    const w = await boardWithNotes();
    const page = await printable(w, w.board.tokens.facilitator);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.disposition).toMatch(/^inline; filename=".+\.html"$/);
    expect(page.text.startsWith('<!doctype html>')).toBe(true);
    expect(page.text).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // The contributions chart, drawn inline; nothing to fetch.
    expect(page.text).toMatch(/<figure class="chart"[^>]*aria-label="Contributions per cluster and dimension"><svg/);
    expect(page.text).not.toMatch(/<script|<link|<img|src=/i);
    // Its one style sheet is allowed by hash, here and in the app's page (which a blob URL opened
    // from the board inherits); no script anywhere.
    const sheet = /<style>([\s\S]*?)<\/style>/.exec(page.text)?.[1] ?? '';
    const hash = `'sha256-${createHash('sha256').update(sheet).digest('base64')}'`;
    expect(page.csp).toBe(`default-src 'none'; style-src ${hash}; frame-ancestors 'none'; sandbox`);
    expect(PAGE_CSP).toContain(`style-src 'self' ${hash};`);

    expect((await printable(w, w.board.tokens.participant)).status).toBe(200);
    const viewer = await printable(w, w.board.tokens.viewer);
    expect(viewer.status).toBe(403);
    expect(JSON.parse(viewer.text)).toMatchObject({ code: 'export.needsWriterLink' });
  });

  it('[RG7] a note written as markup reads as text in the page', async () => {
    const w = await boardWithNotes();
    const page = await printable(w, w.board.tokens.participant);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Mentoring pairs');
    expect(page.text).toMatch(/<aside class="callout"><p class="callout-from">Good practice · GAIA<\/p>/);
  });

  it('[RG6] ?lang=fr gives French headings and chart titles', async () => {
    const w = await boardWithNotes();
    const page = await printable(w, w.board.tokens.facilitator, '&lang=fr');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<h4>Défis communs</h4>');
    expect(page.text).toContain('<section class="main" id="engagement"><h2>4. Participation</h2>');
    expect(page.text).toContain('<a href="#methodology">Méthodologie</a>');
    expect(page.text).toContain('Contributions par cluster et par dimension');
    expect((await printable(w, w.board.tokens.facilitator, '&lang=xx')).status).toBe(400);
  });
});
