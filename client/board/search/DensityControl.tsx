/** Comfortable / compact / overview: how much of the board one screen shows. A radio group. */
import './search.css';
import { useT } from '../../i18n/I18n';
import { DENSITIES, type Density, useOverview, useOverviewStore } from './overview';

const LABELS = {
  comfortable: 'room.density.comfortable',
  compact: 'room.density.compact',
  overview: 'room.density.overview',
} as const satisfies Record<Density, string>;

export function DensityControl() {
  const { t } = useT();
  const store = useOverviewStore();
  const density = useOverview((s) => s.density);
  return (
    <fieldset className="density" aria-label={t('room.density')}>
      <legend className="visually-hidden">{t('room.density')}</legend>
      {DENSITIES.map((option) => (
        <label key={option} className={option === density ? 'density-option chosen' : 'density-option'}>
          <input type="radio" name="board-density" value={option} checked={option === density} onChange={() => store.update({ density: option })} />
          {t(LABELS[option])}
        </label>
      ))}
    </fieldset>
  );
}
