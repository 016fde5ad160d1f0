import { type Colour, COLOURS, defaultColour } from '../../../shared/model/vocabulary';
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';

/**
 * The palette (NA3): the kind's own colour (which then follows the note to another kind) or one
 * picked by hand. Escape leaves it unchanged; either way the focus goes back to the note.
 */
export function ColourChoices({ note, onDone }: { note: NoteView; onDone(): void }) {
  const { session, run } = useBoard();
  const { t } = useT();
  const colourName = (colour: Colour) => t(`board.colour.${colour}`);
  const pick = (colour: Colour | null) => {
    run(() => session.commands.setNoteColour(note.id, colour));
    onDone();
  };
  const kindColour = defaultColour(note.kind);
  return (
    <span
      className="colour-choices"
      role="group"
      aria-label={t('board.colour.choose')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onDone();
      }}
    >
      <button
        type="button"
        className={`swatch swatch-kind colour-${kindColour}`}
        aria-label={t('board.colour.kind.label', { colour: colourName(kindColour) })}
        title={t('board.colour.kind.title')}
        aria-pressed={!note.colourPicked}
        onClick={() => pick(null)}
      >
        ◐
      </button>
      {COLOURS.map((colour) => (
        <button
          key={colour}
          type="button"
          className={`swatch colour-${colour}`}
          aria-label={colourName(colour)}
          aria-pressed={note.colourPicked && note.colour === colour}
          onClick={() => pick(colour)}
        />
      ))}
    </span>
  );
}
