/** Collapsing a dimension row to its heading and a count of its notes (remembered per board). */
import './search.css';
import type { DimensionView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useOverview, useOverviewStore } from './overview';

export function useDimensionCollapsed(dimension: DimensionView['id']): boolean {
  return useOverview((s) => s.collapsed.has(dimension));
}

export function CollapseDimensionButton({ dimension }: { dimension: DimensionView }) {
  const { t } = useT();
  const store = useOverviewStore();
  const collapsed = useDimensionCollapsed(dimension.id);
  return (
    <button
      type="button"
      className="quiet dimension-collapse"
      aria-expanded={!collapsed}
      aria-controls={`dimension-cells-${dimension.id}`}
      aria-label={t(collapsed ? 'room.collapse.expand' : 'room.collapse.collapse', { dimension: dimension.label })}
      onClick={() => store.setCollapsed(dimension.id, !collapsed)}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
}

/** What a collapsed dimension shows in place of its three cells. */
export function CollapsedDimension({ dimension }: { dimension: DimensionView }) {
  const { t } = useT();
  const store = useOverviewStore();
  return (
    <div className="dimension-collapsed" id={`dimension-cells-${dimension.id}`}>
      <button type="button" className="quiet" onClick={() => store.setCollapsed(dimension.id, false)}>
        {t('room.collapse.summary', { count: dimension.cells.reduce((sum, cell) => sum + cell.noteCount, 0) })}
      </button>
    </div>
  );
}
