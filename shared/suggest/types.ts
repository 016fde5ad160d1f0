/**
 * The contract of the suggestion engine (issue 19): similar notes while writing, proposed themes
 * and proposed learning tandems. Pure and deterministic; computed locally (a Web Worker in the
 * browser, directly on the server for `GET /api/boards/:id/suggestions`). Proposals never change
 * the board: accepting one runs the normal named mutations.
 */
import type { DimensionId, KindId } from '../model/vocabulary';

/** What the engine knows of a note: enough to index it and to explain a proposal. */
export interface IndexedNote {
  id: string;
  text: string;
  dimension: DimensionId;
  kind: KindId;
  /** A ClusterRef, or null for a note that speaks for no cluster. */
  cluster: string | null;
  themeId: string | null;
}

export interface SimilarNote {
  id: string;
  /** 0..1, higher is closer. */
  score: number;
  /**
   * The terms the two texts share, strongest first: the reason shown to a person. Compared
   * normalised (stemmed), shown as written in the similar note ("monitoring", "KPI").
   */
  shared: string[];
}

export interface ThemeProposal {
  /** Stable for the same notes whatever the insertion order: used to remember a dismissal. */
  key: string;
  dimension: DimensionId;
  kind: KindId;
  /** Suggested title: the group's strongest shared terms, as the notes write them. */
  title: string;
  noteIds: string[];
  shared: string[];
}

export interface TandemProposal {
  needId: string;
  practiceId: string;
  score: number;
  shared: string[];
}

export interface SuggestionQuery {
  /** Limit to one cell (dimension + kind) or one dimension; the whole board when absent. */
  dimension?: DimensionId;
  kind?: KindId;
}
