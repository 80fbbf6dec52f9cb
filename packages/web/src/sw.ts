/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The app shell and its assets are precached so the app opens with no network. API calls are not
// cached here: offline data lives in IndexedDB (see docs/ARCHITECTURE.md). The one exception is
// media: the tablet's download manager (tablet/media.ts) puts verified files in MEDIA_CACHE under
// their /api/v1/media/<hash> URL, and this worker answers them from there, so the players work
// offline with plain <img>/<audio> src.
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
