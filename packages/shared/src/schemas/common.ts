import { z } from 'zod';
import { CONTROL_CHARS } from '../lib/text';

/** A trimmed single-line string with no control characters. */
export const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s) && !/[\n\r\t]/.test(s), {
      message: 'must not contain control characters',
    });

/** Free text that may span lines (notes), still without other control characters. */
export const longText = (max = 2000) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'not a valid id');
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });

export const idParams = z.strictObject({ id });

export const listQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  order: z.enum(['asc', 'desc']).default('asc'),
  archived: z.enum(['false', 'true', 'all']).default('false'),
});
export type ListQuery = z.infer<typeof listQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const okBody = z.object({ ok: z.literal(true) });
