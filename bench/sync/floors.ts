import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { SYNC_LIMITS, type SyncEvent } from '@lawh/shared';
import SQLite from 'better-sqlite3';

// The floors the two systems are measured against: how small the raw events get when compressed
// as one batch per tablet, and how fast SQLite stores the same rows with nothing in between.

export interface CompressionFloor {
  rawBytesPerEvent: number;
  gzipBytesPerEvent: number;
  brotliBytesPerEvent: number;
}

/** gzip (level 9) and brotli (quality 11) of each tablet's events as one JSON array. */
export function compressionFloor(batches: ReadonlyArray<readonly SyncEvent[]>): CompressionFloor {
  let raw = 0;
  let gz = 0;
  let br = 0;
  let events = 0;
  for (const batch of batches) {
    const json = Buffer.from(JSON.stringify(batch));
    raw += json.length;
    gz += zlib.gzipSync(json, { level: 9 }).length;
    br += zlib.brotliCompressSync(json, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }).length;
    events += batch.length;
  }
  return { rawBytesPerEvent: raw / events, gzipBytesPerEvent: gz / events, brotliBytesPerEvent: br / events };
}

/** Rows per transaction in the SQLite floor: a full push batch. */
const PER_TXN = SYNC_LIMITS.pushMaxEvents;

/**
 * Rows per second of a direct batched insert into a table shaped like sync_events (integer row id,
 * unique (device_id, device_seq)), a full push batch (SYNC_LIMITS.pushMaxEvents) per transaction,
 * with the server's pragmas (WAL, synchronous NORMAL).
 */
export function sqliteFloor(batches: Iterable<readonly SyncEvent[]>): { rows: number; rowsPerS: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lawh-bench-sqlite-'));
  const db = new SQLite(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`create table sync_events (
      seq integer primary key autoincrement, id text not null, device_id text not null,
      device_seq integer not null, actor_id text not null, kind text not null, v integer not null,
      client_ts text not null, payload text not null, received_at text not null,
      unique (device_id, device_seq));`);
    const insert = db.prepare(
      `insert into sync_events (id, device_id, device_seq, actor_id, kind, v, client_ts, payload, received_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    );
    const many = db.transaction((rows: readonly SyncEvent[], at: string) => {
      for (const e of rows)
        insert.run(
          e.id,
          e.deviceId,
          e.deviceSeq,
          e.actorId,
          e.kind,
          e.v,
          e.clientTs,
          JSON.stringify(e.payload),
          at,
        );
    });
    let rows = 0;
    let ms = 0;
    for (const batch of batches) {
      const t0 = performance.now();
      for (let i = 0; i < batch.length; i += PER_TXN)
        many(batch.slice(i, i + PER_TXN), new Date().toISOString());
      ms += performance.now() - t0;
      rows += batch.length;
    }
    return { rows, rowsPerS: rows / (ms / 1000) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
