import type { Role } from '@lawh/shared';
import type { FunctionComponent } from 'preact';
import { TabletHomePage } from '../features/tablet/home-page';
import { TabletPickerPage } from '../features/tablet/picker-page';
import { TabletSignInPage } from '../features/tablet/sign-in-page';
import type { MessageKey } from '../i18n';
import { lazyView } from './lazy';

// Admin and authoring pages load on first use (app/lazy.tsx). Of the tablet's screens, the picker,
// sign-in and learner home stay in the first bundle (a cold start shows them); the players, which
// need zod to check what they open, load on first use (app.tsx preloads them once the learner home
// is up); provisioning and status are rare.
export const TabletLessonPage = lazyView(() =>
  import('../features/tablet/lesson-player').then((m) => m.TabletLessonPage),
);
export const TabletQuizPage = lazyView(() =>
  import('../features/tablet/quiz-player').then((m) => m.TabletQuizPage),
);
const EnrolPage = lazyView(() => import('../tablet/enrol-page').then((m) => m.EnrolPage));
const TabletStatusPage = lazyView(() => import('../tablet/status-page').then((m) => m.TabletStatusPage));
// A Classroom task (answer form, camera, recorder): loaded on first use.
const TabletTaskPage = lazyView(() => import('../features/tablet/task-page').then((m) => m.TabletTaskPage));
const AttendanceSummaryPage = lazyView(() =>
  import('../features/attendance/summary-page').then((m) => m.AttendanceSummaryPage),
);
const LiveSessionsPage = lazyView(() =>
  import('../features/attendance/live-sessions-page').then((m) => m.LiveSessionsPage),
);
const RegisterPage = lazyView(() =>
  import('../features/attendance/register-page').then((m) => m.RegisterPage),
);
const GradingPage = lazyView(() => import('../features/assignments/grading-page').then((m) => m.GradingPage));
const CalendarPage = lazyView(() => import('../features/calendar/calendar-page').then((m) => m.CalendarPage));
const ClassPage = lazyView(() => import('../features/classes/class-page').then((m) => m.ClassPage));
const ClassesPage = lazyView(() => import('../features/classes/classes-page').then((m) => m.ClassesPage));
const ContentLibraryPage = lazyView(() =>
  import('../features/content/content-library-page').then((m) => m.ContentLibraryPage),
);
const ContentPage = lazyView(() => import('../features/content/content-page').then((m) => m.ContentPage));
const NewLessonPage = lazyView(() => import('../features/content/content-page').then((m) => m.NewLessonPage));
const NewQuizPage = lazyView(() => import('../features/content/content-page').then((m) => m.NewQuizPage));
const PacksPage = lazyView(() => import('../features/content/packs-page').then((m) => m.PacksPage));
const DeviceImportPage = lazyView(() =>
  import('../features/devices/device-import-page').then((m) => m.DeviceImportPage),
);
const DeviceNewPage = lazyView(() =>
  import('../features/devices/device-new-page').then((m) => m.DeviceNewPage),
);
const DevicePage = lazyView(() => import('../features/devices/device-page').then((m) => m.DevicePage));
const DevicesPage = lazyView(() => import('../features/devices/devices-page').then((m) => m.DevicesPage));
const HomePage = lazyView(() => import('../features/home/home-page').then((m) => m.HomePage));
const LearnerPage = lazyView(() => import('../features/people/learner-page').then((m) => m.LearnerPage));
const LearnerProgressPage = lazyView(() =>
  import('../features/insight/learner-progress-page').then((m) => m.LearnerProgressPage),
);
const GuardianSummaryPage = lazyView(() =>
  import('../features/insight/guardian-summary-page').then((m) => m.GuardianSummaryPage),
);
const LearnersPage = lazyView(() => import('../features/people/learners-page').then((m) => m.LearnersPage));
const StaffMemberPage = lazyView(() =>
  import('../features/people/staff-form').then((m) => m.StaffMemberPage),
);
const StaffPage = lazyView(() => import('../features/people/staff-page').then((m) => m.StaffPage));
const RosterPage = lazyView(() => import('../features/roster/roster-page').then((m) => m.RosterPage));
const SchoolFormPage = lazyView(() =>
  import('../features/schools/schools-page').then((m) => m.SchoolFormPage),
);
const SchoolsPage = lazyView(() => import('../features/schools/schools-page').then((m) => m.SchoolsPage));
const OutboxPage = lazyView(() => import('../teacher/outbox-page').then((m) => m.OutboxPage));
const TaskThreadsPage = lazyView(() =>
  import('../features/messages/task-threads-page').then((m) => m.TaskThreadsPage),
);

