import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001-foundation';
import * as m0002roster from './migrations/0002-roster-indexes';
import * as m0003devices from './migrations/0003-devices-one-per-learner';
import * as m0004media from './migrations/0004-media';
import * as m0005content from './migrations/0005-content';
import * as m0006sync from './migrations/0006-sync';
import * as m0007syncScopes from './migrations/0007-sync-scopes';
import * as m0008classroom from './migrations/0008-classroom';
import * as m0009attendance from './migrations/0009-attendance';
import * as m0010messages from './migrations/0010-messages';
import * as m0011teacherEvents from './migrations/0011-teacher-events';
import * as m0012guardianNotes from './migrations/0012-guardian-notes';
import * as m0013syncEventsLean from './migrations/0013-sync-events-lean';
import * as m0014syncScopeMedia from './migrations/0014-sync-scope-media';

// Listed by hand rather than read from the folder so that the bundle and tsx agree on what exists.
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-foundation': m0001,
  '0002-roster-indexes': m0002roster,
  '0003-devices-one-per-learner': m0003devices,
  '0004-media': m0004media,
  '0005-content': m0005content,
  '0006-sync': m0006sync,
  '0007-sync-scopes': m0007syncScopes,
  '0008-classroom': m0008classroom,
  '0009-attendance': m0009attendance,
  '0010-messages': m0010messages,
  '0011-teacher-events': m0011teacherEvents,
  '0012-guardian-notes': m0012guardianNotes,
  '0013-sync-events-lean': m0013syncEventsLean,
  '0014-sync-scope-media': m0014syncScopeMedia,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
