import type { SignInPicture, SyncEntity, SyncRow } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import type { DeviceIdentity } from '../../packages/web/src/tablet/local-types';
import { AppPage, exactly, plain } from './app-page';

/** The text of an element, as one line without bidi isolates. */
export const text = async (l: Locator) => plain((await l.textContent()) ?? '');

/** A row as packages/web/src/tablet/local-db.ts stores it in IndexedDB 'lawh-tablet'. */
export interface StoredRow {
  entity: SyncEntity;
  key: string;
  scope: string;
  data: SyncRow<SyncEntity>;
}

/**
 * The learner's screens of a shared tablet (/tablet…), driven by role and accessible name in the
 * page's language. No server session: the tablet's identity and rows live in IndexedDB.
 */
export class TabletLearnerPage extends AppPage {
  /**
   * Puts an enrolled tablet's identity and rows straight into IndexedDB, as enrolment and a first
   * pull would. The app must have opened (and so created) the database first.
   */
  async seed(device: DeviceIdentity, rows: StoredRow[]): Promise<void> {
    await this.page.evaluate(
      async ({ device, rows }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('lawh-tablet');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = db.transaction(['meta', 'rows'], 'readwrite');
        tx.objectStore('meta').put(device, 'device');
        for (const r of rows) tx.objectStore('rows').put(r);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { device, rows },
    );
  }

  /** The outbox as the sync engine will send it. */
  outbox(): Promise<Array<{ actorId: string; kind: string; payload: Record<string, unknown> }>> {
    return this.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('lawh-tablet');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return all as Array<{ actorId: string; kind: string; payload: Record<string, unknown> }>;
    });
  }

  learnerButton(name: string): Locator {
    return this.main.getByRole('link', { name: exactly(name) });
  }
  picture(name: SignInPicture): Locator {
    return this.main.getByRole('button', { name: this.t(`signIn.picture.${name}`), exact: true });
  }
  async pictures(names: SignInPicture[]): Promise<void> {
    for (const n of names) await this.picture(n).click();
  }
  async typePin(pin: string): Promise<void> {
    const pad = this.page.locator('.tablet-keypad');
    for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
  }
  get status(): Locator {
    return this.page.locator('.tablet-sign-in-status');
  }
  /** The card of one piece of work on the learner home, found by its title. */
  card(title: string): Locator {
    return this.main.locator('li.tablet-card').filter({ hasText: title });
  }
  button(key: Parameters<AppPage['t']>[0]): Locator {
    return this.page.getByRole('button', { name: this.t(key), exact: true });
  }
  async signOut(): Promise<void> {
    await this.header.getByRole('button', { name: this.t('app.signOut') }).click();
    await this.heading.filter({ hasText: this.t('tablet.picker.title') }).waitFor();
  }
}
