/// <reference lib="webworker" />
import { createScheduler, type FromSync, type ToSync } from './sync-scheduler';

// The sync engine's thread: network, gzip, hashing and IndexedDB writes stay off the UI thread.
declare const self: DedicatedWorkerGlobalScope;

const scheduler = createScheduler((m: FromSync) => self.postMessage(m));
self.onmessage = (e: MessageEvent<ToSync>) => {
  if (e.data?.type === 'sync') void scheduler.run(e.data.reason);
};
void scheduler.run('start');
