import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from './protocol';

// Starting the two server processes and talking to them over IPC.

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export interface Child<M> {
  proc: ChildProcess;
  pid: number;
  /** Sends a message and waits for the first answer of the given type. */
  ask<T extends M>(message: object, answer: string): Promise<T>;
  stop(): Promise<void>;
}

/** Asks a child to stop, and kills it if it has not exited within 5 s. */
async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.send({ type: 'stop' });
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (proc.exitCode === null) proc.kill('SIGKILL');
}

function child<M extends { type: string }>(
  file: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[],
): Child<M> {
  const proc = fork(here(file), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters = new Map<string, (m: M) => void>();
  let failed: ((e: Error) => void) | null = null;
  proc.on('message', (m: M) => {
    if (m.type === 'error') failed?.(new Error(`${file}: ${(m as unknown as { message: string }).message}`));
    waiters.get(m.type)?.(m);
  });
  proc.on('exit', (code) => {
    if (code) failed?.(new Error(`${file} exited with ${code}`));
  });
  const wait = <T extends M>(answer: string) =>
    new Promise<T>((resolve, reject) => {
      failed = reject;
      waiters.set(answer, (m) => {
        waiters.delete(answer);
        resolve(m as T);
      });
    });
  return {
    proc,
    pid: proc.pid!,
    ask<T extends M>(message: object, answer: string) {
      const p = wait<T>(answer);
      if (Object.keys(message).length) proc.send(message);
      return p;
    },
    stop: () => stopChild(proc),
  };
}

export async function startLawh(dataDir: string) {
  // The server's own defaults for load limits; LAWH_SYNC_* in the environment override them.
  // BENCH_CPU_PROF=<dir>: a CPU profile of each of the server's threads (the push worker's too),
  // written when it stops.
  const prof = process.env.BENCH_CPU_PROF;
  const execArgv = ['--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])];
  const c = child<ServerMessage>('./lawh-server.ts', { DATA_DIR: dataDir }, execArgv);
  const ready = await c.ask<Extract<ServerMessage, { type: 'ready' }>>({}, 'ready');
  return { ...c, ready };
}

type PouchMessage =
  | { type: 'ready'; port: number }
  | { type: 'counted'; counts: Record<string, number> }
  | { type: 'error'; message: string };

export async function startPouch(dataDir: string) {
  const c = child<PouchMessage>('./pouch-server.mjs', { DATA_DIR: dataDir }, []);
  const ready = await c.ask<Extract<PouchMessage, { type: 'ready' }>>({}, 'ready');
  return { ...c, ready };
}

/**
 * PouchDB's simulated tablets in their own process (pouch-host.mjs). `call` sends one operation and
 * resolves with its answer; calls may overlap (a wave's tablets replicate together).
 */
export async function startPouchTablets() {
  const proc = fork(here('./pouch-host.mjs'), [], {
    execArgv: ['--max-old-space-size=6144'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  proc.on('message', (m: { id?: number; ok?: boolean; result?: unknown; message?: string }) => {
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id as number);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(`PouchDB tablet: ${m.message}`));
  });
  proc.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`pouch-host.mjs exited with ${code}`));
    pending.clear();
  });
  await new Promise<void>((resolve) => proc.once('message', () => resolve()));
  return {
    pid: proc.pid!,
    call<T>(op: 'prepare' | 'push' | 'pull' | 'load', args: object): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, op, ...args });
      });
    },
    stop: () => stopChild(proc),
  };
}
