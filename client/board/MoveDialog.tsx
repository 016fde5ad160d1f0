import { type FormEvent, useState } from 'react';
import { type DimensionId, DIMENSIONS, type KindId, KINDS } from '../../shared/model/vocabulary';
import { Dialog, DialogActions } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';
import { describeNotePlace } from './dnd/apply';
import { announce } from './notes/announce';
import { focusNoteSoon } from './notes/roving';

/** "Move to…": the keyboard and pointer alternative to dragging, for one note or a selection. */
export function MoveDialog({ noteIds, onClose }: { noteIds: readonly string[]; onClose(): void }) {
  const { session, run } = useBoard();
  const view = useBoardView();
  const first = view.notesById.get(noteIds[0] ?? '');
  const [dimension, setDimension] = useState<DimensionId>(first?.dimension ?? 'structure');
  const [kind, setKind] = useState<KindId>(first?.kind ?? 'challenge');
  const [themeId, setThemeId] = useState<string>('');
  const themes = view.dimensions.find((d) => d.id === dimension)?.cells.find((c) => c.kind === kind)?.themes ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = { dimension, kind, themeId: themes.some((t) => t.id === themeId) ? themeId : null };
    if (!run(() => session.commands.moveNotes(noteIds, target))) return;
    onClose();
    // The page stays where it is; the note keeps the keyboard focus in its new place (NA2).
    const moved = noteIds[0];
    if (moved === undefined) return;
    const more = noteIds.length - 1;
    const place = describeNotePlace(session.getView(), moved);
    announce(
      more === 0
        ? `Moved. ${place}`
        : `Moved. ${place} ${more === 1 ? 'One more selected note moved with it.' : `${more} more selected notes moved with it.`}`,
    );
    focusNoteSoon(moved);
  };

  const count = noteIds.length === 1 ? 'this note' : `${noteIds.length} notes`;
  return (
    <Dialog title={`Move ${count} to…`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>
          Dimension
          <select value={dimension} onChange={(e) => setDimension(e.target.value as DimensionId)}>
            {DIMENSIONS.map((d, i) => (
              <option key={d.id} value={d.id}>
                {i + 1}. {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as KindId)}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Theme
          <select value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            <option value="">No theme</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <DialogActions action="Move" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
