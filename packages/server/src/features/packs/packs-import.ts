import { MEDIA_LIMITS, type MediaKind, type PackImportSummary, type PackManifest } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanImportPackItem } from '../../auth/policy';
import type { ContentVersionsTable, DB } from '../../db/schema';
import { AppError, conflict, invalid } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { contentRepository } from '../content/content.repository';
import {
  type Authored,
  fromStored,
  mediaReferences,
  parseAuthored,
  quizReferences,
  sanitiseAuthored,
  toStored,
} from '../content/content-input';
import { type SearchDocument, searchDocument, searchTextOf } from '../content/content-search';
import { mediaRepository } from '../media/media.repository';
import type { MediaStorage } from '../media/media-storage';
import { checkSvg } from '../media/svg-check';
import { packsRepository as repo } from './packs.repository';
import { badPack, type OpenedPack, readMediaEntry } from './packs-zip';

export interface ImportProgress {
  phase: 'media' | 'content' | 'done';
  bytesDone: number;
  bytesTotal: number;
  itemsDone: number;
  itemsTotal: number;
}

type Db = Kysely<DB>;

/**
 * A new file is judged as an upload is: its type from its bytes (a pack cannot pass a page off as a
 * picture), and an SVG refused if it could carry script. Hashes prove the bytes are the manifest's,
 * not that the manifest is honest.
 */
async function assertMediaType(
  storage: MediaStorage,
  hash: string,
  bytes: number,
  head: Buffer,
  kind?: MediaKind,
) {
  const { uploadKindFor } = await import('../media/media-inspect');
  const sniffed = await uploadKindFor(head).catch(() => null);
  // MP4 and WebM may hold audio only: the sniff says 'video', the largest they may be.
  const fits = sniffed === kind || (sniffed === 'video' && kind === 'audio');
  if (!fits)
    throw badPack(
      'unsafe_media',
      `media/${hash} is not the ${kind ?? 'media'} file the manifest says it is`,
      {
        entry: `media/${hash}`,
      },
    );
  if (kind === 'image' && /^(?:\uFEFF)?\s*</.test(head.toString('utf8', 0, 256))) {
    const chunks: Buffer[] = [];
    for await (const c of await storage.createReadStream(hash)) chunks.push(c as Buffer);
    const verdict = checkSvg(Buffer.concat(chunks, bytes));
    if (!verdict.ok)
      throw badPack(
        'unsafe_media',
        `media/${hash} is an SVG that may not be served (${verdict.reason === 'unsafe' ? verdict.found : 'not an SVG'})`,
        {
          entry: `media/${hash}`,
        },
      );
  }
}

interface PlannedVersion {
  row: ContentVersionsTable;
  doc: SearchDocument;
  authored: Authored;
}

/** Every version parsed as an author's input would be, sanitised, with its references checked. */
async function planContent(db: Db, auth: Auth, m: PackManifest) {
  const packMedia = new Map(m.media.map((x) => [x.hash, x.kind]));
  const packQuizzes = new Set(m.content.filter((c) => c.kind === 'quiz').map((c) => c.id));
  const ids = m.content.map((c) => c.id);
  if (new Set(ids).size !== ids.length)
    throw badPack('manifest', 'manifest.json: content: an id appears twice');
  const schools = await repo.existingIds(db, 'schools', [
    ...new Set(m.content.flatMap((c) => (c.schoolId ? [c.schoolId] : []))),
  ]);
  const people = await repo.existingIds(db, 'users', [
    ...new Set(m.content.flatMap((c) => [c.createdBy, ...c.versions.map((v) => v.publishedBy)])),
  ]);
  // Authors from another server are unknown here: the importer stands for them.
  const stand: string | null = (await repo.existingIds(db, 'users', [auth.userId])).has(auth.userId)
    ? auth.userId
    : ((await repo.someProgrammeAdmin(db))?.id ?? null);
  const person = (id: string) => {
    if (people.has(id)) return id;
    if (!stand)
      throw invalid('user', 'This server has no programme admin yet; create one first (lawh create-admin)');
    return stand;
  };
  const stored = new Map<string, string>();
  const plans = [];
  for (const [i, c] of m.content.entries()) {
    const at = `content.${i}`;
    assertCanImportPackItem(auth, c);
    if (c.schoolId !== null && !schools.has(c.schoolId))
      throw invalid(
        `${at}.schoolId`,
        `school ${c.schoolId} does not exist on this server; import the roster first`,
      );
    const numbers = c.versions.map((v) => v.version);
    if (new Set(numbers).size !== numbers.length)
      throw badPack('manifest', `manifest.json: ${at}.versions: a version appears twice`);
    const versions: PlannedVersion[] = [];
    for (const [j, v] of c.versions.entries()) {
      const vat = `${at}.versions.${j}`;
      let authored: Authored;
      try {
        authored = sanitiseAuthored(parseAuthored(c.kind, fromStored(c.kind, v)));
      } catch (e) {
        if (!(e instanceof AppError))
          throw badPack('manifest', `manifest.json: ${vat}.body is not valid JSON`);
        throw badPack('manifest', `manifest.json: ${vat}: ${e.message}`, { field: vat });
      }
      for (const ref of mediaReferences(authored)) {
        let kind = packMedia.get(ref.value) ?? stored.get(ref.value);
        if (kind === undefined) {
          kind = (await contentRepository.mediaKinds(db, [ref.value])).get(ref.value);
          if (kind) stored.set(ref.value, kind);
        }
        if (kind === undefined)
          throw invalid(`${vat}.${ref.field}`, 'media neither in the pack nor on this server');
        if (kind !== ref.kind) throw invalid(`${vat}.${ref.field}`, `this file is ${kind}, not ${ref.kind}`);
      }
      for (const ref of quizReferences(authored))
        if (!packQuizzes.has(ref.value) && !(await repo.quizExists(db, ref.value)))
          throw invalid(`${vat}.${ref.field}`, 'quiz neither in the pack nor on this server');
      const { body, ...columns } = toStored(authored);
      versions.push({
        authored,
        doc: searchDocument(authored),
        row: {
          ...columns,
          id: v.id,
          contentId: c.id,
          version: v.version,
          body,
          publishedBy: person(v.publishedBy),
          publishedAt: v.publishedAt,
        },
      });
    }
    versions.sort((a, b) => a.row.version - b.row.version);
    plans.push({ item: c, createdBy: person(c.createdBy), versions });
  }
  return plans;
}

