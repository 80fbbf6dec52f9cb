import { z } from 'zod';
import { cycle, LEVELS, level, subject } from './classes';
import { id, text } from './common';
import { contentLanguage } from './content';

/** A browser's FormData sends an unset field as "": treat it as absent. */
const withoutEmpty = (v: unknown) =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v;

/**
 * The form fields of `POST /api/v1/content/import/qti` (multipart, beside the `file`): the new
 * quiz's tags, as in authoring, and optionally its title (else the package's, else the file name).
 */
export const qtiImportFields = z.preprocess(
  withoutEmpty,
  z
    .strictObject({
      title: text(200).optional(),
      cycle,
      level,
      subject,
      unit: text(100).optional(),
      language: contentLanguage,
    })
    .refine((t) => (LEVELS[t.cycle] as readonly string[]).includes(t.level), {
      message: 'level does not belong to this cycle',
      path: ['level'],
    }),
);
export type QtiImportFields = z.infer<typeof qtiImportFields>;

/** An item that was not imported, and why: shown to the teacher, never silently dropped. */
export const qtiSkippedItem = z.object({
  /** The item's QTI identifier (or the manifest resource's, when the file could not be read). */
  identifier: z.string(),
  /** Path of the item file inside the package. */
  file: z.string(),
  /** The QTI 2.1 name of the interaction, e.g. "hotspotInteraction"; "none" when there is none. */
  interaction: z.string(),
  reason: z.string(),
});
export type QtiSkippedItem = z.infer<typeof qtiSkippedItem>;

export const qtiImportResult = z.object({
  quizId: id,
  imported: z.number().int().min(1),
  unsupported: z.array(qtiSkippedItem),
});
export type QtiImportResult = z.infer<typeof qtiImportResult>;
