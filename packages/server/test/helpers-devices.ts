import { luhnValid } from '@lawh/shared';
import type { LightMyRequestResponse } from 'fastify';
import { type Client, insertSchool, insertUser, signIn, type TestApp } from './helpers';

/** A 15-digit IMEI with a correct check digit, from any 14 digits. */
export function validImei(first14: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${first14}${d}`)) return `${first14}${d}`;
  throw new Error('unreachable: one check digit always fits');
}

/**
 * Two schools, A and B. The programme admin, A's school admin, a teacher of A, two learners of A,
 * an archived learner of A and a learner of B.
 */
export async function deviceWorld(t: TestApp) {
  const schoolA = await insertSchool(t.db, { nameFr: 'École Tamegroute' });
  const schoolB = await insertSchool(t.db, { nameFr: 'École Agdz' });
  await insertUser(t.db, 'programme_admin', null, {
    username: 'admin',
    givenName: 'Nadia',
    familyName: 'Berrada',
  });
  await insertUser(t.db, 'school_admin', schoolA, {
    username: 'headA',
    givenName: 'Omar',
    familyName: 'Idrissi',
  });
  await insertUser(t.db, 'teacher', schoolA, { username: 'teacherA' });
  const learnerA = await insertUser(t.db, 'learner', schoolA, {
    username: 'learnerA',
    givenName: 'Youssef',
    familyName: 'Amrani',
  });
  const learnerA2 = await insertUser(t.db, 'learner', schoolA, { givenName: 'Imane', familyName: 'Tazi' });
  const archivedA = await insertUser(t.db, 'learner', schoolA, { archivedAt: '2026-01-01T00:00:00.000Z' });
  const learnerB = await insertUser(t.db, 'learner', schoolB, { givenName: 'Hamza', familyName: 'Ouali' });
  const admin = await signIn(t.app, 'admin');
  const headA = await signIn(t.app, 'headA');
  return {
    schoolA,
    schoolB,
    learnerA: learnerA.id,
    learnerA2: learnerA2.id,
    archivedA: archivedA.id,
    learnerB: learnerB.id,
    admin,
    headA,
    teacherA: () => signIn(t.app, 'teacherA'),
    learnerClient: () => signIn(t.app, 'learnerA'),
  };
}

let serial = 1000;
/** Registers a tablet through the API and returns its id. */
export async function register(admin: Client, over: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/devices', {
    serialNumber: `TAB-${serial++}`,
    model: 'Galaxy Tab A9',
    batch: '2026-A',
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export const act = (
  client: Client,
  id: string,
  body: Record<string, unknown>,
): Promise<LightMyRequestResponse> => client.post(`/api/v1/devices/${id}/actions`, body);

export const handOver = (learnerId: string, over: Record<string, unknown> = {}) => ({
  action: 'hand_over',
  learnerId,
  guardianName: 'Fatima Amrani',
  guardianConsent: true,
  condition: 'good',
  ...over,
});

export async function history(client: Client, id: string) {
  const res = await client.get(`/api/v1/devices/${id}/history`);
  if (res.statusCode !== 200) throw new Error(`history failed: ${res.statusCode} ${res.body}`);
  return res.json() as Array<Record<string, unknown>>;
}
