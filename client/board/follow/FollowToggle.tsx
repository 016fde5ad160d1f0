import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { setFollowsFacilitator, useFollowsFacilitator } from './followPreference';

/** The participant's and viewer's switch for being moved by the facilitator; facilitators lead. */
export function FollowToggle() {
  const { session } = useBoard();
  const { t } = useT();
  const follows = useFollowsFacilitator();
  if (session.role === 'facilitator') return null;
  return (
    <label className="follow-toggle" title={t('room.follow.title')}>
      <input type="checkbox" checked={follows} onChange={(e) => setFollowsFacilitator(e.target.checked)} />
      {t('room.follow')}
    </label>
  );
}
