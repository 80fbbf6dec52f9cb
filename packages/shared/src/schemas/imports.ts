import { z } from 'zod';

/** One problem found in an imported file, precise enough to fix the file by hand. */
export const importProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importCounts = z.record(
  z.string(),
  z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
);
export type ImportCounts = z.infer<typeof importCounts>;

export const importResult = z.object({ ok: z.literal(true), counts: importCounts });
export type ImportResult = z.infer<typeof importResult>;
