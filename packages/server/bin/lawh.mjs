#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so there is no separate server build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
