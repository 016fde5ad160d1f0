import { useState, useSyncExternalStore } from 'react';
import { type DimensionId, DIMENSIONS } from '../../../shared/model/vocabulary';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import { useControl } from '../context';
import { nearestDimension, subscribeToScroll } from './nearestDimension';
import { pressable, Problem } from './parts';
import { useCommand } from './useAction';

/** Scrolls everyone's board to one dimension: by default the one at the top of this screen. */
export function BringHere() {
  const { focus } = useControl();
  const nearest = useSyncExternalStore(subscribeToScroll, nearestDimension, () => null);
  // A choice made in the list holds until it is sent; after that the list follows the screen again.
  const [chosen, setChosen] = useState<DimensionId | null>(null);
  const bring = useCommand();
  const dimension = chosen ?? nearest ?? focus?.dimension ?? DIMENSIONS[0].id;

  return (
    <>
      <div className="facilitate-field">
        <label htmlFor="facilitate-bring-dimension">Dimension</label>
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
          {chosen ? 'Chosen by you.' : 'Follows the row at the top of your screen.'} Everyone's board scrolls there, with a way back.
        </p>
      </div>
      <button
        type="button"
        className="primary"
        {...pressable(bring.busy, () => bring.send({ type: 'bringHere', dimension }, { onDone: () => setChosen(null) }))}
      >
        Bring everyone here
      </button>
      <Problem text={bring.problem} />
      {focus && (
        <p className="field-hint" aria-live="polite">
          Last: {focus.by} brought everyone to {dimensionLabel(focus.dimension)}.
        </p>
      )}
    </>
  );
}
