import type { Role } from '@lawh/shared';
import type { FunctionComponent } from 'preact';
import { CalendarPage } from '../features/calendar/calendar-page';
import { ClassPage } from '../features/classes/class-page';
import { ClassesPage } from '../features/classes/classes-page';
import { ContentLibraryPage } from '../features/content/content-library-page';
import { ContentPage, NewLessonPage, NewQuizPage } from '../features/content/content-page';
import { PacksPage } from '../features/content/packs-page';
import { DeviceImportPage } from '../features/devices/device-import-page';
import { DeviceNewPage } from '../features/devices/device-new-page';
import { DevicePage } from '../features/devices/device-page';
import { DevicesPage } from '../features/devices/devices-page';
import { HomePage } from '../features/home/home-page';
import { LearnerPage } from '../features/people/learner-page';
import { LearnersPage } from '../features/people/learners-page';
import { StaffMemberPage } from '../features/people/staff-form';
import { StaffPage } from '../features/people/staff-page';
import { RosterPage } from '../features/roster/roster-page';
import { SchoolFormPage, SchoolsPage } from '../features/schools/schools-page';
import { TabletHomePage } from '../features/tablet/home-page';
import { TabletLessonPage } from '../features/tablet/lesson-player';
import { TabletPickerPage } from '../features/tablet/picker-page';
import { TabletQuizPage } from '../features/tablet/quiz-player';
import { TabletSignInPage } from '../features/tablet/sign-in-page';
import type { MessageKey } from '../i18n';
import { EnrolPage } from '../tablet/enrol-page';
import { TabletStatusPage } from '../tablet/status-page';

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
  { path: '/classes', view: ClassesPage, roles: ALL, nav: 'nav.classes' },
  { path: '/classes/:id', view: ClassPage, roles: [...ADMINS, 'teacher'] },
  { path: '/learners', view: LearnersPage, roles: [...ADMINS, 'teacher'], nav: 'nav.learners' },
  { path: '/learners/:id', view: LearnerPage, roles: [...ADMINS, 'teacher'] },
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
];
