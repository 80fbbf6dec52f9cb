import type {
  ContentDetail,
  ContentListQuery,
  ContentPublished,
  ContentSummary,
  ContentVersion,
  ContentVersionInfo,
  ContentVersionList,
  LessonInput,
  Page,
  QuizInput,
} from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import {
  type Auth,
  assertCanAuthorContent,
  assertCanEditContent,
  canSeeContentDraft,
  contentSchoolFor,
} from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { type ContentRow, contentRepository as repo } from './content.repository';
import {
  type Authored,
  fromStored,
  mediaReferences,
  parseAuthored,
  quizReferences,
  sanitiseAuthored,
  tagsOf,
  toStored,
} from './content-input';
import { ftsQuery, searchDocument, searchTextOf, tsQuery } from './content-search';

const displayName = (given: string | null, family: string | null) =>
  [given, family].filter(Boolean).join(' ') || null;

function toSummary(auth: Auth, r: ContentRow): ContentSummary {
  // Rows without a visible draft are published (visibleContent), so their version columns are set.
  const draft = canSeeContentDraft(auth, r);
  const published = {
    title: r.publishedTitle ?? '',
    cycle: r.publishedCycle ?? '',
    level: r.publishedLevel ?? '',
    subject: r.publishedSubject ?? '',
    unit: r.publishedUnit,
    language: r.publishedLanguage ?? '',
  };
  const shown = draft ? r : published;
  return {
    id: r.id,
    kind: r.kind,
    schoolId: r.schoolId,
    title: shown.title,
    tags: tagsOf(shown),
    status: r.latestVersion === null ? 'draft' : 'published',
    latestVersion: r.latestVersion,
    publishedAt: r.publishedAt,
    hasUnpublishedChanges: draft && Number(r.draftChanged) === 1,
    canEdit: draft,
    archived: r.archivedAt !== null,
    updatedAt: draft ? r.updatedAt : (r.publishedAt ?? r.updatedAt),
  };
}

/** Where new ids and timestamps come from; the demo seed passes fixed ones so its rows repeat. */
export interface ContentClock {
  newId(): string;
  now(): string;
}
const systemClock: ContentClock = { newId, now: nowIso };

