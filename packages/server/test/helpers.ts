import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { newId, type Role, searchKey } from '@lawh/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app';
import { type Database, openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { DB, School } from '../src/db/schema';
import { hashPassword } from '../src/features/auth/passwords';
import { nowIso } from '../src/lib/time';

/** Which database the API suite runs on: `LAWH_TEST_DB=postgres` with `TEST_DATABASE_URL` set. */
export const testDialect = process.env.LAWH_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A PostgreSQL database migrated once for the whole run, copied for each test (`create database …
 * template`): running the migrations for every test was most of the PostgreSQL suite's time. Its
 * name carries a digest of the migrations, so a changed migration gets a new template. Workers
 * build it under an advisory lock; it is built under another name and renamed, so a half-built
 * template is never copied.
 */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const dir = new URL('../src/db/migrations/', import.meta.url);
  const digest = createHash('sha256');
  for (const f of readdirSync(dir).sort()) digest.update(f).update(readFileSync(new URL(f, dir)));
  const template = `lawh_tpl_${digest.digest('hex').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(7342001)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_b${randomBytes(3).toString('hex')}`;
      await admin.query(`create database ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const database = openDatabase(url.toString());
      await migrateToLatest(database.db);
      await database.close();
      // The pool's last connection may still be closing: wait for it, as drop does below.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`alter database ${building} rename to ${template}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  } finally {
    await admin.query('select pg_advisory_unlock(7342001)').catch(() => undefined);
    await admin.end();
  }
  return template;
}

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL database dropped on close. */
export async function testDatabase(): Promise<Database & { url: string; drop: () => Promise<void> }> {
  if (testDialect === 'sqlite') {
    const database = openDatabase(':memory:');
    await migrateToLatest(database.db);
    return { ...database, url: ':memory:', drop: async () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('LAWH_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `lawh_t_${randomBytes(6).toString('hex')}`;
  const template = await migratedTemplate(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  return {
    ...database,
    // For a second server process on the same database (sync.relay.test.ts).
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // A pool's last client can still be closing: `with (force)` would kill it and raise an
        // unhandled "terminating connection" error in the test process. Wait for it first.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name}`);
            break;
          } catch (error) {
            const inUse = (error as { code?: string }).code === '55006';
            if (!inUse || attempt >= 30) {
              await c.query(`drop database if exists ${name} with (force)`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<DB>;
  database: Database;
  close: () => Promise<void>;
}

export async function testApp(): Promise<TestApp> {
  const database = await testDatabase();
  const app = await buildApp({ database });
  return {
    app,
    db: database.db,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

export async function insertSchool(db: Kysely<DB>, over: Partial<School> = {}): Promise<string> {
  const id = over.id ?? newId();
  const code = over.code ?? `S-${randomBytes(3).toString('hex').toUpperCase()}`;
  const now = nowIso();
  await db
    .insertInto('schools')
    .values({
      id,
      code,
      nameAr: 'مدرسة الأمل',
      nameFr: 'École Al Amal',
      region: 'draa-tafilalet',
      province: 'Zagora',
      searchText: searchKey(code, 'مدرسة الأمل', 'École Al Amal', 'Zagora'),
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .execute();
  return id;
}

let massarCounter = 100000000;
export async function insertUser(
  db: Kysely<DB>,
  role: Role,
  schoolId: string | null,
  over: Partial<DB['users']> = {},
): Promise<{ id: string; username: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = over.id ?? newId();
  const username = over.username ?? `${role}-${randomBytes(3).toString('hex')}`;
  const now = nowIso();
  const learner = role === 'learner';
  await db
    .insertInto('users')
    .values({
      id,
      role,
      schoolId,
      username,
      passwordHash: await passwordHash,
      nameAr: 'سلمى العلوي',
      givenName: 'Salma',
      familyName: 'Alaoui',
      sex: 'F',
      birthYear: learner ? 2014 : null,
      massarCode: learner ? `J${massarCounter++}` : null,
      consentStatus: learner ? 'granted' : null,
      consentDate: learner ? '2026-09-15' : null,
      locale: 'ar',
      searchText: searchKey('Salma', 'Alaoui', 'سلمى العلوي', username),
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .execute();
  return { id, username };
}

/** A signed-in client: sends the session cookie and, on writes, the CSRF header. */
export interface Client {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lawh_sid');
  if (!cookie) throw new Error('no session cookie');
  const cookies = { lawh_sid: cookie.value };
  const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
  const csrf = me.json().csrfToken as string;
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, cookies, headers: { 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
  };
}
