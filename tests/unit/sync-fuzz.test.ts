/**
 * [C1] Seeded fuzz test of convergence: 3-4 peers, each with its own Y.Doc, edit one board through
 * the named mutations only, while an in-memory network delivers their updates late, out of order,
 * twice, or (for a disconnected peer) not until it reconnects. Invariants are checked on every peer
 * after every step, a refused mutation must leave its doc unchanged [MU2]; at the end every peer must
 * show the identical board.
 *
 * Reproduce a failure with `FUZZ_SEED=<seed> npx vitest run tests/unit/sync-fuzz.test.ts`, then pin
 * the seed under "pinned seeds".
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MutationError } from '../../shared/model/errors';
import { addLink, removeLink } from '../../shared/model/mutations/links';
import {
  addNote,
  deleteNote,
  editNoteText,
  moveNote,
  moveNotes,
  type MoveTarget,
  setNoteColour,
  ungroupNotes,
} from '../../shared/model/mutations/notes';
import { createTheme, dissolveTheme, groupNotes, moveTheme, renameTheme } from '../../shared/model/mutations/themes';
import { type LocalOrigin, localOrigin } from '../../shared/model/origin';
import { COLOURS, DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { type BoardView, boardView, type NoteView, type ThemeView } from '../../shared/view/boardView';
import { createRng } from '../helpers/random';

// ---- Deterministic randomness ----

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = createRng(seed).float;
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }
  /** Up to `count` different items, in random order. */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(...pool.splice(this.int(pool.length), 1));
    return chosen;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [choice, weight] of choices) {
      roll -= weight;
      if (roll < 0) return choice;
    }
    const last = choices.at(-1);
    if (!last) throw new Error('no choices');
    return last[0];
  }
}

// ---- The in-memory network ----

/** The origin of every update a peer receives, so it is never sent on again. */
const NETWORK = Symbol('network');

interface Peer {
  index: number;
  name: string;
  doc: Y.Doc;
  origin: LocalOrigin;
  online: boolean;
  /** The doc changed since its invariants were last checked. */
  dirty: boolean;
}

/**
 * One queue per directed link. A peer's own updates are queued to every other peer; messages from
 * or to a disconnected peer are held until it reconnects, never dropped. Nothing is delivered until
 * the test pulls a message.
 */
class Network {
  private readonly queues = new Map<string, { from: Peer; to: Peer; updates: Uint8Array[] }>();
  delivered = 0;
  duplicated = 0;
  /** While set, the updates a peer makes are recorded as same-cell moves (they write no dimension or kind). */
  markingSameCellMoves = false;
  private readonly sameCellMoves = new WeakSet<Uint8Array>();
  /** Same-cell moves delivered before an earlier update of their author: Yjs applies their deletions at once. */
  sameCellMovesOutOfOrder = 0;

  constructor(
    readonly peers: readonly Peer[],
    private readonly random: Random,
  ) {
    for (const from of peers) {
      for (const to of peers) if (from !== to) this.queues.set(`${from.index}>${to.index}`, { from, to, updates: [] });
      from.doc.on('update', (update: Uint8Array, origin: unknown) => {
        from.dirty = true;
        if (origin === NETWORK) return;
        if (this.markingSameCellMoves) this.sameCellMoves.add(update);
        for (const to of peers) if (to !== from) this.queue(from, to).updates.push(update);
      });
    }
  }

  private queue(from: Peer, to: Peer): { updates: Uint8Array[] } {
    const queue = this.queues.get(`${from.index}>${to.index}`);
    if (!queue) throw new Error(`no link ${from.name} -> ${to.name}`);
    return queue;
  }

  pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.updates.length;
    return count;
  }

  /** Delivers one message on a link whose ends are both online: usually the oldest, sometimes a later one, sometimes twice. */
  deliverOne(allowDuplicates: boolean): boolean {
    const ready = [...this.queues.values()].filter((q) => q.updates.length > 0 && q.from.online && q.to.online);
    const queue = this.random.pick(ready);
    if (!queue) return false;
    const index = this.random.chance(0.3) ? this.random.int(queue.updates.length) : 0;
    const update = queue.updates[index];
    if (!update) throw new Error('empty queue picked');
    if (allowDuplicates && this.random.chance(0.1)) this.duplicated++;
    else queue.updates.splice(index, 1);
    if (this.sameCellMoves.has(update) && lacksEarlierUpdate(queue.to.doc, update)) this.sameCellMovesOutOfOrder++;
    Y.applyUpdate(queue.to.doc, update, NETWORK);
    this.delivered++;
    return true;
  }

  disconnect(peer: Peer): void {
    peer.online = false;
  }

  /** y-websocket's handshake with every online peer: each sends the other what its state vector lacks. */
  reconnect(peer: Peer): void {
    peer.online = true;
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)), NETWORK);
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)), NETWORK);
    }
  }

  /** Everyone online, every held message delivered. */
  settle(): void {
    for (const peer of this.peers) if (!peer.online) this.reconnect(peer);
    while (this.deliverOne(false));
  }
}

/** `doc` has not yet received everything its author wrote before `update`. */
function lacksEarlierUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.parseUpdateMeta(update).from) if ((known.get(client) ?? 0) < clock) return true;
  return false;
}

// ---- Invariants ----

/** A JSON-serialisable projection of a board view, for deep comparison between peers. */
function projection(view: BoardView): unknown {
  const notes = [...view.notesById.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.parse(JSON.stringify({ ...view, notesById: notes })) as unknown;
}

function waitsForUpdates(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

function checkInvariants(peer: Peer, context: string): BoardView {
  let view: BoardView | undefined;
  expect(() => {
    view = boardView(peer.doc);
  }, `${context}: boardView throws`).not.toThrow();
  if (!view) throw new Error(context);
  const seen = new Map<string, number>();
  let counted = 0;
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      const inCell = [...cell.themes.flatMap((t) => t.notes), ...cell.ungrouped];
      expect(cell.noteCount, `${context}: noteCount of ${cell.dimension}/${cell.kind}`).toBe(inCell.length);
      counted += cell.noteCount;
      for (const theme of cell.themes) {
        expect(theme, context).toMatchObject({ dimension: cell.dimension, kind: cell.kind });
        for (const member of theme.notes) expect(member.themeId, `${context}: ${member.id} in theme ${theme.id}`).toBe(theme.id);
      }
      for (const shown of inCell) {
        expect(shown, `${context}: ${shown.id} shown in the wrong cell`).toMatchObject({ dimension: cell.dimension, kind: cell.kind });
        seen.set(shown.id, (seen.get(shown.id) ?? 0) + 1);
      }
    }
  }
  for (const id of view.notesById.keys()) expect(seen.get(id), `${context}: note ${id} appears ${seen.get(id) ?? 0} times`).toBe(1);
  expect(seen.size, `${context}: a note shown that is not in notesById`).toBe(view.notesById.size);
  expect(counted, context).toBe(view.noteCount);
  // Yjs applies an update's deletions at once but holds its insertions until the updates they
  // depend on arrive, so out of causal order a moved note can briefly lack its dimension or kind
  // (counted as `transientInvalid`). Once nothing is pending, every record must be valid.
  if (!waitsForUpdates(peer.doc)) {
    expect(view.invalid, `${context}: named mutations only ever write valid records`).toEqual({ notes: 0, themes: 0, links: 0 });
  }
  for (const link of view.links) {
    expect(view.notesById.has(link.needId) && view.notesById.has(link.practiceId), `${context}: dangling link ${link.id} shown`).toBe(true);
  }
  return view;
}

// ---- Random operations, through the named mutations only ----

type OpName =
  | 'addNote'
  | 'editNoteText'
  | 'moveNote'
  | 'moveNotes'
  | 'ungroupNotes'
  | 'deleteNote'
  | 'createTheme'
  | 'groupNotes'
  | 'moveTheme'
  | 'dissolveTheme'
  | 'renameTheme'
  | 'addLink'
  | 'removeLink'
  | 'setNoteColour';

const OP_WEIGHTS: readonly (readonly [OpName, number])[] = [
  ['addNote', 20],
  ['editNoteText', 12],
  ['moveNote', 18],
  ['moveNotes', 8],
  ['ungroupNotes', 4],
  ['deleteNote', 8],
  ['createTheme', 8],
  ['groupNotes', 5],
  ['moveTheme', 5],
  ['dissolveTheme', 5],
  ['renameTheme', 4],
  ['addLink', 10],
  ['removeLink', 4],
  ['setNoteColour', 6],
];