export function contentService(db: Kysely<DB>, clock: ContentClock = systemClock) {
  const find = async (auth: Auth, id: string) => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('Content');
    return row;
  };

  const get = async (auth: Auth, id: string): Promise<ContentDetail> => {
    const r = await find(auth, id);
    const draft = canSeeContentDraft(auth, r);
    return {
      ...toSummary(auth, r),
      draft: draft
        ? { input: fromStored(r.kind, { ...r, body: r.draftBody }), updatedAt: r.draftUpdatedAt }
        : null,
      latest:
        r.latestVersion === null || r.publishedAt === null || r.publishedBy === null
          ? null
          : {
              contentId: r.id,
              version: r.latestVersion,
              title: r.publishedTitle ?? '',
              publishedAt: r.publishedAt,
              publishedBy: r.publishedBy,
              publishedByName: displayName(r.publisherGivenName, r.publisherFamilyName),
            },
    };
  };

  /**
   * What a body points at must exist: media in the store, and quizzes the author may see that
   * belong to the lesson's school or the programme library (another school's learners could not
   * open them). At publish time the quizzes must be published too.
   */
  const checkReferences = async (auth: Auth, schoolId: string | null, a: Authored, publishing = false) => {
    const links = quizReferences(a);
    const quizzes = new Map(
      (await repo.findQuizzes(db, auth, [...new Set(links.map((l) => l.value))])).map((q) => [q.id, q]),
    );
    for (const link of links) {
      const quiz = quizzes.get(link.value);
      if (!quiz) throw invalid(link.field, 'no quiz with this id');
      if (quiz.schoolId !== null && quiz.schoolId !== schoolId)
        throw invalid(
          link.field,
          "a quiz of another school; learners of this lesson's school cannot open it",
        );
      if (quiz.archivedAt !== null) throw invalid(link.field, 'this quiz is archived');
      if (publishing && quiz.latestVersion === null) throw invalid(link.field, 'publish this quiz first');
    }
    const media = mediaReferences(a);
    const stored = await repo.mediaKinds(db, [...new Set(media.map((m) => m.value))]);
    for (const m of media) {
      const kind = stored.get(m.value);
      if (kind === undefined) throw invalid(m.field, 'no media with this hash; upload the file first');
      // The store judged the kind from the bytes; a block must not play a PDF as audio.
      if (kind !== m.kind) throw invalid(m.field, `this file is ${kind}, not ${m.kind}`);
    }
  };

  /** The draft's columns and search document for an insert or update. */
  const draftColumns = (a: Authored, now: string) => {
    const { body, ...columns } = toStored(a);
    const doc = searchDocument(a);
    const searchText = searchTextOf(doc);
    return { columns: { ...columns, draftBody: body, draftUpdatedAt: now, updatedAt: now, searchText }, doc };
  };

  const create = async (auth: Auth, authored: Authored): Promise<ContentDetail> => {
    assertCanAuthorContent(auth);
    const schoolId = contentSchoolFor(auth);
    const a = sanitiseAuthored(authored);
    await checkReferences(auth, schoolId, a);
    const id = clock.newId();
    const now = clock.now();
    const { columns, doc } = draftColumns(a, now);
    await inTransaction(db, async (trx) => {
      await repo.insert(trx, {
        id,
        kind: a.kind,
        schoolId,
        createdBy: auth.userId,
        createdAt: now,
        ...columns,
      });
      await repo.indexDraft(trx, id, doc, columns.searchText);
    });
    return get(auth, id);
  };

  /** The item, if the user may change it now. */
  const editable = async (auth: Auth, id: string) => {
    const row = await find(auth, id);
    assertCanEditContent(auth, row);
    if (row.archivedAt !== null) throw conflict('archived', 'This content is archived; restore it first');
    return row;
  };

  return {
    get,

    async list(auth: Auth, q: ContentListQuery): Promise<Page<ContentSummary>> {
      // Archived content is an author's matter; learners only ever see the live library.
      const query = auth.role === 'learner' ? { ...q, archived: 'false' as const } : q;
      const fts = ftsQuery(q.q);
      const ts = tsQuery(q.q);
      const { rows, total } = await repo.list(db, auth, query, fts && ts ? { fts, ts } : null);
      return { items: rows.map((r) => toSummary(auth, r)), total, page: q.page, pageSize: q.pageSize };
    },

    createLesson: (auth: Auth, input: LessonInput) => create(auth, { kind: 'lesson', input }),
    createQuiz: (auth: Auth, input: QuizInput) => create(auth, { kind: 'quiz', input }),

    /** Replaces the draft; published versions are untouched. */
    async saveDraft(auth: Auth, id: string, body: unknown): Promise<ContentDetail> {
      const row = await editable(auth, id);
      const a = sanitiseAuthored(parseAuthored(row.kind, body));
      await checkReferences(auth, row.schoolId, a);
      const { columns, doc } = draftColumns(a, clock.now());
      await inTransaction(db, async (trx) => {
        await repo.update(trx, id, columns);
        await repo.indexDraft(trx, id, doc, columns.searchText);
      });
      return get(auth, id);
    },

    /** Freezes the draft as version latest+1. Earlier versions are never changed. */
    async publish(auth: Auth, id: string): Promise<ContentPublished> {
      const row = await editable(auth, id);
      if (row.latestVersion !== null && Number(row.draftChanged) === 0)
        throw conflict('draft', `Nothing changed since version ${row.latestVersion}`);
      await checkReferences(
        auth,
        row.schoolId,
        parseAuthored(row.kind, fromStored(row.kind, { ...row, body: row.draftBody })),
        true,
      );
      const now = clock.now();
      const version = await inTransaction(db, async (trx) => {
        const { latestVersion, draftBody, ...columns } = await repo.nextVersion(trx, id, now);
        const versionId = clock.newId();
        const next = Number(latestVersion);
        await repo.insertVersion(trx, {
          id: versionId,
          contentId: id,
          version: next,
          ...columns,
          body: draftBody,
          publishedBy: auth.userId,
          publishedAt: now,
        });
        await repo.indexPublished(trx, id, versionId);
        return next;
      });
      return { contentId: id, version, publishedAt: now };
    },

    async versions(auth: Auth, id: string): Promise<ContentVersionList> {
      await find(auth, id);
      const rows = await repo.listVersions(db, id);
      return {
        items: rows.map(
          (v): ContentVersionInfo => ({
            contentId: v.contentId,
            version: v.version,
            title: v.title,
            publishedAt: v.publishedAt,
            publishedBy: v.publishedBy,
            publishedByName: displayName(v.givenName, v.familyName),
          }),
        ),
      };
    },

    async version(auth: Auth, id: string, version: number): Promise<ContentVersion> {
      const item = await find(auth, id);
      const v = await repo.getVersion(db, id, version);
      if (!v) throw notFound('Version');
      return {
        contentId: v.contentId,
        kind: item.kind,
        version: v.version,
        title: v.title,
        tags: tagsOf(v),
        input: fromStored(item.kind, v),
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy,
        publishedByName: displayName(v.givenName, v.familyName),
      };
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<ContentDetail> {
      const row = await find(auth, id);
      assertCanEditContent(auth, row);
      const now = clock.now();
      await repo.update(db, id, { archivedAt: archived ? (row.archivedAt ?? now) : null, updatedAt: now });
      return get(auth, id);
    },
  };
}
