import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Typed Kysely<any> on purpose: a migration must not depend on today's schema types. Never edit once
// shipped; add a new migration instead. Column names are camelCase here and snake_case in the
// database (CamelCasePlugin).

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const timestamps = <TB extends string, C extends string>(t: CreateTableBuilder<TB, C>) =>
    t.addColumn('createdAt', 'text', (c) => c.notNull()).addColumn('updatedAt', 'text', (c) => c.notNull());

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('donor', 'text', (c) => c.notNull())
    .addColumn('implementer', 'text', (c) => c.notNull())
    .addColumn('agreementDate', 'text', (c) => c.notNull())
    .addColumn('tabletsGranted', 'integer', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();

  await timestamps(
    db.schema
      .createTable('schools')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sourcedId', 'text', (c) => c.unique())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('nameAr', 'text', (c) => c.notNull())
      .addColumn('nameFr', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('searchText', 'text', (c) => c.notNull())
      .addColumn('archivedAt', 'text'),
  ).execute();

  await timestamps(
    db.schema
      .createTable('academicSessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sourcedId', 'text', (c) => c.unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('startDate', 'text', (c) => c.notNull())
      .addColumn('endDate', 'text', (c) => c.notNull())
      .addColumn('parentId', 'text', (c) => c.references('academicSessions.id'))
      .addColumn('archivedAt', 'text'),
  ).execute();

  await timestamps(
    db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sourcedId', 'text', (c) => c.unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('schoolId', 'text', (c) => c.references('schools.id'))
      .addColumn('username', 'text', (c) => c.unique())
      .addColumn('passwordHash', 'text')
      .addColumn('nameAr', 'text', (c) => c.notNull())
      .addColumn('givenName', 'text', (c) => c.notNull())
      .addColumn('familyName', 'text', (c) => c.notNull())
      .addColumn('sex', 'text')
      .addColumn('birthYear', 'integer')
      .addColumn('massarCode', 'text', (c) => c.unique())
      .addColumn('guardianName', 'text')
      .addColumn('guardianPhone', 'text')
      .addColumn('consentStatus', 'text')
      .addColumn('consentDate', 'text')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('ar'))
      .addColumn('searchText', 'text', (c) => c.notNull())
      .addColumn('archivedAt', 'text'),
  ).execute();
  await db.schema
    .createIndex('usersSchoolRole')
    .on('users')
    .columns(['schoolId', 'role', 'familyName'])
    .execute();

  await timestamps(
    db.schema
      .createTable('classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sourcedId', 'text', (c) => c.unique())
      .addColumn('schoolId', 'text', (c) => c.notNull().references('schools.id'))
      .addColumn('yearId', 'text', (c) => c.notNull().references('academicSessions.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('cycle', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('searchText', 'text', (c) => c.notNull())
      .addColumn('archivedAt', 'text'),
  ).execute();
  await db.schema.createIndex('classesSchool').on('classes').column('schoolId').execute();

  await timestamps(
    db.schema
      .createTable('enrolments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sourcedId', 'text', (c) => c.unique())
      .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
      .addColumn('userId', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('archivedAt', 'text')
      .addUniqueConstraint('enrolmentsClassUser', ['classId', 'userId']),
  ).execute();
  await db.schema.createIndex('enrolmentsUser').on('enrolments').column('userId').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('tokenHash', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrfToken', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('loginThrottle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('windowStartedAt', 'text', (c) => c.notNull())
    .execute();

  await timestamps(
    db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('serialNumber', 'text', (c) => c.notNull().unique())
      .addColumn('imei', 'text', (c) => c.unique())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('batch', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('condition', 'text', (c) => c.notNull())
      .addColumn('schoolId', 'text', (c) => c.references('schools.id'))
      .addColumn('learnerId', 'text', (c) => c.references('users.id'))
      .addColumn('searchText', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('devicesSchoolStatus').on('devices').columns(['schoolId', 'status']).execute();

  const serial = db.getExecutor().adapter instanceof PostgresAdapter ? 'serial' : 'integer';
  await db.schema
    .createTable('deviceEvents')
    .addColumn('id', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('deviceId', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actorId', 'text', (c) => c.references('users.id'))
    .addColumn('fromStatus', 'text')
    .addColumn('toStatus', 'text', (c) => c.notNull())
    .addColumn('schoolId', 'text', (c) => c.references('schools.id'))
    .addColumn('learnerId', 'text', (c) => c.references('users.id'))
    .addColumn('guardianName', 'text')
    .addColumn('condition', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('deviceEventsDevice').on('deviceEvents').columns(['deviceId', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'deviceEvents',
    'devices',
    'loginThrottle',
    'sessions',
    'enrolments',
    'classes',
    'users',
    'academicSessions',
    'schools',
    'programmes',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
