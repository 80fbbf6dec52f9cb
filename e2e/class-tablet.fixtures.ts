import { apiAs, DEMO, type TestServer } from './harness';
import { CODE } from './tablet-learner.fixtures';

/** eleve1's id, school and class, and the class's people (learners and teachers) in id order. */
export async function eleve1Class(server: TestServer) {
  const db = server.db;
  const me = await db
    .selectFrom('users')
    .select(['id', 'schoolId'])
    .where('username', '=', DEMO.learner)
    .executeTakeFirstOrThrow();
  const { classId } = await db
    .selectFrom('enrolments')
    .select('classId')
    .where('userId', '=', me.id)
    .where('role', '=', 'learner')
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('enrolments')
    .innerJoin('users', 'users.id', 'enrolments.userId')
    .select([
      'users.id',
      'users.givenName',
      'users.familyName',
      'users.nameAr',
      'users.username',
      'enrolments.role',
    ])
    .where('enrolments.classId', '=', classId)
    .where('enrolments.archivedAt', 'is', null)
    .orderBy('users.id')
    .execute();
  return { learnerId: me.id, schoolId: me.schoolId!, classId, people };
}

/**
 * eleve1's class with one of its school's tablets made a shared class tablet, one learner of the
 * class with the picture code CODE, and the class's teacher. `index` picks both the tablet and the
 * learner, so tests that run side by side never share either.
 */
export async function sharedClassTablet(server: TestServer, index: number) {
  const db = server.db;
  const { schoolId, classId, people } = await eleve1Class(server);
  const learner = people.filter((p) => p.role === 'learner')[index];
  const teacher = people.find((p) => p.role === 'teacher');
  if (!learner || !teacher?.username) throw new Error('eleve1’s class needs learners and a teacher');
  const device = await db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'at_school')
    .orderBy('serialNumber')
    .offset(index)
    .limit(1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('devices')
    .set({ schoolId: schoolId, learnerId: null })
    .where('id', '=', device.id)
    .execute();
  const admin = await apiAs(server, DEMO.admin);
  await admin.put(`/api/v1/learners/${learner.id}/sign-in`, { pictureCode: CODE });
  return { classId, learner, teacherUsername: teacher.username, deviceId: device.id, admin };
}
