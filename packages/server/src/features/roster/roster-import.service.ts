import type { ImportCounts, ImportProblem, ImportResult } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertProgrammeAdmin } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { AppError, conflict } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { classSearchText } from '../classes/classes.service';
import { learnerSearchText } from '../people/learners.service';
import { staffSearchText } from '../people/staff.service';
import { schoolSearchText } from '../schools/schools.service';
import { ROSTER_FILES, splitList } from './oneroster-format';
import type { Planned, RosterModel, UserValues } from './oneroster-model';
import {
  type CsvTable,
  type RosterFiles,
  type RosterTables,
  readRosterDir,
  readRosterTables,
  readRosterZip,
} from './oneroster-read';
import { validateRoster } from './oneroster-validate';
import { rosterRepository as repo } from './roster.repository';

/** A response naming 100 000 bad rows would not help anyone; the first ones show what is wrong. */
const MAX_LISTED_PROBLEMS = 1000;

export interface ImportOptions {
  /** Check everything and count what would change, but write nothing. */
  dryRun?: boolean;
}

export function importFailed(problems: ImportProblem[]): AppError {
  const rank = (file: string) => {
    const i = ['manifest', ...ROSTER_FILES].indexOf(file.replace(/\.csv$/, ''));
    return i === -1 ? -1 : i;
  };
  const sorted = [...problems].sort((a, b) => rank(a.file) - rank(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const n = problems.length;
  const listed = n > MAX_LISTED_PROBLEMS ? ` (the first ${MAX_LISTED_PROBLEMS} are listed)` : '';
  return new AppError(
    422,
    'import_failed',
    `${n} ${n === 1 ? 'problem' : 'problems'} found${listed}; nothing was imported`,
    { problems: sorted.slice(0, MAX_LISTED_PROBLEMS) },
  );
}

/** OneRoster 1.1 CSV in: every problem in every file first, then all of it in one transaction. */
export function rosterImportService(db: Kysely<DB>) {
  const importFiles = async (read: RosterFiles, opts: ImportOptions): Promise<ImportResult> => {
    if (read.problems.length) throw importFailed(read.problems);
    const tables = readRosterTables(read.files);
    try {
      return await db.transaction().execute(async (trx) => {
        const existing = await repo.existing(trx, keysOf(tables.tables));
        const { model, problems } = validateRoster(tables, existing);
        const all = [...tables.problems, ...problems];
        if (all.length) throw importFailed(all);
        return { ok: true as const, counts: await apply(trx, model, !opts.dryRun) };
      });
    } catch (e) {
      // Only a write racing this import can get here: the files were checked against the database.
      if (isUniqueViolation(e)) throw conflict('file', 'The roster changed during the import; try again');
      throw e;
    }
  };

  return {
    /** The upload is read only once the caller is known to be allowed. */
    async importZip(
      auth: Auth,
      upload: () => Promise<{ bytes: Uint8Array; name: string }>,
      opts: ImportOptions = {},
    ): Promise<ImportResult> {
      assertProgrammeAdmin(auth);
      const { bytes, name } = await upload();
      return importFiles(readRosterZip(bytes, name), opts);
    },

    async importDirectory(auth: Auth, dir: string, opts: ImportOptions = {}): Promise<ImportResult> {
      assertProgrammeAdmin(auth);
      return importFiles(readRosterDir(dir), opts);
    },
  };
}

/** Every key and unique value the files mention, so one round of queries answers the validator. */
function keysOf(t: RosterTables['tables']) {
  const col = (table: CsvTable | undefined, column: string, list = false) =>
    (table?.rows ?? []).flatMap((r) => {
      const v = r.cells.get(column) ?? '';
      return list ? splitList(v) : v ? [v] : [];
    });
  return {
    schools: [
      ...col(t.orgs, 'sourcedId'),
      ...col(t.classes, 'schoolSourcedId'),
      ...col(t.users, 'orgSourcedIds', true),
      ...col(t.enrollments, 'schoolSourcedId'),
    ],
    sessions: [
      ...col(t.academicSessions, 'sourcedId'),
      ...col(t.academicSessions, 'parentSourcedId'),
      ...col(t.classes, 'termSourcedIds', true),
    ],
    classes: [...col(t.classes, 'sourcedId'), ...col(t.enrollments, 'classSourcedId')],
    users: [...col(t.users, 'sourcedId'), ...col(t.enrollments, 'userSourcedId')],
    enrolments: col(t.enrollments, 'sourcedId'),
    schoolCodes: col(t.orgs, 'identifier'),
    usernames: col(t.users, 'username'),
    massarCodes: col(t.users, 'identifier'),
  };
}

type Change = 'created' | 'updated' | 'unchanged';
interface Row {
  archivedAt: string | null;
}

/**
 * New rows are inserted, changed ones get only their changed columns (and a new updatedAt), and
 * identical ones are not touched at all, so a second import of the same files changes nothing.
 */
function plan<R extends Row, V extends object>(p: Planned<R, V>, derived: Partial<R>, now: string) {
  if (!p.existing) {
    const row = {
      id: p.id,
      sourcedId: p.key,
      ...p.values,
      ...derived,
      archivedAt: p.archived ? now : null,
      createdAt: now,
      updatedAt: now,
    };
    return { change: 'created' as Change, row, patch: null };
  }
  const current = p.existing as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p.values)) if (current[k] !== v) patch[k] = v;
  if (p.archived !== (p.existing.archivedAt !== null)) patch.archivedAt = p.archived ? now : null;
  if (!Object.keys(patch).length) return { change: 'unchanged' as Change, row: null, patch: null };
  // Derived columns (search text) follow a real change but never count as one by themselves.
  return { change: 'updated' as Change, row: null, patch: { ...patch, ...derived, updatedAt: now } };
}

