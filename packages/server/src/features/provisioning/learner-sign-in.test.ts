import { secretHash, signInSecretText } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';
import { clearDirty, isDirty } from '../sync/live';
import { learnerScope } from '../sync/scopes';
import { hashSignInSecret } from './secret-hash';

describe(`learner tablet sign-in (${testDialect})`, () => {
  let t: TestApp;
  let learner: string;
  let clients: RoleClients;
  beforeEach(async () => {
    t = await testApp();
    ({ learnerId: learner, clients } = await twoClassSchools(t));
  });
  afterEach(() => t.close());

  const url = () => `/api/v1/learners/${learner}/sign-in`;
  const put = (c: Client, payload: unknown) =>
    c.request({ method: 'PUT', url: url(), payload: payload as object });
  const stored = () =>
    t.db.selectFrom('learnerSignIn').selectAll().where('learnerId', '=', learner).executeTakeFirst();

  it("the class's teacher sets a picture code and a PIN; only whether each is set comes back", async () => {
    expect((await clients.teacher.get(url())).json()).toEqual({
      pictureCode: false,
      pin: false,
      updatedAt: null,
    });
    clearDirty([learnerScope(learner)]);
    const res = await put(clients.teacher, { pictureCode: ['camel', 'star', 'apple'], pin: '0472' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ pictureCode: true, pin: true });
    expect(res.body).not.toMatch(/hash|salt/);
    // The learner's tablets are told to pull the new hashes.
    expect(isDirty(learnerScope(learner))).toBe(true);
    const row = await stored();
    const picture = secretHash.parse(JSON.parse(row?.pictureCode as string));
    const pin = secretHash.parse(JSON.parse(row?.pin as string));
    // The stored hashes are of the canonical text, which the tablet checks offline.
    const salt = (s: string) => Buffer.from(s, 'base64');
    expect((await hashSignInSecret('camel-star-apple', picture.iter, salt(picture.salt))).hash).toBe(
      picture.hash,
    );
    expect((await hashSignInSecret(signInSecretText('0472'), pin.iter, salt(pin.salt))).hash).toBe(pin.hash);
  });

  it('setting only the PIN keeps the picture code; a reset clears both', async () => {
    await put(clients.head, { pictureCode: ['sun', 'fish', 'boat'] });
    const before = (await stored())?.pictureCode;
    expect((await put(clients.head, { pin: '5807' })).json()).toMatchObject({ pictureCode: true, pin: true });
    expect((await stored())?.pictureCode).toBe(before);
    const reset = await clients.teacher.request({ method: 'DELETE', url: url() });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ pictureCode: false, pin: false, updatedAt: null });
    expect(await stored()).toMatchObject({ pictureCode: null, pin: null });
  });

  it.each([
    ['three identical pictures', { pictureCode: ['cat', 'cat', 'cat'] }, 'pictureCode'],
    ['two pictures', { pictureCode: ['cat', 'sun'] }, 'pictureCode'],
    ['a picture not in the grid', { pictureCode: ['cat', 'sun', 'dog'] }, 'pictureCode'],
    ['a 3-digit PIN', { pin: '123' }, 'pin'],
    ['a PIN with letters', { pin: '12a4' }, 'pin'],
    ['a PIN a classmate would guess', { pin: '1234' }, 'pin'],
    ['the same digit four times', { pin: '7777' }, 'pin'],
    ['nothing at all', {}, 'pictureCode'],
  ])('%s is refused with a 400 naming the field, and nothing is stored', async (_, body, field) => {
    const res = await put(clients.teacher, body);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain(field);
    expect(await stored()).toBeUndefined();
  });

  it("a teacher of another class, another school's admin and the learner cannot set it", async () => {
    const body = { pin: '5807' };
    expect((await put(clients.otherTeacher, body)).statusCode).toBe(404);
    expect((await put(clients.headB, body)).statusCode).toBe(404);
    expect((await put(clients.learner, body)).statusCode).toBe(403);
    expect((await clients.learner.request({ method: 'DELETE', url: url() })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: url(), payload: body })).statusCode).toBe(401);
    expect(await stored()).toBeUndefined();
    expect((await put(clients.admin, body)).statusCode).toBe(200);
  });
});
