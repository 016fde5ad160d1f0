/** Comfortable / compact / overview: how much of the board one screen shows. A radio group. */
import './search.css';
import { DENSITIES, type Density, useOverview, useOverviewStore } from './overview';

const LABELS: Record<Density, string> = { comfortable: 'Comfortable', compact: 'Compact', overview: 'Overview' };

export function DensityControl() {
  const store = useOverviewStore();
  const density = useOverview((s) => s.density);
  return (
    <fieldset className="density" aria-label="Density">
      <legend className="visually-hidden">Density</legend>
      {DENSITIES.map((option) => (
        <label key={option} className={option === density ? 'density-option chosen' : 'density-option'}>
          <input type="radio" name="board-density" value={option} checked={option === density} onChange={() => store.update({ density: option })} />
          {LABELS[option]}
        </label>
      ))}
    </fieldset>
  );
}
