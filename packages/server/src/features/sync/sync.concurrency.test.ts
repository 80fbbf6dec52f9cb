import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import { lockChangeLog, writeRows } from './change-log';
import { project } from './projection';
import { learnerScope } from './scopes';
import { insertDevice, syncWorld } from './sync.fixtures';
import { expectedRows, SimDevice, type Transport } from './sync.sim';

// PostgreSQL hands out sequence values at insert and commits in any order. Here a slow writer takes
// a change-log seq and holds its transaction open while tablets push progress into the same scope
// and another tablet pulls in a loop. Without the change-log lock the puller's cursor would pass
// the slow row before it commits and never see it. (Meaningful under LAWH_TEST_DB=postgres; on
// SQLite the single writer makes it pass trivially.)

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('concurrent change-log writers', () => {
  it('a pulling tablet never skips a row that commits after a higher seq', async () => {
    const w = await syncWorld(t.db, 2);
    const learner = w.learnerIds[0] as string;
    const transport =
      (token: string): Transport =>
      async (path, body) => {
        const res = await t.app.inject({
          method: 'POST',
          url: path,
          headers: { authorization: `Bearer ${token}` },
          payload: body as object,
        });
        return { status: res.statusCode, json: res.json() };
      };
    const puller = new SimDevice(w.deviceId, transport(w.token));
    const pushers = await Promise.all(
      [0, 1, 2].map(async () => {
        const d = await insertDevice(t.db, w.schoolId);
        return new SimDevice(d.deviceId, transport(d.token));
      }),
    );
    await puller.syncAll();

    for (let round = 0; round < 4; round++) {
      let writing = true;
      // A write path that logs a learner's new PIN and is slow to commit.
      const slow = t.db
        .transaction()
        .execute(async (trx) => {
          await lockChangeLog(trx, t.database.dialect);
          const pin = JSON.stringify({
            alg: 'pbkdf2-sha256',
            iter: 1000,
            salt: `round-${round}-salt-salt`,
            hash: 'p'.repeat(44),
          });
          await trx
            .insertInto('learnerSignIn')
            .values({ learnerId: learner, pin, pictureCode: null, updatedBy: null, updatedAt: nowIso() })
            .onConflict((oc) => oc.column('learnerId').doUpdateSet({ pin }))
            .execute();
          await writeRows(
            trx,
            t.database.dialect,
            await project(trx, [learnerScope(learner)]),
            true,
            nowIso(),
          );
          await sleep(150);
        })
        .finally(() => {
          writing = false;
        });
      const pushes = pushers.map(async (p, i) => {
        await sleep(10 + i * 5);
        for (let k = 0; k < 5; k++) p.record(learner, w.contentIds[k % 2] as string);
        await p.syncAll();
      });
      const pulls = (async () => {
        while (writing) {
          await puller.pull();
          await sleep(5);
        }
      })();
      await Promise.all([slow, ...pushes, pulls]);
    }
    await puller.syncAll();
    expect(puller.snapshot()).toEqual(await expectedRows(t.db, w.deviceId));
  }, 20_000);
});
