import { z } from 'zod';
import { cycle, level, subject } from './classes';
import { contentLanguage, mediaHash, mediaKind } from './content';
import { contentKind } from './content-api';

// Content packs: a zip holding manifest.json and the media at media/<sha256>. Format in
// docs/content-packs.md. Only published versions travel; drafts stay on the server that wrote them.

export const PACK_FORMAT = 'lawh-pack';
export const PACK_FORMAT_VERSION = 1;

/** Which content goes into a pack. Several units make a term (content has no term link). */
export const packFilters = z.strictObject({
  unit: z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(50)]).optional(),
  level: level.optional(),
  subject: subject.optional(),
  cycle: cycle.optional(),
  language: contentLanguage.optional(),
});
export type PackFilters = z.infer<typeof packFilters>;

const isoTime = z.string().min(10).max(40);
const tagText = z.string().max(100);

export const packVersion = z.strictObject({
  id: z.string().min(1).max(64),
  version: z.number().int().min(1),
  title: z.string().min(1).max(200),
  cycle: tagText,
  level: tagText,
  subject: tagText,
  unit: tagText.nullable(),
  language: tagText,
  /** The frozen body as stored: JSON text of a lesson's `{blocks}` or a quiz's `{items, mastery}`. */
  body: z.string().max(2_000_000),
  publishedBy: z.string().max(64),
  publishedAt: isoTime,
});
export type PackVersion = z.infer<typeof packVersion>;

export const packContent = z.strictObject({
  id: z.string().min(1).max(64),
  kind: contentKind,
  /** null: the programme library. */
  schoolId: z.string().max(64).nullable(),
  createdBy: z.string().max(64),
  createdAt: isoTime,
  versions: z.array(packVersion).min(1).max(1000),
});
export type PackContent = z.infer<typeof packContent>;

const dimension = z.number().int().min(0).nullable();

export const packRendition = z.strictObject({
  name: z.string().min(1).max(100),
  hash: mediaHash,
  mime: z.string().min(1).max(100),
  bytes: z.number().int().min(0),
  width: dimension,
  height: dimension,
});

export const packMedia = z.strictObject({
  hash: mediaHash,
  kind: mediaKind,
  mime: z.string().min(1).max(100),
  bytes: z.number().int().min(0),
  width: dimension,
  height: dimension,
  durationMs: dimension,
  originalName: z.string().max(200).nullable(),
  renditions: z.array(packRendition).max(20),
});
export type PackMedia = z.infer<typeof packMedia>;

export const packManifest = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  createdAt: isoTime,
  source: z.strictObject({
    app: z.string().max(100),
    /** The server's host name or public URL, for the person importing; not used to decide anything. */
    server: z.string().max(300),
  }),
  filters: packFilters,
  content: z.array(packContent).max(100_000),
  media: z.array(packMedia).max(100_000),
});
export type PackManifest = z.infer<typeof packManifest>;

export const packImportSummary = z.strictObject({
  contentCreated: z.number().int(),
  contentUpdated: z.number().int(),
  contentUnchanged: z.number().int(),
  versionsAdded: z.number().int(),
  mediaAdded: z.number().int(),
  mediaAlreadyPresent: z.number().int(),
  bytesVerified: z.number().int(),
});
export type PackImportSummary = z.infer<typeof packImportSummary>;
