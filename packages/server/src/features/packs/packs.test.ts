import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as yauzl from 'yauzl';
import { insertSchool, insertUser, signIn } from '../../../test/helpers';
import { authorLibrary, counts, exportPack, importPack, type Server, server, zipOf } from './packs.fixtures';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The entries of a zip, in order, with their bytes. */
async function entriesOf(zip: Buffer): Promise<Array<{ name: string; data: Buffer; compress: boolean }>> {
  const z = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out = [];
  for await (const e of z.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await z.openReadStreamPromise(e)) chunks.push(c as Buffer);
    out.push({ name: e.fileName, data: Buffer.concat(chunks), compress: e.compressionMethod !== 0 });
  }
  return out;
}

/** Renames an entry in a built zip (local header and central directory); yazl refuses unsafe names itself. */
const renamed = (zip: Buffer, from: string, to: string) => {
  expect(to.length).toBe(from.length);
  return Buffer.from(zip.toString('latin1').replaceAll(from, to), 'latin1');
};

describe('content packs', () => {
  let central: Server;
  let hub: Server;
  beforeEach(async () => {
    central = await server();
    hub = await server();
  });
  afterEach(async () => {
    await central.close();
    await hub.close();
  });

  it('carry lessons, quizzes and media from one server to another, hashes verified, ids kept', async () => {
    const lib = await authorLibrary(central);
    const zip = await exportPack(central.admin);
    const names = (await entriesOf(zip)).map((e) => e.name);
    expect(names[0]).toBe('manifest.json');
    expect(names).toContain(`media/${lib.imageHash}`);

    const res = await importPack(hub.admin, zip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      contentCreated: 2,
      contentUpdated: 0,
      contentUnchanged: 0,
      versionsAdded: 3,
      mediaAdded: 2,
      mediaAlreadyPresent: 0,
    });

    for (const id of [lib.lessonId, lib.quizId]) {
      const a = (await central.admin.get(`/api/v1/content/${id}/versions`)).json();
      const b = (await hub.admin.get(`/api/v1/content/${id}/versions`)).json();
      expect(b.items.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual(
        a.items.map((v: { version: number; title: string }) => [v.version, v.title]),
      );
    }
    const v1 = (await hub.admin.get(`/api/v1/content/${lib.lessonId}/versions/1`)).json();
    expect(v1.input.body.blocks[1].media.hash).toBe(lib.imageHash);
    const found = (await hub.admin.get('/api/v1/content?q=fraction')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(lib.lessonId);

    // Every media file (originals and renditions) arrived with the same bytes.
    const mediaFiles = (s: Server) => s.files().then((f) => f.filter((x) => !x.startsWith('incoming')));
    expect(await mediaFiles(hub)).toEqual(await mediaFiles(central));
    for (const f of await mediaFiles(hub))
      expect(sha(await readFile(join(hub.dir, f)))).toBe(f.split('/').pop());
    const served = await hub.admin.get(`/api/v1/media/${lib.audioHash}`);
    expect(sha(served.rawPayload)).toBe(lib.audioHash);
  });

  it('importing the same pack twice changes nothing the second time', async () => {
    await authorLibrary(central);
    const zip = await exportPack(central.admin);
    expect((await importPack(hub.admin, zip)).statusCode).toBe(200);
    const before = { rows: await counts(hub.db), files: await hub.files() };
    const again = await importPack(hub.admin, zip);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      contentCreated: 0,
      contentUpdated: 0,
      contentUnchanged: 2,
      versionsAdded: 0,
      mediaAdded: 0,
      mediaAlreadyPresent: 2,
    });
    expect({ rows: await counts(hub.db), files: await hub.files() }).toEqual(before);
  });

  it('a newer pack adds only the versions the hub lacks', async () => {
    const lib = await authorLibrary(central);
    expect((await importPack(hub.admin, await exportPack(central.admin))).statusCode).toBe(200);
    const res = await central.admin.request({
      method: 'PUT',
      url: `/api/v1/content/${lib.quizId}/draft`,
      payload: {
        ...(await central.admin.get(`/api/v1/content/${lib.quizId}`)).json().draft.input,
        title: 'Quiz 2',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await central.admin.post(`/api/v1/content/${lib.quizId}/publish`)).statusCode).toBe(200);
    const second = await importPack(hub.admin, await exportPack(central.admin));
    expect(second.json()).toMatchObject({ contentUpdated: 1, contentUnchanged: 1, versionsAdded: 1 });
    expect((await hub.admin.get(`/api/v1/content/${lib.quizId}`)).json().title).toBe('Quiz 2');
  });

  it('exports only what the filters and the role allow', async () => {
    await authorLibrary(central);
    const none = await entriesOf(await exportPack(central.admin, '?unit=Autre&unit=Encore'));
    expect(JSON.parse(none[0]?.data.toString() ?? '').content).toEqual([]);
    const some = await entriesOf(await exportPack(central.admin, '?unit=Fractions&language=fr'));
    expect(JSON.parse(some[0]?.data.toString() ?? '').content).toHaveLength(2);
    const bad = await central.admin.get('/api/v1/packs/export?language=de');
    expect(bad.statusCode).toBe(400);
    const school = await insertSchool(central.db);
    await insertUser(central.db, 'teacher', school, { username: 'prof' });
    const teacher = await signIn(central.app, 'prof');
    expect((await teacher.get('/api/v1/packs/export')).statusCode).toBe(403);
  });

  it('a school admin exchanges library content and their own school only', async () => {
    await authorLibrary(central);
    const zip = await exportPack(central.admin);
    const school = await insertSchool(hub.db);
    await insertUser(hub.db, 'school_admin', school, { username: 'head' });
    const head = await signIn(hub.app, 'head');
    const res = await importPack(head, zip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contentCreated).toBe(2);
    // The same pack claiming the content belongs to another school is refused whole.
    const entries = await entriesOf(zip);
    const manifest = JSON.parse(entries[0]?.data.toString() ?? '');
    const other = await insertSchool(hub.db);
    for (const c of manifest.content) c.schoolId = other;
    entries[0] = { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), compress: true };
    const refused = await importPack(head, await zipOf(entries));
    expect(refused.statusCode, refused.body).toBe(403);
  });

  it('takes packs larger than the 20 MB media upload limit over HTTP', async () => {
    const big = await zipOf([{ name: 'padding.bin', data: Buffer.alloc(25 * 1024 * 1024, 7) }]);
    const res = await importPack(hub.admin, big);
    // Received whole and read: refused for what it holds, not cut off at the upload limit.
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.problem).toBe('unknown_entry');
    expect(await hub.files()).toEqual([]);
  });

  describe('a bad pack gets a clear 4xx and nothing is imported', () => {
    let zip: Buffer;
    let lib: Awaited<ReturnType<typeof authorLibrary>>;
    beforeEach(async () => {
      lib = await authorLibrary(central);
      zip = await exportPack(central.admin);
    });

    const refused = async (pack: Buffer, problem: string, message: RegExp) => {
      const res = await importPack(hub.admin, pack);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.details.problem).toBe(problem);
      expect(res.json().error.message).toMatch(message);
      expect(await counts(hub.db)).toEqual({ items: 0, versions: 0, media: 0, renditions: 0 });
      expect(await hub.files()).toEqual([]);
      return res.json().error;
    };

    it('a tampered media byte', async () => {
      const entries = await entriesOf(zip);
      // The last media file in hash order: the ones before it were already stored, and must go again.
      const victim = entries
        .filter((e) => e.name.startsWith('media/'))
        .sort((a, b) => a.name.localeCompare(b.name))
        .pop();
      if (!victim) throw new Error('no media');
      const at = victim.data.length >> 1;
      victim.data[at] = (victim.data[at] ?? 0) ^ 0xff;
      await refused(await zipOf(entries), 'tampered', /does not match its SHA-256/);
    });

    it('a truncated zip, and a zip missing a media file', async () => {
      await refused(zip.subarray(0, zip.length - 200), 'not_a_zip', /Not a complete zip/);
      const entries = (await entriesOf(zip)).filter((e, i) => !(e.name.startsWith('media/') && i === 2));
      await refused(await zipOf(entries), 'missing_entry', /is missing: the pack is incomplete/);
    });

    it('a zip bomb', async () => {
      const manifest = Buffer.concat([Buffer.from('{}'), Buffer.alloc(30 * 1024 * 1024, 0x20)]);
      await refused(
        await zipOf([{ name: 'manifest.json', data: manifest, compress: true }]),
        'zip_bomb',
        /zip bomb/,
      );
    });

    it('path traversal, backslashes and unknown entries', async () => {
      const entries = await entriesOf(zip);
      const plus = (name: string) => zipOf([...entries, { name, data: Buffer.from('x') }]);
      await refused(
        renamed(await plus('zz/evil'), 'zz/evil', '../evil'),
        'unsafe_path',
        /"\.\.\/evil" climbs out/,
      );
      await refused(renamed(await plus('zz/evil'), 'zz/evil', '/tmp/ev'), 'unsafe_path', /absolute path/);
      await refused(renamed(await plus('zz/evil'), 'zz/evil', 'zz\\evil'), 'unsafe_path', /backslash/);
      await refused(await plus('notes.txt'), 'unknown_entry', /Unexpected entry "notes.txt"/);
    });

    it('media whose bytes are not what the manifest says: an SVG with script, a text file as audio', async () => {
      const swapped = async (victim: string, data: Buffer, mime: string) => {
        const entries = await entriesOf(zip);
        const hash = sha(data);
        const manifest = JSON.parse((entries[0]?.data.toString() ?? '').replaceAll(victim, hash));
        const listed = manifest.media.find((m: { hash: string }) => m.hash === hash);
        Object.assign(listed, { bytes: data.length, mime });
        return zipOf([
          { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), compress: true },
          ...entries
            .slice(1)
            .map((e) => (e.name === `media/${victim}` ? { name: `media/${hash}`, data } : e)),
        ]);
      };
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      await refused(await swapped(lib.imageHash, svg, 'image/svg+xml'), 'unsafe_media', /SVG .*<script>/);
      const text = Buffer.from('this is not a recording '.repeat(200));
      await refused(await swapped(lib.audioHash, text, 'audio/wav'), 'unsafe_media', /not the audio file/);
    });

    it('a manifest that fails its schema, naming the field', async () => {
      const entries = await entriesOf(zip);
      const manifest = JSON.parse(entries[0]?.data.toString() ?? '');
      manifest.content[0].kind = 'video';
      entries[0] = { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), compress: true };
      const error = await refused(await zipOf(entries), 'manifest', /manifest\.json: content\.0\.kind/);
      expect(error.details.field).toBe('content.0.kind');
      manifest.content[0].kind = 'quiz';
      manifest.formatVersion = 2;
      entries[0] = { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), compress: true };
      await refused(await zipOf(entries), 'manifest', /formatVersion/);
    });
  });
});
