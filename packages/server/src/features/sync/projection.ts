import { hash } from 'node:crypto';
import type { SyncEntity, SyncRow } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB, LearnerProgressTable } from '../../db/schema';
import { projectLiveSessions } from '../attendance/live-sessions.projection';
import { projectAssignments, projectSubmissions } from '../classroom/classroom.projection';
import { projectAnnouncements, projectComments } from '../messages/messages.projection';
import { parseScope, type ScopeKind } from './scopes';

// The projection: what the rows of a scope are right now, computed from the tables. The change log
// is the history of projections (change-log.ts diffs each one against the last), so every write
// path (services, roster import, CLI, seed) reaches tablets without writing to the log itself.

export interface ProjectedRow {
  entity: SyncEntity;
  key: string;
  /** Identifies the data: equal hashes, equal rows. */
  hash: string;
  /** The row; undefined for rows loaded only when they must be sent (content bodies, see fillData). */
  data?: unknown;
}

const hashOf = (data: unknown) => hash('sha1', JSON.stringify(data), 'base64url');
const row = <E extends SyncEntity>(entity: E, key: string, data: SyncRow<E>): ProjectedRow => ({
  entity,
  key,
  hash: hashOf(data),
  data,
});
/** A row of `entity` as features build them for writeRows (e.g. a comment applied from an event). */
export const projectedRow = row;

export function progressRow(p: Omit<LearnerProgressTable, 'updatedAt'>): ProjectedRow {
  return row('progress', `${p.learnerId}:${p.contentId}`, {
    learnerId: p.learnerId,
    contentId: p.contentId,
    version: p.contentVersion,
    status: p.status,
    score: p.score,
    attempts: p.attempts,
    lastAt: p.lastAt,
  });
}

export interface ProjectOptions {
  /**
   * Whether learner scopes include their progress rows (default true). Only pushes write progress,
   * and each push logs the rows it changes, so the periodic refresh of a scope already built can
   * skip them (reading and hashing every progress row of a school was most of its cost).
   */
  progress?: boolean;
}

type Projector = (
  db: Kysely<DB>,
  ids: string[],
  out: (id: string, r: ProjectedRow) => void,
  opts: ProjectOptions,
) => Promise<void>;

const projectors: Record<ScopeKind, Projector> = {
  async school(db, ids, out) {
    const schools = await db
      .selectFrom('schools')
      .select(['id', 'nameAr', 'nameFr', 'quietStart', 'quietEnd'])
      .where('id', 'in', ids)
      .execute();
    for (const s of schools)
      out(
        s.id,
        row('school', s.id, {
          id: s.id,
          nameAr: s.nameAr,
          nameFr: s.nameFr,
          quietHours: { start: s.quietStart, end: s.quietEnd },
        }),
      );
  },

  async class(db, ids, out) {
    const classes = await db
      .selectFrom('classes')
      .select(['id', 'schoolId', 'title', 'level'])
      .where('id', 'in', ids)
      .where('archivedAt', 'is', null)
      .execute();
    for (const c of classes)
      out(c.id, row('class', c.id, { id: c.id, schoolId: c.schoolId, name: c.title, level: c.level }));
    const enrolments = await db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.userId')
      .select(['enrolments.classId', 'enrolments.userId'])
      .where('enrolments.classId', 'in', ids)
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('users.archivedAt', 'is', null)
      .execute();
    for (const e of enrolments)
      out(
        e.classId,
        row('enrolment', `${e.classId}:${e.userId}`, { classId: e.classId, learnerId: e.userId }),
      );
    await projectAssignments(db, ids, (classId, key, data) => out(classId, row('assignment', key, data)));
    await projectAnnouncements(db, ids, (classId, key, data) => out(classId, row('announcement', key, data)));
    await projectLiveSessions(db, ids, (classId, key, data) => out(classId, row('liveSession', key, data)));
  },

  async learner(db, ids, out, opts) {
    const learners = await db
      .selectFrom('users')
      .leftJoin('learnerSignIn', 'learnerSignIn.learnerId', 'users.id')
      .select([
        'users.id',
        'users.givenName',
        'users.familyName',
        'users.nameAr',
        'learnerSignIn.pictureCode',
        'learnerSignIn.pin',
      ])
      .where('users.id', 'in', ids)
      .where('users.role', '=', 'learner')
      .where('users.archivedAt', 'is', null)
      .execute();
    for (const l of learners)
      out(
        l.id,
        row('learner', l.id, {
          id: l.id,
          givenName: l.givenName,
          familyName: l.familyName,
          nameAr: l.nameAr || null,
          pictureCode: l.pictureCode ? JSON.parse(l.pictureCode) : null,
          pin: l.pin ? JSON.parse(l.pin) : null,
        }),
      );
    if (opts.progress !== false) {
      const progress = await db
        .selectFrom('learnerProgress')
        .selectAll()
        .where('learnerId', 'in', ids)
        .execute();
      for (const p of progress) out(p.learnerId, progressRow(p));
    }
    await projectSubmissions(db, ids, (learnerId, key, data) => out(learnerId, row('submission', key, data)));
    await projectComments(db, ids, (learnerId, key, data) => out(learnerId, row('comment', key, data)));
  },

  async content(db, ids, out) {
    // The version tablets get: the newest any live assignment asks for (null asks for the latest).
    const items = await db
      .selectFrom('contentItems')
      .innerJoin('assignments', 'assignments.contentId', 'contentItems.id')
      .select(['contentItems.id', 'contentItems.latestVersion', 'assignments.contentVersion'])
      .where('contentItems.id', 'in', ids)
      .where('assignments.withdrawnAt', 'is', null)
      .where('contentItems.latestVersion', 'is not', null)
      .execute();
    const version = new Map<string, number>();
    for (const i of items) {
      const v = i.contentVersion ?? (i.latestVersion as number);
      version.set(i.id, Math.max(v, version.get(i.id) ?? 0));
    }
    // Published versions never change, so the version is the hash and bodies load only when sent.
    for (const [id, v] of version) out(id, { entity: 'content', key: id, hash: `v${v}` });
  },
};

