import { z } from 'zod';
import { meetingUrlSetting } from './attendance';
import { id, listQuery, text } from './common';

/** The 12 regions of Morocco (2015 division); one regional academy (AREF) each. */
export const REGIONS = [
  'tanger-tetouan-al-hoceima',
  'oriental',
  'fes-meknes',
  'rabat-sale-kenitra',
  'beni-mellal-khenifra',
  'casablanca-settat',
  'marrakech-safi',
  'draa-tafilalet',
  'souss-massa',
  'guelmim-oued-noun',
  'laayoune-sakia-el-hamra',
  'dakhla-oued-ed-dahab',
] as const;
export const region = z.enum(REGIONS);
export type Region = z.infer<typeof region>;

export const schoolCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{3,20}$/, 'use 3–20 capital letters, digits or hyphens');

export const schoolInput = z.strictObject({
  code: schoolCode,
  nameAr: text(200),
  nameFr: text(200),
  region,
  province: text(100),
  /** The school's video-meeting service for live sessions (attendance.ts); null: none. */
  meetingUrl: meetingUrlSetting.nullable().optional(),
});
export type SchoolInput = z.infer<typeof schoolInput>;
export const schoolPatch = schoolInput.partial();

export const school = schoolInput.extend({
  id,
  archived: z.boolean(),
  learnerCount: z.number().int(),
  tabletCount: z.number().int(),
  meetingUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type School = z.infer<typeof school>;

export const schoolListQuery = listQuery.extend({
  sort: z.enum(['code', 'nameFr', 'nameAr', 'region', 'province']).default('nameFr'),
  region: region.optional(),
});
export type SchoolListQuery = z.infer<typeof schoolListQuery>;
