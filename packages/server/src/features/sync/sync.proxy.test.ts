import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers';
import { insertDevice, syncWorld } from './sync.fixtures';
import { assertExactlyOnce, expectedRows, SimDevice, type Transport } from './sync.sim';

// A real server on loopback behind a TCP proxy that cuts connections at random byte offsets, in
// either direction: requests die half-sent, answers die after the server committed. Tablets retry
// until done. Nothing may be lost and nothing duplicated.

/** A proxy that lets `cut()` decide, per connection, after how many bytes to drop it (null: never). */
function cuttingProxy(
  target: number,
  cut: () => number | null,
): Promise<{ port: number; close: () => Promise<void>; cuts: () => number }> {
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    const limit = cut();
    let seen = 0;
    const kill = () => {
      cuts++;
      client.destroy();
      upstream.destroy();
    };
    const pipe = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (limit !== null && seen + chunk.length > limit) {
          to.write(chunk.subarray(0, Math.max(0, limit - seen)));
          seen = limit;
          return kill();
        }
        seen += chunk.length;
        to.write(chunk);
      });
    pipe(client, upstream);
    pipe(upstream, client);
    for (const s of [client, upstream]) {
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => {
        sockets.delete(s);
        (s === client ? upstream : client).end();
      });
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        cuts: () => cuts,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** A tablet's HTTP client: a new connection per request (so each one meets its own cut), gzip both ways. */
function httpTransport(port: number, token: string): Transport {
  return (path, body) =>
    new Promise((resolve) => {
      const payload = gzipSync(JSON.stringify(body));
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent: false,
          timeout: 5000,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'accept-encoding': 'gzip',
            'content-length': payload.length,
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('error', () => resolve({ status: 0, json: null }));
          res.on('aborted', () => resolve({ status: 0, json: null }));
          res.on('end', () => {
            try {
              const raw = Buffer.concat(parts);
              const text =
                res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
            } catch {
              resolve({ status: 0, json: null });
            }
          });
        },
      );
      req.on('error', () => resolve({ status: 0, json: null }));
      req.on('timeout', () => req.destroy());
      req.end(payload);
    });
}

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

describe('sync through a connection-cutting proxy', () => {
  it('loses nothing and duplicates nothing', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Half the requests are cut somewhere in their first 4 KB, request or answer.
    const proxy = await cuttingProxy(port, () => (random() < 0.5 ? Math.floor(random() * 4000) : null));
    try {
      const w = await syncWorld(t.db, 4);
      const more = [await insertDevice(t.db, w.schoolId), await insertDevice(t.db, w.schoolId)];
      const tablets = [{ deviceId: w.deviceId, token: w.token }, ...more].map(
        (d) => new SimDevice(d.deviceId, httpTransport(proxy.port, d.token)),
      );
      for (let round = 0; round < 12; round++) {
        await Promise.all(
          tablets.map(async (tablet, i) => {
            const n = 1 + Math.floor(random() * 60);
            for (let k = 0; k < n; k++)
              tablet.record(w.learnerIds[(k + i) % 4] as string, w.contentIds[k % 2] as string);
            await tablet.syncAll(200);
          }),
        );
      }
      expect(proxy.cuts()).toBeGreaterThan(20);
      // A last clean pass picks up progress the other tablets logged after each one's last pull.
      for (const tablet of tablets) await tablet.syncAll(200);
      await assertExactlyOnce(t.db, tablets);
      for (const tablet of tablets)
        expect(tablet.snapshot()).toEqual(await expectedRows(t.db, tablet.deviceId));
    } finally {
      await proxy.close();
    }
  }, 30_000);
});
