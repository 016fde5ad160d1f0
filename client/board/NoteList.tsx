import type { NoteView } from '../../shared/view/boardView';
import { NoteCard } from './NoteCard';
import type { NoteDecor } from './noteDecor';

const PLAIN: NoteDecor = { editors: [], watchers: [], dimmed: false, mine: false, linked: [] };

export function NoteList({ notes, decor }: { notes: readonly NoteView[]; decor: ReadonlyMap<string, NoteDecor> }) {
  return (
    <ul className="notes">
      {notes.map((note) => (
        <NoteCard key={note.id} note={note} {...(decor.get(note.id) ?? PLAIN)} />
      ))}
    </ul>
  );
}
