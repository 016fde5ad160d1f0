/**
 * [M4] Who may open a board while shared storage is unreachable: a board's record (its links) and
 * people's seats, as last read. Every read goes to storage first and refreshes what is kept; only
 * when storage is unavailable is the kept record answered. A link replaced on any instance drops
 * the board's record (`forget`), so an outage never revives a revoked link.
 *
 * Without this, during an outage nobody could reconnect to a board this instance still serves (a
 * network blip, a 4503, a failed-over instance), although the room would serve them.
 */
import type { Role } from '../../shared/protocol';
import { DelegatingStore } from './delegating';
import { type BoardRecord, type BoardStore, type PersonRecord, StorageUnavailableError } from './store';

/** Records kept of each kind; the oldest go first. */
const KEPT = 10_000;

export class LastKnownStore extends DelegatingStore {
  private readonly boards = new Map<string, BoardRecord>();
  private readonly people = new Map<string, PersonRecord>();

  constructor(inner: BoardStore) {
    super(inner);
  }

  override async getBoard(id: string): Promise<BoardRecord | null> {
    return this.read(this.boards, id, () => this.inner.getBoard(id));
  }

  override async getPerson(boardId: string, personId: string): Promise<PersonRecord | null> {
    return this.read(this.people, `${boardId}/${personId}`, () => this.inner.getPerson(boardId, personId));
  }

  override async setToken(id: string, role: Role, token: string): Promise<void> {
    this.forget(id);
    await this.inner.setToken(id, role, token);
  }

  /** A removed person's seat must not open the board during an outage either. */
  override async removePerson(boardId: string, personId: string): Promise<void> {
    this.forgetPerson(boardId, personId);
    await this.inner.removePerson(boardId, personId);
  }

  /** Drops what is kept of a person (removed here or on another instance). */
  forgetPerson(boardId: string, personId: string): void {
    this.people.delete(`${boardId}/${personId}`);
  }

  /** Drops what is kept of a board (its links changed, here or on another instance). */
  forget(boardId: string): void {
    this.boards.delete(boardId);
  }

  private async read<T>(kept: Map<string, T>, key: string, fetch: () => Promise<T | null>): Promise<T | null> {
    try {
      const fresh = await fetch();
      kept.delete(key);
      if (fresh) {
        kept.set(key, fresh);
        if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
      }
      return fresh;
    } catch (error) {
      const last = kept.get(key);
      if (error instanceof StorageUnavailableError && last) return last;
      throw error;
    }
  }
}
