// The byte-counting proxy's thread (meters.ts startProxy). In a thread of its own, forwarding never
// waits behind the simulated tablets, which share the bench's main thread; its CPU still counts as
// the bench's (client) CPU. Counts go to a shared array: up, down, connections.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { targetPort, counts } = workerData;
const count = new BigInt64Array(counts);
const UP = 0;
const DOWN = 1;
const CONNECTIONS = 2;
const sockets = new Set();

const server = net.createServer((client) => {
  Atomics.add(count, CONNECTIONS, 1n);
  const upstream = net.connect(targetPort, '127.0.0.1');
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  sockets.add(client);
  sockets.add(upstream);
  client.on('data', (d) => {
    Atomics.add(count, UP, BigInt(d.length));
    if (!upstream.write(d)) client.pause();
  });
  upstream.on('drain', () => client.resume());
  upstream.on('data', (d) => {
    Atomics.add(count, DOWN, BigInt(d.length));
    if (!client.write(d)) upstream.pause();
  });
  client.on('drain', () => upstream.resume());
  const end = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on('close', end);
  upstream.on('close', end);
  client.on('error', end);
  upstream.on('error', end);
});

server.on('error', (e) => {
  throw e;
});
parentPort.on('message', (m) => {
  if (m.type !== 'close') return;
  for (const s of sockets) s.destroy();
  server.close(() => parentPort.close());
});
server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }),
);
