import './suggest.css';
/**
 * [SU3] A note's "me too": how many people added their voice, and (for someone who may write and
 * did not write the note) the button to add or take back their own. Used on a card, in the list
 * of similar notes while writing, and as the card menu's item (the keyboard's way, NA1).
 */
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';

/** Whether this person may say "me too" to the note, and whether they already did. */
export function useMeToo(note: NoteView): { may: boolean; said: boolean; toggle(): boolean } {
  const { session, writable, run } = useBoard();
  const personId = session.author().id;
  const may = personId !== '' && note.authorId !== personId && writable(note.dimension);
  const said = note.meToo.includes(personId);
  const toggle = () => run(() => (said ? session.commands.takeBackMeToo(note.id) : session.commands.meToo(note.id)));
  return { may, said, toggle };
}

/**
 * `offer`: show the button even before anyone said it (in the list of similar notes). On a card
 * it shows once someone did: a button on every card would crowd the board, and the card's menu
 * always has the item.
 */
export function MeTooControl({ note, label, offer = false }: { note: NoteView; label: string; offer?: boolean }) {
  const { t } = useT();
  const { may, said, toggle } = useMeToo(note);
  const count = note.meToo.length;
  if (count === 0 && !(may && offer)) return null;
  const title = count > 0 ? t('suggest.meToo.count.title', { count }) : undefined;
  if (!may)
    return (
      <span className="me-too-count" title={title} data-testid="me-too-count">
        {t('suggest.meToo.count', { count })}
      </span>
    );
  return (
    <button
      type="button"
      className={`me-too${said ? ' is-said' : ''}`}
      aria-pressed={said}
      // On a card the note's menu reaches it by keyboard, so it is no extra tab stop (NA4).
      tabIndex={offer ? 0 : -1}
      title={title}
      aria-label={t(said ? 'suggest.meToo.takeBack.label' : 'suggest.meToo.add.label', { note: label, count })}
      onClick={toggle}
      data-testid="me-too"
    >
      {count > 0 ? t('suggest.meToo.withCount', { count }) : t('suggest.meToo.add')}
    </button>
  );
}