/** Who did what to which record, and at which clock, to recognise concurrent (unseen) edits. */
interface Stamp {
  type: 'move' | 'delete' | 'moveInto' | 'dissolve' | 'link' | 'group' | 'moveTheme';
  target: string;
  client: number;
  clock: number;
}

interface FuzzStats {
  seed: number;
  ok: Record<OpName, number>;
  refused: Record<OpName, number>;
  /** Pairs of concurrent edits the network had to reconcile, by kind. */
  conflicts: Record<'moveDelete' | 'moveMove' | 'dissolveMoveInto' | 'linkDelete' | 'groupDelete' | 'themeMoveMember', number>;
  dissolved: number;
  /** Checks where a peer, waiting for an update sent out of causal order, hid an invalid record. */
  transientInvalid: number;
  /** Same-cell note moves delivered before an earlier update of their author. */
  sameCellMovesOutOfOrder: number;
  delivered: number;
  duplicated: number;
  disconnects: number;
  finalNotes: number;
}

const WORDS = ['members', 'strategy', 'KPI', 'cluster', 'events', 'fees', 'CRM', 'visibility', 'team', 'tandem', 'market', 'é', '😀'];

function notesOf(view: BoardView): NoteView[] {
  return [...view.notesById.values()];
}

function themesOf(view: BoardView): ThemeView[] {
  return view.dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes));
}

function nextText(random: Random, text: string): string {
  const chars = [...text];
  if (chars.length > 120 || (chars.length > 0 && random.chance(0.35))) {
    const start = random.int(chars.length);
    chars.splice(start, 1 + random.int(Math.min(12, chars.length - start)));
    return chars.join('');
  }
  if (random.chance(0.1)) return `${random.pick(WORDS) ?? ''} note`;
  chars.splice(random.int(chars.length + 1), 0, ` ${random.pick(WORDS) ?? ''}`);
  return chars.join('');
}

