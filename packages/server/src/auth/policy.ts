import type { DeviceActionName, Role } from '@lawh/shared';
import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema';
import { forbidden } from '../errors';

/**
 * Who may see and change what. Every role and school check in the server lives in this file, so
 * that the rules can be read in one sitting and tested as a matrix (test/policy-matrix.test.ts).
 *
 * - programme_admin: everything;
 * - school_admin: their school;
 * - teacher: the classes they teach and the learners enrolled in them (read only);
 * - learner: themselves.
 */
export interface Auth {
  userId: string;
  role: Role;
  schoolId: string | null;
}

export const isProgrammeAdmin = (a: Auth) => a.role === 'programme_admin';

/** May this user create, change or archive things that belong to this school? */
export function assertCanManageSchool(auth: Auth, schoolId: string): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && auth.schoolId === schoolId) return;
  throw forbidden();
}

/** Programme-wide actions: schools, the calendar, registering tablets, roster imports. */
export function assertProgrammeAdmin(auth: Auth): void {
  if (auth.role !== 'programme_admin') throw forbidden();
}

export function assertStaff(auth: Auth): void {
  if (auth.role === 'learner') throw forbidden();
}

/**
 * Uploading media: staff (programme admin, school admins, teachers), who author lessons. Reading
 * media needs only a signed-in user: lesson pictures and recordings are not personal data.
 */
export function assertCanUploadMedia(auth: Auth): void {
  if (auth.role === 'programme_admin' || auth.role === 'school_admin' || auth.role === 'teacher') return;
  throw forbidden('Only staff can upload media');
}

type StaffRole = 'school_admin' | 'teacher';

/** New staff accounts: the programme admin makes both kinds anywhere, a school admin makes teachers in their school. */
export function assertCanCreateStaff(auth: Auth, schoolId: string, role: StaffRole): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && auth.schoolId === schoolId && role === 'teacher') return;
  throw forbidden();
}

/**
 * Changing a staff account (names, password, archiving): the programme admin any; a school admin the
 * teachers of their school and their own account, never a fellow school admin's (whose password they
 * could otherwise reset).
 */
export function assertCanManageStaff(
  auth: Auth,
  target: { id: string; role: Role; schoolId: string | null },
): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && target.id === auth.userId) return;
  if (auth.role === 'school_admin' && target.role === 'teacher' && target.schoolId === auth.schoolId) return;
  throw forbidden();
}

type Eb<T extends keyof DB> = ExpressionBuilder<DB, T>;

/** Classes the user may see: all, their school's, the ones they teach, or the ones they attend. */
export function visibleClasses<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'classes', O>) {
  switch (auth.role) {
    case 'programme_admin':
      return qb;
    case 'school_admin':
      return qb.where('classes.schoolId', '=', auth.schoolId ?? '');
    case 'teacher':
    case 'learner':
      return qb.where('classes.id', 'in', (eb: Eb<'classes'>) =>
        eb
          .selectFrom('enrolments')
          .select('enrolments.classId')
          .where('enrolments.userId', '=', auth.userId)
          .where('enrolments.archivedAt', 'is', null),
      );
  }
}

/** Learners the user may see. */
export function visibleLearners<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'users', O>) {
  const learners = qb.where('users.role', '=', 'learner');
  switch (auth.role) {
    case 'programme_admin':
      return learners;
    case 'school_admin':
      return learners.where('users.schoolId', '=', auth.schoolId ?? '');
    case 'teacher':
      return learners.where('users.id', 'in', (eb: Eb<'users'>) =>
        eb
          .selectFrom('enrolments as le')
          .innerJoin('enrolments as te', 'te.classId', 'le.classId')
          .select('le.userId')
          .where('te.userId', '=', auth.userId)
          .where('te.role', '=', 'teacher')
          .where('te.archivedAt', 'is', null)
          .where('le.archivedAt', 'is', null),
      );
    case 'learner':
      return learners.where('users.id', '=', auth.userId);
  }
}

