import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { openDatabase } from '../database';
import { migrations } from '../migrate';

// 0014 fills in the media of the rows logged before it, from the change log's current puts.

describe.runIf(testDialect === 'sqlite')('migration 0014-sync-scope-media', () => {
  it('records the media each logged row references, and none for rows without', async () => {
    const database = openDatabase(':memory:');
    const db = database.db;
    const upTo = (last: string) => ({
      getMigrations: async () =>
        Object.fromEntries(Object.entries(migrations).filter(([k]) => k.slice(0, 4) <= last)),
    });
    expect((await new Migrator({ db, provider: upTo('0013') }).migrateToLatest()).error).toBeUndefined();

    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const rows = [
      { key: 'task', data: { attachments: [{ hash: a, name: 'x.pdf' }], voice: { hash: b } } },
      { key: 'progress', data: { score: 1, hash: 'not-a-sha' } },
    ];
    for (const r of rows) {
      await db
        .insertInto('changeLog')
        .values({
          scope: 'class:c1',
          entity: 'assignment',
          entityKey: r.key,
          op: 'put',
          data: JSON.stringify(r.data),
          at: '2026-11-01T00:00:00.000Z',
        })
        .execute();
      await db
        .insertInto('syncScopeRows')
        .values({ scope: 'class:c1', entity: 'assignment', entityKey: r.key, hash: 'h' } as never)
        .execute();
    }

    expect((await new Migrator({ db, provider: upTo('0014') }).migrateToLatest()).error).toBeUndefined();
    const media = await db
      .selectFrom('syncScopeRows')
      .select(['entityKey', 'media'])
      .orderBy('entityKey')
      .execute();
    expect(media).toEqual([
      { entityKey: 'progress', media: null },
      { entityKey: 'task', media: `${a} ${b}` },
    ]);
    await database.close();
  });
});
