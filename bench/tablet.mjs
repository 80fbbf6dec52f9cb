#!/usr/bin/env node
// npm run bench:tablet [-- --reps N] [-- --web-root DIR]: a provisioned learner tablet in Chromium
// (playwright-core, CPU throttled 4×) — cold start offline, lesson open, JS heap, first-load JS.
// Runs the TypeScript through tsx, like bench/sync.mjs. Last line is JSON.
import { register } from 'tsx/esm/api';

register();
await import('./tablet/index.ts');
