/** Collapsing a dimension row to its heading and a count of its notes (remembered per board). */
import './search.css';
import type { DimensionView } from '../../../shared/view/boardView';
import { useOverview, useOverviewStore } from './overview';

export function useDimensionCollapsed(dimension: DimensionView['id']): boolean {
  return useOverview((s) => s.collapsed.has(dimension));
}

export function CollapseDimensionButton({ dimension }: { dimension: DimensionView }) {
  const store = useOverviewStore();
  const collapsed = useDimensionCollapsed(dimension.id);
  return (
    <button
      type="button"
      className="quiet dimension-collapse"
      aria-expanded={!collapsed}
      aria-controls={`dimension-cells-${dimension.id}`}
      aria-label={collapsed ? `Expand ${dimension.label}` : `Collapse ${dimension.label}`}
      onClick={() => store.setCollapsed(dimension.id, !collapsed)}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
}

/** What a collapsed dimension shows in place of its three cells. */
export function CollapsedDimension({ dimension }: { dimension: DimensionView }) {
  const store = useOverviewStore();
  return (
    <div className="dimension-collapsed" id={`dimension-cells-${dimension.id}`}>
      <button type="button" className="quiet" onClick={() => store.setCollapsed(dimension.id, false)}>
        {collapsedSummary(dimension.cells.reduce((sum, cell) => sum + cell.noteCount, 0))}
      </button>
    </div>
  );
}

/** "12 notes collapsed. Show them.": whole sentences, one per count form. */
export function collapsedSummary(count: number): string {
  if (count === 0) return 'No notes yet. Show the cells.';
  if (count === 1) return 'One note collapsed. Show it.';
  return `${count} notes collapsed. Show them.`;
}
