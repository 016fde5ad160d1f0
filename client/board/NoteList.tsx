import { useEffect, useRef } from 'react';
import type { NoteView } from '../../shared/view/boardView';
import { NoteCard } from './NoteCard';
import { type NoteDecor, PLAIN_DECOR } from './noteDecor';
import { syncRoving } from './notes/roving';

export function NoteList({ notes, decor }: { notes: readonly NoteView[]; decor: ReadonlyMap<string, NoteDecor> }) {
  const list = useRef<HTMLUListElement>(null);
  // [NA4] After the list changes (and when it goes, with a collapsed theme), its cell keeps
  // exactly one tab stop among its notes.
  useEffect(() => {
    const cell = list.current?.closest('[data-cell]') ?? null;
    syncRoving(cell);
    return () => syncRoving(cell);
  });
  return (
    <ul className="notes" ref={list}>
      {notes.map((note) => (
        <NoteCard key={note.id} note={note} {...(decor.get(note.id) ?? PLAIN_DECOR)} />
      ))}
    </ul>
  );
}