/** The current rows of each scope (unknown or malformed scopes project to nothing). */
export async function project(
  db: Kysely<DB>,
  scopes: readonly string[],
  opts: ProjectOptions = {},
): Promise<Map<string, ProjectedRow[]>> {
  const result = new Map<string, ProjectedRow[]>(scopes.map((s) => [s, []]));
  const byKind = new Map<ScopeKind, string[]>();
  for (const s of scopes) {
    const p = parseScope(s);
    if (p) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.id]);
  }
  for (const [kind, ids] of byKind)
    for (let i = 0; i < ids.length; i += 500)
      await projectors[kind](
        db,
        ids.slice(i, i + 500),
        (id, r) => result.get(`${kind}:${id}`)?.push(r),
        opts,
      );
  return result;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** The media a body or row references: every `hash` key holding a SHA-256, at any depth. */
export function mediaHashes(body: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(body)) for (const v of body) mediaHashes(v, into);
  else if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body)) {
      if (k === 'hash' && typeof v === 'string' && HEX64.test(v)) into.add(v);
      else mediaHashes(v, into);
    }
  return into;
}

/** Loads the data of rows projected without it (content: the frozen body and its media list). */
export async function fillData(db: Kysely<DB>, rows: ProjectedRow[]): Promise<void> {
  const lazy = rows.filter((r) => r.data === undefined && r.entity === 'content');
  for (let i = 0; i < lazy.length; i += 200) {
    const chunk = lazy.slice(i, i + 200);
    const wanted = chunk.map((r) => ({ id: r.key, version: Number(r.hash.slice(1)) }));
    const versions = await db
      .selectFrom('contentVersions')
      .innerJoin('contentItems', 'contentItems.id', 'contentVersions.contentId')
      .select([
        'contentVersions.contentId',
        'contentVersions.version',
        'contentVersions.title',
        'contentVersions.language',
        'contentVersions.unit',
        'contentVersions.subject',
        'contentVersions.level',
        'contentVersions.body',
        'contentItems.kind',
      ])
      .where((eb) =>
        eb.or(
          wanted.map((w) =>
            eb.and([
              eb('contentVersions.contentId', '=', w.id),
              eb('contentVersions.version', '=', w.version),
            ]),
          ),
        ),
      )
      .execute();
    const bodies = new Map(versions.map((v) => [v.contentId, { ...v, body: JSON.parse(v.body) as unknown }]));
    const hashes = new Set<string>();
    for (const v of bodies.values()) mediaHashes(v.body, hashes);
    const media = hashes.size
      ? await db
          .selectFrom('media')
          .select(['hash', 'bytes', 'mime'])
          .where('hash', 'in', [...hashes])
          .execute()
      : [];
    const mediaByHash = new Map(media.map((m) => [m.hash, m]));
    for (const r of chunk) {
      const v = bodies.get(r.key);
      if (!v) continue;
      const data: SyncRow<'content'> = {
        id: v.contentId,
        kind: v.kind,
        version: v.version,
        title: v.title,
        language: v.language as SyncRow<'content'>['language'],
        unit: v.unit,
        subject: v.subject,
        level: v.level,
        body: v.body,
        media: [...mediaHashes(v.body, new Set())].flatMap((h) => {
          const m = mediaByHash.get(h);
          return m ? [{ hash: m.hash, bytes: m.bytes, mime: m.mime }] : [];
        }),
      };
      r.data = data;
    }
  }
}