function runFuzz(seed: number, steps: number): FuzzStats {
  const random = new Random(seed);
  const peerCount = 3 + random.int(2);
  const clientIds = new Set<number>();
  while (clientIds.size < peerCount) clientIds.add(1 + random.int(2 ** 30));
  const peers: Peer[] = [...clientIds].map((clientId, index) => {
    const doc = new Y.Doc();
    // Fixed client ids keep Yjs's conflict resolution, and so the whole run, reproducible by seed.
    doc.clientID = clientId;
    const name = `peer${index}`;
    return { index, name, doc, origin: localOrigin(name), online: true, dirty: false };
  });
  const network = new Network(peers, random);
  const zero = (): Record<OpName, number> => Object.fromEntries(OP_WEIGHTS.map(([name]) => [name, 0])) as Record<OpName, number>;
  const stats: FuzzStats = {
    seed,
    ok: zero(),
    refused: zero(),
    conflicts: { moveDelete: 0, moveMove: 0, dissolveMoveInto: 0, linkDelete: 0, groupDelete: 0, themeMoveMember: 0 },
    dissolved: 0,
    transientInvalid: 0,
    sameCellMovesOutOfOrder: 0,
    delivered: 0,
    duplicated: 0,
    disconnects: 0,
    finalNotes: 0,
  };
  const stamps: Stamp[] = [];
  const added = new Set<string>();
  const deleted = new Set<string>();
  let counter = 0;

  /** Stamps of other peers' edits on `target` of the given types that this peer has not yet received. */
  function unseen(peer: Peer, target: string, types: readonly Stamp['type'][]): number {
    const known = Y.decodeStateVector(Y.encodeStateVector(peer.doc));
    return stamps.filter(
      (s) => s.target === target && s.client !== peer.doc.clientID && types.includes(s.type) && (known.get(s.client) ?? 0) < s.clock,
    ).length;
  }

  function stamp(peer: Peer, type: Stamp['type'], target: string): void {
    stamps.push({ type, target, client: peer.doc.clientID, clock: Y.decodeStateVector(Y.encodeStateVector(peer.doc)).get(peer.doc.clientID) ?? 0 });
  }

  /** Counts the unseen edits that race with moving `note` (as this peer sees it). */
  function countMoveConflicts(peer: Peer, note: NoteView): void {
    stats.conflicts.moveDelete += unseen(peer, note.id, ['delete']);
    stats.conflicts.moveMove += unseen(peer, note.id, ['move']);
    if (note.themeId !== null) stats.conflicts.themeMoveMember += unseen(peer, note.themeId, ['moveTheme']);
  }

  /** Runs `write`, recording its update as a same-cell move when it writes no note's dimension or kind. */
  function asSameCellMove(sameCell: boolean, write: () => void): void {
    network.markingSameCellMoves = sameCell;
    try {
      write();
    } finally {
      network.markingSameCellMoves = false;
    }
  }

  /** A random cell of the board. */
  function randomCell(): { dimension: (typeof DIMENSION_IDS)[number]; kind: (typeof KIND_IDS)[number] } {
    return { dimension: random.pick(DIMENSION_IDS) ?? 'structure', kind: random.pick(KIND_IDS) ?? 'challenge' };
  }

  /** Now and then (`p`) the id of a note deleted elsewhere that `view` no longer shows, for a refusal. */
  function goneNote(view: BoardView, p: number): string | undefined {
    if (!random.chance(p)) return undefined;
    return [...deleted].find((id) => !view.notesById.has(id));
  }

  /** Plans one random mutation from what `peer` currently sees; returns null when there is nothing to do it to. */
  function plan(peer: Peer, view: BoardView, op: OpName): (() => void) | null {
    const notes = notesOf(view);
    const themes = themesOf(view);
    const note = random.pick(notes);
    switch (op) {
      case 'addNote': {
        const id = `${peer.name}-n${counter++}`;
        const theme = random.chance(0.3) ? random.pick(themes) : undefined;
        // Now and then a theme of another cell, which must be refused.
        const cellOfTheme = theme && !random.chance(0.05) ? theme : undefined;
        const dimension = cellOfTheme?.dimension ?? random.pick(DIMENSION_IDS) ?? 'structure';
        const kind = cellOfTheme?.kind ?? random.pick(KIND_IDS) ?? 'challenge';
        return () => {
          const themeId = theme?.id ?? null;
          if (themeId !== null) {
            const racing = unseen(peer, themeId, ['dissolve']);
            stats.conflicts.dissolveMoveInto += racing;
          }
          addNote(
            peer.doc,
            { id, text: nextText(random, ''), dimension, kind, themeId, author: { id: peer.name, name: peer.name, cluster: null } },
            peer.origin,
          );
          added.add(id);
          if (themeId !== null) stamp(peer, 'moveInto', themeId);
        };
      }
      case 'editNoteText':
        if (!note) return null;
        return () => editNoteText(peer.doc, note.id, nextText(random, note.text), peer.origin);
      case 'moveNote': {
        if (!note) return null;
        const where = random.weighted([
          ['reorder', 3],
          ['intoTheme', 3],
          ['outOfTheme', 1],
          ['otherCell', 3],
        ] as const);
        let target: MoveTarget;
        const sameCell = { dimension: note.dimension, kind: note.kind };
        const theme = random.pick(themes);
        if (where === 'intoTheme' && theme) target = { dimension: theme.dimension, kind: theme.kind, themeId: theme.id };
        else if (where === 'reorder') target = { ...sameCell, themeId: note.themeId };
        else if (where === 'outOfTheme') target = { ...sameCell, themeId: null };
        else target = { dimension: random.pick(DIMENSION_IDS) ?? 'structure', kind: random.pick(KIND_IDS) ?? 'challenge', themeId: null };
        if (random.chance(0.5)) target = { ...target, index: random.int(6) };
        const staysInCell = target.dimension === note.dimension && target.kind === note.kind;
        return () => {
          countMoveConflicts(peer, note);
          if (target.themeId !== null) stats.conflicts.dissolveMoveInto += unseen(peer, target.themeId, ['dissolve']);
          asSameCellMove(staysInCell, () => moveNote(peer.doc, note.id, target, peer.origin));
          stamp(peer, 'move', note.id);
          if (target.themeId !== null) stamp(peer, 'moveInto', target.themeId);
        };
      }
      case 'moveNotes': {
        // Sometimes a few notes of one cell reordered or regrouped there, else notes from anywhere.
        const inOneCell = note !== undefined && random.chance(0.3);
        const pool = inOneCell ? notes.filter((n) => n.dimension === note.dimension && n.kind === note.kind) : notes;
        const moving = random.some(pool, 2 + random.int(3));
        if (moving.length < 2) return null;
        let target: MoveTarget;
        if (inOneCell) {
          const theme = random.chance(0.5) ? random.pick(themes.filter((t) => t.dimension === note.dimension && t.kind === note.kind)) : undefined;
          target = { dimension: note.dimension, kind: note.kind, themeId: theme?.id ?? null };
        } else {
          const theme = random.chance(0.5) ? random.pick(themes) : undefined;
          // Now and then a theme of another cell, which must be refused.
          if (theme && random.chance(0.05)) target = { ...randomCell(), themeId: theme.id };
          else target = theme ? { dimension: theme.dimension, kind: theme.kind, themeId: theme.id } : { ...randomCell(), themeId: null };
        }
        if (random.chance(0.5)) target = { ...target, index: random.int(6) };
        const ids = moving.map((n) => n.id);
        // Now and then a note that is gone, which must be refused.
        const gone = goneNote(view, 0.05);
        if (gone !== undefined) ids.splice(random.int(ids.length + 1), 0, gone);
        const staysInCell = moving.every((n) => n.dimension === target.dimension && n.kind === target.kind);
        return () => {
          for (const n of moving) countMoveConflicts(peer, n);
          if (target.themeId !== null) stats.conflicts.dissolveMoveInto += unseen(peer, target.themeId, ['dissolve']);
          asSameCellMove(staysInCell, () => moveNotes(peer.doc, ids, target, peer.origin));
          for (const id of ids) stamp(peer, 'move', id);
          if (target.themeId !== null) stamp(peer, 'moveInto', target.themeId);
        };
      }
      case 'ungroupNotes': {
        const grouped = notes.filter((n) => n.themeId !== null);
        const chosen = random.some(grouped.length > 0 && random.chance(0.85) ? grouped : notes, 1 + random.int(3));
        if (chosen.length === 0) return null;
        const ids = chosen.map((n) => n.id);
        const gone = goneNote(view, 0.05);
        if (gone !== undefined) ids.push(gone);
        return () => {
          for (const n of chosen) countMoveConflicts(peer, n);
          asSameCellMove(true, () => ungroupNotes(peer.doc, ids, peer.origin));
          for (const n of chosen) if (n.themeId !== null) stamp(peer, 'move', n.id);
        };
      }
      case 'deleteNote':
        if (!note) return null;
        return () => {
          stats.conflicts.moveDelete += unseen(peer, note.id, ['move']);
          stats.conflicts.linkDelete += unseen(peer, note.id, ['link']);
          stats.conflicts.groupDelete += unseen(peer, note.id, ['group']);
          deleteNote(peer.doc, note.id, peer.origin);
          deleted.add(note.id);
          stamp(peer, 'delete', note.id);
        };
      case 'createTheme': {
        const dimension = note?.dimension ?? random.pick(DIMENSION_IDS) ?? 'structure';
        const kind = note?.kind ?? random.pick(KIND_IDS) ?? 'challenge';
        const candidates = notes.filter((n) => n.dimension === dimension && n.kind === kind);
        const noteIds = candidates.filter(() => random.chance(0.6)).map((n) => n.id);
        // Now and then a note of another cell, which must be refused.
        const stranger = random.chance(0.05) ? notes.find((n) => n.dimension !== dimension || n.kind !== kind) : undefined;
        if (stranger) noteIds.push(stranger.id);
        const id = `${peer.name}-t${counter++}`;
        return () => {
          createTheme(peer.doc, { id, title: `Theme ${id}`, dimension, kind, noteIds }, peer.origin);
          for (const noteId of noteIds) stamp(peer, 'move', noteId);
        };
      }
      case 'groupNotes': {
        // 1-3 notes, often from different cells, into a new theme of the first one's cell or any cell.
        // (A note that is gone is not tried here: see the groupNotes refusal in mutations.test.ts.)
        const grouping = random.some(notes, 1 + random.int(3));
        const [first] = grouping;
        if (!first) return null;
        const cell = random.chance(0.5) ? { dimension: first.dimension, kind: first.kind } : randomCell();
        const id = `${peer.name}-t${counter++}`;
        return () => {
          for (const n of grouping) {
            countMoveConflicts(peer, n);
            stats.conflicts.groupDelete += unseen(peer, n.id, ['delete']);
          }
          groupNotes(
            peer.doc,
            grouping.map((n) => n.id),
            { id, title: `Group ${id}`, ...cell },
            peer.origin,
          );
          for (const n of grouping) {
            stamp(peer, 'move', n.id);
            stamp(peer, 'group', n.id);
          }
        };
      }
      case 'moveTheme': {
        const theme = random.pick(themes);
        if (!theme) return null;
        const cell = random.chance(0.5) ? { dimension: theme.dimension, kind: theme.kind } : randomCell();
        const target = random.chance(0.6) ? { ...cell, index: random.int(4) } : cell;
        const changesCell = cell.dimension !== theme.dimension || cell.kind !== theme.kind;
        return () => {
          for (const member of theme.notes) stats.conflicts.themeMoveMember += unseen(peer, member.id, ['move']);
          moveTheme(peer.doc, theme.id, target, peer.origin);
          stamp(peer, 'moveTheme', theme.id);
          if (changesCell) for (const member of theme.notes) stamp(peer, 'move', member.id);
        };
      }
      case 'dissolveTheme': {
        const theme = random.pick(themes);
        if (!theme) return null;
        return () => {
          stats.conflicts.dissolveMoveInto += unseen(peer, theme.id, ['moveInto']);
          dissolveTheme(peer.doc, theme.id, peer.origin);
          stats.dissolved++;
          stamp(peer, 'dissolve', theme.id);
        };
      }
      case 'renameTheme': {
        const theme = random.pick(themes);
        if (!theme) return null;
        const change = random.chance(0.5) ? { title: `${theme.title}!`.slice(0, 100) } : { statement: nextText(random, theme.statement) };
        return () => renameTheme(peer.doc, theme.id, change, peer.origin);
      }
      case 'addLink': {
        // Mostly a need and a good practice; now and then any two notes, which may be refused.
        const need = random.chance(0.9) ? random.pick(notes.filter((n) => n.kind === 'need')) : note;
        const practice = random.chance(0.9) ? random.pick(notes.filter((n) => n.kind === 'good-practice')) : random.pick(notes);
        if (!need || !practice) return null;
        return () => {
          stats.conflicts.linkDelete += unseen(peer, need.id, ['delete']) + unseen(peer, practice.id, ['delete']);
          addLink(peer.doc, need.id, practice.id, peer.name, peer.origin);
          stamp(peer, 'link', need.id);
          stamp(peer, 'link', practice.id);
        };
      }
      case 'removeLink': {
        const link = random.pick(view.links);
        if (!link) return null;
        return () => removeLink(peer.doc, link.id, peer.origin);
      }
      case 'setNoteColour': {
        const colour = random.pick(COLOURS) ?? 'slate';
        if (!note) return null;
        return () => setNoteColour(peer.doc, note.id, colour, peer.origin);
      }
    }
  }

  function mutate(peer: Peer, context: string): void {
    const view = boardView(peer.doc);
    const chosen = random.weighted(OP_WEIGHTS);
    // On a board with nothing to act on, add a note instead.
    const planned = plan(peer, view, chosen);
    const [name, run] = planned ? [chosen, planned] : (['addNote', plan(peer, view, 'addNote')] as const);
    if (!run) return;
    const before = Y.snapshot(peer.doc);
    try {
      run();
      stats.ok[name]++;
    } catch (error) {
      if (!(error instanceof MutationError)) {
        throw new Error(`${context}: ${name} threw ${String(error)}`, { cause: error });
      }
      stats.refused[name]++;
      // [MU2] A refused mutation changes nothing.
      expect(Y.equalSnapshots(Y.snapshot(peer.doc), before), `${context}: refused ${name} changed the doc`).toBe(true);
    }
  }

  for (let step = 0; step < steps; step++) {
    const context = `seed ${seed} step ${step}`;
    const action = random.weighted([
      ['mutate', 55],
      ['deliver', 30],
      ['burst', 5],
      ['disconnect', 5],
      ['reconnect', 5],
    ] as const);
    switch (action) {
      case 'mutate': {
        const peer = random.pick(peers);
        if (peer) mutate(peer, context);
        break;
      }
      case 'deliver':
        for (let i = 1 + random.int(3); i > 0; i--) network.deliverOne(true);
        break;
      case 'burst':
        for (let i = 5 + random.int(30); i > 0; i--) network.deliverOne(true);
        break;
      case 'disconnect': {
        const peer = random.pick(peers.filter((p) => p.online));
        if (peer) {
          network.disconnect(peer);
          stats.disconnects++;
        }
        break;
      }
      case 'reconnect': {
        const peer = random.pick(peers.filter((p) => !p.online));
        if (peer) network.reconnect(peer);
        break;
      }
    }
    for (const peer of peers) {
      if (!peer.dirty) continue;
      peer.dirty = false;
      const view = checkInvariants(peer, `${context} ${peer.name}`);
      if (waitsForUpdates(peer.doc) && sum(view.invalid) > 0) stats.transientInvalid++;
    }
  }

  network.settle();
  const context = `seed ${seed} after settling`;
  expect(network.pending(), context).toBe(0);
  for (const peer of peers) expect(waitsForUpdates(peer.doc), `${context}: ${peer.name} still waits for updates`).toBe(false);
  const views = peers.map((peer) => checkInvariants(peer, `${context} ${peer.name}`));
  const [first, ...others] = peers;
  const [firstView] = views;
  if (!first || !firstView) throw new Error('no peers');
  const expected = projection(firstView);
  others.forEach((peer, i) => {
    const view = views[i + 1];
    if (!view) throw new Error('missing view');
    expect(projection(view), `${context}: ${peer.name}'s board differs from ${first.name}'s`).toEqual(expected);
    expect(Y.encodeStateVector(peer.doc), `${context}: ${peer.name}'s state vector`).toEqual(Y.encodeStateVector(first.doc));
    expect(Y.equalSnapshots(Y.snapshot(peer.doc), Y.snapshot(first.doc)), `${context}: ${peer.name}'s inserts and deletes`).toBe(true);
    for (const name of ['meta', 'notes', 'themes', 'links']) {
      expect(peer.doc.getMap(name).toJSON(), `${context}: ${peer.name}'s raw ${name}`).toEqual(first.doc.getMap(name).toJSON());
    }
  });
  // Every note added and never deleted is on the board (exactly once, by the invariants), and nothing else.
  const live = [...added].filter((id) => !deleted.has(id)).sort();
  expect([...firstView.notesById.keys()].sort(), `${context}: live notes`).toEqual(live);

  stats.delivered = network.delivered;
  stats.duplicated = network.duplicated;
  stats.sameCellMovesOutOfOrder = network.sameCellMovesOutOfOrder;
  stats.finalNotes = firstView.noteCount;
  return stats;
}

