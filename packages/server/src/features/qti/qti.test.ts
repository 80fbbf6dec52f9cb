import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, insertSchool, insertUser, signIn, testDatabase } from '../../../test/helpers';
import { buildApp } from '../../app';
import type { DB } from '../../db/schema';
import { png } from '../media/media.fixtures';
import { counts, zipOf } from '../packs/packs.fixtures';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/qti');
const TAGS = {
  cycle: 'primaire',
  level: '6AP',
  subject: 'history-geography',
  unit: 'Le Maroc',
  language: 'fr',
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The multipart body a browser's FormData sends: the text fields, then the file. */
function form(file: Buffer, filename: string, fields: Record<string, string> = TAGS) {
  const boundary = `----lawhqti${randomBytes(6).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(parts.join('') + head),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const fixture = (path: string) => readFile(join(FIXTURES, path));

async function packageOf(
  version: 'v2p1' | 'v3p0',
  itemsDir: string,
  extra: Array<{ name: string; data: Buffer }> = [],
) {
  const names = (await readdir(join(FIXTURES, version))).filter((n) => n !== 'imsmanifest.xml');
  return zipOf([
    { name: 'imsmanifest.xml', data: await fixture(`${version}/imsmanifest.xml`), compress: true },
    ...(await Promise.all(
      names.map(async (n) => ({
        name: `${itemsDir}${n}`,
        data: await fixture(`${version}/${n}`),
        compress: true,
      })),
    )),
    ...extra,
  ]);
}

describe('QTI import', () => {
  let app: FastifyInstance;
  let db: Kysely<DB>;
  let dir: string;
  let teacher: Client;
  let learner: Client;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const database = await testDatabase();
    drop = database.drop;
    db = database.db;
    dir = await mkdtemp(join(tmpdir(), 'lawh-qti-test-'));
    app = await buildApp({ database, media: { dir, ffmpeg: null } });
    const schoolId = await insertSchool(db);
    teacher = await signIn(app, (await insertUser(db, 'teacher', schoolId)).username);
    learner = await signIn(app, (await insertUser(db, 'learner', schoolId)).username);
  });
  afterEach(async () => {
    await app.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  const importQti = (c: Client, file: Buffer, name: string, fields?: Record<string, string>) =>
    c.request({ method: 'POST', url: '/api/v1/content/import/qti', ...form(file, name, fields) });

  it('a QTI 2.1 package becomes one draft quiz; the rest is listed with its reason', async () => {
    const map = await png(60, 40);
    const zip = await packageOf('v2p1', '', [{ name: 'images/carte.png', data: map }]);
    const res = await importQti(teacher, zip, 'geo.zip');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.imported).toBe(6);
    expect(body.unsupported).toEqual([
      {
        identifier: 'ou-est-rabat',
        file: 'hotspot.xml',
        interaction: 'hotspotInteraction',
        reason: expect.any(String),
      },
      {
        identifier: 'redaction',
        file: 'extended-text.xml',
        interaction: 'extendedTextInteraction',
        reason: expect.any(String),
      },
      {
        identifier: 'R8',
        file: 'lost.xml',
        interaction: 'none',
        reason: expect.stringMatching(/does not hold/),
      },
    ]);

    const quiz = (await teacher.get(`/api/v1/content/${body.quizId}`)).json();
    expect(quiz).toMatchObject({ kind: 'quiz', status: 'draft', title: 'Géographie du Maroc', tags: TAGS });
    const items = quiz.draft.input.items;
    expect(items.map((i: { type: string }) => i.type)).toEqual([
      'singleChoice',
      'multipleChoice',
      'shortText',
      'numeric',
      'ordering',
      'matching',
    ]);
    // The picture went to the media store by its hash and the prompt points at it.
    expect(items[0].prompt.image).toEqual({ kind: 'image', hash: sha(map), alt: 'Carte du Maroc' });
    expect((await teacher.get(`/api/v1/media/${sha(map)}/info`)).statusCode).toBe(200);
    // The teacher can publish it as it is.
    expect((await teacher.post(`/api/v1/content/${body.quizId}/publish`)).statusCode).toBe(200);
  });

  it('a QTI 3.0 package with items in a folder and a picture beside it', async () => {
    const cross = await png(20, 20);
    const res = await importQti(
      teacher,
      await packageOf('v3p0', 'items/', [{ name: 'media/faux.png', data: cross }]),
      'sciences-3p0.zip',
      { ...TAGS, title: 'Sciences' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      imported: 6,
      unsupported: [
        { identifier: 'temperature', file: 'items/slider.xml', interaction: 'sliderInteraction' },
        { identifier: 'trous', file: 'items/gap-match.xml', interaction: 'gapMatchInteraction' },
      ],
    });
    const quiz = (await teacher.get(`/api/v1/content/${res.json().quizId}`)).json();
    expect(quiz.title).toBe('Sciences');
    expect(quiz.draft.input.items[0].options[1]).toEqual({
      id: 'faux',
      text: 'Faux',
      image: { kind: 'image', hash: sha(cross), alt: 'Une croix' },
    });
  });

  it('a picture the package lacks is left out; an option that was only that picture makes its item listed', async () => {
    const onlyPicture = Buffer.from(
      (await fixture('v3p0/choice.xml'))
        .toString('utf8')
        .replace('identifier="vrai-faux-soleil"', 'identifier="image-seule"')
        .replace('Une croix"/>Faux', 'Une croix"/>'),
    );
    const zip = await zipOf([
      {
        name: 'imsmanifest.xml',
        data: Buffer.from(
          '<manifest><resources><resource identifier="a" type="imsqti_item_xmlv3p0" href="items/choice.xml"/><resource identifier="b" type="imsqti_item_xmlv3p0" href="items/only-picture.xml"/></resources></manifest>',
        ),
      },
      { name: 'items/choice.xml', data: await fixture('v3p0/choice.xml') },
      { name: 'items/only-picture.xml', data: onlyPicture },
    ]);
    const res = await importQti(teacher, zip, 'sans-images.zip');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      imported: 1,
      unsupported: [
        {
          identifier: 'image-seule',
          file: 'items/only-picture.xml',
          reason: expect.stringMatching(/picture \.\.\/media\/faux\.png is missing/),
        },
      ],
    });
    const quiz = (await teacher.get(`/api/v1/content/${res.json().quizId}`)).json();
    expect(quiz.draft.input.items[0].options[1]).toEqual({ id: 'faux', text: 'Faux' });
    expect((await counts(db)).media).toBe(0);
  });

  it('one item file is accepted alone; the title comes from the item', async () => {
    const res = await importQti(teacher, await fixture('v2p1/order.xml'), 'order.xml');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1, unsupported: [] });
    expect((await teacher.get(`/api/v1/content/${res.json().quizId}`)).json().title).toBe('Ordre croissant');
  });

  it('a package with no supported item answers 422 with the list and stores nothing', async () => {
    const zip = await zipOf([
      {
        name: 'imsmanifest.xml',
        data: Buffer.from(
          '<manifest><resources><resource identifier="a" type="imsqti_item_xmlv3p0" href="slider.xml"/><resource identifier="b" type="imsqti_item_xmlv2p1" href="hotspot.xml"/></resources></manifest>',
        ),
      },
      { name: 'slider.xml', data: await fixture('v3p0/slider.xml') },
      { name: 'hotspot.xml', data: await fixture('v2p1/hotspot.xml') },
    ]);
    const res = await importQti(teacher, zip, 'rien.zip');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'qti_nothing_supported',
      details: {
        unsupported: [{ interaction: 'sliderInteraction' }, { interaction: 'hotspotInteraction' }],
      },
    });
    expect(await counts(db)).toEqual({ items: 0, versions: 0, media: 0, renditions: 0 });
  });

  it('malformed XML is refused with a 400 naming the file, and nothing is stored', async () => {
    const broken = await zipOf([
      { name: 'imsmanifest.xml', data: await fixture('v2p1/imsmanifest.xml') },
      {
        name: 'choice.xml',
        data: Buffer.from('<assessmentItem identifier="x">\n<itemBody><p>oops</itemBody>'),
      },
    ]);
    const res = await importQti(teacher, broken, 'broken.zip');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_qti', details: { file: 'choice.xml' } });
    expect(res.json().error.message).toMatch(/^choice\.xml is not valid XML: line \d/);
    expect(await counts(db)).toEqual({ items: 0, versions: 0, media: 0, renditions: 0 });
  });

  it('an entry that climbs out of the package (../) is refused before anything is read', async () => {
    const zip = await zipOf([
      { name: 'imsmanifest.xml', data: await fixture('v2p1/imsmanifest.xml') },
      { name: 'choice.xml', data: await fixture('v2p1/choice.xml') },
      { name: 'xx/evil.xml', data: Buffer.from('<x/>') },
    ]);
    // yazl refuses unsafe names itself: rename the entry in the built bytes (same length).
    const evil = Buffer.from(zip.toString('latin1').replaceAll('xx/evil.xml', '../evil.xml'), 'latin1');
    const res = await importQti(teacher, evil, 'evil.zip');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/"\.\.\/evil\.xml" climbs out/);
    expect(await counts(db)).toEqual({ items: 0, versions: 0, media: 0, renditions: 0 });
  });

  it('a zip bomb is refused', async () => {
    const zip = await zipOf([
      { name: 'imsmanifest.xml', data: await fixture('v2p1/imsmanifest.xml') },
      { name: 'images/carte.png', data: Buffer.alloc(5 * 1024 * 1024), compress: true },
    ]);
    const res = await importQti(teacher, zip, 'bomb.zip');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/zip bomb/);
  });

  it('learners may not import; the tags are checked and named', async () => {
    const item = await fixture('v2p1/order.xml');
    expect((await importQti(learner, item, 'order.xml')).statusCode).toBe(403);
    const res = await importQti(teacher, item, 'order.xml', { ...TAGS, level: '1AC' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^level:/);
    const notQti = await importQti(teacher, Buffer.from('hello'), 'notes.txt');
    expect(notQti.statusCode).toBe(400);
    expect(notQti.json().error.message).toMatch(/notes\.txt is neither a zip package nor an XML item/);
    expect(await counts(db)).toEqual({ items: 0, versions: 0, media: 0, renditions: 0 });
  });
});