/** Staff (school admins and teachers) the user may see: staff see their school's staff. */
export function visibleStaff<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'users', O>) {
  const staff = qb.where('users.role', 'in', ['school_admin', 'teacher']);
  if (auth.role === 'programme_admin') return staff;
  if (auth.role === 'learner')
    return staff.where('users.id', 'in', (eb: Eb<'users'>) =>
      eb
        .selectFrom('enrolments as te')
        .innerJoin('enrolments as le', 'le.classId', 'te.classId')
        .select('te.userId')
        .where('le.userId', '=', auth.userId)
        .where('te.role', '=', 'teacher')
        .where('te.archivedAt', 'is', null)
        .where('le.archivedAt', 'is', null),
    );
  return staff.where('users.schoolId', '=', auth.schoolId ?? '');
}

/** Schools the user may see: all for the programme admin, otherwise their own. */
export function visibleSchools<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'schools', O>) {
  return auth.role === 'programme_admin' ? qb : qb.where('schools.id', '=', auth.schoolId ?? '');
}

/** What a school admin may do to their school's tablets; placing, withdrawing and retiring are the programme's. */
const SCHOOL_DEVICE_ACTIONS: ReadonlySet<DeviceActionName> = new Set<DeviceActionName>([
  'hand_over',
  'take_back',
  'send_to_repair',
  'repaired',
  'report_lost',
  'found',
]);

/** May this user apply `action` to this (visible) tablet? */
export function assertCanActOnDevice(
  auth: Auth,
  device: { schoolId: string | null },
  action: DeviceActionName,
): void {
  if (auth.role === 'programme_admin') return;
  if (
    auth.role === 'school_admin' &&
    device.schoolId !== null &&
    device.schoolId === auth.schoolId &&
    SCHOOL_DEVICE_ACTIONS.has(action)
  )
    return;
  throw forbidden();
}

/** Tablets: the programme admin sees the whole fleet, a school admin their school's; nobody else. */
export function visibleDevices<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'devices', O>) {
  if (auth.role === 'programme_admin') return qb;
  if (auth.role === 'school_admin') return qb.where('devices.schoolId', '=', auth.schoolId ?? '');
  throw forbidden();
}

/**
 * Lessons and quizzes. Teachers and school admins author for their school, the programme admin for
 * the programme library (school_id NULL). Everyone signed in reads published library content and
 * their own school's published content; drafts stay with the owning school's staff and the
 * programme admin; learners see published versions only.
 */
export function assertCanAuthorContent(auth: Auth): void {
  if (auth.role === 'programme_admin') return;
  if ((auth.role === 'teacher' || auth.role === 'school_admin') && auth.schoolId !== null) return;
  throw forbidden();
}

/** The school new content belongs to: the author's, or null (the library) for the programme admin. */
export const contentSchoolFor = (auth: Auth): string | null =>
  auth.role === 'programme_admin' ? null : auth.schoolId;

/** May this user see the draft of this item (and therefore edit it)? */
export function canSeeContentDraft(auth: Auth, item: { schoolId: string | null }): boolean {
  if (auth.role === 'programme_admin') return true;
  if (auth.role === 'learner') return false;
  return item.schoolId !== null && item.schoolId === auth.schoolId;
}

/** Editing a draft, publishing, archiving: whoever may see the draft. */
export function assertCanEditContent(auth: Auth, item: { schoolId: string | null }): void {
  if (!canSeeContentDraft(auth, item)) throw forbidden();
}