const userSearchText = (u: UserValues) =>
  u.role === 'learner'
    ? learnerSearchText({ ...u, massarCode: u.massarCode ?? '' })
    : staffSearchText({ ...u, username: u.username ?? '' });

/** The entities an import reports, in the order they are written. */
export const COUNTED = [
  'schools',
  'academicSessions',
  'classes',
  'learners',
  'teachers',
  'schoolAdmins',
  'enrolments',
] as const;
const USER_COUNT = { learner: 'learners', teacher: 'teachers', school_admin: 'schoolAdmins' } as const;

async function apply(trx: Kysely<DB>, model: RosterModel, write: boolean): Promise<ImportCounts> {
  const now = nowIso();
  const counts: ImportCounts = Object.fromEntries(
    COUNTED.map((name) => [name, { created: 0, updated: 0, unchanged: 0 }]),
  );

  const run = async <R extends Row & { id?: string }, V extends object>(
    table: 'schools' | 'academicSessions' | 'classes' | 'users' | 'enrolments',
    items: Array<Planned<R, V>>,
    derived: (p: Planned<R, V>) => Partial<R>,
    countAs: (p: Planned<R, V>) => string,
    extra: Record<string, unknown> = {},
  ) => {
    const inserts: Array<Record<string, unknown>> = [];
    const updates: Array<[string, Record<string, unknown>]> = [];
    for (const p of items) {
      const { change, row, patch } = plan(p, derived(p), now);
      counts[countAs(p)]![change]++;
      if (row) inserts.push({ ...row, ...extra });
      if (patch) updates.push([p.id, patch]);
    }
    if (!write) return;
    await repo.insertMany(trx, table, inserts as never);
    for (const [id, patch] of updates) await repo.update(trx, table, id, patch as never);
  };

  await run(
    'schools',
    model.schools,
    (p) => ({ searchText: schoolSearchText(p.values) }),
    () => 'schools',
  );
  await run(
    'academicSessions',
    model.sessions,
    () => ({}),
    () => 'academicSessions',
  );
  await run(
    'classes',
    model.classes,
    (p) => ({ searchText: classSearchText(p.values) }),
    () => 'classes',
  );
  await run(
    'users',
    model.users,
    (p) => ({ searchText: userSearchText(p.values) }),
    (p) => USER_COUNT[p.values.role as keyof typeof USER_COUNT],
    // Imported people sign in only once an admin gives them a password; OneRoster passwords are ignored.
    { passwordHash: null, locale: 'ar' },
  );
  await run(
    'enrolments',
    model.enrolments,
    () => ({}),
    () => 'enrolments',
  );
  return counts;
}
