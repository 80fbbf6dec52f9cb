import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncChange, SyncEvent } from '@lawh/shared';
import { type TestApp, testDatabase } from '../../../test/helpers';
import { twoClassSchools } from '../../../test/roster-fixtures';
import { buildApp } from '../../app';
import { insertDevice, STATUS } from '../sync/sync.fixtures';

// The Classroom test world: two schools (roster-fixtures twoClassSchools) with a media folder of
// its own, and a tablet handed to the pupil of class A1.

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function classroomWorld() {
  const database = await testDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'lawh-classroom-test-'));
  const app = await buildApp({ database, media: { dir, ffmpeg: null } });
  const t: TestApp = {
    app,
    db: database.db,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  const w = await twoClassSchools(t, { givenName: 'Amine', familyName: 'Bakkali' });
  const tablet = await insertDevice(t.db, w.schoolA, { learnerId: w.learnerId });
  let seq = 0;

  const putMedia = (bytes: Buffer, mime: string, token = tablet.token, hash = sha(bytes)) =>
    app.inject({
      method: 'PUT',
      url: `/api/sync/v1/media/${hash}`,
      headers: { ...bearer(token), 'content-type': mime },
      payload: bytes,
    });

  const submission = (
    assignmentId: string,
    over: Partial<{
      text: string | null;
      media: unknown[];
      clientTs: string;
      actorId: string;
      submissionId: string;
    }> = {},
    device = tablet,
  ): SyncEvent => ({
    id: randomUUID(),
    deviceId: device.deviceId,
    deviceSeq: ++seq,
    actorId: over.actorId ?? w.learnerId,
    kind: 'submission.submitted',
    v: 1,
    clientTs: over.clientTs ?? new Date().toISOString(),
    payload: {
      submissionId: over.submissionId ?? randomUUID(),
      assignmentId,
      text: over.text === undefined ? 'Ma réponse' : over.text,
      media: over.media ?? [],
    },
  });

  const push = (events: SyncEvent[], token = tablet.token) =>
    app.inject({
      method: 'POST',
      url: '/api/sync/v1/push',
      headers: bearer(token),
      payload: { events, status: STATUS },
    });

  /** Every change a tablet gets from a cold pull, paging to the end. */
  const pullAll = async (token = tablet.token): Promise<SyncChange[]> => {
    let cursor: Record<string, number> = {};
    const out: SyncChange[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/sync/v1/pull',
        headers: bearer(token),
        payload: { cursor },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      const body = res.json();
      out.push(...body.changes);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    return out;
  };

  /** The rows a tablet holds after a cold pull (puts not followed by a delete). */
  const rowsOf = async (entity: string, token = tablet.token) => {
    const held = new Map<string, unknown>();
    for (const c of await pullAll(token))
      if (c.entity === entity) {
        if (c.op === 'put') held.set(c.key, c.data);
        else held.delete(c.key);
      }
    return [...held.values()] as Record<string, unknown>[];
  };

  return { t, w, c: w.clients, tablet, putMedia, submission, push, pullAll, rowsOf };
}
