import type { Kysely } from 'kysely';
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
  // Read the device again: it may have been handed over since the credential was checked.
  const row = await db
    .selectFrom('devices')
    .select(['schoolId', 'learnerId'])
    .where('id', '=', device.deviceId)
    .executeTakeFirst();
  if (!row?.schoolId) return [];
  const { schoolId, learnerId } = row;
  let classes = db
    .selectFrom('classes')
    .select('classes.id')
    .where('classes.schoolId', '=', schoolId)
    .where('classes.archivedAt', 'is', null);
  if (learnerId)
    classes = classes.where('classes.id', 'in', (eb) =>
      eb
        .selectFrom('enrolments')
        .select('enrolments.classId')
        .where('enrolments.userId', '=', learnerId)
        .where('enrolments.archivedAt', 'is', null),
    );
  const classIds = (await classes.orderBy('classes.id').execute()).map((c) => c.id);
  if (classIds.length === 0) return [schoolScope(schoolId)];
  const learnerIds = learnerId
    ? [learnerId]
    : (
        await db
          .selectFrom('enrolments')
          .innerJoin('users', 'users.id', 'enrolments.userId')
          .select('users.id')
          .distinct()
          .where('enrolments.classId', 'in', classIds)
          .where('enrolments.role', '=', 'learner')
          .where('enrolments.archivedAt', 'is', null)
          .where('users.archivedAt', 'is', null)
          .orderBy('users.id')
          .execute()
      ).map((u) => u.id);
  const contentIds = (
    await db
      .selectFrom('assignments')
      .innerJoin('contentItems', 'contentItems.id', 'assignments.contentId')
      .select('assignments.contentId')
      .distinct()
      .where('assignments.classId', 'in', classIds)
      .where('assignments.withdrawnAt', 'is', null)
      .where('contentItems.latestVersion', 'is not', null)
      .orderBy('assignments.contentId')
      .execute()
  ).flatMap((a) => (a.contentId ? [a.contentId] : []));
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