/** canSeeContentDraft as SQL, for lists that show each row as the viewer may see it. */
export function contentDraftVisible(auth: Auth): Expression<SqlBool> {
  if (auth.role === 'programme_admin') return sql<SqlBool>`1 = 1`;
  if (auth.role === 'learner') return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref('contentItems.schoolId')} = ${auth.schoolId ?? ''}`;
}

/** Content items the user may see at all: drafts of their scope, published items of the library and their school. */
export function visibleContent<O>(auth: Auth, qb: SelectQueryBuilder<DB, 'contentItems', O>) {
  if (auth.role === 'programme_admin') return qb;
  const published = (eb: Eb<'contentItems'>) => eb('contentItems.latestVersion', 'is not', null);
  if (auth.role === 'learner')
    return qb.where((eb) =>
      eb.and([
        published(eb),
        eb.or([
          eb('contentItems.schoolId', 'is', null),
          eb('contentItems.schoolId', '=', auth.schoolId ?? ''),
        ]),
      ]),
    );
  return qb.where((eb) =>
    eb.or([
      eb('contentItems.schoolId', '=', auth.schoolId ?? ''),
      eb.and([eb('contentItems.schoolId', 'is', null), published(eb)]),
    ]),
  );
}

/**
 * Provisioning a tablet (enrolment codes) and revoking its credential: the programme admin, or the
 * school admin of the tablet's school — the people who hand tablets over.
 */
export function assertCanProvisionDevice(auth: Auth, device: { schoolId: string | null }): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && device.schoolId !== null && device.schoolId === auth.schoolId) return;
  throw forbidden();
}

/**
 * Setting or resetting a learner's tablet sign-in (picture code, PIN): staff who see the learner
 * through visibleLearners() — the programme admin, the school admin of the learner's school, a
 * teacher of one of the learner's classes. Callers look the learner up through visibleLearners first.
 */
export function assertCanSetLearnerSignIn(auth: Auth): void {
  if (auth.role === 'programme_admin' || auth.role === 'school_admin' || auth.role === 'teacher') return;
  throw forbidden();
}

/**
 * Assigning work to a class, changing or withdrawing it, and reading the class's progress: the
 * programme admin, the school admin of the class's school, a teacher of the class. Callers look the
 * class up through visibleClasses first, which for a teacher means a class they teach.
 */
export function assertCanAssignToClass(auth: Auth, cls: { schoolId: string }): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && cls.schoolId === auth.schoolId) return;
  if (auth.role === 'teacher') return;
  throw forbidden();
}

/**
 * Taking and reading a class's attendance registers and scheduling its live sessions: the programme
 * admin, the school admin of the class's school, a teacher of the class. Callers look the class up
 * through visibleClasses first, which for a teacher means a class they teach; learners never see a
 * register, their own included (a register is the class's, and names classmates).
 */
export function assertCanTakeAttendance(auth: Auth, cls: { schoolId: string }): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && cls.schoolId === auth.schoolId) return;
  if (auth.role === 'teacher') return;
  throw forbidden();
}

/**
 * Posting and deleting a class's announcements: the programme admin, the school admin of the class's
 * school, a teacher of the class. Callers look the class up through visibleClasses first, which for a
 * teacher means a class they teach; learners read announcements, never post them.
 */
export function assertCanAnnounceToClass(auth: Auth, cls: { schoolId: string }): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && cls.schoolId === auth.schoolId) return;
  if (auth.role === 'teacher') return;
  throw forbidden();
}

/**
 * A learner's comment thread on a task is a child's conversation with their teachers: only that
 * learner and the teachers of the task's class read it (on tablets through the learner's scope),
 * and only they post in it. Admins do not read threads. `teachesClass`: the caller looked the class
 * up through visibleClasses, which for a teacher means a class they teach.
 */
export function assertCanUseThread(auth: Auth, thread: { learnerId: string; teachesClass: boolean }): void {
  if (auth.role === 'learner' && auth.userId === thread.learnerId) return;
  if (auth.role === 'teacher' && thread.teachesClass) return;
  throw forbidden('Only the learner and their teachers can read this conversation');
}

/** Content a class may be given: published, not archived, from the library or the class's school. */
export function assignableContent<O>(
  qb: SelectQueryBuilder<DB, 'contentItems', O>,
  schoolId: string,
): SelectQueryBuilder<DB, 'contentItems', O> {
  return qb
    .where('contentItems.latestVersion', 'is not', null)
    .where('contentItems.archivedAt', 'is', null)
    .where((eb) =>
      eb.or([eb('contentItems.schoolId', 'is', null), eb('contentItems.schoolId', '=', schoolId)]),
    );
}

/**
 * Content packs: the programme admin and school admins export (what visibleContent lets them see)
 * and import; a school hub's admin brings the programme's packs in.
 */
export function assertCanExchangePacks(auth: Auth): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && auth.schoolId !== null) return;
  throw forbidden('Only programme and school admins can export or import content packs');
}

/** An imported item lands where it says; a school admin may bring in library content and their own school's. */
export function assertCanImportPackItem(auth: Auth, item: { schoolId: string | null }): void {
  if (auth.role === 'programme_admin') return;
  if (auth.role === 'school_admin' && (item.schoolId === null || item.schoolId === auth.schoolId)) return;
  throw forbidden("A pack may only bring in library content and your own school's");
}
