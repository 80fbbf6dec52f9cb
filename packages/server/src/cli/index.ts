import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { backupCommand, restoreCommand } from './backup';
import { createAdminCommand } from './create-admin';
import { startCommand } from './start';

const HELP = `Usage: lawh <command>

  start [--dev]                 migrate, seed the demo on an empty database, serve the app
  migrate                       apply database migrations
  seed [--if-empty]             load the demo programme
  create-admin <username>       create a programme admin (password from LAWH_ADMIN_PASSWORD or stdin)
  roster import <zip|dir>       import OneRoster 1.1 CSV, all or nothing
  roster export <dir>           write OneRoster 1.1 CSV
  pack export --out FILE [--unit U --level L --subject S --cycle C --language ar|fr|zgh]
                                write published content and its media as a content pack
  pack import FILE              import a content pack, hash-verified, all or nothing
  backup <file>                 online backup of the SQLite database
  restore <file>                replace the SQLite database with a backup (server stopped)

Environment: PORT, HOST, DATA_DIR (default ./data), DATABASE_URL (postgres://…), MEDIA_DIR,
MEDIA_STORE=s3 with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_ENDPOINT, S3_REGION, S3_PREFIX`;

/** Returns the process exit code; errors a user can fix are printed without a stack. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const config = loadConfig();
  try {
    switch (cmd) {
      case 'start':
        return await startCommand(config, rest);
      case 'migrate': {
        const database = openDatabase(config.databaseTarget);
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
        await database.close();
        return 0;
      }
      case 'seed': {
        const { seedCommand } = await import('./seed');
        return await seedCommand(config, rest);
      }
      case 'create-admin':
        return await createAdminCommand(config, rest);
      case 'roster': {
        const { rosterCommand } = await import('./roster');
        return await rosterCommand(config, rest);
      }
      case 'pack': {
        const { packCommand } = await import('./pack');
        return await packCommand(config, rest);
      }
      case 'backup':
        return await backupCommand(config, rest);
      case 'restore':
        return await restoreCommand(config, rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return cmd ? 0 : 2;
      default:
        console.error(`Unknown command: ${cmd}\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    console.error(`lawh ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
