/**
 * The suggestion worker's protocol and the index feed (SPEC SU9, SU10): the board screen sends
 * only what changed, the worker's index then holds exactly the notes the screen shows, and every
 * question is answered (a failure too) without the screen ever running the engine. The worker is
 * played in-process here: the same `answer` the real one runs, behind an asynchronous port.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SuggestClient, type WorkerPort } from '../../client/board/suggest/client';
import { IndexFeed, shownNotes } from '../../client/board/suggest/feed';
import { addNote, deleteNote, editNoteText, moveNotes } from '../../shared/model/mutations/notes';
import { dissolveTheme, groupNotes } from '../../shared/model/mutations/themes';
import { indexedNotes } from '../../shared/suggest/fromBoard';
import { indexEngine } from '../../shared/suggest/indexEngine';
import { answer, type IndexChanges, type SuggestEngine, type SuggestRequest, type SuggestResponse } from '../../shared/suggest/protocol';
import type { IndexedNote } from '../../shared/suggest/types';
import { BoardViewCache } from '../../shared/view/viewCache';
import { alice, aliceOrigin } from './support';

/** A Worker in the same process: messages cross asynchronously, as they do between threads. */
function inProcess(engine: SuggestEngine): WorkerPort & { sent: SuggestRequest[] } {
  const listeners: ((event: { data: SuggestResponse }) => void)[] = [];
  const sent: SuggestRequest[] = [];
  return {
    sent,
    postMessage(message) {
      sent.push(structuredClone(message));
      const copy = structuredClone(message);
      setTimeout(() => {
        const response = answer(engine, copy);
        if (response) for (const listener of listeners) listener({ data: structuredClone(response) });
      });
    },
    addEventListener: (_type, listener) => listeners.push(listener),
    terminate: () => undefined,
  };
}

/** What a sequence of feeds leaves in an index: the notes by id. */
function replay(state: Map<string, IndexedNote>, changes: IndexChanges | null): void {
  if (!changes) return;
  for (const id of changes.remove) state.delete(id);
  for (const note of changes.put) state.set(note.id, note);
}

describe('the index feed', () => {
  it('[SU9] sends every note first, then only what changed: one edited note, a moved one, a deleted one', () => {
    const doc = new Y.Doc();
    const cache = new BoardViewCache(doc);
    const a = addNote(doc, { text: 'Weak KPI monitoring', dimension: 'strategy', kind: 'challenge', author: alice }, aliceOrigin);
    const b = addNote(doc, { text: 'Mentoring', dimension: 'structure', kind: 'need', author: alice }, aliceOrigin);
    const feed = new IndexFeed();
    expect(
      feed
        .next(shownNotes(cache.view()))
        ?.put.map((n) => n.id)
        .sort(),
    ).toEqual([a, b].sort());
    expect(feed.next(shownNotes(cache.view()))).toBeNull();

    editNoteText(doc, a, 'Weak KPI monitoring tools', aliceOrigin);
    expect(feed.next(shownNotes(cache.view()))).toEqual({ put: [expect.objectContaining({ id: a, text: 'Weak KPI monitoring tools' })], remove: [] });

    const theme = groupNotes(doc, [a], { title: 'KPIs', dimension: 'strategy', kind: 'challenge' }, aliceOrigin);
    expect(feed.next(shownNotes(cache.view()))).toEqual({ put: [expect.objectContaining({ id: a, themeId: theme })], remove: [] });
    // A theme dissolved: its notes show ungrouped, and the index hears so.
    dissolveTheme(doc, theme, aliceOrigin);
    expect(feed.next(shownNotes(cache.view()))).toEqual({ put: [expect.objectContaining({ id: a, themeId: null })], remove: [] });

    moveNotes(doc, [b], { dimension: 'strategy', kind: 'need', themeId: null }, aliceOrigin);
    expect(feed.next(shownNotes(cache.view()))?.put).toEqual([expect.objectContaining({ id: b, dimension: 'strategy' })]);
    deleteNote(doc, b, aliceOrigin);
    expect(feed.next(shownNotes(cache.view()))).toEqual({ put: [], remove: [b] });
  });

  it('[SU9] after any sequence of edits, the notes fed equal the board as the engine reads it', () => {
    type Op =
      | { op: 'add'; text: string; kind: 'challenge' | 'need' }
      | { op: 'edit'; at: number; text: string }
      | { op: 'delete'; at: number }
      | { op: 'group'; at: number };
    const text = fc.constantFrom('KPI monitoring', 'CRM tool', 'mentoring', 'Mentoring programme', '', 'ä ö ü', 'kpi');
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), text, kind: fc.constantFrom('challenge' as const, 'need' as const) }),
      fc.record({ op: fc.constant('edit' as const), at: fc.nat(20), text }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(20) }),
      fc.record({ op: fc.constant('group' as const), at: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(fc.nat(30), { maxLength: 6 }), (ops, checkpoints) => {
        const doc = new Y.Doc();
        const cache = new BoardViewCache(doc);
        const feed = new IndexFeed();
        const fed = new Map<string, IndexedNote>();
        const ids: string[] = [];
        ops.forEach((step, i) => {
          const id = ids.length > 0 ? ids[('at' in step ? step.at : 0) % ids.length] : undefined;
          if (step.op === 'add') ids.push(addNote(doc, { text: step.text, dimension: 'strategy', kind: step.kind, author: alice }, aliceOrigin));
          else if (id && step.op === 'edit') editNoteText(doc, id, step.text, aliceOrigin);
          else if (id && step.op === 'delete') {
            deleteNote(doc, id, aliceOrigin);
            ids.splice(ids.indexOf(id), 1);
          } else if (id && step.op === 'group') {
            const kind = cache.view().notesById.get(id)?.kind ?? 'challenge';
            groupNotes(doc, [id], { title: 'T', dimension: 'strategy', kind }, aliceOrigin);
          }
          // The screen feeds at some moments only (a render), not after every change.
          if (checkpoints.includes(i)) replay(fed, feed.next(shownNotes(cache.view())));
        });
        replay(fed, feed.next(shownNotes(cache.view())));
        const expected = indexedNotes(cache.view()).sort((x, y) => (x.id < y.id ? -1 : 1));
        expect([...fed.values()].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(expected);
      }),
      { seed: 2024, numRuns: 150 },
    );
  });
});

