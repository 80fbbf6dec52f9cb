import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import { WriteLock } from './write-lock';

export type Dialect = 'sqlite' | 'postgres';
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** For SQLite, the open file (used by backup); null for PostgreSQL and in-memory databases. */
  sqlitePath: string | null;
  /** For a SQLite file, the write lock its other connections in this process share (write-lock.ts). */
  writeLock: WriteLock | null;
  close(): Promise<void>;
  /**
   * PostgreSQL only: LISTEN on `channel` over a connection of its own (a pooled one would be
   * handed to queries). `onPayload` gets each NOTIFY payload; `onLost` is called once if the
   * connection fails. Resolves, once listening, with the function that stops it.
   */
  listen?(
    channel: string,
    onPayload: (payload: string) => void,
    onLost: (error: Error) => void,
  ): Promise<() => Promise<void>>;
}

/**
 * `postgres://…` opens PostgreSQL; anything else is a SQLite file path (or `:memory:`). A second
 * connection to a SQLite file in another thread passes the first one's `writeLock.buffer`.
 */
export function openDatabase(target: string, opts: { writeLock?: SharedArrayBuffer } = {}): Database {
  if (/^postgres(ql)?:\/\//.test(target)) {
    // COUNT(*) and BIGINT come back as strings from pg; our counts fit in a JS number.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return {
      db,
      dialect: 'postgres',
      sqlitePath: null,
      writeLock: null,
      close: () => db.destroy(),
      listen: listener(target),
    };
  }
  const inMemory = target === ':memory:';
  if (!inMemory) mkdirSync(dirname(target), { recursive: true });
  const sqlite = new SQLite(target);
  configureSqlite(sqlite);
  const writeLock = inMemory ? null : new WriteLock(opts.writeLock);
  const db = new Kysely<DB>({
    dialect: new LockingSqliteDialect(sqlite, writeLock),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    dialect: 'sqlite',
    sqlitePath: inMemory ? null : target,
    writeLock,
    close: () => db.destroy(),
  };
}

/**
 * Kysely's SQLite dialect, where every write of this process holds the WriteLock its threads share
 * (the push worker's connection and the request thread's, ADR 0007): with two connections, a
 * transaction that reads and then writes would fail with SQLITE_BUSY_SNAPSHOT if the other
 * committed in between. Transactions also begin IMMEDIATE, so that against another process on the
 * file (the CLI), which shares no lock, they wait through the busy timeout instead of failing.
 */
class LockingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly lock: WriteLock | null,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new LockingSqliteDriver(this.sqlite, this.lock);
  }
}

const RETURNING = /\breturning\b/i;
const writes = (sqlite: SQLite.Database, sql: string) => !sqlite.prepare(sql).reader || RETURNING.test(sql);

class LockingSqliteDriver extends SqliteDriver {
  /** Whether this connection is inside a transaction it began (and holds the lock for). */
  #inTransaction = false;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly lock: WriteLock | null,
  ) {
    super({ database: sqlite });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const lock = this.lock;
    if (!lock) return connection;
    return {
      executeQuery: async (query) => {
        // A write outside a transaction (autocommit) holds the lock for its one statement. An
        // `insert … returning` reads rows back, so better-sqlite3 calls it a reader: it writes.
        if (this.#inTransaction || this.sqlite.inTransaction || !writes(this.sqlite, query.sql))
          return connection.executeQuery(query);
        await lock.acquire();
        try {
          return await connection.executeQuery(query);
        } finally {
          lock.release();
        }
      },
      // Streams are reads (Kysely streams selects only).
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.lock?.acquire();
    this.#inTransaction = true;
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      this.#end();
      throw error;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.#end();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.#end();
    }
  }

  #end(): void {
    if (!this.#inTransaction) return;
    this.#inTransaction = false;
    this.lock?.release();
  }
}

/** The connection settings of every SQLite database the server opens (bench/sync/push-probe.ts too). */
export function configureSqlite(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last
  // transactions, which the sync protocol resends (DESIGN.md: unacknowledged events stay in the outbox).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoint every 8,000 WAL pages (32 MB) instead of 1,000: a checkpoint copies pages to the
  // database file and syncs twice, blocking the event loop, and the hot pages of the sync tables
  // (index, progress, change-log tail) are copied once per checkpoint however often they changed.
  // Measured on the sync bench's (a), Lawh alone: 12,600 -> 15,800 events/s, CPU per event unchanged.
  // A server with a push worker checkpoints in a thread of its own (checkpointer.ts), which keeps
  // the WAL well under this: then it is the fallback.
  sqlite.pragma('wal_autocheckpoint = 8000');
  cacheStatements(sqlite);
}

/**
 * Kysely's SQLite driver prepares every statement it runs; preparing costs more than running for
 * the sync hot path (a 500-row insert, the same dozen selects per push). Keeps the last `max`
 * statements by SQL text. Safe because Kysely runs one statement at a time on the connection and
 * runs each to completion (all, run, or a drained iterate).
 */
export function cacheStatements(sqlite: SQLite.Database, max = 256): void {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) cache.delete(source);
    else {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

function listener(connectionString: string): NonNullable<Database['listen']> {
  return async (channel, onPayload, onLost) => {
    const client = new pg.Client({ connectionString });
    let done = false;
    const lost = (error: Error) => {
      if (done) return;
      done = true;
      client.end().catch(() => undefined);
      onLost(error);
    };
    client.on('notification', (m) => {
      if (m.channel === channel && m.payload !== undefined) onPayload(m.payload);
    });
    client.on('error', lost);
    client.on('end', () => lost(new Error('the LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      done = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return async () => {
      done = true;
      await client.end().catch(() => undefined);
    };
  };
}
