import type { Kysely } from 'kysely';

// The programme admin's people lists filter by role across every school and sort by family name
// (the default). users_school_role leads with school_id, so without this those lists read the whole
// users table and sort it; with it, one page is a short range scan in order.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('usersRoleFamilyName').on('users').columns(['role', 'familyName']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('usersRoleFamilyName').execute();
}
