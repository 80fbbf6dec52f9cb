import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app';
import { openDatabase } from '../../db/database';

// Another server instance for sync.relay.test.ts, in a process of its own (the in-process pub/sub
// of live.ts is per process): buildApp over the database URL given, listening on a free port. It
// prints the port, and closes when its stdin does.
const database = openDatabase(process.argv[2] as string);
const app = await buildApp({ database });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as AddressInfo).port}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
