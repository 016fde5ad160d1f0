/**
 * The phone's view switch, a bar fixed at the bottom of the screen where a thumb reaches it:
 * Write (for those who write), the Board (one column) and the Outline.
 */
import './phone.css';
import { canWrite } from '../../../shared/protocol';
import { useBoard } from '../context';
import type { UiState } from '../ui';
import { useUi, useUiStore } from '../uiContext';

const VIEWS: readonly { view: UiState['view']; label: string; writers: boolean }[] = [
  { view: 'write', label: 'Write', writers: true },
  { view: 'grid', label: 'Board', writers: false },
  { view: 'outline', label: 'Outline', writers: false },
];

export function PhoneNav() {
  const { session } = useBoard();
  const ui = useUiStore();
  const current = useUi((s) => s.view);
  const writer = canWrite(session.role);
  return (
    <nav className="phone-nav" aria-label="Views">
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
          {item.label}
        </button>
      ))}
    </nav>
  );
}
