import { z } from 'zod';
import { LOCALES } from '../lib/constants';
import { id } from './common';

export const ROLES = ['programme_admin', 'school_admin', 'teacher', 'learner'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export { LOCALES };
export const locale = z.enum(LOCALES);
export type Locale = z.infer<typeof locale>;

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const me = z.object({
  id,
  role,
  username: z.string(),
  displayName: z.string(),
  schoolId: id.nullable(),
  locale,
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const localeBody = z.strictObject({ locale });
