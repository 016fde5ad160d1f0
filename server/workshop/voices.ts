/**
 * What a participant may do with the suggestion records of a board (issue 19), judged item by
 * item as the guard walks an update and settled when the whole update is known (ownership.ts
 * calls it for participants only; facilitators are bound by none of it):
 *  - [SU4] a "me too" only in their own name: a new record's key is `note>person` with the person
 *    of their seat, and its fields say the same note and person; an existing one never changes;
 *    they delete (take back) only their own;
 *  - [SU6] never a dismissal: dismissing a proposal is a facilitator's decision for the board.
 */
import * as Y from 'yjs';
import { meTooId } from '../../shared/model/mutations/meToo';
import type { Writer } from './ownership';
import type { Place } from './places';
import { refuse } from './refusal';

interface NewVoice {
  key: string;
  noteIds: unknown[];
  personIds: unknown[];
}

export class VoiceRules {
  private readonly created = new Map<Y.Item, NewVoice>();
  /** Changes to an existing "me too" allowed only as part of taking it back whole. */
  private readonly unlessDeleted: Y.Item[] = [];
  private readonly deletedRecords = new Set<Y.Item>();

  constructor(private readonly writer: Writer) {}

  written(place: Place, item: Y.Item, fresh: boolean): void {
    if (place.root === 'dismissals') refuse('only facilitators dismiss proposals');
    if (place.root !== 'meToo' || place.key === null) return;
    if (place.level === 1) {
      if (item.content instanceof Y.ContentDeleted) return;
      this.created.set(item, { key: place.key, noteIds: [], personIds: [] });
      return;
    }
    const voice = fresh ? this.created.get(place.record) : undefined;
    if (!voice) refuse('a "me too" never changes: take it back instead');
    if (place.level !== 2 || !(item.content instanceof Y.ContentAny)) return;
    if (place.field === 'noteId') voice.noteIds.push(...item.content.arr);
    if (place.field === 'personId') voice.personIds.push(...item.content.arr);
  }

  deleted(place: Place, item: Y.Item, fresh: boolean): void {
    if (place.root === 'dismissals') refuse('only facilitators dismiss proposals');
    if (place.root !== 'meToo' || place.key === null || fresh) return;
    if (place.level === 1) {
      if (!this.isOwn(place.key, item)) refuse('you can take back only your own "me too"');
      this.deletedRecords.add(item);
      return;
    }
    this.unlessDeleted.push(place.record);
  }

  finish(): void {
    for (const record of this.unlessDeleted) if (!this.deletedRecords.has(record)) refuse('a "me too" never changes: take it back instead');
    for (const voice of this.created.values()) this.checkNew(voice);
  }

  private checkNew(voice: NewVoice): void {
    const { personId } = this.writer;
    if (personId === null) refuse('join the board first: a "me too" is said under the seat you get by joining');
    const [noteId] = voice.noteIds;
    if (voice.personIds.length === 0 || voice.personIds.some((id) => id !== personId)) refuse('a "me too" can only be said in your own name');
    if (typeof noteId !== 'string' || voice.noteIds.some((id) => id !== noteId)) refuse('a "me too" names one note');
    if (voice.key !== meTooId(noteId, personId)) refuse('a "me too" is filed under its note and person');
  }

  /** The stored record's key and person are both this writer's. */
  private isOwn(key: string, record: Y.Item): boolean {
    const { personId } = this.writer;
    if (personId === null || !(record.content instanceof Y.ContentType)) return false;
    const stored = (record.content.type as Y.Map<unknown>).get('personId');
    return stored === personId && key.endsWith(`>${personId}`);
  }
}
