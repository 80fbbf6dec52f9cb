import type { Enrolment } from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanManageSchool } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { type EnrolmentRow, enrolmentsRepository as repo } from './enrolments.repository';

// Learner rows always carry a Massar code and a sex (see learners.service.ts).
const toApi = (r: EnrolmentRow): Enrolment => ({
  id: r.id,
  classId: r.classId,
  learnerId: r.userId,
  massarCode: r.massarCode as string,
  nameAr: r.nameAr,
  givenName: r.givenName,
  familyName: r.familyName,
  sex: r.sex as Enrolment['sex'],
});

const alreadyEnrolled = () => conflict('learnerId', 'This learner is already in this class');

export function enrolmentsService(db: Kysely<DB>) {
  const findClass = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    return cls;
  };

  return {
    async list(auth: Auth, classId: string): Promise<Enrolment[]> {
      await findClass(auth, classId);
      return (await repo.list(db, auth, classId)).map(toApi);
    },

    /** Puts a learner of the class's school in the class; an earlier, ended enrolment comes back. */
    async enrol(auth: Auth, classId: string, learnerId: string): Promise<Enrolment> {
      const cls = await findClass(auth, classId);
      assertCanManageSchool(auth, cls.schoolId);
      if (cls.archivedAt) throw invalid('classId', 'this class is archived');
      const learner = await repo.findLearner(db, learnerId);
      if (learner?.role !== 'learner' || learner.archivedAt)
        throw invalid('learnerId', 'no such active learner');
      if (learner.schoolId !== cls.schoolId)
        throw invalid('learnerId', 'the learner belongs to another school');
      const existing = await repo.findAny(db, classId, learnerId);
      if (existing && existing.archivedAt === null) throw alreadyEnrolled();
      const now = nowIso();
      if (existing) {
        // Conditional, so two admins re-enrolling at the same moment get one 201 and one 409.
        if (!(await repo.resume(db, existing.id, now))) throw alreadyEnrolled();
      } else {
        try {
          await repo.insert(db, {
            id: newId(),
            classId,
            userId: learnerId,
            role: 'learner',
            createdAt: now,
            updatedAt: now,
          });
        } catch (e) {
          // Two admins enrolling the same learner at the same moment: the second one loses.
          if (isUniqueViolation(e)) throw alreadyEnrolled();
          throw e;
        }
      }
      const row = await repo.findActive(db, classId, learnerId);
      if (!row) throw notFound('Enrolment');
      return toApi(row);
    },

    /** Ends an enrolment; the row stays, archived, so the learner's history in the class survives. */
    async unenrol(auth: Auth, classId: string, learnerId: string): Promise<void> {
      const cls = await findClass(auth, classId);
      assertCanManageSchool(auth, cls.schoolId);
      const existing = await repo.findAny(db, classId, learnerId);
      if (existing?.role !== 'learner' || existing.archivedAt !== null) throw notFound('Enrolment');
      if (!(await repo.end(db, existing.id, nowIso()))) throw notFound('Enrolment');
    },
  };
}
