import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL, or the SQLite file under dataDir. */
  databaseTarget: string;
  /** Uploaded media, stored by hash; MEDIA_DIR moves it to a larger disk. */
  mediaDir: string;
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
  };
}
