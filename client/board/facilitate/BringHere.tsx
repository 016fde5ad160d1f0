import { useState, useSyncExternalStore } from 'react';
import { type DimensionId, DIMENSIONS } from '../../../shared/model/vocabulary';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import { useT } from '../../i18n/I18n';
import { useControl } from '../context';
import { nearestDimension, subscribeToScroll } from './nearestDimension';
import { pressable, Problem } from './parts';
import { useCommand } from './useAction';

/** Scrolls everyone's board to one dimension: by default the one at the top of this screen. */
export function BringHere() {
  const { t } = useT();
  const { focus } = useControl();
  const nearest = useSyncExternalStore(subscribeToScroll, nearestDimension, () => null);
  // A choice made in the list holds until it is sent; after that the list follows the screen again.
  const [chosen, setChosen] = useState<DimensionId | null>(null);
  const bring = useCommand();
  const dimension = chosen ?? nearest ?? focus?.dimension ?? DIMENSIONS[0].id;

  return (
    <>
      <div className="facilitate-field">
        <label htmlFor="facilitate-bring-dimension">{t('facilitate.bring.dimension')}</label>
        <select
          id="facilitate-bring-dimension"
          value={dimension}
          aria-describedby="facilitate-bring-hint"
          onChange={(e) => setChosen(e.target.value as DimensionId)}
        >
          {DIMENSIONS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        <p id="facilitate-bring-hint" className="field-hint">
          {t(chosen ? 'facilitate.bring.hint.chosen' : 'facilitate.bring.hint.follows')}
        </p>
      </div>
      <button
        type="button"
        className="primary"
        {...pressable(bring.busy, () => bring.send({ type: 'bringHere', dimension }, { onDone: () => setChosen(null) }))}
      >
        {t('facilitate.bring.button')}
      </button>
      <Problem text={bring.problem} />
      {focus && (
        <p className="field-hint" aria-live="polite">
          {t('facilitate.bring.last', { name: focus.by, dimension: dimensionLabel(focus.dimension) })}
        </p>
      )}
    </>
  );
}
