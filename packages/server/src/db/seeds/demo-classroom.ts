import type { Kysely } from 'kysely';
import type { Auth } from '../../auth/policy';
import { assignmentsService } from '../../features/assignments/assignments.service';
import { attendanceService } from '../../features/attendance/attendance.service';
import { liveSessionsService } from '../../features/attendance/live-sessions.service';
import { groupsService } from '../../features/classroom/groups.service';
import { messagesService } from '../../features/messages/messages.service';
import type { DB } from '../schema';
import type { Rng } from './demo-random';

// A lived-in class for the demo: prof2's class has groups, a task with a rubric that some learners
// answered (one late, two returned with grades), November's registers, an announcement and a live
// session. Everything goes through the services, as a teacher would; only the learners' answers are
// written directly, because on a real school day they arrive from tablets through sync.
// prof1's classes are left as they were: the browser tests start from them.

const TASK_OPEN = '2026-11-16T08:00:00.000Z';
const TASK_DUE = '2026-11-25T17:00:00.000Z';

const ANSWERS = [
  'L’eau de la mer s’évapore avec la chaleur du soleil, forme des nuages, puis retombe en pluie.',
  'الشمس تسخن الماء فيتبخر، ثم يتكاثف في السحب وينزل مطرًا.',
  'Évaporation, condensation, précipitations, ruissellement.',
  'يتبخر الماء ويصعد إلى السماء ثم يعود مطرًا إلى الأرض والوديان.',
  'Les nuages se forment quand la vapeur d’eau se refroidit en altitude.',
];

/** School days (Monday to Friday) of November 2026 up to the 26th, the day before the demo's "today". */
function novemberSchoolDays(): string[] {
  const days: string[] = [];
  for (let d = 2; d <= 26; d++) {
    const date = `2026-11-${String(d).padStart(2, '0')}`;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) days.push(date);
  }
  return days;
}

export async function seedDemoClassroom(
  db: Kysely<DB>,
  rng: Rng,
  teacher: Auth,
): Promise<{ classTitle: string }> {
  const cls = await db
    .selectFrom('enrolments')
    .innerJoin('classes', 'classes.id', 'enrolments.classId')
    .select(['classes.id', 'classes.title'])
    .where('enrolments.userId', '=', teacher.userId)
    .where('enrolments.role', '=', 'teacher')
    .orderBy('classes.title')
    .executeTakeFirstOrThrow();
  const learners = (
    await db
      .selectFrom('enrolments')
      .select('userId')
      .where('classId', '=', cls.id)
      .where('role', '=', 'learner')
      .orderBy('userId')
      .execute()
  ).map((r) => r.userId);

  const half = Math.ceil(learners.length / 2);
  const groups = groupsService(db);
  await groups.create(teacher, cls.id, { name: 'Groupe A', learnerIds: learners.slice(0, half) });
  await groups.create(teacher, cls.id, { name: 'Groupe B', learnerIds: learners.slice(half) });

  const task = await assignmentsService(db).create(teacher, cls.id, {
    kind: 'task',
    title: 'Le cycle de l’eau — دورة الماء',
    instructions:
      'Explique le cycle de l’eau avec tes mots, en français ou en arabe. Tu peux ajouter une photo de ton dessin ou un message vocal.\nاشرح دورة الماء بكلماتك، بالعربية أو بالفرنسية. يمكنك إضافة صورة لرسمك أو رسالة صوتية.',
    openAt: TASK_OPEN,
    dueAt: TASK_DUE,
    rubric: [
      {
        criterion: 'Les étapes / المراحل',
        levels: [
          { label: 'À revoir / يحتاج مراجعة', points: 0 },
          { label: 'En partie / جزئيًا', points: 3 },
          { label: 'Toutes / كلها', points: 6 },
        ],
      },
      {
        criterion: 'Clarté / الوضوح',
        levels: [
          { label: 'Peu clair / غير واضح', points: 0 },
          { label: 'Clair / واضح', points: 4 },
        ],
      },
    ],
  });

  // Five answers: three on time, one late, and the first two graded and returned.
  const answered = learners.slice(0, ANSWERS.length);
  await db
    .insertInto('submissions')
    .values(
      answered.map((learnerId, i) => {
        const submittedAt = i === 3 ? '2026-11-26T09:30:00.000Z' : `2026-11-2${i}T16:${10 + i * 7}:00.000Z`;
        const returned = i < 2;
        return {
          id: rng.uuid(),
          assignmentId: task.id,
          learnerId,
          attempt: 1,
          state: returned ? ('returned' as const) : ('submitted' as const),
          late: i === 3 ? 1 : 0,
          text: ANSWERS[i] as string,
          media: '[]',
          submittedAt,
          receivedAt: submittedAt,
          eventId: null,
          points: returned ? (i === 0 ? 10 : 7) : null,
          // Levels chosen per criterion (6 + 4 = 10, 3 + 4 = 7), as the grading page stores them.
          rubricChoices: returned
            ? JSON.stringify([
                { criterion: 0, level: i === 0 ? 2 : 1 },
                { criterion: 1, level: 1 },
              ])
            : null,
          feedbackText: returned
            ? i === 0
              ? 'Très bien, toutes les étapes sont là. / ممتاز!'
              : 'Il manque la condensation. / تنقصك مرحلة التكاثف.'
            : null,
          feedbackVoiceHash: null,
          gradedBy: returned ? teacher.userId : null,
          gradedAt: returned ? '2026-11-26T15:00:00.000Z' : null,
          returnedAt: returned ? '2026-11-26T15:05:00.000Z' : null,
        };
      }),
    )
    .execute();

  // November's registers: mostly present, a few absences (some excused) and late arrivals.
  const attendance = attendanceService(db);
  for (const date of novemberSchoolDays()) {
    const marks = learners.map((learnerId) => {
      const roll = rng.int(1, 100);
      const status = roll <= 6 ? 'absent' : roll <= 9 ? 'late' : roll <= 11 ? 'excused' : 'present';
      return { learnerId, status: status as 'absent' | 'late' | 'excused' | 'present', note: null };
    });
    await attendance.takeRegister(
      teacher,
      cls.id,
      { date, liveSessionId: null, marks },
      { at: `${date}T09:00:00.000Z` },
    );
  }

  await messagesService(db).postAnnouncement(teacher, cls.id, {
    id: rng.uuid(),
    body: 'Demain, apportez vos cahiers de sciences. / غدًا، أحضروا دفاتر العلوم.',
  });
  await liveSessionsService(db).schedule(teacher, cls.id, {
    title: 'Révision : le cycle de l’eau / مراجعة: دورة الماء',
    startsAt: '2026-12-02T15:00:00.000Z',
    durationMinutes: 45,
    meetingUrl: 'https://meet.jit.si/lawh-demo-cycle-eau',
  });
  return { classTitle: cls.title };
}
