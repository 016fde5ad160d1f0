/**
 * The board's sentences in another language (issue 17): the words around a note change, what
 * people wrote does not (LG6). Render-free: the helpers that build the screen reader's
 * announcements and the labels of a note, with the page's translator set to German.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeIntent, describeNotePlace, describeThemePlace } from '../../client/board/dnd/apply';
import { presenceLine } from '../../client/board/notes/presenceLine';
import { quote } from '../../client/board/quote';
import { currentTranslator, setCurrentTranslator } from '../../client/i18n/current';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator, type Translator } from '../../shared/i18n/translate';
import { addNote } from '../../shared/model/mutations/notes';
import { groupNotes } from '../../shared/model/mutations/themes';
import { boardView } from '../../shared/view/boardView';
import { beforeStepName, shownSnapshotName } from '../../shared/workshop/snapshotName';
import { alice, aliceOrigin } from './support';

const TEXT = 'Members do not join strategy meetings\nsecond line';
const THEME = 'Member engagement';
const DIMENSION = 'Cluster strategy';

function board() {
  const doc = new Y.Doc();
  addNote(doc, { id: 'n1', text: TEXT, dimension: 'strategy', kind: 'challenge', author: alice }, aliceOrigin);
  addNote(doc, { id: 'n2', text: 'Weak KPIs', dimension: 'strategy', kind: 'challenge', author: alice }, aliceOrigin);
  addNote(doc, { id: 'n3', text: 'Loose note', dimension: 'strategy', kind: 'challenge', author: alice }, aliceOrigin);
  const themeId = groupNotes(doc, ['n1', 'n2'], { title: THEME, dimension: 'strategy', kind: 'challenge' }, aliceOrigin);
  return { view: boardView(doc), themeId };
}

describe('the board in German', () => {
  const before = currentTranslator();
  let german: Translator;
  let english: Translator;
  beforeAll(async () => {
    const source = await loadMessages('en');
    english = createTranslator('en', source);
    german = createTranslator('de', await loadMessages('de'), source);
    setCurrentTranslator(german);
  });
  afterAll(() => setCurrentTranslator(before));

  it('[LG6] a moved note is announced in German with its text, its theme and its dimension as written', () => {
    const { view, themeId } = board();
    expect(describeNotePlace(view, 'n1')).toBe(
      `Notiz „Members do not join strategy meetings“ ist in ${DIMENSION} / Herausforderung, Thema „${THEME}“, Position 1 von 2.`,
    );
    expect(describeNotePlace(view, 'n3')).toBe(`Notiz „Loose note“ ist in ${DIMENSION} / Herausforderung, Position 1 von 1.`);
    expect(describeThemePlace(view, themeId)).toBe(`Thema „${THEME}“ ist in ${DIMENSION} / Herausforderung, Position 1 von 1.`);
    expect(describeIntent(view, { type: 'group', noteId: 'n2', dimension: 'strategy', kind: 'challenge' })).toBe(
      `Über „Weak KPIs“ in ${DIMENSION} / Herausforderung: Ablegen gruppiert sie als Thema.`,
    );
    expect(describeNotePlace(view, 'gone')).toBe('Die Notiz ist nicht mehr auf dem Board.');
  });

  it('[LG6] the line of who is in a note keeps names and clusters as written around a German verb', () => {
    const jonas = { name: 'Jonas', clusterLabel: 'Silicon Saxony' };
    const zoe = { name: 'Zoé Łukasiewicz', clusterLabel: 'Mazovia Cluster ICT' };
    expect(presenceLine(german, [jonas], [])).toBe('Jonas (Silicon Saxony) bearbeitet');
    // The list's separators are the language's (ICU's); the names between them are as written.
    const both = presenceLine(german, [jonas, zoe], []) ?? '';
    expect(both).toMatch(/^Jonas \(Silicon Saxony\)\W+(und )?Zoé Łukasiewicz \(Mazovia Cluster ICT\) bearbeiten$/);
    expect(presenceLine(german, [], [zoe])).toBe('Zoé Łukasiewicz ist hier');
    expect(presenceLine(german, [], [])).toBeNull();
    // English reads as it always has.
    expect(presenceLine(english, [jonas, zoe], [])).toBe('Jonas (Silicon Saxony), Zoé Łukasiewicz (Mazovia Cluster ICT) are editing');
    expect(presenceLine(english, [], [jonas])).toBe('Jonas is here');
  });

  it('[LG6] a note is quoted in the language’s quotation marks, its words unchanged; only an empty note is named in German', () => {
    expect(quote('  Weak KPIs  ')).toBe('„Weak KPIs“');
    expect(quote('x'.repeat(60))).toBe(`„${'x'.repeat(47)}…“`);
    expect(quote('')).toBe('„leere Notiz“');
  });

  it('[LG1] a snapshot the server took before a step reads in German; a name a person typed stays as typed', () => {
    const name = beforeStepName(2, 'Mapping members and partners');
    expect(shownSnapshotName(name, german)).toBe('Vor Schritt 2: Mapping members and partners');
    expect(shownSnapshotName(name, english)).toBe(name);
    expect(shownSnapshotName('Before the coffee break', german)).toBe('Before the coffee break');
    expect(shownSnapshotName('Before step two: x', german)).toBe('Before step two: x');
  });
});
