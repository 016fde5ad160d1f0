/** A CSV import holds its values to the bounds of a note written on the board (SPEC E5). */
import { describe, expect, it } from 'vitest';
import { importNotesCsv } from '../../shared/import/csv';
import { CLUSTER_NAME_MAX } from '../../shared/model/vocabulary';
import { HOSTILE_TEXTS } from '../helpers/hostileTexts';

const header = 'Dimension,Kind,Text,Cluster,Author';
const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

describe('CSV import bounds', () => {
  it('[E5] refuses a cluster name longer than a cluster name may be, by line', () => {
    const { notes, problems } = importNotesCsv(
      [header, `strategy,challenge,Fine,${'C'.repeat(CLUSTER_NAME_MAX + 1)},Ana`, `strategy,challenge,Fine,${'C'.repeat(CLUSTER_NAME_MAX)},Ana`].join(
        '\n',
      ),
    );
    expect(problems).toMatchObject([{ line: 2, reason: `The cluster name is longer than ${CLUSTER_NAME_MAX} characters.` }]);
    expect(notes.map((n) => n.cluster)).toEqual([`other:${'C'.repeat(CLUSTER_NAME_MAX)}`]);
  });

  it('[E5] refuses control characters in any value, naming the column', () => {
    const { notes, problems } = importNotesCsv(
      [header, 'strategy,challenge,"bell \u0007",,', 'strategy,challenge,fine,,"Ana\u0000"', 'strategy,challenge,"two\r\nlines\tand a tab",,'].join(
        '\n',
      ),
    );
    expect(problems).toMatchObject([
      { line: 2, reason: 'The text holds control characters (such as NUL or ESC), which a note cannot hold.' },
      { line: 3, reason: 'The author name holds control characters (such as NUL or ESC), which a note cannot hold.' },
    ]);
    expect(notes.map((n) => n.text)).toEqual(['two\r\nlines\tand a tab']);
  });

  it('[E5] every hostile text within the bounds imports as itself, and every one outside them is reported, never thrown', () => {
    const lines = HOSTILE_TEXTS.map((text) => `strategy,need,${quoted(text)},${quoted(text.slice(0, 80))},${quoted(text.slice(0, 60))}`);
    const { notes, problems } = importNotesCsv([header, ...lines].join('\r\n'));
    expect(notes.length + problems.length).toBe(HOSTILE_TEXTS.length);
    for (const note of notes) {
      expect(note.text.length).toBeGreaterThan(0);
      expect(HOSTILE_TEXTS.map((t) => t.trim())).toContain(note.text);
    }
    for (const problem of problems) expect(problem.reason).toMatch(/^The (text|cluster name|author name) /);
  });
});
