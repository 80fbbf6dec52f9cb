import { z } from 'zod';
import { cycle, level, subject } from './classes';
import { id, listQuery } from './common';
import { contentLanguage, type LessonInput, type QuizInput } from './content';

// Requests and responses of /api/v1/content. Authored bodies are validated on the way in by
// lessonInput/quizInput; on the way out they are typed but not re-validated, so a rule tightened
// later can never turn an old, published version into a server error.

export const CONTENT_KINDS = ['lesson', 'quiz'] as const;
export const contentKind = z.enum(CONTENT_KINDS);
export type ContentKind = z.infer<typeof contentKind>;

/** draft: never published; published: has at least one version (it may also have newer draft edits). */
export const contentStatus = z.enum(['draft', 'published']);
export type ContentStatus = z.infer<typeof contentStatus>;

export const contentListQuery = listQuery.extend({
  sort: z.enum(['updatedAt', 'title', 'createdAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  kind: contentKind.optional(),
  cycle: cycle.optional(),
  level: level.optional(),
  subject: subject.optional(),
  unit: z.string().trim().min(1).max(100).optional(),
  language: contentLanguage.optional(),
  status: z.enum(['draft', 'published', 'all']).default('all'),
});
export type ContentListQuery = z.infer<typeof contentListQuery>;

export const contentVersionParams = z.strictObject({ id, version: z.coerce.number().int().min(1) });

/** Tags as stored; loose on output (see above). */
export const contentTagsView = z.object({
  cycle: z.string(),
  level: z.string(),
  subject: z.string(),
  unit: z.string().optional(),
  language: z.string(),
});

/** What an author edits and gets back: lessonInput or quizInput, by kind. */
export type ContentInput = LessonInput | QuizInput;
const contentInput = z.custom<ContentInput>();

/**
 * One item as the viewer sees it. Title and tags come from the draft when the viewer may see it
 * (staff of the owning school, the programme admin) and from the latest published version otherwise.
 */
export const contentSummary = z.object({
  id,
  kind: contentKind,
  /** null: the programme-wide library. */
  schoolId: id.nullable(),
  title: z.string(),
  tags: contentTagsView,
  status: contentStatus,
  latestVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  /** The draft differs from the latest version (always true before the first publish). */
  hasUnpublishedChanges: z.boolean(),
  canEdit: z.boolean(),
  archived: z.boolean(),
  updatedAt: z.string(),
});
export type ContentSummary = z.infer<typeof contentSummary>;

export const contentVersionInfo = z.object({
  contentId: id,
  version: z.number().int(),
  title: z.string(),
  publishedAt: z.string(),
  publishedBy: id,
  publishedByName: z.string().nullable(),
});
export type ContentVersionInfo = z.infer<typeof contentVersionInfo>;

export const contentDetail = contentSummary.extend({
  /** null when the viewer may not see the draft (learners; other schools' staff on library items). */
  draft: z.object({ input: contentInput, updatedAt: z.string() }).nullable(),
  latest: contentVersionInfo.nullable(),
});
export type ContentDetail = z.infer<typeof contentDetail>;

/** One frozen version, whole: what a learner's record points at. */
export const contentVersion = contentVersionInfo.extend({
  kind: contentKind,
  tags: contentTagsView,
  input: contentInput,
});
export type ContentVersion = z.infer<typeof contentVersion>;

export const contentVersionList = z.object({ items: z.array(contentVersionInfo) });
export type ContentVersionList = z.infer<typeof contentVersionList>;

export const contentPublished = z.object({
  contentId: id,
  version: z.number().int(),
  publishedAt: z.string(),
});
export type ContentPublished = z.infer<typeof contentPublished>;
