import { type FormEvent, useState } from 'react';
import { kindKey } from '../../shared/i18n/catalogue';
import { type DimensionId, DIMENSIONS, type KindId, KINDS } from '../../shared/model/vocabulary';
import { useT } from '../i18n/I18n';
import { Dialog, DialogActions } from '../ui/Dialog';
import { useBoard, useBoardView } from './context';
import { describeNotePlace } from './dnd/apply';
import { announce } from './notes/announce';
import { focusNoteSoon } from './notes/roving';

/** "Move to…": the keyboard and pointer alternative to dragging, for one note or a selection. */
export function MoveDialog({ noteIds, onClose }: { noteIds: readonly string[]; onClose(): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const view = useBoardView();
  const first = view.notesById.get(noteIds[0] ?? '');
  const [dimension, setDimension] = useState<DimensionId>(first?.dimension ?? 'structure');
  const [kind, setKind] = useState<KindId>(first?.kind ?? 'challenge');
  const [themeId, setThemeId] = useState<string>('');
  const themes = view.dimensions.find((d) => d.id === dimension)?.cells.find((c) => c.kind === kind)?.themes ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = { dimension, kind, themeId: themes.some((theme) => theme.id === themeId) ? themeId : null };
    if (!run(() => session.commands.moveNotes(noteIds, target))) return;
    onClose();
    // The page stays where it is; the note keeps the keyboard focus in its new place (NA2).
    const moved = noteIds[0];
    if (moved === undefined) return;
    const more = noteIds.length - 1;
    const place = describeNotePlace(session.getView(), moved);
    announce(more === 0 ? t('board.move.done', { place }) : t('board.move.done.more', { place, count: more }));
    focusNoteSoon(moved);
  };

  return (
    <Dialog title={t('board.move.title', { count: noteIds.length })} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>
          {t('board.move.dimension')}
          <select value={dimension} onChange={(e) => setDimension(e.target.value as DimensionId)}>
            {DIMENSIONS.map((d, i) => (
              <option key={d.id} value={d.id}>
                {i + 1}. {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('board.move.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as KindId)}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {t(kindKey(k.id))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('board.theme.field')}
          <select value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            <option value="">{t('board.move.noTheme')}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.title}
              </option>
            ))}
          </select>
        </label>
        <DialogActions action={t('board.move.action')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
