/**
 * The phone's view switch, a bar fixed at the bottom of the screen where a thumb reaches it:
 * Write (for those who write), the Board (one column) and the Outline.
 */
import './phone.css';
import { canWrite } from '../../../shared/protocol';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import type { UiState } from '../ui';
import { useUi, useUiStore } from '../uiContext';

const VIEWS = [
  { view: 'write', label: 'room.phone.nav.write', writers: true },
  { view: 'grid', label: 'room.phone.nav.board', writers: false },
  { view: 'outline', label: 'room.phone.nav.outline', writers: false },
] as const satisfies readonly { view: UiState['view']; label: string; writers: boolean }[];

export function PhoneNav() {
  const { session } = useBoard();
  const { t } = useT();
  const ui = useUiStore();
  const current = useUi((s) => s.view);
  const writer = canWrite(session.role);
  return (
    <nav className="phone-nav" aria-label={t('room.phone.nav')}>
      {VIEWS.filter((item) => writer || !item.writers).map((item) => (
        <button
          key={item.view}
          type="button"
          aria-pressed={current === item.view}
          onClick={() => {
            ui.update(() => ({ view: item.view }));
            window.scrollTo({ top: 0 });
          }}
        >
          {t(item.label)}
        </button>
      ))}
    </nav>
  );
}
