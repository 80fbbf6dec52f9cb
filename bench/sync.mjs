#!/usr/bin/env node
// npm run bench:sync [-- --quick]: Lawh's sync engine against PouchDB replication (bench/sync/).
// Runs the TypeScript through tsx, like packages/server/bin/lawh.mjs. Last line is JSON.
import { register } from 'tsx/esm/api';

register();
await import('./sync/index.ts');
