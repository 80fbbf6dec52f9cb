import {
  type AdminDashboard,
  type Dashboard,
  DEVICE_STATUSES,
  type DeviceStatus,
  type SUBJECTS,
} from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { Auth } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { dashboardRepository as repo } from './dashboard.repository';

type Subject = (typeof SUBJECTS)[number];

export function dashboardService(db: Kysely<DB>) {
  /** The same numbers for the programme or one school: the policy decides which rows are counted. */
  async function overview(auth: Auth): Promise<Omit<AdminDashboard, 'role' | 'school'>> {
    const [schools, bySex, teachers, classes, devices] = await Promise.all([
      repo.countSchools(db, auth),
      repo.learnersBySex(db, auth),
      repo.countTeachers(db, auth),
      repo.countClasses(db, auth),
      repo.devicesByStatus(db, auth),
    ]);
    const sexCount = (s: 'F' | 'M') => Number(bySex.find((r) => r.sex === s)?.n ?? 0);
    const byStatus = Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])) as Record<DeviceStatus, number>;
    for (const d of devices) byStatus[d.status] = Number(d.n);
    return {
      schools,
      learners: bySex.reduce((sum, r) => sum + Number(r.n), 0),
      learnersBySex: { F: sexCount('F'), M: sexCount('M') },
      teachers,
      classes,
      tablets: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
    };
  }

  return {
    /** What the user's home page shows: numbers for admins, their classes for teachers and learners. */
    async forUser(auth: Auth): Promise<Dashboard> {
      switch (auth.role) {
        case 'programme_admin':
          return { role: auth.role, ...(await overview(auth)) };
        case 'school_admin': {
          const [numbers, school] = await Promise.all([
            overview(auth),
            auth.schoolId ? repo.school(db, auth.schoolId) : undefined,
          ]);
          return { role: auth.role, school: school ?? null, ...numbers };
        }
        case 'teacher': {
          const rows = await repo.classes(db, auth);
          return {
            role: auth.role,
            classes: rows.map((c) => ({
              id: c.id,
              title: c.title,
              level: c.level,
              subject: c.subject as Subject,
              learnerCount: Number(c.learnerCount ?? 0),
            })),
          };
        }
        case 'learner': {
          // A learner sees their classes but not how many classmates they have.
          const rows = await repo.classes(db, auth);
          return {
            role: auth.role,
            classes: rows.map((c) => ({ id: c.id, title: c.title, subject: c.subject as Subject })),
          };
        }
      }
    },
  };
}
