import { newId, password as passwordSchema, searchKey, username as usernameSchema } from '@lawh/shared';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { hashPassword } from '../features/auth/passwords';
import { isUniqueViolation } from '../lib/db-errors';
import { nowIso } from '../lib/time';

/** `lawh create-admin <username>`: the password comes from LAWH_ADMIN_PASSWORD or standard input. */
export async function createAdminCommand(config: Config, args: string[]): Promise<number> {
  const name = usernameSchema.safeParse(args[0]);
  if (!name.success) {
    console.error('Usage: lawh create-admin <username>   (letters, digits, dot, hyphen, underscore)');
    return 2;
  }
  const secret = process.env.LAWH_ADMIN_PASSWORD ?? (await readStdin()).trim();
  const pw = passwordSchema.safeParse(secret);
  if (!pw.success) {
    console.error('The password must be at least 10 characters (LAWH_ADMIN_PASSWORD or standard input).');
    return 2;
  }
  const database = openDatabase(config.databaseTarget);
  try {
    await migrateToLatest(database.db);
    const now = nowIso();
    await database.db
      .insertInto('users')
      .values({
        id: newId(),
        role: 'programme_admin',
        schoolId: null,
        username: name.data,
        passwordHash: await hashPassword(pw.data),
        nameAr: name.data,
        givenName: name.data,
        familyName: '',
        locale: 'ar',
        searchText: searchKey(name.data),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    console.log(`Programme admin "${name.data}" created.`);
    return 0;
  } catch (e) {
    if (isUniqueViolation(e)) {
      console.error(`The username "${name.data}" is taken.`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stdout.write('Password: ');
  }
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data;
}
