import type { NoteView } from '../../shared/view/boardView';
import { NoteCard } from './NoteCard';
import { PLAIN_DECOR, type NoteDecor } from './noteDecor';

export function NoteList({ notes, decor }: { notes: readonly NoteView[]; decor: ReadonlyMap<string, NoteDecor> }) {
  return (
    <ul className="notes">
      {notes.map((note) => (
        <NoteCard key={note.id} note={note} {...(decor.get(note.id) ?? PLAIN_DECOR)} />
      ))}
    </ul>
  );
}