describe('the worker protocol', () => {
  it('[SU10] answers like an index built from the same notes; a feed is no question and gets no answer', async () => {
    const doc = new Y.Doc();
    const cache = new BoardViewCache(doc);
    for (const [text, kind] of [
      ['Weak KPI monitoring of members', 'challenge'],
      ['No tool for KPI monitoring', 'challenge'],
      ['Efficient reporting tool such as a CRM', 'need'],
    ] as const)
      addNote(doc, { text, dimension: 'strategy', kind, author: alice }, aliceOrigin);
    const port = inProcess(indexEngine());
    const client = new SuggestClient(port);
    expect(client.update(shownNotes(cache.view()))).toBe(true);
    expect(client.update(shownNotes(cache.view()))).toBe(false);

    const direct = indexEngine();
    direct.apply({ put: indexedNotes(cache.view()), remove: [] });
    // Answers worth comparing: something is similar, and the two challenges make a theme.
    expect(direct.similar('KPI monitoring', 3).length).toBeGreaterThan(0);
    expect(direct.themes({ dimension: 'strategy', kind: 'challenge' }).length).toBeGreaterThan(0);
    expect(await client.similar('KPI monitoring', 3)).toEqual(direct.similar('KPI monitoring', 3));
    expect(await client.themes({ dimension: 'strategy', kind: 'challenge' })).toEqual(direct.themes({ dimension: 'strategy', kind: 'challenge' }));
    expect(await client.tandems(null, [], 3)).toEqual(direct.tandems(null, 3, []));
    expect(port.sent.filter((m) => m.type === 'index')).toHaveLength(1);
  });

  it('[SU10] answers in any order reach the question that asked them, and an engine failure rejects only its own question', async () => {
    let fail = false;
    const engine: SuggestEngine = {
      apply: () => undefined,
      setLanguage: () => undefined,
      similar: (text) => {
        if (fail) throw new Error('broken');
        return [{ id: text, score: 1, shared: [] }];
      },
      themes: () => [],
      tandems: () => [],
    };
    const client = new SuggestClient(inProcess(engine));
    const [one, two] = await Promise.all([client.similar('one'), client.similar('two')]);
    expect(one?.[0]?.id).toBe('one');
    expect(two?.[0]?.id).toBe('two');
    fail = true;
    await expect(client.similar('three')).rejects.toThrow('broken');
    fail = false;
    expect((await client.similar('four'))[0]?.id).toBe('four');
    client.close();
    await expect(client.similar('five')).rejects.toThrow('closed');
  });

  it('[SU10] a new board language rebuilds the index with the notes it holds', () => {
    const engine = indexEngine('en');
    engine.apply({
      put: [{ id: 'n1', text: 'Überwachung der Kennzahlen', dimension: 'strategy', kind: 'challenge', cluster: null, themeId: null }],
      remove: [],
    });
    engine.setLanguage('de');
    expect(engine.similar('Überwachung', 3).map((s) => s.id)).toEqual(['n1']);
  });
});
