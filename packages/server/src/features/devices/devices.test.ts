import type { DeviceStatus } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { act, deviceWorld, handOver, history, register, validImei } from '../../../test/helpers-devices';

describe(`tablets (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof deviceWorld>>;
  beforeEach(async () => {
    t = await testApp();
    w = await deviceWorld(t);
  });
  afterEach(() => t.close());

  it('a registered tablet is in stock, new, and its history starts with the registration', async () => {
    const imei = validImei('35203411234567');
    const res = await w.admin.post('/api/v1/devices', {
      serialNumber: ' r9-tab-001 ',
      imei,
      model: 'Galaxy Tab A9',
      batch: 'Don 2026',
    });
    expect(res.statusCode).toBe(201);
    const tablet = res.json();
    expect(tablet).toMatchObject({
      serialNumber: 'R9-TAB-001',
      imei,
      status: 'in_stock',
      condition: 'new',
      schoolId: null,
      schoolName: null,
      learnerName: null,
    });
    expect((await w.admin.get(`/api/v1/devices/${tablet.id}`)).json()).toEqual(tablet);
    const rows = await history(w.admin, tablet.id);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'registered',
        actorName: 'Nadia Berrada',
        fromStatus: null,
        toStatus: 'in_stock',
        condition: 'new',
      }),
    ]);
  });

  it('a tablet goes through its whole life and every step is in its history, newest first', async () => {
    const id = await register(w.admin);
    const steps: Array<[Record<string, unknown>, DeviceStatus, 'admin' | 'headA']> = [
      [
        { action: 'assign_school', schoolId: w.schoolA, note: 'Livraison de septembre' },
        'at_school',
        'admin',
      ],
      [handOver(w.learnerA), 'with_learner', 'headA'],
      [{ action: 'take_back', condition: 'fair' }, 'at_school', 'headA'],
      [{ action: 'send_to_repair', condition: 'broken' }, 'in_repair', 'headA'],
      [{ action: 'repaired', condition: 'good' }, 'at_school', 'headA'],
      [{ action: 'report_lost' }, 'lost', 'headA'],
      [{ action: 'found', condition: 'damaged' }, 'at_school', 'headA'],
      [{ action: 'retire', note: 'Écran cassé' }, 'retired', 'admin'],
    ];
    for (const [body, status, who] of steps) {
      const res = await act(w[who], id, body);
      expect(res.statusCode, `${body.action}: ${res.body}`).toBe(200);
      expect(res.json().status).toBe(status);
    }
    const rows = await history(w.admin, id);
    const columns = (r: Record<string, unknown>) => [
      r.action,
      r.fromStatus,
      r.toStatus,
      r.schoolName,
      r.learnerName,
      r.guardianName,
      r.condition,
      r.note,
      r.actorName,
    ];
    // biome-ignore format: one history row a line
    expect(rows.map(columns)).toEqual([
      ['retire',         'at_school',    'retired',      'École Tamegroute', null,             null,            null,      'Écran cassé',             'Nadia Berrada'],
      ['found',          'lost',         'at_school',    'École Tamegroute', null,             null,            'damaged', null,                      'Omar Idrissi'],
      ['report_lost',    'at_school',    'lost',         'École Tamegroute', null,             null,            null,      null,                      'Omar Idrissi'],
      ['repaired',       'in_repair',    'at_school',    'École Tamegroute', null,             null,            'good',    null,                      'Omar Idrissi'],
      ['send_to_repair', 'at_school',    'in_repair',    'École Tamegroute', null,             null,            'broken',  null,                      'Omar Idrissi'],
      ['take_back',      'with_learner', 'at_school',    'École Tamegroute', 'Youssef Amrani', null,            'fair',    null,                      'Omar Idrissi'],
      ['hand_over',      'at_school',    'with_learner', 'École Tamegroute', 'Youssef Amrani', 'Fatima Amrani', 'good',    null,                      'Omar Idrissi'],
      ['assign_school',  'in_stock',     'at_school',    'École Tamegroute', null,             null,            null,      'Livraison de septembre',  'Nadia Berrada'],
      ['registered',     null,           'in_stock',     null,               null,             null,            'new',     null,                      'Nadia Berrada'],
    ]);
    const ids = rows.map((r) => r.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await w.admin.get(`/api/v1/devices/${id}`)).json()).toMatchObject({
      status: 'retired',
      condition: 'damaged',
      learnerId: null,
      schoolName: 'École Tamegroute',
    });
  });

  it('a handed-over tablet shows and is found by its learner, and forgets them once taken back', async () => {
    const id = await register(w.admin, { serialNumber: 'SRCH-0001', model: 'Lenovo M10' });
    await register(w.admin, { serialNumber: 'SRCH-0002', model: 'Lenovo M10' });
    await act(w.admin, id, { action: 'assign_school', schoolId: w.schoolA });
    const handed = await act(w.headA, id, handOver(w.learnerA));
    expect(handed.json()).toMatchObject({ learnerId: w.learnerA, learnerName: 'Youssef Amrani' });
    const byName = (await w.admin.get('/api/v1/devices?q=amrani')).json();
    expect(byName.items.map((d: { id: string }) => d.id)).toEqual([id]);
    await act(w.headA, id, { action: 'take_back', condition: 'good' });
    expect((await w.admin.get('/api/v1/devices?q=amrani')).json().total).toBe(0);
    expect((await w.admin.get('/api/v1/devices?q=lenovo')).json().total).toBe(2);
  });

  it('every refused transition answers 409 naming the status and the action and changes nothing', async () => {
    const make = async (status: DeviceStatus) => {
      const id = await register(w.admin);
      const path: Record<DeviceStatus, Array<Record<string, unknown>>> = {
        in_stock: [],
        at_school: [{ action: 'assign_school', schoolId: w.schoolA }],
        with_learner: [{ action: 'assign_school', schoolId: w.schoolA }, handOver(w.learnerA)],
        in_repair: [{ action: 'send_to_repair', condition: 'broken' }],
        lost: [{ action: 'report_lost' }],
        retired: [{ action: 'retire' }],
      };
      for (const body of path[status]) expect((await act(w.admin, id, body)).statusCode).toBe(200);
      return id;
    };
    const bodies: Record<string, Record<string, unknown>> = {
      assign_school: { action: 'assign_school', schoolId: w.schoolB },
      hand_over: handOver(w.learnerA2),
      take_back: { action: 'take_back', condition: 'good' },
      send_to_repair: { action: 'send_to_repair', condition: 'good' },
      repaired: { action: 'repaired', condition: 'good' },
      report_lost: { action: 'report_lost' },
      found: { action: 'found', condition: 'good' },
      return_to_stock: { action: 'return_to_stock', condition: 'good' },
      retire: { action: 'retire' },
    };
    const allowed: Record<string, DeviceStatus[]> = {
      assign_school: ['in_stock', 'at_school'],
      hand_over: ['at_school'],
      take_back: ['with_learner'],
      send_to_repair: ['in_stock', 'at_school', 'with_learner'],
      repaired: ['in_repair'],
      report_lost: ['in_stock', 'at_school', 'with_learner', 'in_repair'],
      found: ['lost'],
      return_to_stock: ['at_school', 'in_repair'],
      retire: ['in_stock', 'at_school', 'in_repair', 'lost'],
    };
    let refused = 0;
    for (const status of ['in_stock', 'at_school', 'with_learner', 'in_repair', 'lost', 'retired'] as const) {
      const id = await make(status);
      const before = (await w.admin.get(`/api/v1/devices/${id}`)).body;
      const historyBefore = await history(w.admin, id);
      for (const [action, body] of Object.entries(bodies)) {
        if (allowed[action]!.includes(status)) continue;
        const res = await act(w.admin, id, body);
        expect(res.statusCode, `${status} + ${action}`).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'invalid_transition', details: { status, action } });
        refused++;
      }
      expect((await w.admin.get(`/api/v1/devices/${id}`)).body).toBe(before);
      expect(await history(w.admin, id)).toEqual(historyBefore);
    }
    expect(refused).toBe(35);
  });

  it('a school admin sees and acts only on their school’s tablets, within their part of the job', async () => {
    const ours = await register(w.admin);
    const theirs = await register(w.admin);
    const inStock = await register(w.admin);
    await act(w.admin, ours, { action: 'assign_school', schoolId: w.schoolA });
    await act(w.admin, theirs, { action: 'assign_school', schoolId: w.schoolB });

    const list = (await w.headA.get('/api/v1/devices')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([ours]);
    for (const id of [theirs, inStock]) {
      expect((await w.headA.get(`/api/v1/devices/${id}`)).statusCode).toBe(404);
      expect((await w.headA.get(`/api/v1/devices/${id}/history`)).statusCode).toBe(404);
      expect((await act(w.headA, id, { action: 'report_lost' })).statusCode).toBe(404);
    }
    const historyBefore = await history(w.admin, ours);
    expect((await act(w.headA, ours, { action: 'retire' })).statusCode).toBe(403);
    expect((await act(w.headA, ours, { action: 'return_to_stock', condition: 'good' })).statusCode).toBe(403);
    expect((await act(w.headA, ours, { action: 'assign_school', schoolId: w.schoolA })).statusCode).toBe(403);
    expect(await history(w.admin, ours)).toEqual(historyBefore);
    expect(
      (await w.headA.post('/api/v1/devices', { serialNumber: 'HEAD-0001', model: 'X', batch: 'Y' }))
        .statusCode,
    ).toBe(403);
    expect((await act(w.headA, ours, { action: 'send_to_repair', condition: 'damaged' })).statusCode).toBe(
      200,
    );

    for (const client of [await w.teacherA(), await w.learnerClient()]) {
      expect((await client.get('/api/v1/devices')).statusCode).toBe(403);
      expect((await client.get(`/api/v1/devices/${ours}`)).statusCode).toBe(403);
      expect((await client.get('/api/v1/devices/summary')).statusCode).toBe(403);
      expect((await act(client, ours, { action: 'report_lost' })).statusCode).toBe(403);
    }
  });

  it('a handover without the guardian’s consent is a 400 naming guardianConsent', async () => {
    const id = await register(w.admin);
    await act(w.admin, id, { action: 'assign_school', schoolId: w.schoolA });
    const { guardianConsent: _, ...withoutConsent } = handOver(w.learnerA);
    for (const body of [withoutConsent, handOver(w.learnerA, { guardianConsent: false })]) {
      const res = await act(w.headA, id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(
        'guardianConsent',
      );
    }
    expect((await w.admin.get(`/api/v1/devices/${id}`)).json().status).toBe('at_school');
  });

  it('a tablet goes only to an active learner of its school who holds no other tablet', async () => {
    const [first, second] = [await register(w.admin), await register(w.admin)];
    for (const id of [first, second])
      await act(w.admin, id, { action: 'assign_school', schoolId: w.schoolA });
    for (const learner of [w.learnerB, w.archivedA, 'no-such-learner']) {
      const res = await act(w.headA, first, handOver(learner));
      expect(res.statusCode, learner).toBe(422);
      expect(res.json().error.details.field).toBe('learnerId');
    }
    expect((await act(w.headA, first, handOver(w.learnerA))).statusCode).toBe(200);
    const twice = await act(w.headA, second, handOver(w.learnerA));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'conflict', details: { field: 'learnerId' } });
    expect(await history(w.admin, second)).toHaveLength(2);
  });

  it('a tablet cannot be placed at a school that does not exist or is archived', async () => {
    const id = await register(w.admin);
    await t.db
      .updateTable('schools')
      .set({ archivedAt: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', w.schoolB)
      .execute();
    for (const schoolId of [w.schoolB, 'no-such-school']) {
      const res = await act(w.admin, id, { action: 'assign_school', schoolId });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.field).toBe('schoolId');
    }
  });

  it('a wrong IMEI check digit is a 400 naming imei, and a taken serial or IMEI a 409 naming it', async () => {
    const good = validImei('49015420323751');
    const bad = `${good.slice(0, 14)}${(Number(good[14]) + 1) % 10}`;
    const res = await w.admin.post('/api/v1/devices', {
      serialNumber: 'IMEI-0001',
      imei: bad,
      model: 'X',
      batch: 'B',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['imei']);

    await register(w.admin, { serialNumber: 'IMEI-0001', imei: good });
    const sameSerial = await w.admin.post('/api/v1/devices', {
      serialNumber: 'imei-0001',
      model: 'X',
      batch: 'B',
    });
    expect(sameSerial.statusCode).toBe(409);
    expect(sameSerial.json().error.details.field).toBe('serialNumber');
    const sameImei = await w.admin.post('/api/v1/devices', {
      serialNumber: 'IMEI-0002',
      imei: good,
      model: 'X',
      batch: 'B',
    });
    expect(sameImei.statusCode).toBe(409);
    expect(sameImei.json().error.details.field).toBe('imei');
    expect((await w.admin.get('/api/v1/devices')).json().total).toBe(1);
  });

  it('the list is filtered, sorted and paged by the server', async () => {
    for (const [n, model] of [
      [5, 'Lenovo M10'],
      [3, 'Galaxy Tab A9'],
      [4, 'Galaxy Tab A9'],
      [1, 'Lenovo M10'],
      [2, 'Galaxy Tab A9'],
    ] as const)
      await register(w.admin, { serialNumber: `LIST-000${n}`, model });
    const ids = (await w.admin.get('/api/v1/devices?q=LIST-0004'))
      .json()
      .items.map((d: { id: string }) => d.id);
    await act(w.admin, ids[0], { action: 'assign_school', schoolId: w.schoolA });

    const page2 = (
      await w.admin.get('/api/v1/devices?sort=serialNumber&order=desc&page=2&pageSize=2')
    ).json();
    expect(page2.total).toBe(5);
    expect(page2.items.map((d: { serialNumber: string }) => d.serialNumber)).toEqual([
      'LIST-0003',
      'LIST-0002',
    ]);
    const galaxy = (await w.admin.get('/api/v1/devices?q=galaxy&status=in_stock')).json();
    expect(galaxy.items.map((d: { serialNumber: string }) => d.serialNumber)).toEqual([
      'LIST-0002',
      'LIST-0003',
    ]);
    const atA = (await w.admin.get(`/api/v1/devices?schoolId=${w.schoolA}`)).json();
    expect(atA.items).toEqual([
      expect.objectContaining({ serialNumber: 'LIST-0004', schoolName: 'École Tamegroute' }),
    ]);
    expect((await w.admin.get('/api/v1/devices?status=broken')).statusCode).toBe(400);
  });

  it('the summary counts tablets by status and by school, over what the user may see', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await register(w.admin));
    const [a1, a2, a3, b1, lostFromStock] = ids as [string, string, string, string, string, string];
    for (const id of [a1, a2, a3]) await act(w.admin, id, { action: 'assign_school', schoolId: w.schoolA });
    await act(w.admin, b1, { action: 'assign_school', schoolId: w.schoolB });
    await act(w.headA, a1, handOver(w.learnerA));
    await act(w.headA, a2, { action: 'send_to_repair', condition: 'broken' });
    await act(w.admin, lostFromStock, { action: 'report_lost' });

    const res = await w.admin.get('/api/v1/devices/summary');
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary.total).toBe(6);
    expect(summary.byStatus).toEqual({
      in_stock: 1,
      at_school: 2,
      with_learner: 1,
      in_repair: 1,
      lost: 1,
      retired: 0,
    });
    expect(
      summary.bySchool.map((s: { schoolName: string | null; total: number }) => [s.schoolName, s.total]),
    ).toEqual([
      ['École Agdz', 1],
      ['École Tamegroute', 3],
      [null, 2],
    ]);
    expect(summary.bySchool[1].counts).toMatchObject({
      at_school: 1,
      with_learner: 1,
      in_repair: 1,
      lost: 0,
    });

    const mine = (await w.headA.get('/api/v1/devices/summary')).json();
    expect(mine.total).toBe(3);
    expect(mine.bySchool.map((s: { schoolId: string }) => s.schoolId)).toEqual([w.schoolA]);
  });
});
