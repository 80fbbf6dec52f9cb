import { join, resolve } from 'node:path';
import type { S3Settings } from './features/media/s3-storage';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL, or the SQLite file under dataDir. */
  databaseTarget: string;
  /** Uploaded media, stored by hash; MEDIA_DIR moves it to a larger disk. */
  mediaDir: string;
  /** Where media bytes live: mediaDir (MEDIA_STORE=fs, the default) or an S3-compatible bucket. */
  mediaStore: { kind: 'fs' } | { kind: 's3'; s3: S3Settings };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseTarget: env.DATABASE_URL?.trim() || join(dataDir, 'lawh.db'),
    mediaDir: resolve(env.MEDIA_DIR?.trim() || join(dataDir, 'media')),
    mediaStore: mediaStoreFrom(env),
  };
}

function mediaStoreFrom(env: NodeJS.ProcessEnv): Config['mediaStore'] {
  const kind = env.MEDIA_STORE?.trim() || 'fs';
  if (kind === 'fs') return { kind };
  if (kind !== 's3') throw new Error(`MEDIA_STORE must be fs or s3, got ${kind}`);
  const need = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`MEDIA_STORE=s3 needs ${name}`);
    return value;
  };
  const region = env.S3_REGION?.trim() || 'us-east-1';
  const endpoint = env.S3_ENDPOINT?.trim();
  const pathStyle = env.S3_FORCE_PATH_STYLE?.trim();
  return {
    kind,
    s3: {
      endpoint: endpoint || `https://s3.${region}.amazonaws.com`,
      region,
      bucket: need('S3_BUCKET'),
      accessKeyId: need('S3_ACCESS_KEY_ID'),
      secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
      prefix: env.S3_PREFIX?.trim() ?? '',
      // A server of one's own (MinIO, Garage) seldom has a DNS name for each bucket; AWS does.
      forcePathStyle: pathStyle ? pathStyle === 'true' : Boolean(endpoint),
    },
  };
}
