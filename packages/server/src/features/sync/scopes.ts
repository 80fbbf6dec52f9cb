import type { Kysely } from 'kysely';
import { dialectOf, placeholders, rawQuery } from '../../db/raw';
import type { DB } from '../../db/schema';
import type { DeviceAuth } from '../../plugins/device-auth';

// Scopes partition the server rows: every (entity, key) lives in exactly one scope, because the
// tablet stores rows by (entity, key) and purges or resets them scope by scope.
// - school:<id>   the school row
// - class:<id>    the class row, its learner enrolments, its assignments
// - learner:<id>  the learner (name, sign-in hashes) and their progress rows
// - content:<id>  the published version of a piece of assigned content, with its media list

export type ScopeKind = 'school' | 'class' | 'learner' | 'content';
export const SCOPE_KINDS: readonly ScopeKind[] = ['school', 'class', 'learner', 'content'];

export const schoolScope = (id: string) => `school:${id}`;
export const classScope = (id: string) => `class:${id}`;
export const learnerScope = (id: string) => `learner:${id}`;
export const contentScope = (id: string) => `content:${id}`;

export function parseScope(scope: string): { kind: ScopeKind; id: string } | null {
  const i = scope.indexOf(':');
  const kind = scope.slice(0, i) as ScopeKind;
  return i > 0 && SCOPE_KINDS.includes(kind) ? { kind, id: scope.slice(i + 1) } : null;
}

/**
 * The scopes a tablet may read, from its registration only: its school; the school's classes, or
 * only the classes of the learner it was handed to; the learners of those classes (or that learner
 * alone); the content assigned to those classes.
 */
export async function grantedScopes(db: Kysely<DB>, device: Pick<DeviceAuth, 'deviceId'>): Promise<string[]> {
  // Plain SQL (db/raw.ts): every pull and every media request of every tablet runs these.
  const dialect = dialectOf(db);
  const ids = async (text: string, params: unknown[]) =>
    (await rawQuery<{ id: string }>(db, dialect, text, params)).map((r) => r.id);
  // Read the device again: it may have been handed over since the credential was checked.
  const [row] = await rawQuery<{ schoolId: string | null; learnerId: string | null }>(
    db,
    dialect,
    'select school_id, learner_id from devices where id = ?',
    [device.deviceId],
  );
  if (!row?.schoolId) return [];
  const { schoolId, learnerId } = row;
  const classIds = learnerId
    ? await ids(
        `select c.id from classes c where c.school_id = ? and c.archived_at is null and c.id in
           (select e.class_id from enrolments e where e.user_id = ? and e.archived_at is null)
         order by c.id`,
        [schoolId, learnerId],
      )
    : await ids('select id from classes where school_id = ? and archived_at is null order by id', [schoolId]);
  if (classIds.length === 0) return [schoolScope(schoolId)];
  const inClasses = `(${placeholders(classIds)})`;
  const learnerIds = learnerId
    ? [learnerId]
    : await ids(
        `select distinct u.id from enrolments e join users u on u.id = e.user_id
         where e.class_id in ${inClasses} and e.role = 'learner' and e.archived_at is null
           and u.archived_at is null
         order by u.id`,
        classIds,
      );
  const contentIds = await ids(
    `select distinct a.content_id as id from assignments a join content_items i on i.id = a.content_id
     where a.class_id in ${inClasses} and a.withdrawn_at is null and i.latest_version is not null
     order by id`,
    classIds,
  );
  return [
    schoolScope(schoolId),
    ...classIds.map(classScope),
    ...learnerIds.map(learnerScope),
    ...contentIds.map(contentScope),
  ];
}

/**
 * Whether the tablet may fetch this file: a row of one of its scopes references it (writeRows
 * records each row's media). A hash alone is no capability: a handed-over tablet cannot fetch a
 * classmate's photos, nor a tablet another school's files.
 */
export async function mayFetchMedia(
  db: Kysely<DB>,
  device: Pick<DeviceAuth, 'deviceId'>,
  hash: string,
): Promise<boolean> {
  const scopes = await grantedScopes(db, device);
  for (let i = 0; i < scopes.length; i += 500) {
    const found = await db
      .selectFrom('syncScopeRows')
      .select('scope')
      .where('media', 'is not', null)
      .where('scope', 'in', scopes.slice(i, i + 500))
      // The hash is 64 hex digits (the route's schema): no LIKE wildcards in it.
      .where('media', 'like', `%${hash}%`)
      .limit(1)
      .executeTakeFirst();
    if (found) return true;
  }
  return false;
}
