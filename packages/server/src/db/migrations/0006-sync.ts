import { type Kysely, PostgresAdapter } from 'kysely';

// The offline tablet and the sync protocol (DESIGN.md, "Sync protocol v1").
// - Tablets authenticate with their own revocable credential, minted once from a short-lived,
//   single-use enrolment code made in the tablet register. Only hashes are stored.
// - Events (up) are keyed by an integer row id plus unique (device_id, device_seq): that pair is
//   unique across every tier and arrives in order per device, so inserts stay local in the index
//   (a random text id index slows batched inserts about 2.5x at 1 M rows).
// - Server rows (down) are appended to change_log with a per-scope cursor.
// - Learner sign-in secrets (picture code, PIN) are stored as salted PBKDF2 hashes that travel to
//   the tablet for offline checking: a convenience on a trusted device, never a server login.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const serial = db.getExecutor().adapter instanceof PostgresAdapter ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: column builder of a schema-agnostic migration
  const serialPk = (c: any) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey());

  await db.schema
    .createTable('enrolmentCodes')
    .addColumn('codeHash', 'text', (c) => c.primaryKey())
    .addColumn('deviceId', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('createdBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .addColumn('usedAt', 'text')
    .execute();
  await db.schema.createIndex('enrolmentCodesDevice').on('enrolmentCodes').column('deviceId').execute();

  await db.schema
    .createTable('deviceCredentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deviceId', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('createdBy', 'text', (c) => c.references('users.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('revokedAt', 'text')
    .addColumn('revokedBy', 'text', (c) => c.references('users.id'))
    .addColumn('lastSeenAt', 'text')
    .execute();
  await db.schema.createIndex('deviceCredentialsDevice').on('deviceCredentials').column('deviceId').execute();

  // What the tablet last reported about itself (shown in the register).
  for (const [name, type] of [
    ['lastSyncAt', 'text'],
    ['appVersion', 'text'],
    ['freeStorageBytes', 'bigint'],
    ['outboxCount', 'integer'],
  ] as const) {
    await db.schema.alterTable('devices').addColumn(name, type).execute();
  }

  await db.schema
    .createTable('learnerSignIn')
    .addColumn('learnerId', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('pictureCode', 'text') // JSON {alg, iter, salt, hash}
    .addColumn('pin', 'text') // JSON {alg, iter, salt, hash}
    .addColumn('updatedBy', 'text', (c) => c.references('users.id'))
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();

  // A basic assignment: a piece of content for a class, with dates. The Classroom work extends it.
  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('contentId', 'text', (c) => c.notNull().references('contentItems.id'))
    .addColumn('contentVersion', 'integer') // null: the latest published version
    .addColumn('openAt', 'text', (c) => c.notNull())
    .addColumn('dueAt', 'text')
    .addColumn('createdBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('withdrawnAt', 'text')
    .execute();
  await db.schema.createIndex('assignmentsClass').on('assignments').columns(['classId', 'dueAt']).execute();

  await db.schema
    .createTable('syncEvents')
    .addColumn('seq', serial, serialPk)
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('deviceId', 'text', (c) => c.notNull())
    .addColumn('deviceSeq', 'integer', (c) => c.notNull())
    .addColumn('actorId', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('v', 'integer', (c) => c.notNull())
    .addColumn('clientTs', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('receivedAt', 'text', (c) => c.notNull())
    .addUniqueConstraint('syncEventsDeviceSeq', ['deviceId', 'deviceSeq'])
    .execute();
  await db.schema.createIndex('syncEventsActor').on('syncEvents').columns(['actorId', 'seq']).execute();

  // Highest gap-free device_seq stored (or quarantined) per device: the push acknowledgement.
  await db.schema
    .createTable('deviceSyncState')
    .addColumn('deviceId', 'text', (c) => c.primaryKey())
    .addColumn('ackedSeq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();

  // Events that failed validation or authorisation: kept for admins, acknowledged to the device.
  await db.schema
    .createTable('syncQuarantine')
    .addColumn('seq', serial, serialPk)
    .addColumn('eventId', 'text')
    .addColumn('deviceId', 'text', (c) => c.notNull())
    .addColumn('deviceSeq', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('receivedAt', 'text', (c) => c.notNull())
    .addColumn('resolvedAt', 'text')
    .addUniqueConstraint('syncQuarantineDeviceSeq', ['deviceId', 'deviceSeq'])
    .execute();

  await db.schema
    .createTable('changeLog')
    .addColumn('seq', serial, serialPk)
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entityKey', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull()) // put | del
    .addColumn('data', 'text') // JSON; null for del
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('changeLogScopeSeq').on('changeLog').columns(['scope', 'seq']).execute();
  await db.schema
    .createIndex('changeLogScopeKey')
    .on('changeLog')
    .columns(['scope', 'entity', 'entityKey'])
    .execute();

  // Progress and mastery per learner and content item, computed on the server from events.
  await db.schema
    .createTable('learnerProgress')
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('contentId', 'text', (c) => c.notNull())
    .addColumn('contentVersion', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // started | completed | mastered
    .addColumn('score', 'real')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('firstAt', 'text', (c) => c.notNull())
    .addColumn('lastAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learnerProgressPk', ['learnerId', 'contentId'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'learnerProgress',
    'changeLog',
    'syncQuarantine',
    'deviceSyncState',
    'syncEvents',
    'assignments',
    'learnerSignIn',
    'deviceCredentials',
    'enrolmentCodes',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of ['lastSyncAt', 'appVersion', 'freeStorageBytes', 'outboxCount']) {
    await db.schema.alterTable('devices').dropColumn(c).execute();
  }
}