// ---- The runs ----

const STEPS = 150;
const BASE_SEEDS = Array.from({ length: 39 }, (_, i) => 0x5eed + i * 7919);
const envSeed = process.env.FUZZ_SEED;
const SEEDS: number[] = envSeed !== undefined && envSeed !== '' ? [Number(envSeed)] : [...BASE_SEEDS, Date.now() % 2 ** 31];

function total(stats: readonly FuzzStats[], pick: (s: FuzzStats) => number): number {
  return stats.reduce((sum, s) => sum + pick(s), 0);
}

function sum(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

describe('[C1] sync fuzz: every peer converges on the same board', () => {
  const results = new Map<number, FuzzStats>();

  it.each(SEEDS)('converges with seed %i', (seed) => {
    const stats = runFuzz(seed, STEPS);
    results.set(seed, stats);
    expect(sum(stats.ok), `seed ${seed}: too few mutations succeeded`).toBeGreaterThan(30);
  });

  // Skipped when reproducing one seed with FUZZ_SEED: the thresholds are about the whole seed list.
  it.skipIf(envSeed !== undefined && envSeed !== '')(
    '[C1] the fuzzer did real work: many mutations of every kind, concurrent conflicts, dissolves and theme moves',
    () => {
      // Runs any seed filtered out of this run (e.g. with `-t`), so this check always sees all of them.
      for (const seed of SEEDS) if (!results.has(seed)) results.set(seed, runFuzz(seed, STEPS));
      const all = [...results.values()];
      const ok = total(all, (s) => sum(s.ok));
      expect(ok, 'successful mutations').toBeGreaterThan(SEEDS.length * STEPS * 0.35);
      expect(
        total(all, (s) => sum(s.refused)),
        'refused mutations',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.conflicts.moveDelete),
        'concurrent move/delete conflicts',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.dissolved),
        'dissolves',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.disconnects),
        'disconnects',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.duplicated),
        'duplicated messages',
      ).toBeGreaterThan(0);
      for (const [name] of OP_WEIGHTS)
        expect(
          total(all, (s) => s.ok[name]),
          `successful ${name}`,
        ).toBeGreaterThan(0);
      // The multi-note and theme moves each succeed many times (about 100-180 each over the base seeds).
      for (const name of ['moveNotes', 'ungroupNotes', 'groupNotes', 'moveTheme'] as const) {
        expect(
          total(all, (s) => s.ok[name]),
          `successful ${name}`,
        ).toBeGreaterThanOrEqual(40);
      }
      for (const name of ['moveNotes', 'ungroupNotes'] as const)
        expect(
          total(all, (s) => s.refused[name]),
          `refused ${name}`,
        ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.conflicts.groupDelete),
        'notes grouped while deleted elsewhere',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.conflicts.themeMoveMember),
        'themes moved while a member note moves',
      ).toBeGreaterThan(0);
      expect(
        total(all, (s) => s.sameCellMovesOutOfOrder),
        'same-cell moves delivered out of causal order',
      ).toBeGreaterThan(0);
    },
  );
});