type Plan = Awaited<ReturnType<typeof planContent>>[number];

const sameTags = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  (['title', 'cycle', 'level', 'subject', 'unit', 'language'] as const).every(
    (k) => (a[k] ?? null) === (b[k] ?? null),
  );

/** Writes one item: new, or the versions this server lacks. Versions already here are left alone. */
async function writeItem(trx: Db, p: Plan, now: string): Promise<'created' | 'updated' | 'unchanged'> {
  const id = p.item.id;
  const existing = await repo.item(trx, id);
  const latest = p.versions[p.versions.length - 1] as PlannedVersion;
  const draftOf = (v: PlannedVersion) => {
    const { id: _v, contentId: _c, version: _n, publishedBy: _b, publishedAt: _a, body, ...tags } = v.row;
    return { ...tags, draftBody: body, draftUpdatedAt: now, searchText: searchTextOf(v.doc) };
  };
  if (!existing) {
    await repo.insertItem(trx, {
      id,
      kind: p.item.kind,
      schoolId: p.item.schoolId,
      createdBy: p.createdBy,
      createdAt: p.item.createdAt,
      updatedAt: now,
      latestVersion: latest.row.version,
      archivedAt: null,
      ...draftOf(latest),
    });
    for (const v of p.versions) await repo.insertVersion(trx, v.row);
    await contentRepository.indexDraft(trx, id, latest.doc, searchTextOf(latest.doc));
    await repo.indexPublished(trx, latest.row.id, latest.row.contentId, latest.doc);
    return 'created';
  }
  if (existing.kind !== p.item.kind)
    throw conflict(`content.${id}`, `Content ${id} is a ${existing.kind} here, a ${p.item.kind} in the pack`);
  const have = await repo.versionNumbers(trx, id);
  const missing = p.versions.filter((v) => !have.has(v.row.version));
  if (missing.length === 0) return 'unchanged';
  for (const v of missing) await repo.insertVersion(trx, v.row);
  const local = existing.latestVersion === null ? 0 : Number(existing.latestVersion);
  if (latest.row.version > local) {
    const localLatest = local ? await repo.version(trx, id, local) : undefined;
    // The draft follows the new version unless someone here has unpublished changes in it.
    const draftClean =
      !localLatest || (existing.draftBody === localLatest.body && sameTags(existing, localLatest));
    await repo.updateItem(trx, id, {
      latestVersion: latest.row.version,
      updatedAt: now,
      ...(draftClean ? draftOf(latest) : {}),
    });
    if (draftClean) await contentRepository.indexDraft(trx, id, latest.doc, searchTextOf(latest.doc));
    await repo.indexPublished(trx, latest.row.id, latest.row.contentId, latest.doc);
  }
  return 'updated';
}

