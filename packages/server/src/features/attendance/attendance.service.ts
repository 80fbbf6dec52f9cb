import type {
  AttendanceStatus,
  AttendanceSummary,
  Register,
  RegisterQuery,
  SummaryQuery,
  SummaryRow,
} from '@lawh/shared';
import { monthDays, newId, type registerInput, schoolDate } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type Auth, assertCanTakeAttendance } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { type RegisterKey, attendanceRepository as repo } from './attendance.repository';
import { summaryCsv, summaryFileName } from './attendance-csv';

type RegisterWrite = z.output<typeof registerInput>;

/** A row of a register that names no learner of the class, or one twice: 400 naming the row. */
const badRow = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, {
    in: 'body',
    field,
    issues: [{ field, message }],
  });

const fullName = (u: { givenName: string; familyName: string }) => `${u.givenName} ${u.familyName}`;

export function attendanceService(db: Kysely<DB>) {
  /** The class if the user sees it (404 otherwise) and may take its attendance (403 otherwise). */
  const classFor = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanTakeAttendance(auth, cls);
    return cls;
  };

  /** The live session a register belongs to: of this class, not cancelled, on that day. */
  const sessionFor = async (classId: string, liveSessionId: string, date: string) => {
    const s = await repo.findLiveSession(db, liveSessionId);
    if (!s || s.classId !== classId) throw invalid('liveSessionId', 'no such live session in this class');
    if (s.cancelledAt) throw conflict('liveSessionId', 'This live session was cancelled');
    const day = schoolDate(s.startsAt);
    if (day !== date) throw invalid('date', `must be the live session's day (${day})`);
    return s;
  };

  const readRegister = async (db: Kysely<DB>, key: RegisterKey): Promise<Register> => {
    const [learners, marks] = await Promise.all([
      repo.enrolledLearners(db, key.classId),
      repo.registerMarks(db, key),
    ]);
    const enrolled = new Set(learners.map((l) => l.id));
    const left = await repo.learnersByIds(
      db,
      marks.filter((m) => !enrolled.has(m.learnerId)).map((m) => m.learnerId),
    );
    const byLearner = new Map(marks.map((m) => [m.learnerId, m]));
    const latest = marks.reduce<(typeof marks)[number] | null>(
      (a, m) => (a === null || m.markedAt > a.markedAt ? m : a),
      null,
    );
    return {
      classId: key.classId,
      date: key.date,
      liveSessionId: key.liveSessionId,
      markedAt: latest?.markedAt ?? null,
      markedByName:
        latest?.markerGiven != null
          ? fullName({ givenName: latest.markerGiven, familyName: latest.markerFamily ?? '' })
          : null,
      rows: [...learners, ...left].map((l) => ({
        learnerId: l.id,
        name: fullName(l),
        nameAr: l.nameAr,
        massarCode: l.massarCode,
        status: byLearner.get(l.id)?.status ?? null,
        note: byLearner.get(l.id)?.note ?? null,
        enrolled: enrolled.has(l.id),
      })),
    };
  };

  const summary = async (auth: Auth, classId: string, month: string): Promise<AttendanceSummary> => {
    await classFor(auth, classId);
    const { first, last } = monthDays(month);
    const [learners, counts, registers] = await Promise.all([
      repo.enrolledLearners(db, classId),
      repo.monthCounts(db, classId, first, last),
      repo.registerCount(db, classId, first, last),
    ]);
    const known = new Set(learners.map((l) => l.id));
    const left = await repo.learnersByIds(db, [
      ...new Set(counts.map((c) => c.learnerId).filter((id) => !known.has(id))),
    ]);
    const tally = new Map<string, Record<AttendanceStatus, number>>();
    for (const c of counts) {
      const t = tally.get(c.learnerId) ?? { present: 0, absent: 0, late: 0, excused: 0 };
      t[c.status] = Number(c.n);
      tally.set(c.learnerId, t);
    }
    const rows: SummaryRow[] = [...learners, ...left].map((l) => {
      const t = tally.get(l.id) ?? { present: 0, absent: 0, late: 0, excused: 0 };
      const counted = t.present + t.late + t.absent;
      return {
        learnerId: l.id,
        name: fullName(l),
        nameAr: l.nameAr,
        massarCode: l.massarCode,
        ...t,
        rate: counted === 0 ? null : (t.present + t.late) / counted,
      };
    });
    return { classId, month, registers, rows };
  };

  return {
    /** A register as stored, with every learner of the class (unmarked ones have status null). */
    async getRegister(auth: Auth, classId: string, q: RegisterQuery): Promise<Register> {
      await classFor(auth, classId);
      const liveSessionId = q.liveSessionId ?? null;
      if (liveSessionId) {
        const s = await repo.findLiveSession(db, liveSessionId);
        if (!s || s.classId !== classId) throw invalid('liveSessionId', 'no such live session in this class');
      }
      return readRegister(db, { classId, date: q.date, liveSessionId });
    },

    /**
     * Replaces a register with these marks, all or nothing. A learner must be enrolled in the class
     * (or already marked on this register, to correct the mark of one who has left). `at` is when
     * the teacher took it: a register already taken later (another device, a REST save) wins, so
     * an old offline save arriving late does not overwrite a newer one.
     */
    async takeRegister(
      auth: Auth,
      classId: string,
      input: RegisterWrite,
      { at = nowIso() }: { at?: string } = {},
    ): Promise<Register> {
      const cls = await classFor(auth, classId);
      if (cls.archivedAt) throw conflict('classId', 'This class is archived');
      if (input.date > schoolDate()) throw invalid('date', 'is in the future');
      if (input.liveSessionId) await sessionFor(classId, input.liveSessionId, input.date);
      const key: RegisterKey = { classId, date: input.date, liveSessionId: input.liveSessionId };
      const write = () =>
        inTransaction(db, async (trx) => {
          const [learners, existing] = await Promise.all([
            repo.enrolledLearners(trx, classId),
            repo.registerMarks(trx, key),
          ]);
          const allowed = new Set([...learners.map((l) => l.id), ...existing.map((m) => m.learnerId)]);
          const seen = new Set<string>();
          input.marks.forEach((m, i) => {
            if (seen.has(m.learnerId)) throw badRow(`marks.${i}.learnerId`, 'this learner is listed twice');
            if (!allowed.has(m.learnerId))
              throw badRow(`marks.${i}.learnerId`, 'is not a learner of this class');
            seen.add(m.learnerId);
          });
          // Said, not silent: the teacher's outbox shows the save as not applied, with this reason.
          if (existing.some((m) => m.markedAt > at))
            throw conflict('date', 'a newer register of this day was saved since; this one was not applied');
          await repo.deleteRegister(trx, key);
          await repo.insertMarks(
            trx,
            input.marks.map((m) => ({
              id: newId(),
              classId,
              date: input.date,
              liveSessionId: input.liveSessionId,
              learnerId: m.learnerId,
              status: m.status,
              note: m.note?.trim() || null,
              markedBy: auth.userId,
              markedAt: at,
            })),
          );
          return readRegister(trx, key);
        });
      // Two saves of one register at once (a tablet's outbox and a laptop) can both find it empty on
      // PostgreSQL and collide on its unique key; the one that lost is a whole register too, so it
      // simply runs again against the winner's rows.
      try {
        return await write();
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        return write();
      }
    },

    summary: (auth: Auth, classId: string, q: Pick<SummaryQuery, 'month'>) => summary(auth, classId, q.month),

    /** The month's summary as CSV, with its file name. */
    async summaryCsv(auth: Auth, classId: string, q: SummaryQuery) {
      const cls = await classFor(auth, classId);
      return {
        fileName: summaryFileName(cls.title, q.month),
        body: summaryCsv(await summary(auth, classId, q.month), q.lang),
      };
    },
  };
}
