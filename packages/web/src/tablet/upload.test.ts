import type { SyncEvent } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { SyncHttpError } from './sync-http';
import { referencedMedia, type UploadStore, uploadMediaFor } from './upload';

const h = (c: string) => c.repeat(64);

function event(seq: number, kind: string, payload: Record<string, unknown>): SyncEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    deviceId: 'd',
    deviceSeq: seq,
    actorId: 'l',
    kind,
    v: 1,
    clientTs: '2026-03-10T09:00:00Z',
    payload,
  };
}
const submission = (seq: number, ...hashes: string[]) =>
  event(seq, 'submission.submitted', {
    submissionId: `s${seq}`,
    assignmentId: 'a',
    text: null,
    media: hashes.map((hash) => ({ hash, mime: 'image/webp', bytes: 3, kind: 'photo' })),
  });

/** The queued files, in memory as IndexedDB keeps them. */
function memoryStore(hashes: string[]) {
  const files = new Map(
    hashes.map((hash) => [hash, { hash, mime: 'image/webp', blob: new Blob(['abc']), uploaded: false }]),
  );
  const store: UploadStore = {
    queued: async (want) => want.flatMap((x) => (files.has(x) ? [{ ...files.get(x)! }] : [])),
    markUploaded: async (x) => {
      files.get(x)!.uploaded = true;
    },
  };
  return { files, store };
}

/** A server that answers each PUT with the next status, and records what it was sent. */
function server(statuses: number[]) {
  const calls: Array<{ url: string; method?: string; type?: string; auth?: string }> = [];
  const fetchFn = (async (url: string, init?: RequestInit) => {
    const headers = init?.headers as Record<string, string>;
    calls.push({ url, method: init?.method, type: headers['content-type'], auth: headers.authorization });
    const status = statuses.shift();
    if (status === undefined) throw new TypeError('Failed to fetch');
    return new Response(null, { status });
  }) as typeof fetch;
  return { calls, fetchFn };
}
const noMeter = () => {};

describe('submission media upload', () => {
  it('lists each file of the submissions in a batch once, and nothing of other events', () => {
    const batch = [
      event(1, 'lesson.opened', { contentId: 'c', version: 1 }),
      submission(2, h('a'), h('b')),
      submission(3, h('b'), h('c')),
    ];
    expect(referencedMedia(batch)).toEqual([h('a'), h('b'), h('c')]);
  });

  it('sends each file with the device credential and its type, 201 and 200 both meaning held', async () => {
    const { files, store } = memoryStore([h('a'), h('b')]);
    const { calls, fetchFn } = server([201, 200]);
    const res = await uploadMediaFor([submission(1, h('a'), h('b'))], 'tok', noMeter, store, fetchFn);
    expect(res).toEqual({ sent: 2, refused: [] });
    expect(calls).toEqual([
      { url: `/api/sync/v1/media/${h('a')}`, method: 'PUT', type: 'image/webp', auth: 'Bearer tok' },
      { url: `/api/sync/v1/media/${h('b')}`, method: 'PUT', type: 'image/webp', auth: 'Bearer tok' },
    ]);
    expect([...files.values()].every((f) => f.uploaded)).toBe(true);
  });

  it('after a cut connection, the next run sends only what the server did not confirm', async () => {
    const { store } = memoryStore([h('a'), h('b')]);
    const first = server([201]); // then the network goes
    await expect(
      uploadMediaFor([submission(1, h('a'), h('b'))], 't', noMeter, store, first.fetchFn),
    ).rejects.toMatchObject({ status: 0 });
    const second = server([201]);
    await uploadMediaFor([submission(1, h('a'), h('b'))], 't', noMeter, store, second.fetchFn);
    expect(second.calls.map((c) => c.url)).toEqual([`/api/sync/v1/media/${h('b')}`]);
  });

  it('a server error or a revoked tablet stops the push (the event waits with its files)', async () => {
    for (const status of [401, 503]) {
      const { files, store } = memoryStore([h('a')]);
      const err = await uploadMediaFor([submission(1, h('a'))], 't', noMeter, store, server([status]).fetchFn)
        .then(() => null)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncHttpError);
      expect((err as SyncHttpError).status).toBe(status);
      expect(files.get(h('a'))!.uploaded).toBe(false);
    }
  });

  it('a file refused for good does not block the queue: the server quarantines its event', async () => {
    const { store } = memoryStore([h('a'), h('b')]);
    const res = await uploadMediaFor(
      [submission(1, h('a'), h('b'))],
      't',
      noMeter,
      store,
      server([413, 201]).fetchFn,
    );
    expect(res).toEqual({ sent: 1, refused: [{ hash: h('a'), status: 413 }] });
  });

  it('sends nothing for a batch without submissions', async () => {
    const { calls, fetchFn } = server([]);
    const { store } = memoryStore([]);
    await uploadMediaFor([event(1, 'lesson.opened', {})], 't', noMeter, store, fetchFn);
    expect(calls).toEqual([]);
  });
});
