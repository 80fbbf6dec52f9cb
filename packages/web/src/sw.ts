/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The app shell and its assets are precached so the app opens with no network. A tablet's data lives
// in IndexedDB (see docs/ARCHITECTURE.md); its media too, in MEDIA_CACHE: the download manager
// (tablet/media.ts) puts verified files there under their /api/v1/media/<hash> URL, and this worker
// answers them from there, so the players work offline with plain <img>/<audio> src. For staff
// pages, the worker keeps the last answer of each API read (network first) so a teacher can read
// their classes offline; their changes go through the teacher outbox (docs/teacher-outbox.md).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/healthz/] }),
);

// Must match MEDIA_CACHE in tablet/media.ts (not imported: it would pull IndexedDB code in here).
const MEDIA_CACHE = 'lawh-media-v1';
registerRoute(
  ({ url, request }) =>
    request.method === 'GET' &&
    url.origin === self.location.origin &&
    /^\/api\/v1\/media\/[0-9a-f]{64}$/.test(url.pathname),
  async ({ request }) => {
    const cached = await (await caches.open(MEDIA_CACHE)).match(request.url);
    if (!cached) return fetch(request);
    const range = request.headers.get('range');
    return range ? partial(cached, range) : cached;
  },
);

// Must match API_CACHE in teacher/outbox.ts, which deletes it at sign-out.
const API_CACHE = 'lawh-api-v1';
/** Past this, a slow network counts as none and the saved copy answers. */
const API_TIMEOUT_MS = 6000;
registerRoute(
  ({ url, request }) =>
    request.method === 'GET' &&
    url.origin === self.location.origin &&
    url.pathname.startsWith('/api/v1/') &&
    !url.pathname.startsWith('/api/v1/media/') &&
    (request.headers.get('accept') ?? '').includes('application/json'),
  async ({ request }) => {
    const cache = await caches.open(API_CACHE);
    try {
      const res = await fetch(request, { signal: AbortSignal.timeout(API_TIMEOUT_MS) });
      // The session has ended: what was saved under it must not be shown to whoever comes next.
      if (res.status === 401) await caches.delete(API_CACHE);
      else if (res.ok && (res.headers.get('content-type') ?? '').includes('application/json'))
        await cache.put(request, res.clone());
      return res;
    } catch (err) {
      const saved = await cache.match(request, { ignoreVary: true });
      if (saved) return saved;
      throw err;
    }
  },
);

/** <audio> and <video> ask for byte ranges; a cached whole file answers them with a 206. */
async function partial(whole: Response, range: string): Promise<Response> {
  const blob = await whole.blob();
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = m?.[1] ? Number(m[1]) : Number.NaN;
  let end = m?.[2] ? Number(m[2]) : blob.size - 1;
  if (m && !m[1] && m[2]) {
    start = Math.max(0, blob.size - Number(m[2]));
    end = blob.size - 1;
  }
  end = Math.min(end, blob.size - 1);
  if (!m || Number.isNaN(start) || start > end) {
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${blob.size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'content-type': whole.headers.get('content-type') ?? 'application/octet-stream',
      'content-range': `bytes ${start}-${end}/${blob.size}`,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
    },
  });
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
