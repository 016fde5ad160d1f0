/**
 * Items 5 and 9 of issue 13 over real HTTP (SPEC E1, E2): a participant's note text that Markdown
 * would read as block syntax, or that European Excel would split into a formula, comes out of the
 * downloaded report and CSV as text.
 */
import { describe, expect, it } from 'vitest';
import { boardOn, cleanupAfterEach, serverFor } from './support';

const defer = cleanupAfterEach();

describe('downloaded exports of hostile note texts', () => {
  it('[E1] [E2] a note "# Injected heading", a list and a rule stay one list item in the Markdown; "x;=1+1;y" starts no formula in the CSV', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${ts.server.url}/api/boards/${board.id}${path}`, {
        method,
        headers: { authorization: `Bearer ${board.tokens.participant}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    for (const text of ['# Injected heading\n1. x\n---\n> quoted', 'x;=1+1;y']) {
      expect((await call('POST', '/notes', { text, dimension: 'strategy', kind: 'challenge', author: 'Mallory' })).status).toBe(201);
    }

    const markdown = await (await call('GET', '/export?format=md')).text();
    const lines = markdown.split('\n');
    // The report's own headings are its only headings, and the note is one item with its lines indented into it.
    expect(lines.filter((line) => /^#{1,6} /.test(line)).every((line) => !line.includes('Injected'))).toBe(true);
    // The note's own lines (in its dimension and in the annex) are list items or indented into one.
    const noteLines = lines.filter((line) => /Injected|quoted|^ {0,3}(-{3,}|\\?1\\?[.)] x)/.test(line));
    expect(noteLines.length).toBeGreaterThan(0);
    for (const line of noteLines) expect(line, line).toMatch(/^(- | {2}\S)/);
    expect(lines.some((line) => /^ {0,3}-{3,}\s*$/.test(line))).toBe(false);
    expect(markdown).toContain('\\# Injected heading');

    const csv = await (await call('GET', '/export?format=csv')).text();
    expect(csv).toContain("x;'=1+1;y");
    expect(csv).not.toMatch(/[;,]=1\+1/);
  });
});