export interface Route {
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: route params are strings by construction
  view: FunctionComponent<any>;
  roles: Role[];
  /** Shown in the main menu under this label. */
  nav?: MessageKey;
  /**
   * A screen of a provisioned tablet: opens with no server session, offline, in the tablet layout
   * (no admin menu, large targets). `roles` is ignored; use [] for clarity.
   */
  tablet?: true;
  /** A tablet screen for the signed-in learner only; without one it goes back to /tablet. */
  learner?: true;
}

const ALL: Role[] = ['programme_admin', 'school_admin', 'teacher', 'learner'];
const ADMINS: Role[] = ['programme_admin', 'school_admin'];

/** Every page of the app, who may open it, and whether it is in the menu. Add a page here. */
export const routes: Route[] = [
  { path: '/', view: HomePage, roles: ALL, nav: 'nav.home' },
  { path: '/schools', view: SchoolsPage, roles: ADMINS, nav: 'nav.schools' },
  { path: '/schools/:id', view: SchoolFormPage, roles: ADMINS },
  { path: '/calendar', view: CalendarPage, roles: [...ADMINS, 'teacher'], nav: 'nav.calendar' },
  { path: '/outbox', view: OutboxPage, roles: [...ADMINS, 'teacher'] },
  { path: '/classes', view: ClassesPage, roles: ALL, nav: 'nav.classes' },
  { path: '/classes/:id', view: ClassPage, roles: [...ADMINS, 'teacher'] },
  { path: '/assignments/:id/comments', view: TaskThreadsPage, roles: ['teacher'] },
  { path: '/assignments/:id/grading', view: GradingPage, roles: [...ADMINS, 'teacher'] },
  { path: '/classes/:id/attendance', view: RegisterPage, roles: [...ADMINS, 'teacher'] },
  { path: '/classes/:id/attendance/summary', view: AttendanceSummaryPage, roles: [...ADMINS, 'teacher'] },
  { path: '/classes/:id/live-sessions', view: LiveSessionsPage, roles: [...ADMINS, 'teacher'] },
  { path: '/learners', view: LearnersPage, roles: [...ADMINS, 'teacher'], nav: 'nav.learners' },
  { path: '/learners/:id', view: LearnerPage, roles: [...ADMINS, 'teacher'] },
  { path: '/learners/:id/progress', view: LearnerProgressPage, roles: [...ADMINS, 'teacher'] },
  { path: '/learners/:id/summary', view: GuardianSummaryPage, roles: [...ADMINS, 'teacher'] },
  { path: '/staff', view: StaffPage, roles: ADMINS, nav: 'nav.staff' },
  { path: '/staff/:id', view: StaffMemberPage, roles: ADMINS },
  { path: '/tablets', view: DevicesPage, roles: ADMINS, nav: 'nav.tablets' },
  { path: '/tablets/new', view: DeviceNewPage, roles: ['programme_admin'] },
  { path: '/tablets/import', view: DeviceImportPage, roles: ['programme_admin'] },
  { path: '/tablets/:id', view: DevicePage, roles: ADMINS },
  { path: '/roster', view: RosterPage, roles: ['programme_admin'], nav: 'nav.roster' },
  { path: '/content', view: ContentLibraryPage, roles: [...ADMINS, 'teacher'], nav: 'nav.content' },
  { path: '/content/lessons/new', view: NewLessonPage, roles: [...ADMINS, 'teacher'] },
  { path: '/content/quizzes/new', view: NewQuizPage, roles: [...ADMINS, 'teacher'] },
  { path: '/packs', view: PacksPage, roles: ADMINS, nav: 'nav.packs' },
  { path: '/content/:id', view: ContentPage, roles: [...ADMINS, 'teacher'] },
  // The learner's screens on a shared tablet (features/tablet): the learner is signed in on the device.
  { path: '/tablet', view: TabletPickerPage, roles: [], tablet: true },
  // Provisioning and the tablet's sync status (tablet/): also signed out and offline.
  { path: '/enrol', view: EnrolPage, roles: [], tablet: true },
  { path: '/tablet/status', view: TabletStatusPage, roles: [], tablet: true },
  { path: '/tablet/sign-in/:id', view: TabletSignInPage, roles: [], tablet: true },
  { path: '/tablet/home', view: TabletHomePage, roles: [], tablet: true, learner: true },
  { path: '/tablet/lesson/:id', view: TabletLessonPage, roles: [], tablet: true, learner: true },
  { path: '/tablet/quiz/:id', view: TabletQuizPage, roles: [], tablet: true, learner: true },
  { path: '/tablet/task/:id', view: TabletTaskPage, roles: [], tablet: true, learner: true },
];
