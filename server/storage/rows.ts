/**
 * Table rows as the SQL adapters (SQLite, PostgreSQL) read them, and the records they stand for.
 * Both databases use the same column names; PostgreSQL returns bigint columns as strings.
 */
import type { BoardRecord, PersonRecord } from './store';

export interface BoardRow {
  id: string;
  title: string;
  template: string | null;
  created_at: number | string;
  facilitator_token: string;
  participant_token: string;
  viewer_token: string;
}

export interface PersonRow {
  board_id: string;
  id: string;
  secret_hash: string;
  name: string;
  cluster: string | null;
  role: string;
  created_at: number | string;
}

export function boardFromRow(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    createdAt: Number(row.created_at),
    tokens: { facilitator: row.facilitator_token, participant: row.participant_token, viewer: row.viewer_token },
  };
}

export function personFromRow(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    secretHash: row.secret_hash,
    name: row.name,
    cluster: row.cluster,
    role: row.role === 'facilitator' ? 'facilitator' : 'participant',
    createdAt: Number(row.created_at),
  };
}