/**
 * Imports an opened pack, all or nothing: content is checked first, then every media file is
 * streamed and its SHA-256 verified (new ones go into the store, which publishes only verified
 * bytes), then one transaction writes every row. On failure the files this import added are removed.
 */
export async function importPack(
  db: Db,
  storage: MediaStorage,
  auth: Auth,
  pack: OpenedPack,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<PackImportSummary> {
  const m = pack.manifest;
  const files = new Map<string, number>();
  for (const [i, x] of m.media.entries()) {
    if (x.bytes > MEDIA_LIMITS[x.kind])
      throw badPack('too_large', `manifest.json: media.${i}: larger than a ${x.kind} may be`, {
        field: `media.${i}.bytes`,
      });
    files.set(x.hash, x.bytes);
    for (const r of x.renditions) files.set(r.hash, r.bytes);
  }
  for (const [hash, bytes] of files) {
    const entry = pack.media.get(hash);
    if (!entry)
      throw badPack('missing_entry', `media/${hash} is missing: the pack is incomplete`, {
        entry: `media/${hash}`,
      });
    if (entry.uncompressedSize !== bytes)
      throw badPack(
        'tampered',
        `media/${hash} holds ${entry.uncompressedSize} bytes; the manifest says ${bytes}`,
        { entry: `media/${hash}` },
      );
  }
  for (const hash of pack.media.keys())
    if (!files.has(hash))
      throw badPack('unknown_entry', `media/${hash} is not listed in the manifest`, {
        entry: `media/${hash}`,
      });

  // What each file must turn out to be: an original its manifest kind; a rendition its original's.
  const kinds = new Map<string, MediaKind>();
  for (const x of m.media) for (const h of [x.hash, ...x.renditions.map((r) => r.hash)]) kinds.set(h, x.kind);
  const plans = await planContent(db, auth, m);
  const bytesTotal = [...files.values()].reduce((a, b) => a + b, 0);
  const progress: ImportProgress = {
    phase: 'media',
    bytesDone: 0,
    bytesTotal,
    itemsDone: 0,
    itemsTotal: files.size + plans.length,
  };
  onProgress({ ...progress });
  const known = new Set(
    (
      await repo.media(
        db,
        m.media.map((x) => x.hash),
      )
    ).map((r) => r.hash),
  );
  const written: string[] = [];
  try {
    for (const [hash, bytes] of [...files].sort()) {
      const fresh = !(await storage.has(hash));
      const head = await readMediaEntry(pack, hash, bytes, fresh ? storage : null, (n) => {
        progress.bytesDone += n;
      });
      if (fresh) {
        written.push(hash);
        await assertMediaType(storage, hash, bytes, head, kinds.get(hash));
      }
      progress.itemsDone++;
      onProgress({ ...progress });
    }
    progress.phase = 'content';
    onProgress({ ...progress });
    const now = nowIso();
    const counts = { created: 0, updated: 0, unchanged: 0, versions: 0 };
    await db.transaction().execute(async (trx) => {
      for (const x of m.media) {
        if (known.has(x.hash)) continue;
        await repo.insertMedia(trx, {
          hash: x.hash,
          kind: x.kind,
          mime: x.mime,
          bytes: x.bytes,
          width: x.width,
          height: x.height,
          durationMs: x.durationMs,
          originalName: x.originalName,
          createdBy: null,
          createdAt: now,
        });
        for (const r of x.renditions)
          await repo.insertRendition(trx, { ...r, mediaHash: x.hash, createdAt: now });
      }
      for (const p of plans) {
        const before = await repo.versionNumbers(trx, p.item.id);
        const outcome = await writeItem(trx, p, now);
        counts[outcome]++;
        counts.versions += p.versions.filter((v) => !before.has(v.row.version)).length;
      }
    });
    progress.itemsDone = progress.itemsTotal;
    progress.phase = 'done';
    onProgress({ ...progress });
    return {
      contentCreated: counts.created,
      contentUpdated: counts.updated,
      contentUnchanged: counts.unchanged,
      versionsAdded: counts.versions,
      mediaAdded: m.media.filter((x) => !known.has(x.hash)).length,
      mediaAlreadyPresent: m.media.filter((x) => known.has(x.hash)).length,
      bytesVerified: progress.bytesDone,
    };
  } catch (e) {
    // Remove what this import stored, unless a row now names it (the same bytes uploaded meanwhile).
    for (const hash of written)
      if (!(await mediaRepository.isReferenced(db, hash).catch(() => true))) await storage.delete?.(hash);
    // Two imports of the same content at once: the second's insert loses; nothing of it was kept.
    if (isUniqueViolation(e))
      throw conflict(
        'pack',
        'Another import wrote the same content at the same moment; import the pack again',
      );
    throw e;
  }
}
