import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import * as Y from 'yjs';
import type { Role } from '../../shared/protocol';
import { closed, isRefusal, isRowRefusal, reasonOf, storageError, StoreError } from './postgresErrors';
import { appendManySql, SCHEMA, SCHEMA_VERSION, SQL, type Statement } from './postgresSchema';
import { boardFromRow, type BoardRow, personFromRow, type PersonRow } from './rows';
import type { BallotRecord, BoardRecord, BoardStore, HistoryEntry, PersonRecord, StoredState } from './store';

/** The most rows one append INSERT carries; more wait for the next one (400 parameters). */
const MAX_APPEND_BATCH = 100;

/** An unquoted, lower-case SQL identifier: safe inside `-c search_path=` and double quotes alike. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connecting (or waiting for a free connection) fails after this long. */
const CONNECT_TIMEOUT_MS = 2_000;
/** PostgreSQL cancels a statement running longer, such as one waiting for a compaction's lock. */
const STATEMENT_TIMEOUT_MS = 5_000;
/** A connection that stops answering: the client gives up on the query and drops the connection. */
const QUERY_TIMEOUT_MS = 8_000;
/** A session left inside a transaction (an instance frozen mid-compaction) is ended, freeing its locks. */
const IDLE_IN_TRANSACTION_MS = 15_000;

export interface PostgresOptions {
  /** Keep the tables in this schema (created if missing) instead of the database's default one. */
  schema?: string;
  /** Connections kept at most (default 10). */
  poolSize?: number;
  /**
   * Told when an idle connection fails (the database restarted or went away). Nothing is lost:
   * the pool drops that connection, and the next query connects afresh or reports the outage.
   */
  onError?: (error: Error) => void;
  /** How long a query may go unanswered before it fails (default 8 s); tests shorten it. */
  queryTimeoutMs?: number;
}

/**
 * Merges everything a compaction must keep into one snapshot. Returns `given` itself when the rest
 * adds nothing to it (the single-instance case), so a snapshot is stored byte for byte.
 */
function mergeSnapshot(given: Uint8Array, others: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, given);
    let added = false;
    doc.on('update', () => (added = true));
    doc.transact(() => {
      for (const update of others) Y.applyUpdate(doc, update);
    });
    // Pending structs (an update whose dependencies are missing) emit no event but must be kept.
    const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    return added || pending ? Y.encodeStateAsUpdate(doc) : given;
  } finally {
    doc.destroy();
  }
}

interface PendingAppend {
  boardId: string;
  doc: string;
  data: Buffer;
  createdAt: number;
  resolve(seq: number): void;
  reject(error: Error): void;
}

/**
 * PostgreSQL storage, for several server instances sharing one database (issue 8).
 *
 * Two things differ from SQLite because other instances write to the same tables:
 *  - Seqs come from one sequence but commit in any order: an instance may take seq 100, and
 *    another take 101, commit and compact up to 101 before 100 commits. So loadState returns every
 *    log entry still stored, not only those above the snapshot's uptoSeq, and compaction merges
 *    (see `compact`).
 *  - Appends made in the same event-loop turn (rooms of different boards) share one INSERT: one
 *    round trip and one commit for all of them.
 */
