import { type DeviceStatus, newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertSchool, insertUser, signIn, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { insertClass, insertEnrolment, insertYear } from '../../../test/roster-fixtures';
import type { DB } from '../../db/schema';
import { nowIso } from '../../lib/time';

let serial = 1000;
async function insertDevice(db: Kysely<DB>, schoolId: string | null, status: DeviceStatus) {
  const now = nowIso();
  const serialNumber = `TAB-${serial++}`;
  await db
    .insertInto('devices')
    .values({
      id: newId(),
      serialNumber,
      model: 'Galaxy Tab A8',
      batch: '2026-A',
      status,
      condition: 'good',
      schoolId,
      searchText: searchKey(serialNumber),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

describe(`dashboard (${testDialect})`, () => {
  let t: TestApp;
  let schoolA: string;
  let mathsA: string;
  let arabicA: string;
  beforeEach(async () => {
    t = await testApp();
    schoolA = await insertSchool(t.db, { nameFr: 'École A', nameAr: 'مدرسة أ' });
    const schoolB = await insertSchool(t.db, { nameFr: 'École B' });
    await insertSchool(t.db, { nameFr: 'École fermée', archivedAt: nowIso() });
    const year = await insertYear(t.db);

    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    await insertUser(t.db, 'school_admin', schoolA, { username: 'head' });
    const prof = await insertUser(t.db, 'teacher', schoolA, { username: 'prof' });
    await insertUser(t.db, 'teacher', schoolA, { archivedAt: nowIso() });
    await insertUser(t.db, 'teacher', schoolB);

    const girl = await insertUser(t.db, 'learner', schoolA, { username: 'eleve', sex: 'F' });
    const boy = await insertUser(t.db, 'learner', schoolA, { sex: 'M' });
    const gone = await insertUser(t.db, 'learner', schoolA, { sex: 'M', archivedAt: nowIso() });
    await insertUser(t.db, 'learner', schoolB, { sex: 'F' });
    await insertUser(t.db, 'learner', schoolB, { sex: 'F' });

    mathsA = await insertClass(t.db, schoolA, year, {
      title: '6AP Maths',
      level: '6AP',
      subject: 'mathematics',
    });
    arabicA = await insertClass(t.db, schoolA, year, { title: '5AP Arabe', level: '5AP', subject: 'arabic' });
    await insertClass(t.db, schoolA, year, { title: 'Old', archivedAt: nowIso() });
    await insertClass(t.db, schoolB, year, { title: 'B class' });
    for (const c of [mathsA, arabicA]) await insertEnrolment(t.db, c, prof.id, 'teacher');
    for (const l of [girl, boy, gone]) await insertEnrolment(t.db, mathsA, l.id, 'learner');
    await insertEnrolment(t.db, arabicA, girl.id, 'learner');

    await insertDevice(t.db, null, 'in_stock');
    await insertDevice(t.db, null, 'in_repair');
    await insertDevice(t.db, schoolA, 'at_school');
    await insertDevice(t.db, schoolA, 'with_learner');
    await insertDevice(t.db, schoolA, 'with_learner');
    await insertDevice(t.db, schoolB, 'lost');
  });
  afterEach(() => t.close());

  it('the programme admin sees programme-wide numbers, leaving archived records out', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await admin.get('/api/v1/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      role: 'programme_admin',
      schools: 2,
      learners: 4,
      learnersBySex: { F: 3, M: 1 },
      teachers: 2,
      classes: 3,
      tablets: {
        total: 6,
        byStatus: { in_stock: 1, at_school: 1, with_learner: 2, in_repair: 1, lost: 1, retired: 0 },
      },
    });
  });

  it('a school admin sees the same numbers for their school only', async () => {
    const head = await signIn(t.app, 'head');
    const body = (await head.get('/api/v1/dashboard')).json();
    expect(body).toEqual({
      role: 'school_admin',
      school: { id: schoolA, nameAr: 'مدرسة أ', nameFr: 'École A' },
      schools: 1,
      learners: 2,
      learnersBySex: { F: 1, M: 1 },
      teachers: 1,
      classes: 2,
      tablets: {
        total: 3,
        byStatus: { in_stock: 0, at_school: 1, with_learner: 2, in_repair: 0, lost: 0, retired: 0 },
      },
    });
  });

  it('a teacher sees the classes they teach with their active learners counted', async () => {
    const prof = await signIn(t.app, 'prof');
    expect((await prof.get('/api/v1/dashboard')).json()).toEqual({
      role: 'teacher',
      classes: [
        { id: arabicA, title: '5AP Arabe', level: '5AP', subject: 'arabic', learnerCount: 1 },
        { id: mathsA, title: '6AP Maths', level: '6AP', subject: 'mathematics', learnerCount: 2 },
      ],
    });
  });

  it('a learner sees their classes and nothing about classmates or tablets', async () => {
    const eleve = await signIn(t.app, 'eleve');
    expect((await eleve.get('/api/v1/dashboard')).json()).toEqual({
      role: 'learner',
      classes: [
        { id: arabicA, title: '5AP Arabe', subject: 'arabic' },
        { id: mathsA, title: '6AP Maths', subject: 'mathematics' },
      ],
    });
  });

  it('nobody signed in gets a 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' });
    expect(res.statusCode).toBe(401);
  });
});
