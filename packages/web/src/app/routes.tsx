import type { Role } from '@lawh/shared';
import type { FunctionComponent } from 'preact';
import { HomePage } from '../features/home/home-page';
import { SchoolFormPage, SchoolsPage } from '../features/schools/schools-page';
import type { MessageKey } from '../i18n';

export interface Route {
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: route params are strings by construction
  view: FunctionComponent<any>;
  roles: Role[];
  /** Shown in the main menu under this label. */
  nav?: MessageKey;
}

const ALL: Role[] = ['programme_admin', 'school_admin', 'teacher', 'learner'];
const ADMINS: Role[] = ['programme_admin', 'school_admin'];

/** Every page of the app, who may open it, and whether it is in the menu. Add a page here. */
export const routes: Route[] = [
  { path: '/', view: HomePage, roles: ALL, nav: 'nav.home' },
  { path: '/schools', view: SchoolsPage, roles: ADMINS, nav: 'nav.schools' },
  { path: '/schools/:id', view: SchoolFormPage, roles: ADMINS },
];