export class PostgresStore implements BoardStore {
  readonly shared = true;
  private appends: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly flushing = new Set<Promise<void>>();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pool: Pool,
    private readonly onError: (error: Error) => void,
  ) {}

  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(
        `"${schema}" cannot be a PostgreSQL schema name here: use lower-case letters, digits and _, starting with a letter or _ (at most 63).`,
      );
    }
    // The URL's own `options` would replace the search_path set below without a word.
    if (schema !== undefined && /[?&]options=/.test(url)) {
      throw new Error('Give the PostgreSQL schema either in the URL (options=) or as the schema setting, not both.');
    }
    const onError = options.onError ?? (() => {});
    const pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      keepAlive: true,
      application_name: 'clusterboard',
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // Without a listener, an idle connection's error (the database restarting) would crash the process.
    pool.on('error', (error) => onError(error));
    const store = new PostgresStore(pool, onError);
    try {
      await store.migrate(schema);
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
    return store;
  }

  private async migrate(schema: string | undefined): Promise<void> {
    await this.transaction('prepare its tables', async (client) => {
      // Instances starting together would otherwise race to create the same tables.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('clusterboard.migrate/' || $1, 0))", [schema ?? '']);
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_meta (key text PRIMARY KEY, value text NOT NULL)');
      const found = await client.query<{ value: string }>("SELECT value FROM schema_meta WHERE key = 'schema_version'");
      const version = Number(found.rows[0]?.value ?? 0);
      if (version > SCHEMA_VERSION) {
        throw new StoreError(`This database was written by a newer Clusterboard (storage version ${version}); upgrade to use it.`);
      }
      if (version === SCHEMA_VERSION) return;
      await client.query(SCHEMA);
      await client.query(
        "INSERT INTO schema_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [String(SCHEMA_VERSION)],
      );
    });
  }

  /** Runs one prepared statement on any pooled connection. */
  private async run<R extends QueryResultRow>(statement: Statement, values: unknown[], action: string): Promise<R[]> {
    if (this.closing) throw closed();
    try {
      return (await this.pool.query<R>({ name: statement, text: SQL[statement], values })).rows;
    } catch (error) {
      throw storageError(error, action);
    }
  }

  /** Runs `work` in one transaction on one connection; the connection is dropped if it may be broken. */
  private async transaction<T>(action: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storageError(error, action);
    }
    // A checked-out connection has no pool listener: a dropped connection would crash the process.
    client.on('error', this.onError);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that failed or stopped answering is dropped (PostgreSQL then rolls back):
      // waiting for its ROLLBACK could take another query timeout.
      if (isRefusal(error) || error instanceof StoreError) await client.query('ROLLBACK').catch(() => (broken = true));
      else broken = true;
      throw storageError(error, action);
    } finally {
      client.off('error', this.onError);
      client.release(broken);
    }
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    const { facilitator, participant, viewer } = board.tokens;
    const values = [board.id, board.title, board.template, board.createdAt, facilitator, participant, viewer];
    await this.run('insertBoard', [...values, Buffer.from(initialState), Date.now()], `create board ${board.id}`);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const [row] = await this.run<BoardRow>('getBoard', [id], `read board ${id}`);
    return row ? boardFromRow(row) : null;
  }

  async updateTitle(id: string, title: string): Promise<void> {
    await this.run('updateTitle', [id, title], `rename board ${id}`);
  }

  async setToken(id: string, role: Role, token: string): Promise<void> {
    await this.run(`setToken_${role}`, [id, token], `replace the ${role} link of board ${id}`);
  }

  async loadState(id: string, doc = ''): Promise<StoredState> {
    const rows = await this.run<{ seq: string | null; data: Buffer }>('loadState', [id, doc], `load board ${id}`);
    const state: StoredState = { snapshot: null, updates: [] };
    for (const row of rows) {
      if (row.seq === null) state.snapshot = new Uint8Array(row.data);
      else state.updates.push({ seq: Number(row.seq), data: new Uint8Array(row.data) });
    }
    return state;
  }

  appendUpdate(id: string, update: Uint8Array, doc = ''): Promise<number> {
    if (this.closing) return Promise.reject(closed());
    return new Promise((resolve, reject) => {
      // Copied now: the caller may reuse its array before the batch is sent.
      this.appends.push({ boardId: id, doc, data: Buffer.from(update), createdAt: Date.now(), resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: messages of other sockets read in the same poll phase join the batch.
        setImmediate(() => this.flushAppends());
      }
    });
  }

  private flushAppends(): void {
    this.flushScheduled = false;
    while (this.appends.length > 0) {
      const batch = this.appends.splice(0, MAX_APPEND_BATCH);
      const flush = this.insertAppends(batch).finally(() => this.flushing.delete(flush));
      this.flushing.add(flush);
    }
  }

  /** Inserts a batch; never rejects (each caller hears of its own row). */
  private async insertAppends(batch: PendingAppend[]): Promise<void> {
    const values = batch.flatMap((a) => [a.boardId, a.doc, a.data, a.createdAt]);
    try {
      const rows =
        batch.length === 1
          ? (await this.pool.query<{ seq: string }>({ name: 'appendUpdate', text: SQL.appendUpdate, values })).rows
          : (await this.pool.query<{ seq: string }>({ name: `appendUpdates_${batch.length}`, text: appendManySql(batch.length), values })).rows;
      // Seqs are taken in VALUES order; sorting them makes that explicit whatever order RETURNING uses.
      const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
      batch.forEach((append, i) => {
        const seq = seqs[i];
        if (seq === undefined) append.reject(new Error(`PostgreSQL stored ${seqs.length} of ${batch.length} updates.`));
        else append.resolve(seq);
      });
    } catch (error) {
      // One row's refusal (an unknown board) must not fail the others: each is tried alone.
      if (batch.length > 1 && isRowRefusal(error)) {
        for (const append of batch) await this.insertAppends([append]);
        return;
      }
      for (const append of batch) append.reject(storageError(error, `store an update of board ${append.boardId}`));
    }
  }

  /**
   * Compaction when other instances share the log: the given snapshot may lack updates another
   * instance appended with a seq <= uptoSeq. So the stored snapshot, the given one and the log
   * entries up to uptoSeq are merged, all under a lock per document, in one transaction.
   */
  async compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc = ''): Promise<void> {
    if (this.closing) throw closed();
    const given = snapshot.slice();
    await this.transaction(`compact board ${id}`, async (client) => {
      // The lock is its own statement: a statement reads the database as it was when it began, so
      // the reads below must begin after the lock is held to see the previous compaction's result.
      await client.query({ name: 'lockDoc', text: SQL.lockDoc, values: [id, doc] });
      const stored = await client.query<{ data: Buffer }>({ name: 'getSnapshot', text: SQL.getSnapshot, values: [id, doc] });
      // DELETE ... RETURNING: exactly the rows deleted are merged, even if one commits meanwhile.
      const taken = await client.query<{ data: Buffer }>({ name: 'takeUpdates', text: SQL.takeUpdates, values: [id, doc, uptoSeq] });
      const others = [...stored.rows, ...taken.rows].map((row) => row.data);
      let merged: Uint8Array;
      try {
        merged = mergeSnapshot(given, others);
      } catch (error) {
        throw new StoreError(`The stored ${doc || 'board'} document of board ${id} cannot be merged: ${reasonOf(error)}`, { cause: error });
      }
      await client.query({ name: 'putSnapshot', text: SQL.putSnapshot, values: [id, doc, Buffer.from(merged), uptoSeq, Date.now()] });
    });
  }

  async addPerson(person: PersonRecord): Promise<void> {
    const { boardId, id, secretHash, name, cluster, role, createdAt } = person;
    await this.run('addPerson', [boardId, id, secretHash, name, cluster, role, createdAt], `add person ${id} to board ${boardId}`);
  }

  async getPerson(boardId: string, personId: string): Promise<PersonRecord | null> {
    const [row] = await this.run<PersonRow>('getPerson', [boardId, personId], `read person ${personId}`);
    return row ? personFromRow(row) : null;
  }

  async updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void> {
    await this.run('updatePerson', [boardId, personId, fields.name, fields.cluster], `update person ${personId}`);
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    return (await this.run<PersonRow>('listPeople', [boardId], `list the people of board ${boardId}`)).map(personFromRow);
  }

  async removePerson(boardId: string, personId: string): Promise<void> {
    await this.run('removePerson', [boardId, personId], `remove person ${personId}`);
  }

  async getBallots(boardId: string, roundId: string): Promise<BallotRecord[]> {
    const rows = await this.run<{ person_id: string; note_id: string; cluster: string | null; count: number }>(
      'getBallots',
      [boardId, roundId],
      `read the ballots of board ${boardId}`,
    );
    return rows.map((row) => ({ personId: row.person_id, noteId: row.note_id, cluster: row.cluster, count: row.count }));
  }

  async setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void> {
    const action = `store a ballot on board ${boardId}`;
    if (ballot.count > 0) {
      await this.run('putBallot', [boardId, roundId, ballot.personId, ballot.noteId, ballot.cluster, ballot.count], action);
    } else {
      await this.run('dropBallot', [boardId, roundId, ballot.personId, ballot.noteId], action);
    }
  }

  async addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    const values = [boardId, entry.id, entry.name, entry.createdAt, entry.notes, entry.author, Buffer.from(state)];
    await this.run('addHistory', values, `keep a copy of board ${boardId}`);
  }

  async listHistory(boardId: string): Promise<HistoryEntry[]> {
    const rows = await this.run<{ id: string; name: string; created_at: string; notes: number; author: string }>(
      'listHistory',
      [boardId],
      `list the copies of board ${boardId}`,
    );
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: Number(row.created_at), notes: row.notes, author: row.author }));
  }

  async getHistoryState(boardId: string, entryId: string): Promise<Uint8Array | null> {
    const [row] = await this.run<{ state: Buffer }>('getHistoryState', [boardId, entryId], `read a copy of board ${boardId}`);
    return row ? new Uint8Array(row.state) : null;
  }

  async getSetting(key: string): Promise<string | null> {
    const [row] = await this.run<{ value: string }>('getSetting', [key], `read setting ${key}`);
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.run('setSetting', [key, value], `store setting ${key}`);
  }

  async claimSetting(key: string, value: string): Promise<string> {
    await this.run('claimSetting', [key, value], `claim setting ${key}`);
    // A statement of its own: the insert's snapshot may predate a rival's committed claim.
    const [row] = await this.run<{ value: string }>('getSetting', [key], `read setting ${key}`);
    return row?.value ?? value;
  }

  async ping(): Promise<void> {
    if (this.closing) throw closed();
    try {
      await this.pool.query('SELECT 1');
    } catch (error) {
      throw storageError(error, 'answer a ping');
    }
  }

  /** Stores the appends already accepted, then ends every connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.flushScheduled) this.flushAppends();
      await Promise.all(this.flushing);
      await this.pool.end();
    })();
    return this.closing;
  }
}
