import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locale, schoolDate } from '@lawh/shared';
import { type Kysely, sql } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../packages/server/src/app';
import { type Database, openDatabase } from '../packages/server/src/db/database';
import { migrateToLatest, migrations } from '../packages/server/src/db/migrate';
import type { DB } from '../packages/server/src/db/schema';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../packages/server/src/db/seeds/demo';

/**
 * The browser suite's world: the real server (API and built web app) on a loopback port over a
 * throwaway SQLite file holding the demo programme, and one headless Chromium per test file.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// LAWH_E2E_WEB_ROOT points at another build of the web app, e.g. one kept apart from packages/web/dist
// while that folder is being rebuilt.
export const WEB_DIST = process.env.LAWH_E2E_WEB_ROOT ?? join(ROOT, 'packages/web/dist');
export const SCREENSHOTS = join(ROOT, '.test-output/screenshots');

/** The demo accounts the tests act as (all share DEMO_PASSWORD). */
export const DEMO = {
  admin: 'admin',
  schoolAdmin: 'directeur1',
  teacher: 'prof1',
  learner: 'eleve1',
} as const;
export { DEMO_PASSWORD };

export interface TestServer {
  url: string;
  /** The server's own database, for arranging a test and checking what it wrote. */
  db: Kysely<DB>;
  close: () => Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`No web build in ${WEB_DIST}: run \`npx vite build\` in packages/web first`);
  const { dir, database } = await openDemo();
  // The demo's media are in the test's own folder, where the app below reads them.
  const media = { dir: join(dir, 'media') };
  const app = await buildApp({ database, webRoot: WEB_DIST, media });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Seeding the demo (argon2, 587 learners, media) costs about a second per test file, so the first file
// of a run seeds a template and the others copy it. Every file still gets a private copy: tests write.
const DB_FILE = 'lawh.sqlite';
const TEMPLATE_PREFIX = 'lawh-e2e-demo-';

/** A fresh folder holding the demo: a copy of the template, or seeded here if the template fails. */
async function openDemo(): Promise<{ dir: string; database: Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'lawh-e2e-'));
  let database: Database | undefined;
  try {
    const template = await demoTemplate();
    copyFileSync(join(template, DB_FILE), join(dir, DB_FILE));
    cpSync(join(template, 'media'), join(dir, 'media'), { recursive: true });
    database = openDatabase(join(dir, DB_FILE));
    if (await hasAdmin(database.db)) return { dir, database };
    throw new Error('no admin account');
  } catch (error) {
    // The cache must never fail a test: seed this file's own database instead.
    console.warn(`e2e demo template unusable (${error}); seeding directly`);
    await database?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  const fresh = mkdtempSync(join(tmpdir(), 'lawh-e2e-'));
  return { dir: fresh, database: await seedDemo(fresh) };
}

/** Migrates and seeds `<dir>/lawh.sqlite`, with the demo's media in `<dir>/media`. */
async function seedDemo(dir: string): Promise<Database> {
  const database = openDatabase(join(dir, DB_FILE));
  await migrateToLatest(database.db);
  await seedDemoIfEmpty(database.db, { dir: join(dir, 'media') });
  if (!(await hasAdmin(database.db))) throw new Error('The demo seed created no admin account');
  return database;
}

const hasAdmin = async (db: Kysely<DB>) =>
  !!(await db.selectFrom('users').select('id').where('username', '=', DEMO.admin).executeTakeFirst());

/**
 * The template folder, made if missing. Its name digests what the seeded content depends on, so a
 * stale one is never used: the migrations, the server and shared code (the seed goes through the
 * services), and the school day (the demo is date-relative). Made beside its final name and renamed
 * into place, so it is whole or absent even with several runs at once.
 */
async function demoTemplate(): Promise<string> {
  const path = join(tmpdir(), `${TEMPLATE_PREFIX}${seedDigest()}`);
  if (existsSync(path)) return path;
  pruneTemplates(path);
  const staging = mkdtempSync(`${path}.tmp-`);
  try {
    const database = await seedDemo(staging);
    // Everything into the main file: a copy of it without its pending WAL frames is another database.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    await database.close();
    renameSync(staging, path);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path)) throw error; // else another run renamed its template in first: use that
  }
  return path;
}

