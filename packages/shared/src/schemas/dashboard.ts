import { z } from 'zod';
import { subject } from './classes';
import { id } from './common';
import { deviceStatus } from './devices';

const count = z.number().int().min(0);

/** The numbers an admin lands on: the whole programme, or one school for a school admin. */
const overview = {
  schools: count,
  learners: count,
  learnersBySex: z.object({ F: count, M: count }),
  teachers: count,
  classes: count,
  tablets: z.object({ total: count, byStatus: z.record(deviceStatus, count) }),
};

export const dashboard = z.discriminatedUnion('role', [
  z.object({ role: z.literal('programme_admin'), ...overview }),
  z.object({
    role: z.literal('school_admin'),
    /** The admin's school, for the page's heading; null if the account has lost its school. */
    school: z.object({ id, nameAr: z.string(), nameFr: z.string() }).nullable(),
    ...overview,
  }),
  z.object({
    role: z.literal('teacher'),
    classes: z.array(z.object({ id, title: z.string(), level: z.string(), subject, learnerCount: count })),
  }),
  z.object({
    role: z.literal('learner'),
    classes: z.array(z.object({ id, title: z.string(), subject })),
  }),
]);
export type Dashboard = z.infer<typeof dashboard>;
export type AdminDashboard = Extract<Dashboard, { role: 'programme_admin' | 'school_admin' }>;
export type TeacherDashboard = Extract<Dashboard, { role: 'teacher' }>;
export type LearnerDashboard = Extract<Dashboard, { role: 'learner' }>;
