import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

// What the bench measures from outside the systems: wire bytes through a TCP proxy, and a server
// process's CPU time and peak resident memory from /proc.

export interface WireCount {
  up: number;
  down: number;
  connections: number;
}

/**
 * A byte-counting TCP proxy on loopback in front of `targetPort`; counts raw bytes, headers included.
 * It runs in a thread of its own (proxy.thread.mjs).
 */
export async function startProxy(targetPort: number): Promise<{
  port: number;
  reset(): WireCount;
  close(): Promise<void>;
}> {
  const counts = new SharedArrayBuffer(3 * 8);
  const cells = new BigInt64Array(counts);
  const worker = new Worker(new URL('./proxy.thread.mjs', import.meta.url), {
    workerData: { targetPort, counts },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  // A proxy that fails mid-run would skew every figure after it: stop the bench.
  worker.on('error', (e) => {
    throw e;
  });
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  return {
    port,
    reset() {
      const [up, down, connections] = [0, 1, 2].map((i) => Number(Atomics.exchange(cells, i, 0n)));
      return { up: up!, down: down!, connections: connections! };
    },
    close: async () => {
      if (exited) return;
      const exit = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      await exit;
    },
  };
}

const TICKS = 100; // USER_HZ on Linux

/**
 * A process's (or, with `tid`, one of its threads') minor page faults and user and system CPU
 * seconds so far, from /proc. A minor fault is a fresh page of memory: 13 µs each on this machine.
 */
export function procStat(pid: number, tid?: number): { faults: number; user: number; system: number } {
  const stat = readFileSync(
    tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
    'utf8',
  );
  // Fields after the command name, which may contain spaces, closed by the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { faults: Number(f[7]), user: Number(f[11]) / TICKS, system: Number(f[12]) / TICKS };
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = procStat(pid);
  return user + system;
}

/** Peak resident memory in bytes since start or since the last resetPeak (VmHWM). */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resets VmHWM to the current RSS, so the next peak belongs to the scenario about to run. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the peak then covers the whole process life, which only overstates it.
  }
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
