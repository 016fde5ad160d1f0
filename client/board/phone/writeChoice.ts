/** The dimension and kind a phone writer last picked, remembered per board on this device. */
import { DIMENSION_IDS, type DimensionId, KIND_IDS, type KindId } from '../../../shared/model/vocabulary';

export interface WriteChoice {
  dimension: DimensionId;
  kind: KindId;
}

const key = (boardId: string) => `clusterboard:${boardId}:write-choice`;

export function loadChoice(boardId: string): WriteChoice {
  const fallback: WriteChoice = { dimension: DIMENSION_IDS[0], kind: KIND_IDS[0] };
  try {
    const saved = JSON.parse(localStorage.getItem(key(boardId)) ?? 'null') as Partial<WriteChoice> | null;
    return {
      dimension: DIMENSION_IDS.find((id) => id === saved?.dimension) ?? fallback.dimension,
      kind: KIND_IDS.find((id) => id === saved?.kind) ?? fallback.kind,
    };
  } catch {
    // Storage blocked (private mode) or a value from an older version: start from the first cell.
    return fallback;
  }
}

export function saveChoice(boardId: string, choice: WriteChoice): void {
  try {
    localStorage.setItem(key(boardId), JSON.stringify(choice));
  } catch {
    // Not remembered, still usable.
  }
}