describe('[C1] pinned seeds', () => {
  // Each pin asserts the situation it was chosen for still happens; if the generator changes and
  // it no longer does, pick a new seed that shows it.
  it('a seed replays the same run, so a printed seed reproduces its failure', () => {
    expect(runFuzz(65, 60)).toEqual(runFuzz(65, 60));
  });

  it('seed 89 (60 steps): a note moved while deleted elsewhere, a theme dissolved while a note moves in, a link to a deleted note', () => {
    const stats = runFuzz(89, 60);
    expect(stats.conflicts.moveDelete, 'move/delete conflicts').toBeGreaterThan(0);
    expect(stats.conflicts.dissolveMoveInto, 'dissolve/move-into conflicts').toBeGreaterThan(0);
    expect(stats.conflicts.linkDelete, 'link/delete conflicts').toBeGreaterThan(0);
  });

  // Seed 56 (before multi-note and theme moves joined the generator) hid a note reordered in its
  // cell on a peer that received the move before an earlier update; moves now write only changed
  // fields, so nothing is hidden on the way. Seed 12 delivers same-cell moves out of causal order,
  // and hides notes (transientInvalid 3) if moveNotes rewrites a note's dimension, kind and theme on
  // every move. (A move to another cell delivered out of causal order can still hide a note until
  // the earlier update arrives; the server delivers each author's updates in order, see SPEC C1.)
  it('seed 12 (60 steps): a same-cell move delivered out of causal order never hides the note', () => {
    const stats = runFuzz(12, 60);
    expect(stats.sameCellMovesOutOfOrder, 'same-cell moves delivered out of causal order').toBeGreaterThan(0);
    expect(stats.transientInvalid).toBe(0);
  });

  it('seed 50 (60 steps): a theme moved while a peer moves one of its notes, notes grouped while one is deleted elsewhere', () => {
    const stats = runFuzz(50, 60);
    expect(stats.conflicts.themeMoveMember, 'theme-move/member-move conflicts').toBeGreaterThan(0);
    expect(stats.conflicts.groupDelete, 'group/delete conflicts').toBeGreaterThan(0);
    expect(stats.ok.moveNotes, 'multi-note moves').toBeGreaterThan(0);
    expect(stats.ok.ungroupNotes, 'ungroups').toBeGreaterThan(0);
  });
});
