import { Readable } from 'node:stream';
import {
  type ContentDetail,
  type QtiImportResult,
  type QtiSkippedItem,
  type QuizItemInput,
  qtiImportFields,
  quizInput,
  quizItem,
} from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAuthorContent } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { contentService } from '../content/content.service';
import type { mediaService } from '../media/media.service';
import { type ImageSlot, lawhId } from './qti-item';
import { type PackageItem, readQtiUpload } from './qti-package';

/** A QTI upload as the route hands it over: the file's bytes and the form's other fields. */
export interface QtiUpload {
  name: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

/** Lawh's quiz limit (quizInput); further items are listed, not dropped. */
const MAX_ITEMS = 200;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|svg)$/i;

const fieldsFailed = (issues: Array<{ path: PropertyKey[]; message: string }>) => {
  const list = issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  const first = list[0];
  return new AppError(400, 'validation_failed', first ? `${first.field}: ${first.message}` : 'invalid form', {
    in: 'body',
    issues: list,
  });
};

/** Puts a stored picture (or none) into its slot of an item. */
function setImage(item: QuizItemInput, slot: ImageSlot, hash: string | null): QuizItemInput {
  const apply = <T extends { image?: { hash: string } }>(o: T): T => {
    if (!o.image) return o;
    if (hash === null) {
      const { image: _dropped, ...rest } = o;
      return rest as T;
    }
    return { ...o, image: { ...o.image, hash } };
  };
  if (slot.in === 'prompt') return { ...item, prompt: apply(item.prompt) };
  const list = (item as Record<string, unknown>)[slot.in] as Array<{ image?: { hash: string } }> | undefined;
  if (!list) return item;
  return { ...item, [slot.in]: list.map((o, i) => (i === slot.index ? apply(o) : o)) } as QuizItemInput;
}

const firstIssue = (e: { issues: Array<{ path: PropertyKey[]; message: string }> }) => {
  const i = e.issues[0];
  return i ? `${i.path.join('.')}: ${i.message}` : 'invalid';
};

type Media = Pick<ReturnType<typeof mediaService>, 'upload'>;

export function qtiService(db: Kysely<DB>, media: Media) {
  const content = contentService(db);

  /** Stores one picture from the package; null when the store refuses it (the item goes on without it). */
  const storeImage = async (auth: Auth, path: string, bytes: Buffer): Promise<string | null> => {
    try {
      const { record } = await media.upload(auth, async () => ({
        stream: Readable.from([bytes]),
        filename: path.split('/').pop(),
        truncated: () => false,
      }));
      return record.kind === 'image' ? record.hash : null;
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return null;
      throw e;
    }
  };

  return {
    /**
     * Reads the package, then creates ONE draft quiz with every supported item; everything else is
     * listed. Nothing is stored when no item can be imported (422 with the list) or the upload is
     * refused (4xx naming the file).
     */
    async importUpload(auth: Auth, receive: () => Promise<QtiUpload>): Promise<QtiImportResult> {
      assertCanAuthorContent(auth);
      const upload = await receive();
      const form = qtiImportFields.safeParse(upload.fields);
      if (!form.success) throw fieldsFailed(form.error.issues);
      const { title, ...tags } = form.data;
      const pkg = await readQtiUpload(upload.name, upload.bytes);
      const unsupported: QtiSkippedItem[] = [...pkg.skipped];
      const skip = (p: PackageItem, reason: string) =>
        unsupported.push({
          identifier: p.item.identifier,
          file: p.file,
          interaction: p.item.interaction,
          reason,
        });

      // Pictures the package lacks are left out first; an option that was only a picture then fails.
      const kept: PackageItem[] = [];
      for (const p of pkg.items) {
        let item = p.item.item;
        const missing = p.images.filter((img) => img.path === null || !IMAGE_FILE.test(img.path));
        for (const img of missing) item = setImage(item, img.slot, null);
        const checked = quizItem.safeParse(item);
        if (!checked.success) {
          skip(
            p,
            `picture ${missing[0]?.src ?? ''} is missing from the package or not an image (${firstIssue(checked.error)})`,
          );
          continue;
        }
        if (kept.length >= MAX_ITEMS) {
          skip(p, `a quiz holds at most ${MAX_ITEMS} items`);
          continue;
        }
        kept.push({
          ...p,
          item: { ...p.item, item },
          images: p.images.filter((img) => !missing.includes(img)),
        });
      }
      if (!kept.length)
        throw new AppError(422, 'qti_nothing_supported', 'No item of this package can be imported', {
          file: upload.name,
          unsupported,
        });

      // Ids unique across the quiz: two packages' items may share an identifier.
      const ids = new Set<string>();
      const hashes = new Map<string, string | null>();
      const items: QuizItemInput[] = [];
      for (const p of kept) {
        let item = p.item.item;
        for (const img of p.images) {
          const path = img.path as string;
          if (!hashes.has(path))
            hashes.set(path, await storeImage(auth, path, pkg.files.get(path) as Buffer));
          item = setImage(item, img.slot, hashes.get(path) ?? null);
        }
        const checked = quizItem.safeParse(item);
        if (!checked.success) {
          skip(p, `a picture could not be stored (${firstIssue(checked.error)})`);
          continue;
        }
        let id = lawhId(item.id);
        for (let n = 2; ids.has(id); n++) id = `${lawhId(item.id).slice(0, 58)}_${n}`;
        ids.add(id);
        items.push({ ...item, id });
      }
      if (!items.length)
        throw new AppError(422, 'qti_nothing_supported', 'No item of this package can be imported', {
          file: upload.name,
          unsupported,
        });

      const quizTitle =
        title ??
        pkg.title ??
        (upload.name
          .replace(/\.(zip|xml)$/i, '')
          .trim()
          .slice(0, 200) ||
          'QTI');
      const input = quizInput.safeParse({ title: quizTitle, tags, items, mastery: { rule: 'allCorrect' } });
      if (!input.success)
        throw new AppError(422, 'invalid', `The quiz is not valid: ${firstIssue(input.error)}`);
      const created: ContentDetail = await content.createQuiz(auth, input.data);
      return { quizId: created.id, imported: items.length, unsupported };
    },
  };
}
