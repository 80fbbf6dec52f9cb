import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { act, deviceWorld, handOver, history, register, validImei } from '../../../test/helpers-devices';
import { multipart } from '../../../test/helpers-roster';

const IMEI_1 = validImei('35891203000001');
const IMEI_2 = validImei('35891203000002');
const IMEI_3 = validImei('35891203000003');

const HEADER = 'serial_number,imei,model,batch';
const GOOD = [
  HEADER,
  `SN-0001,${IMEI_1},Galaxy Tab A9,Don 2026`,
  'SN-0002,,Galaxy Tab A9,Don 2026',
  `SN-0003,${IMEI_3},"Lenovo M10, 3rd gen",Don 2026`,
].join('\r\n');

const upload = (client: Client, body: string | Uint8Array, filename = 'tablettes.csv') =>
  client.request({
    method: 'POST',
    url: '/api/v1/devices/import',
    ...multipart(typeof body === 'string' ? new TextEncoder().encode(body) : body, {
      filename,
      type: 'text/csv',
    }),
  });

describe(`tablet CSV import (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof deviceWorld>>;
  beforeEach(async () => {
    t = await testApp();
    w = await deviceWorld(t);
  });
  afterEach(() => t.close());

  const eventCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('deviceEvents')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listed = async () =>
    (await w.admin.get('/api/v1/devices?pageSize=200')).json().items as Array<Record<string, unknown>>;

  it('a supplier’s list registers every tablet into stock, each with its registration in the history', async () => {
    const res = await upload(w.admin, GOOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, counts: { devices: { created: 3, updated: 0, unchanged: 0 } } });
    const tablets = await listed();
    expect(tablets.map((d) => [d.serialNumber, d.imei, d.model, d.status])).toEqual([
      ['SN-0001', IMEI_1, 'Galaxy Tab A9', 'in_stock'],
      ['SN-0002', null, 'Galaxy Tab A9', 'in_stock'],
      ['SN-0003', IMEI_3, 'Lenovo M10, 3rd gen', 'in_stock'],
    ]);
    const rows = await history(w.admin, tablets[0]!.id as string);
    expect(rows).toEqual([expect.objectContaining({ action: 'registered', actorName: 'Nadia Berrada' })]);
    expect((await w.admin.get(`/api/v1/devices?q=${IMEI_3.slice(-6)}`)).json().total).toBe(1);
  });

  it('a second import of the same list changes nothing', async () => {
    await upload(w.admin, GOOD);
    const before = await listed();
    const events = await eventCount();
    const again = await upload(w.admin, GOOD);
    expect(again.json().counts.devices).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await listed()).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it('a changed row updates the tablet, keeps its status and learner, and says so in its history', async () => {
    await upload(w.admin, GOOD);
    const id = (await listed())[0]!.id as string;
    await act(w.admin, id, { action: 'assign_school', schoolId: w.schoolA });
    await act(w.headA, id, handOver(w.learnerA));
    const changed = GOOD.replace(`SN-0001,${IMEI_1},Galaxy Tab A9`, `sn-0001,${IMEI_2},Galaxy Tab A9 LTE`);
    const res = await upload(w.admin, changed);
    expect(res.json().counts.devices).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const tablet = (await w.admin.get(`/api/v1/devices/${id}`)).json();
    expect(tablet).toMatchObject({
      imei: IMEI_2,
      model: 'Galaxy Tab A9 LTE',
      status: 'with_learner',
      learnerId: w.learnerA,
    });
    expect((await history(w.admin, id))[0]).toMatchObject({
      action: 'updated',
      fromStatus: 'with_learner',
      toStatus: 'with_learner',
      learnerName: 'Youssef Amrani',
    });
    // The search still finds the tablet by its learner after its details changed.
    expect((await w.admin.get('/api/v1/devices?q=youssef')).json().total).toBe(1);
    expect((await w.admin.get('/api/v1/devices?q=a9%20lte')).json().total).toBe(1);
  });

  it('one bad row imports nothing and says which file, line and column to fix', async () => {
    const bad = `${IMEI_2.slice(0, 14)}${(Number(IMEI_2[14]) + 1) % 10}`;
    const file = [
      HEADER,
      `SN-0001,${IMEI_1},Galaxy Tab A9,Don 2026`,
      '',
      `SN-0002,${bad},Galaxy Tab A9,Don 2026`,
      'SN-0003,,,Don 2026',
    ].join('\n');
    const res = await upload(w.admin, file, 'livraison.csv');
    expect(res.statusCode).toBe(422);
    const { code, details } = res.json().error;
    expect(code).toBe('import_failed');
    expect(details.problems).toEqual([
      { file: 'livraison.csv', line: 4, column: 'imei', message: 'check digit does not match' },
      { file: 'livraison.csv', line: 5, column: 'model', message: 'is required' },
    ]);
    expect(await listed()).toEqual([]);
    expect(await eventCount()).toBe(0);
  });

  it('a serial or IMEI twice in the file, or an IMEI of another tablet, is a problem and nothing is imported', async () => {
    await register(w.admin, { serialNumber: 'OLD-0001', imei: IMEI_3 });
    const file = [
      HEADER,
      `SN-0001,${IMEI_1},Galaxy Tab A9,Don 2026`,
      `sn-0001,,Galaxy Tab A9,Don 2026`,
      `SN-0002,${IMEI_1},Galaxy Tab A9,Don 2026`,
      `SN-0003,${IMEI_3},Galaxy Tab A9,Don 2026`,
    ].join('\n');
    const res = await upload(w.admin, file);
    expect(res.statusCode).toBe(422);
    expect(
      res.json().error.details.problems.map((p: { line: number; column: string }) => [p.line, p.column]),
    ).toEqual([
      [3, 'serial_number'],
      [4, 'imei'],
      [5, 'imei'],
    ]);
    expect(res.json().error.details.problems[2].message).toContain('OLD-0001');
    expect((await listed()).map((d) => d.serialNumber)).toEqual(['OLD-0001']);
  });

  it('a file saved by Excel with a byte-order mark imports like any other', async () => {
    const res = await upload(w.admin, `\uFEFF${GOOD}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.devices.created).toBe(3);
  });

  it('a Latin-1 file is refused with the line to fix, not read as garbled names', async () => {
    const text = [HEADER, 'SN-0001,,Galaxy Tab A9,Don 2026', 'SN-0002,,Tablette éducative,Don 2026'].join(
      '\n',
    );
    const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const res = await upload(w.admin, latin1);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([
      { file: 'tablettes.csv', line: 3, column: null, message: expect.stringContaining('UTF-8') },
    ]);
    expect(await listed()).toEqual([]);
  });

  it('a missing or unknown column is named on line 1', async () => {
    const res = await upload(w.admin, 'serial,imei,model,batch\nSN-0001,,X,Y');
    expect(res.statusCode).toBe(422);
    expect(
      res.json().error.details.problems.map((p: { line: number; column: string }) => [p.line, p.column]),
    ).toEqual([
      [1, 'serial_number'],
      [1, 'serial'],
    ]);
  });

  it('only the programme admin imports, and only a multipart "file" field is read', async () => {
    expect((await upload(w.headA, GOOD)).statusCode).toBe(403);
    expect((await upload(await w.teacherA(), GOOD)).statusCode).toBe(403);
    const json = await w.admin.post('/api/v1/devices/import', { file: GOOD });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details.field).toBe('file');
    const wrongField = await w.admin.request({
      method: 'POST',
      url: '/api/v1/devices/import',
      ...multipart(new TextEncoder().encode(GOOD), { field: 'csv' }),
    });
    expect(wrongField.statusCode).toBe(422);
    expect(await listed()).toEqual([]);
  });
});
