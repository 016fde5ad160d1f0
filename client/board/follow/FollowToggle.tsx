import { useBoard } from '../context';
import { setFollowsFacilitator, useFollowsFacilitator } from './followPreference';

/** The participant's and viewer's switch for being moved by the facilitator; facilitators lead. */
export function FollowToggle() {
  const { session } = useBoard();
  const follows = useFollowsFacilitator();
  if (session.role === 'facilitator') return null;
  return (
    <label className="follow-toggle" title="When on, your board moves to where the facilitator brings everyone.">
      <input type="checkbox" checked={follows} onChange={(e) => setFollowsFacilitator(e.target.checked)} />
      Follow the facilitator
    </label>
  );
}
