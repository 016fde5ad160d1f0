import { parseBoardExport } from '../../../shared/report/json';
import { type BoardView, deriveBoardView } from '../../../shared/view/boardView';

/**
 * A snapshot (a board export) as the same view the board and the reports read, so the preview
 * groups and orders notes exactly as the board did. Checked first: it comes over the network.
 */
export function snapshotView(raw: unknown): { view: BoardView; votes: ReadonlyMap<string, number> } {
  // The server bounded these times by its own clock [E6]; this browser's clock may be off.
  const exported = parseBoardExport(raw, Number.POSITIVE_INFINITY);
  // The votes published when the snapshot was taken (SPEC SE7).
  const votes = new Map(Object.entries(exported.votes ?? {}));
  const view = deriveBoardView({
    meta: {
      title: exported.board.title,
      template: exported.board.template,
      schemaVersion: 0,
      createdAt: exported.board.createdAt,
      language: exported.board.language ?? null,
    },
    notes: { valid: exported.notes, invalid: 0 },
    themes: { valid: exported.themes, invalid: 0 },
    links: { valid: exported.links, invalid: 0 },
  });
  return { view, votes };
}
