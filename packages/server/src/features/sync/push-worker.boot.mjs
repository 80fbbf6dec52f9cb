// The push worker's entry: push-worker.ts starts it, push-worker.thread.ts is the thread's code. A
// worker thread does not inherit the TypeScript loader that bin/lawh.mjs registered on the main
// thread, so it registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./push-worker.thread.ts');
