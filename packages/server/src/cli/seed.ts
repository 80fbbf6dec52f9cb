import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { demoLibraryLine, seedDemoIfEmpty } from '../db/seeds/demo';

/** `lawh seed`: loads the demo programme into an empty database. */
export async function seedCommand(config: Config, _args: string[]): Promise<number> {
  const database = openDatabase(config.databaseTarget);
  try {
    await migrateToLatest(database.db);
    const result = await seedDemoIfEmpty(database.db);
    if (!result) {
      console.log('The database already holds data; the demo was not loaded.');
      return 0;
    }
    console.log('Demo programme loaded. Accounts (password for all: lawh-demo-2026):');
    for (const a of result.accounts) console.log(`  ${a.role.padEnd(16)} ${a.username.padEnd(14)} ${a.name}`);
    console.log(`  ${demoLibraryLine(result.content)}`);
    return 0;
  } finally {
    await database.close();
  }
}
