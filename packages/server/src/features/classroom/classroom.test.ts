import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, testDialect } from '../../../test/helpers';
import { insertEnrolment } from '../../../test/roster-fixtures';
import { jpeg, png, webm } from '../media/media.fixtures';
import { classroomWorld, sha } from './classroom.fixtures';

type World = Awaited<ReturnType<typeof classroomWorld>>;

describe(`classroom: groups, tasks, tablet uploads (${testDialect})`, () => {
  let x: World;
  let pupil2: string;
  let stranger: string;
  beforeEach(async () => {
    x = await classroomWorld();
    pupil2 = (await insertUser(x.t.db, 'learner', x.w.schoolA, { givenName: 'Sara' })).id;
    await insertEnrolment(x.t.db, x.w.classA1, pupil2, 'learner');
    // A learner of the other class of the same school.
    stranger = (await insertUser(x.t.db, 'learner', x.w.schoolA, { givenName: 'Omar' })).id;
    await insertEnrolment(x.t.db, x.w.classA2, stranger, 'learner');
  });
  afterEach(() => x.t.close());

  const count = async (table: 'assignments' | 'classGroups' | 'media' | 'assignmentLearners') =>
    Number(
      (
        await x.t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tasks = () => `/api/v1/classes/${x.w.classA1}/assignments`;
  const task = (over: Record<string, unknown> = {}) => ({
    kind: 'task',
    title: 'Décris ta maison',
    instructions: 'Écris cinq phrases et ajoute une photo.',
    openAt: '2026-11-01T08:00:00.000Z',
    dueAt: '2026-12-01T17:00:00.000Z',
    maxPoints: 20,
    ...over,
  });

  it('groups: the teacher makes, renames and deletes them; only learners of the class, only their classes', async () => {
    const url = `/api/v1/classes/${x.w.classA1}/groups`;
    const made = await x.c.teacher.post(url, { name: 'Groupe 1', learnerIds: [x.w.learnerId] });
    expect(made.statusCode, made.body).toBe(201);
    const g = made.json();
    expect(g).toMatchObject({ name: 'Groupe 1', learnerIds: [x.w.learnerId] });

    const outsider = await x.c.teacher.post(url, { name: 'Groupe 2', learnerIds: [stranger] });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().error.details.field).toBe('learnerIds');
    expect((await x.c.teacher.post(url, { name: 'Groupe 1' })).statusCode).toBe(409);
    expect(await count('classGroups')).toBe(1);

    // Another class's teacher, another school's admin and a learner cannot touch them.
    expect((await x.c.otherTeacher.post(url, { name: 'X' })).statusCode).toBe(404);
    expect((await x.c.headB.get(url)).statusCode).toBe(404);
    expect((await x.c.learner.post(url, { name: 'X' })).statusCode).toBe(403);
    expect((await x.c.learner.get(url)).statusCode).toBe(403);
    expect((await x.c.otherTeacher.patch(`/api/v1/groups/${g.id}`, { name: 'Y' })).statusCode).toBe(404);

    const renamed = await x.c.teacher.patch(`/api/v1/groups/${g.id}`, {
      name: 'Les rapides',
      learnerIds: [x.w.learnerId, pupil2],
    });
    expect(renamed.json()).toMatchObject({ name: 'Les rapides' });
    expect(renamed.json().learnerIds.sort()).toEqual([x.w.learnerId, pupil2].sort());
    expect((await x.c.head.get(url)).json()).toHaveLength(1);
    expect((await x.c.teacher.request({ method: 'DELETE', url: `/api/v1/groups/${g.id}` })).statusCode).toBe(
      204,
    );
    expect((await x.c.teacher.get(url)).json()).toEqual([]);
  });

  it('a task goes to the class, groups or chosen learners; its tablet row says who it is for', async () => {
    const g = (
      await x.c.teacher.post(`/api/v1/classes/${x.w.classA1}/groups`, { name: 'G', learnerIds: [pupil2] })
    ).json();
    const photo = await jpeg(40, 30);
    expect((await x.putMedia(photo, 'image/jpeg')).statusCode).toBe(201);
    const whole = await x.c.teacher.post(
      tasks(),
      task({ attachments: [{ hash: sha(photo), name: 'maison.jpg' }] }),
    );
    expect(whole.statusCode, whole.body).toBe(201);
    expect(whole.json()).toMatchObject({
      kind: 'task',
      contentId: null,
      title: 'Décris ta maison',
      audience: { type: 'class' },
      maxPoints: 20,
      closedAt: null,
      attachments: [{ hash: sha(photo), mime: 'image/jpeg', name: 'maison.jpg' }],
    });
    const toGroup = (
      await x.c.teacher.post(
        tasks(),
        task({ title: 'Pour le groupe', audience: { type: 'groups', groupIds: [g.id] } }),
      )
    ).json();
    const toPupil = (
      await x.c.teacher.post(
        tasks(),
        task({ title: 'Pour Amine', audience: { type: 'learners', learnerIds: [x.w.learnerId] } }),
      )
    ).json();
    expect(toPupil.audience).toEqual({ type: 'learners', learnerIds: [x.w.learnerId] });

    const rows = await x.rowsOf('assignment');
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(whole.json().id)).toMatchObject({ kind: 'task', learnerIds: null, maxPoints: 20 });
    expect(byId.get(toGroup.id)).toMatchObject({ learnerIds: [pupil2] });
    expect(byId.get(toPupil.id)).toMatchObject({ learnerIds: [x.w.learnerId] });
  });

  it('bad tasks are refused naming the field, and nothing is stored', async () => {
    const refused = async (body: Record<string, unknown>, status: number, field: string) => {
      const res = await x.c.teacher.post(tasks(), body);
      expect(res.statusCode, res.body).toBe(status);
      const e = res.json().error;
      expect(e.details.field ?? e.details.issues[0].field).toBe(field);
    };
    await refused(
      task({ audience: { type: 'learners', learnerIds: [x.w.learnerId, stranger] } }),
      422,
      'audience.learnerIds',
    );
    await refused(
      task({ audience: { type: 'groups', groupIds: ['no-such-group'] } }),
      422,
      'audience.groupIds',
    );
    await refused(task({ dueAt: '2026-10-01T08:00:00.000Z' }), 400, 'dueAt');
    await refused(task({ title: undefined }), 400, 'title');
    await refused(
      task({ attachments: [{ hash: 'a'.repeat(64), name: 'x.pdf' }] }),
      422,
      'attachments.0.hash',
    );
    await refused(task({ rubric: [{ criterion: 'Clarté', levels: [] }] }), 400, 'rubric.0.levels');
    // A lesson is not graded here.
    expect(await count('assignments')).toBe(0);
    expect(await count('assignmentLearners')).toBe(0);
    // Another class's teacher cannot give a task to this class.
    expect((await x.c.otherTeacher.post(tasks(), task())).statusCode).toBe(404);
  });

  it('edit, close and reopen a task; a withdrawn task cannot be edited or closed', async () => {
    const a = (await x.c.teacher.post(tasks(), task())).json();
    const url = `/api/v1/assignments/${a.id}`;
    const edited = await x.c.teacher.patch(url, {
      instructions: 'Six phrases.',
      rubric: [
        {
          criterion: 'Idées',
          levels: [
            { label: 'Peu', points: 2 },
            { label: 'Beaucoup', points: 6 },
          ],
        },
        {
          criterion: 'Langue',
          levels: [
            { label: 'Fautes', points: 1 },
            { label: 'Juste', points: 4 },
          ],
        },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // The rubric sets the scale: the best level of each criterion.
    expect(edited.json()).toMatchObject({ instructions: 'Six phrases.', maxPoints: 10 });
    expect((await x.c.teacher.patch(url, { dueAt: '2026-10-01T00:00:00.000Z' })).statusCode).toBe(422);
    expect((await x.c.teacher.post(`${url}/close`)).json().closedAt).not.toBeNull();
    expect((await x.rowsOf('assignment'))[0]?.closedAt).not.toBeNull();
    expect((await x.c.teacher.post(`${url}/reopen`)).json().closedAt).toBeNull();

    expect((await x.c.teacher.post(`${url}/withdraw`)).json().withdrawn).toBe(true);
    const late = await x.c.teacher.patch(url, { title: 'Autre titre' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.field).toBe('withdrawn');
    expect((await x.c.teacher.post(`${url}/close`)).statusCode).toBe(409);
    expect((await x.c.teacher.get(url)).json().title).toBe('Décris ta maison');
    expect(await x.rowsOf('assignment')).toEqual([]);
  });

  it('tablet uploads: checked hash, sniffed bytes, size limits per kind; a refused upload stores nothing', async () => {
    const photo = await jpeg(64, 48);
    const first = await x.putMedia(photo, 'image/jpeg');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ hash: sha(photo), mime: 'image/jpeg', kind: 'photo' });
    expect((await x.putMedia(photo, 'image/jpeg')).statusCode).toBe(200);
    const voice = webm({ durationMs: 3000 });
    expect((await x.putMedia(voice, 'audio/webm')).statusCode).toBe(201);
    expect(await count('media')).toBe(2);

    // Not what it claims: a PNG sent as a JPEG, text sent as a voice note.
    const pic = await png(20, 20);
    const mismatch = await x.putMedia(pic, 'image/jpeg');
    expect(mismatch.statusCode).toBe(415);
    expect(mismatch.json().error.code).toBe('media_mismatch');
    expect((await x.putMedia(Buffer.from('not really a recording'), 'audio/webm')).statusCode).toBe(415);
    // A type a learner cannot attach.
    expect((await x.putMedia(pic, 'image/png')).statusCode).toBe(415);
    // The bytes are not the ones named.
    const wrong = await x.putMedia(photo, 'image/jpeg', x.tablet.token, 'b'.repeat(64));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details.field).toBe('sha256');
    // Over the limits: a photo above 2 MB, a voice note above 5 MB.
    const bigPhoto = Buffer.concat([photo, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await x.putMedia(bigPhoto, 'image/jpeg');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.details).toMatchObject({ kind: 'photo' });
    expect(
      (await x.putMedia(Buffer.concat([voice, Buffer.alloc(5 * 1024 * 1024)]), 'audio/webm')).statusCode,
    ).toBe(413);
    // Without a tablet credential.
    expect((await x.putMedia(photo, 'image/jpeg', 'not-a-token-0123456789abcdef0123456789')).statusCode).toBe(
      401,
    );
    expect(await count('media')).toBe(2);
  });
});
