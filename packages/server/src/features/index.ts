import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { assignmentsRoutes } from './assignments/assignments.routes';
import { attendanceRoutes } from './attendance/attendance.routes';
import { authRoutes } from './auth/auth.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { classesRoutes } from './classes/classes.routes';
import { deviceMediaRoutes } from './classroom/device-media';
import { gradingRoutes } from './classroom/grading.routes';
import { groupsRoutes } from './classroom/groups.routes';
import { contentRoutes } from './content/content.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { devicesRoutes } from './devices/devices.routes';
import { insightRoutes } from './insight/insight.routes';
import type { MediaOptions } from './media/media.options';
import { mediaRoutes } from './media/media.routes';
import { messagesRoutes } from './messages/messages.routes';
import { packsRoutes } from './packs/packs.routes';
import { enrolmentsRoutes } from './people/enrolments.routes';
import { learnersRoutes } from './people/learners.routes';
import { staffRoutes } from './people/staff.routes';
import { learnerSignInRoutes } from './provisioning/learner-sign-in.routes';
import { provisioningRoutes } from './provisioning/provisioning.routes';
import { qtiRoutes } from './qti/qti.routes';
import { rosterRoutes } from './roster/roster.routes';
import { schoolsRoutes } from './schools/schools.routes';
import { syncRoutes } from './sync/sync.routes';
import { teacherEventsRoutes } from './teacher-events/teacher-events.routes';

/** What buildApp passes on to features beyond the database. */
export interface FeatureOptions {
  media?: MediaOptions;
}

/** Every feature's routes, registered by buildApp. Add a feature here. */
export const features: Array<(app: FastifyInstance, database: Database, options: FeatureOptions) => void> = [
  (app, { db }) => authRoutes(app, db),
  (app, { db }) => schoolsRoutes(app, db),
  (app, { db }) => calendarRoutes(app, db),
  (app, { db }) => classesRoutes(app, db),
  (app, { db }) => learnersRoutes(app, db),
  (app, { db }) => staffRoutes(app, db),
  (app, { db }) => enrolmentsRoutes(app, db),
  (app, { db }) => rosterRoutes(app, db),
  (app, { db }) => devicesRoutes(app, db),
  (app, { db }) => dashboardRoutes(app, db),
  (app, { db }, { media }) => mediaRoutes(app, db, media),
  (app, { db }, { media }) => packsRoutes(app, db, media),
  (app, { db }) => contentRoutes(app, db),
  (app, { db }, { media }) => qtiRoutes(app, db, media),
  (app, database) => syncRoutes(app, database),
  (app, { db }) => provisioningRoutes(app, db),
  (app, { db }) => learnerSignInRoutes(app, db),
  (app, { db }) => assignmentsRoutes(app, db),
  (app, { db }) => groupsRoutes(app, db),
  (app, { db }) => gradingRoutes(app, db),
  (app, { db }, { media }) => deviceMediaRoutes(app, db, media),
  (app, { db }) => attendanceRoutes(app, db),
  (app, { db }) => messagesRoutes(app, db),
  (app, { db }) => insightRoutes(app, db),
  (app, { db }) => teacherEventsRoutes(app, db),
];