function seedDigest(): string {
  const hash = createHash('sha256').update(`${schoolDate()}\n${Object.keys(migrations).join('\n')}\n`);
  for (const src of ['packages/server/src', 'packages/shared/src']) {
    const files = readdirSync(join(ROOT, src), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((f) => !f.endsWith('.test.ts')).sort()) {
      const path = join(ROOT, src, file);
      if (statSync(path).isFile()) hash.update(`${src}/${file}\n`).update(readFileSync(path));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes templates (and abandoned staging folders) over an hour old that are not `current`. */
function pruneTemplates(current: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(TEMPLATE_PREFIX) || path === current) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs < 3_600_000) continue;
      // Renamed away first, so a run copying it fails whole (and seeds) rather than copying half.
      const doomed = `${path}.old-${process.pid}`;
      renameSync(path, doomed);
      rmSync(doomed, { recursive: true, force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      // A fake microphone and camera, allowed without a prompt (tablet voice notes, tablet-tasks).
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

export interface SessionOptions {
  locale: Locale;
  /** Signed in through the API before the first page loads; omitted, the login page shows. */
  user?: string;
  viewport?: { width: number; height: number };
  /** 'allow' to test what the service worker does (offline reading); blocked by default. */
  serviceWorkers?: 'allow' | 'block';
  /** Granted without a prompt, e.g. ['microphone', 'camera'] for a tablet's voice notes and photos. */
  permissions?: string[];
  /** The default wait of every action, in ms. */
  timeout?: number;
}

/**
 * A fresh context (its own profile, cookies and storage) with the interface language chosen as
 * the language picker would store it. The language is set only when none is stored yet, so a
 * choice made during the test survives a reload.
 */
export async function openSession(
  browser: Browser,
  server: TestServer,
  {
    locale,
    user,
    viewport = { width: 1280, height: 900 },
    serviceWorkers = 'block',
    permissions,
    timeout = 15_000,
  }: SessionOptions,
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    // The browser's own language too, as on a Moroccan tablet: date pickers and file buttons follow it.
    locale: locale === 'ar' ? 'ar-MA' : `${locale}-MA`,
    // Blocked unless asked for: it would serve the app shell from its cache and hide what the server sends.
    serviceWorkers,
    reducedMotion: 'reduce',
    permissions,
  });
  context.setDefaultTimeout(timeout);
  await context.addInitScript((l) => {
    if (!localStorage.getItem('lawh.locale')) localStorage.setItem('lawh.locale', l);
    // Requests in flight, so a test can wait until a page has its data (AppPage.ready).
    const w = window as unknown as { __lawhInflight: number };
    w.__lawhInflight = 0;
    const fetch = window.fetch.bind(window);
    window.fetch = (...args) => {
      w.__lawhInflight++;
      return fetch(...args).finally(() => w.__lawhInflight--);
    };
  }, locale);
  if (user) await context.addCookies(await sessionCookies(server, user));
  const page = await context.newPage();
  logForDebugging(context, page);
  return { context, page };
}

/**
 * A fresh tablet, signed in as nobody: a tablet's screen, the service worker allowed (it is what
 * makes offline work) and longer waits (enrolling and syncing take a while).
 */
export function openTablet(browser: Browser, server: TestServer, options: SessionOptions): Promise<Session> {
  return openSession(browser, server, {
    viewport: { width: 1024, height: 768 },
    serviceWorkers: 'allow',
    timeout: 20_000,
    ...options,
  });
}

/** LAWH_E2E_DEBUG prints the page's console and errors; LAWH_E2E_NET, its sync requests and failures. */
function logForDebugging(context: BrowserContext, page: Page): void {
  if (process.env.LAWH_E2E_DEBUG) {
    page.on('console', (m) => console.log(`[console] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  }
  if (process.env.LAWH_E2E_NET) {
    const t0 = Date.now();
    const path = (url: string) => new URL(url).pathname.slice(0, 40);
    context.on('request', (r) => {
      if (r.url().includes('/api/sync/'))
        console.log(`[net ${Date.now() - t0}] ${r.method()} ${path(r.url())}`);
    });
    context.on('requestfailed', (r) => {
      if (r.url().includes('/api/sync/'))
        console.log(`[net-fail ${Date.now() - t0}] ${path(r.url())} ${r.failure()?.errorText}`);
    });
  }
}

// One sign-in per account per server: the server allows 20 sign-ins a minute from one address.
const sessions = new WeakMap<TestServer, Map<string, Promise<SessionCookie[]>>>();
type SessionCookie = Parameters<BrowserContext['addCookies']>[0][number];

function sessionCookies(server: TestServer, username: string): Promise<SessionCookie[]> {
  const byUser = sessions.get(server) ?? new Map<string, Promise<SessionCookie[]>>();
  sessions.set(server, byUser);
  let cookies = byUser.get(username);
  if (!cookies) {
    cookies = signInOverHttp(server, username);
    byUser.set(username, cookies);
  }
  return cookies;
}

async function signInOverHttp(server: TestServer, username: string): Promise<SessionCookie[]> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((header) => {
    const [pair = ''] = header.split(';');
    const eq = pair.indexOf('=');
    return {
      name: pair.slice(0, eq),
      value: pair.slice(eq + 1),
      url: server.url,
      httpOnly: true,
      sameSite: 'Lax' as const,
    };
  });
}

/** The API as one demo account, for arranging what a test needs faster than through pages. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** A multipart upload of one file, field "file" (as POST /api/v1/media takes it). */
  upload<T>(path: string, file: Blob, name: string): Promise<T>;
}

export async function apiAs(server: TestServer, username: string): Promise<ApiClient> {
  const cookie = (await sessionCookies(server, username)).map((c) => `${c.name}=${c.value}`).join('; ');
  const call = async <T>(method: string, path: string, body?: unknown, csrf = ''): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { csrfToken } = await call<{ csrfToken: string }>('GET', '/api/v1/auth/me');
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body, csrfToken),
    put: (path, body) => call('PUT', path, body, csrfToken),
    upload: (path, file, name) => {
      const form = new FormData();
      form.append('file', file, name);
      return call('POST', path, form, csrfToken);
    },
  };
}

/** Saves a full-page (or clipped) PNG under .test-output/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The two interface languages every flow runs in: the right-to-left one and a left-to-right one. */
export const LOCALES: Locale[] = ['ar', 'fr'];
