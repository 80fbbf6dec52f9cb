import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import {
  arTags,
  type Cast,
  cast,
  closeApp,
  create,
  lesson,
  publish,
  put,
  quiz,
  singleChoice,
  titles,
} from './content.fixtures';

describe(`content search (${testDialect})`, () => {
  let t: TestApp;
  let c: Cast;
  beforeEach(async () => {
    t = await testApp();
    c = await cast(t);
  });
  afterEach(() => closeApp(t));

  const search = async (who: keyof Cast, q: string) => {
    const client = c[who];
    if (typeof client === 'string') throw new Error('not a client');
    const res = await client.get(`/api/v1/content?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return titles(res);
  };

  it('finds Arabic words with or without tashkeel and without the article', async () => {
    await create(c.teacherA, 'lessons', {
      ...lesson('الكسور', '<p dir="rtl">نَتَعَلَّمُ اليَوْمَ جَمْعَ الكُسُورِ المُتَكافِئَةِ.</p>'),
      tags: arTags,
    });
    await create(c.teacherA, 'lessons', lesson('Géométrie', '<p>Les triangles.</p>'));

    expect(await search('teacherA', 'الكسور')).toEqual(['الكسور']);
    expect(await search('teacherA', 'كسور')).toEqual(['الكسور']);
    // Body words: as written with tashkeel, and as typed without it.
    expect(await search('teacherA', 'نَتَعَلَّمُ')).toEqual(['الكسور']);
    expect(await search('teacherA', 'نتعلم')).toEqual(['الكسور']);
    expect(await search('teacherA', 'المتكافئة')).toEqual(['الكسور']);
    expect(await search('teacherA', 'الكُسُورِ المتكافئة')).toEqual(['الكسور']);
    expect(await search('teacherA', 'مثلث')).toEqual([]);
  });

  it('finds Tamazight words in Tifinagh', async () => {
    await create(c.teacherA, 'lessons', {
      ...lesson('ⴰⵙⵍⵎⴷ ⵏ ⵜⵎⴰⵣⵉⵖⵜ', '<p>ⴰⴳⵍⵍⵉⴷ ⴷ ⵜⴰⴳⵍⵍⵉⴷⵜ</p>'),
      tags: { ...arTags, subject: 'tamazight', language: 'zgh', unit: undefined },
    });
    await create(c.teacherA, 'lessons', lesson('Géométrie'));
    expect(await search('teacherA', 'ⵜⵎⴰⵣⵉⵖⵜ')).toEqual(['ⴰⵙⵍⵎⴷ ⵏ ⵜⵎⴰⵣⵉⵖⵜ']);
    expect(await search('teacherA', 'ⵜⴰⴳⵍⵍⵉⴷⵜ')).toEqual(['ⴰⵙⵍⵎⴷ ⵏ ⵜⵎⴰⵣⵉⵖⵜ']);
    expect(await search('teacherA', 'ⵜⴰⵙⴰⵔⵓⵜ')).toEqual([]);
  });

  it('finds French words with or without accents, by prefix and by tag', async () => {
    await create(c.teacherA, 'lessons', lesson('Fractions équivalentes', '<p>Deux fractions égales.</p>'));
    await create(
      c.teacherA,
      'quizzes',
      quiz('Révision', [singleChoice({ prompt: { text: 'Quelle fraction est égale ?' } })]),
    );
    await create(c.teacherA, 'lessons', lesson('Le cycle de l’eau', '<p>Évaporation et pluie.</p>'));

    expect(await search('teacherA', 'equivalentes')).toEqual(['Fractions équivalentes']);
    expect(await search('teacherA', 'ÉQUIVALENTES')).toEqual(['Fractions équivalentes']);
    expect(await search('teacherA', 'équival')).toEqual(['Fractions équivalentes']);
    expect(await search('teacherA', 'evaporation')).toEqual(['Le cycle de l’eau']);
    expect((await search('teacherA', 'egale')).sort()).toEqual(['Fractions équivalentes', 'Révision']);
    expect((await search('teacherA', 'fraction egale')).sort()).toEqual([
      'Fractions équivalentes',
      'Révision',
    ]);
    // Query syntax is never interpreted: quotes, stars and operators are just text.
    expect(await search('teacherA', '"eau*" (')).toEqual(['Le cycle de l’eau']);
    expect(await search('teacherA', "l'eau")).toEqual(['Le cycle de l’eau']);
  });

  it('a search matches what the viewer may read: learners never find words only in a draft', async () => {
    const id = await create(c.teacherA, 'lessons', lesson('Les volcans', '<p>Le magma remonte.</p>'));
    await publish(c.teacherA, id);
    await put(
      c.teacherA,
      `/api/v1/content/${id}/draft`,
      lesson('Les volcans', '<p>Le basalte refroidit.</p>'),
    );
    await create(c.teacherA, 'lessons', lesson('Séismes', '<p>Le basalte tremble.</p>'));

    expect(await search('learnerA', 'magma')).toEqual(['Les volcans']);
    expect(await search('learnerA', 'basalte')).toEqual([]);
    expect((await search('teacherA', 'basalte')).sort()).toEqual(['Les volcans', 'Séismes']);
    expect(await search('teacherA', 'magma')).toEqual([]);
    expect(await search('learnerB', 'magma')).toEqual([]);

    // Publishing moves the new words to what learners can find.
    await publish(c.teacherA, id);
    expect(await search('learnerA', 'basalte')).toEqual(['Les volcans']);
    expect(await search('learnerA', 'magma')).toEqual([]);
  });
});
