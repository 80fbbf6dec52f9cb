import { z } from 'zod';
import { MASSAR_CODE } from '../lib/massar';
import { id, isoDate, listQuery, text } from './common';

export const sex = z.enum(['F', 'M']);
export const consentStatus = z.enum(['pending', 'granted', 'refused', 'withdrawn']);
export type ConsentStatus = z.infer<typeof consentStatus>;

export const massarCode = z
  .string()
  .trim()
  .regex(MASSAR_CODE, 'one capital letter and 9 digits, e.g. J130012345');
export const username = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, hyphen or underscore');
export const password = z.string().min(10, 'at least 10 characters').max(200);

const guardianFields = {
  guardianName: text(200).nullable().optional(),
  guardianPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{6,20}$/, 'digits, spaces and an optional leading +')
    .nullable()
    .optional(),
  consentStatus: consentStatus.default('pending'),
  consentDate: isoDate.nullable().optional(),
};

const consentDateRule = <T extends { consentStatus?: ConsentStatus; consentDate?: string | null }>(v: T) =>
  !v.consentStatus || v.consentStatus === 'pending' || !!v.consentDate;
const consentDateIssue = { message: 'a decided consent needs its date', path: ['consentDate'] };

export const learnerInput = z
  .strictObject({
    schoolId: id,
    massarCode,
    nameAr: text(200),
    givenName: text(100),
    familyName: text(100),
    sex,
    birthYear: z.number().int().min(1990).max(2030),
    ...guardianFields,
  })
  .refine(consentDateRule, consentDateIssue);
export type LearnerInput = z.infer<typeof learnerInput>;

export const learnerPatch = z
  .strictObject({
    massarCode: massarCode.optional(),
    nameAr: text(200).optional(),
    givenName: text(100).optional(),
    familyName: text(100).optional(),
    sex: sex.optional(),
    birthYear: z.number().int().min(1990).max(2030).optional(),
    guardianName: guardianFields.guardianName,
    guardianPhone: guardianFields.guardianPhone,
    consentStatus: consentStatus.optional(),
    consentDate: guardianFields.consentDate,
  })
  .refine(consentDateRule, consentDateIssue);
export type LearnerPatch = z.infer<typeof learnerPatch>;

export const learner = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  massarCode: z.string(),
  nameAr: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  sex,
  birthYear: z.number().int(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  consentStatus,
  consentDate: z.string().nullable(),
  archived: z.boolean(),
});
export type Learner = z.infer<typeof learner>;

export const learnerListQuery = listQuery.extend({
  sort: z.enum(['familyName', 'givenName', 'nameAr', 'massarCode', 'birthYear']).default('familyName'),
  schoolId: id.optional(),
  classId: id.optional(),
  sex: sex.optional(),
  consentStatus: consentStatus.optional(),
});
export type LearnerListQuery = z.infer<typeof learnerListQuery>;

/** Staff: school admins and teachers (programme admins are made from the command line). */
export const staffRole = z.enum(['school_admin', 'teacher']);
export const staffInput = z.strictObject({
  schoolId: id,
  role: staffRole,
  username,
  password,
  nameAr: text(200),
  givenName: text(100),
  familyName: text(100),
  sex,
});
export type StaffInput = z.infer<typeof staffInput>;
export const staffPatch = z.strictObject({
  nameAr: text(200).optional(),
  givenName: text(100).optional(),
  familyName: text(100).optional(),
  sex: sex.optional(),
  password: password.optional(),
});
export type StaffPatch = z.infer<typeof staffPatch>;

export const staff = z.object({
  id,
  schoolId: id.nullable(),
  schoolName: z.string().nullable(),
  role: staffRole,
  username: z.string(),
  nameAr: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  sex: sex.nullable(),
  archived: z.boolean(),
});
export type Staff = z.infer<typeof staff>;

export const staffListQuery = listQuery.extend({
  sort: z.enum(['familyName', 'givenName', 'nameAr', 'username']).default('familyName'),
  schoolId: id.optional(),
  role: staffRole.optional(),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

export const enrolmentInput = z.strictObject({ learnerId: id });
export const enrolmentParams = z.strictObject({ id, learnerId: id });
export const enrolment = z.object({
  id,
  classId: id,
  learnerId: id,
  massarCode: z.string(),
  nameAr: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  sex,
});
export type Enrolment = z.infer<typeof enrolment>;
export const enrolmentList = z.array(enrolment);
