import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { demoLibraryLine, seedDemoIfEmpty } from '../db/seeds/demo';

export const WEB_PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web');
export const WEB_DIST = join(WEB_PACKAGE, 'dist');

export async function startCommand(config: Config, args: string[]): Promise<number> {
  await ensureWebBuilt();
  const database = openDatabase(config.databaseTarget);
  const applied = await migrateToLatest(database.db);
  if (applied.length) console.log(`Database migrated (${applied.join(', ')}).`);
  const seeded = await seedDemoIfEmpty(database.db);
  const app = await buildApp({
    database,
    webRoot: WEB_DIST,
    logger: args.includes('--dev') || !!process.env.LOG_LEVEL,
  });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseTarget.startsWith('postgres') ? 'PostgreSQL' : config.databaseTarget;
  console.log(`\nLawh is running at http://localhost:${config.port}  (database: ${where})`);
  if (seeded) {
    console.log('\nDemo accounts (password for all: lawh-demo-2026):');
    for (const a of seeded.accounts) console.log(`  ${a.role.padEnd(16)} ${a.username.padEnd(14)} ${a.name}`);
    console.log(`  ${demoLibraryLine(seeded.content)}`);
  }
  return await new Promise<number>(() => undefined); // serve until a signal arrives
}

/** Builds the web app when it has never been built or its sources are newer than the build. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && newestMtime(join(WEB_PACKAGE, 'src')) <= statSync(index).mtimeMs) return;
  console.log('Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ root: WEB_PACKAGE, configFile: join(WEB_PACKAGE, 'vite.config.ts'), logLevel: 'warn' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
