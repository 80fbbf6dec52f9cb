import {
  type ContentInput,
  type ContentKind,
  type LessonInput,
  lessonInput,
  type MediaRef,
  type QuizInput,
  type QuizOption,
  quizInput,
} from '@lawh/shared';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { sanitiseLessonBody } from './content-sanitise';

/** An authored lesson or quiz, tagged with its kind so that code can narrow on it. */
export type Authored = { kind: 'lesson'; input: LessonInput } | { kind: 'quiz'; input: QuizInput };

/** The columns an item's draft and each version share; `body` is JSON without the title and tags. */
export interface StoredContent {
  title: string;
  cycle: string;
  level: string;
  subject: string;
  unit: string | null;
  language: string;
  body: string;
}

/**
 * Validates a draft against its kind's schema. The route cannot (the kind is the stored item's), so
 * this answers exactly as request validation does: a 400 naming each offending path.
 */
export function parseAuthored(kind: ContentKind, body: unknown): Authored {
  const parsed = kind === 'lesson' ? lessonInput.safeParse(body) : quizInput.safeParse(body);
  if (!parsed.success) throw validationFailed(parsed.error);
  return { kind, input: parsed.data } as Authored;
}

function validationFailed(error: z.ZodError): AppError {
  const issues = error.issues.flatMap((i) => {
    const base = i.path.join('.');
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'unknown field' }));
    return [{ field: base || 'body', message: i.message }];
  });
  const first = issues[0];
  return new AppError(400, 'validation_failed', first ? `${first.field}: ${first.message}` : 'invalid body', {
    in: 'body',
    issues,
  });
}

/** Rich text is stored only sanitised. */
export function sanitiseAuthored(a: Authored): Authored {
  return a.kind === 'lesson'
    ? { kind: 'lesson', input: { ...a.input, body: sanitiseLessonBody(a.input.body) } }
    : a;
}

export function toStored(a: Authored): StoredContent {
  const { title, tags } = a.input;
  const body = a.kind === 'lesson' ? a.input.body : { items: a.input.items, mastery: a.input.mastery };
  return {
    title,
    cycle: tags.cycle,
    level: tags.level,
    subject: tags.subject,
    unit: tags.unit ?? null,
    language: tags.language,
    body: JSON.stringify(body),
  };
}

export function tagsOf(s: Omit<StoredContent, 'body' | 'title'>) {
  return {
    cycle: s.cycle,
    level: s.level,
    subject: s.subject,
    ...(s.unit === null ? {} : { unit: s.unit }),
    language: s.language,
  };
}

/** Rebuilds what the author sent (lessonInput or quizInput) from stored columns. */
export function fromStored(kind: ContentKind, s: StoredContent): ContentInput {
  const body = JSON.parse(s.body) as Record<string, unknown>;
  const head = { title: s.title, tags: tagsOf(s) };
  return (kind === 'lesson' ? { ...head, body } : { ...head, ...body }) as ContentInput;
}

/** A reference inside a body, with the request path that names it in a 422. */
export interface Reference {
  value: string;
  field: string;
}

export interface MediaReference extends Reference {
  kind: MediaRef['kind'];
}

function mediaOf(found: MediaReference[], field: string, ref: MediaRef | undefined) {
  if (ref) found.push({ value: ref.hash, kind: ref.kind, field: `${field}.hash` });
}

function optionMedia(found: MediaReference[], field: string, options: readonly QuizOption[]) {
  options.forEach((o, j) => {
    mediaOf(found, `${field}.${j}.image`, o.image);
    mediaOf(found, `${field}.${j}.audio`, o.audio);
  });
}

/** Every media hash the body points at. */
export function mediaReferences(a: Authored): MediaReference[] {
  const found: MediaReference[] = [];
  if (a.kind === 'lesson') {
    a.input.body.blocks.forEach((b, i) => {
      const at = `body.blocks.${i}`;
      mediaOf(found, `${at}.spoken`, b.spoken);
      if ('media' in b) mediaOf(found, `${at}.media`, b.media);
    });
    return found;
  }
  a.input.items.forEach((item, i) => {
    const at = `items.${i}`;
    mediaOf(found, `${at}.prompt.image`, item.prompt.image);
    mediaOf(found, `${at}.prompt.audio`, item.prompt.audio);
    if ('options' in item) optionMedia(found, `${at}.options`, item.options);
    if (item.type === 'matching') {
      optionMedia(found, `${at}.left`, item.left);
      optionMedia(found, `${at}.right`, item.right);
    }
  });
  return found;
}

/** The quizzes a lesson links to. */
export function quizReferences(a: Authored): Reference[] {
  if (a.kind !== 'lesson') return [];
  return a.input.body.blocks.flatMap((b, i) =>
    b.type === 'quiz' ? [{ value: b.quizId, field: `body.blocks.${i}.quizId` }] : [],
  );
}
