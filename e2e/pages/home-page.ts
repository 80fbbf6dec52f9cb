import type { Me, Role } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import { AppPage } from './app-page';

/** `/`: each role's landing page. */
export class HomePage extends AppPage {
  /** The signed-in account, as the server describes it to the app. */
  async me(): Promise<Me> {
    const res = await this.page.request.get('/api/v1/auth/me');
    if (!res.ok()) throw new Error(`GET /api/v1/auth/me: ${res.status()}`);
    return (await res.json()) as Me;
  }

  /** The heading that greets this account by name. */
  async greeting(): Promise<string> {
    const me = await this.me();
    return this.t(me.role === 'learner' ? 'home.learnerTitle' : 'home.title', { name: me.displayName });
  }

  section(key: 'home.numbers' | 'home.myClasses' | 'home.places' | 'home.tabletsByStatus'): Locator {
    return this.main.getByRole('heading', { level: 2, name: this.t(key), exact: true });
  }

  /** A number tile of the admin home (schools, learners, …) by its link's name. */
  statLink(key: 'home.stat.schools' | 'home.stat.learners' | 'home.stat.tablets'): Locator {
    return this.main.locator('.stat').getByRole('link', { name: this.t(key), exact: true });
  }

  /** The class cards of a teacher's or a learner's home. */
  get classCards(): Locator {
    return this.main.locator('.cards .card');
  }

  get allMyClasses(): Locator {
    return this.main.getByRole('link', { name: this.t('home.allMyClasses') });
  }

  /** The "role · school" line under an admin's greeting. */
  roleLine(role: Role): Locator {
    return this.main.locator('.lead', { hasText: this.t(`role.${role}`) });
  }
}
