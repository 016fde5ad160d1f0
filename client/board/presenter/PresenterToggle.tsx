import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { setPresenting } from './presenterMode';

/** Switches this screen to the presenter view (for whoever drives the projector). */
export function PresenterToggle() {
  const { session } = useBoard();
  const { t } = useT();
  return (
    <button type="button" className="presenter-toggle" onClick={() => setPresenting(session.boardId, true)}>
      {t('room.presenter.toggle')}
    </button>
  );
}
