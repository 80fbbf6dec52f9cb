import type { Locale, SyncRow } from '@lawh/shared';
import { schoolDate } from '@lawh/shared/lib/school-day';
import type { LocalWork } from '../../tablet/local-types';
import { forLearner } from './task-model';

// The learner home as pure data, built from the rows on the tablet. Every input is filtered by the
// signed-in learner here, once, so no screen can show another learner's work by forgetting a filter.

export type Learner = SyncRow<'learner'>;
export type ContentRow = SyncRow<'content'>;
export type WorkState = 'new' | 'started' | 'completed' | 'mastered';
export type DueState = 'overdue' | 'today' | 'later' | 'none';

export interface WorkItem {
  assignmentId: string;
  contentId: string;
  /** Null while the content has not reached the tablet yet. */
  content: Pick<ContentRow, 'kind' | 'title' | 'language' | 'unit' | 'subject'> | null;
  dueAt: string | null;
  due: DueState;
  state: WorkState;
  /** 0..1 for quizzes, when known. */
  score: number | null;
  attempts: number;
  /** Null when the learner has done nothing with it yet. */
  sync: 'waiting' | 'sent' | null;
  /** Whether every picture, sound, video and PDF of it is on the tablet (true when it has none). */
  mediaReady: boolean;
}

export interface UnitProgress {
  subject: string;
  unit: string | null;
  done: number;
  total: number;
}

export interface HomeModel {
  todo: WorkItem[];
  done: WorkItem[];
  units: UnitProgress[];
}

export interface HomeInput {
  learnerId: string;
  enrolments: SyncRow<'enrolment'>[];
  assignments: SyncRow<'assignment'>[];
  contents: ContentRow[];
  /** This learner's LocalWork (db.work(learnerId)); filtered again here. */
  work: LocalWork[];
  progress: SyncRow<'progress'>[];
  ackedSeq: number;
  now: Date;
  /** Hashes of the media files downloaded and verified on this tablet. */
  mediaDone?: ReadonlySet<string>;
}

/** The learner's name as the interface language writes it: the Arabic name in Arabic, Latin otherwise. */
export function learnerName(l: Pick<Learner, 'givenName' | 'familyName' | 'nameAr'>, locale: Locale) {
  if (locale === 'ar' && l.nameAr) return l.nameAr;
  return `${l.givenName} ${l.familyName}`.trim();
}

export function sortLearners(list: Learner[], locale: Locale): Learner[] {
  const collator = new Intl.Collator(locale === 'zgh' ? 'fr' : locale);
  return [...list].sort((a, b) => collator.compare(learnerName(a, locale), learnerName(b, locale)));
}

const RANK: Record<WorkState, number> = { new: 0, started: 1, completed: 2, mastered: 3 };
const isDone = (s: WorkState) => s === 'completed' || s === 'mastered';

export function dueState(dueAt: string | null, now: Date): DueState {
  if (dueAt === null) return 'none';
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  return schoolDate(due) === schoolDate(now) ? 'today' : 'later';
}

/** "Waiting to send" until the server acknowledged the learner's last event on this item. */
export function syncState(local: LocalWork | undefined, hasServerRow: boolean, ackedSeq: number) {
  if (local) return local.lastDeviceSeq > ackedSeq ? 'waiting' : 'sent';
  return hasServerRow ? 'sent' : null;
}

export function buildHome(input: HomeInput): HomeModel {
  const { learnerId, now } = input;
  const classIds = new Set(input.enrolments.filter((e) => e.learnerId === learnerId).map((e) => e.classId));
  const contents = new Map(input.contents.map((c) => [c.id, c]));
  const work = new Map(input.work.filter((w) => w.learnerId === learnerId).map((w) => [w.contentId, w]));
  const progress = new Map(
    input.progress.filter((p) => p.learnerId === learnerId).map((p) => [p.contentId, p]),
  );

  // One entry per content: when two classes assign the same lesson, the earlier due date wins.
  const byContent = new Map<string, SyncRow<'assignment'> & { contentId: string }>();
  for (const a of input.assignments) {
    // Tasks (no content item) are listed by the task list (task-model.ts).
    if (a.contentId === null) continue;
    // The class, and the learner when the teacher chose learners.
    if (!forLearner(a, learnerId, classIds) || new Date(a.openAt).getTime() > now.getTime()) continue;
    const seen = byContent.get(a.contentId);
    if (!seen || dueTime(a.dueAt) < dueTime(seen.dueAt))
      byContent.set(a.contentId, { ...a, contentId: a.contentId });
  }

  const items: WorkItem[] = [...byContent.values()].map((a) => {
    const local = work.get(a.contentId);
    const server = progress.get(a.contentId);
    const c = contents.get(a.contentId);
    const state = maxState(local?.status, server?.status);
    const latest = (local?.lastAt ?? '') >= (server?.lastAt ?? '') ? local : server;
    return {
      assignmentId: a.id,
      contentId: a.contentId,
      content: c
        ? { kind: c.kind, title: c.title, language: c.language, unit: c.unit, subject: c.subject }
        : null,
      dueAt: a.dueAt,
      due: dueState(a.dueAt, now),
      state,
      score: latest?.score ?? local?.score ?? server?.score ?? null,
      attempts: Math.max(local?.attempts ?? 0, server?.attempts ?? 0),
      sync: syncState(local, server !== undefined, input.ackedSeq),
      mediaReady: c ? c.media.every((m) => input.mediaDone?.has(m.hash) ?? false) : false,
    };
  });

  const byDue = (a: WorkItem, b: WorkItem) =>
    dueTime(a.dueAt) - dueTime(b.dueAt) || (a.content?.title ?? '').localeCompare(b.content?.title ?? '');
  return {
    todo: items.filter((i) => !isDone(i.state)).sort(byDue),
    done: items.filter((i) => isDone(i.state)).sort(byDue),
    units: unitProgress(items),
  };
}

function dueTime(dueAt: string | null) {
  return dueAt === null ? Number.POSITIVE_INFINITY : new Date(dueAt).getTime();
}

function maxState(...states: Array<WorkState | undefined>): WorkState {
  let best: WorkState = 'new';
  for (const s of states) if (s && RANK[s] > RANK[best]) best = s;
  return best;
}

function unitProgress(items: WorkItem[]): UnitProgress[] {
  const units = new Map<string, UnitProgress>();
  for (const i of items) {
    if (!i.content) continue;
    const key = `${i.content.subject}\u0000${i.content.unit ?? ''}`;
    const u = units.get(key) ?? { subject: i.content.subject, unit: i.content.unit, done: 0, total: 0 };
    u.total++;
    if (isDone(i.state)) u.done++;
    units.set(key, u);
  }
  return [...units.values()].sort(
    (a, b) => a.subject.localeCompare(b.subject) || (a.unit ?? '').localeCompare(b.unit ?? ''),
  );
}
