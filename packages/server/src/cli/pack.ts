import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type PackFilters, packFilters } from '@lawh/shared';
import type { Auth } from '../auth/policy';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../errors';
import { resolveMedia } from '../features/media/media.options';
import { packsService } from '../features/packs/packs.service';
import type { ImportProgress } from '../features/packs/packs-import';

const USAGE = `Usage: lawh pack export --out FILE [--unit U]... [--level L] [--subject S] [--cycle C] [--language ar|fr|zgh|en]
       lawh pack import FILE`;

/** The command line acts for the programme: whoever can run it already holds the database. */
const SYSTEM: Auth = { userId: 'system', role: 'programme_admin', schoolId: null };

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

/** `--unit a --unit b --level 5AP` → filters, or a message naming the bad flag. */
function parseFlags(args: string[]): { out?: string; filters: PackFilters } | string {
  const raw: Record<string, string | string[]> = {};
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || value === undefined) return `Unexpected argument: ${flag}`;
    i++;
    if (name === 'out') out = value;
    else if (name === 'unit') raw.unit = [...((raw.unit as string[] | undefined) ?? []), value];
    else if (['level', 'subject', 'cycle', 'language'].includes(name)) raw[name] = value;
    else return `Unknown option --${name}`;
  }
  const parsed = packFilters.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `--${String(issue?.path[0] ?? 'filter')}: ${issue?.message ?? 'invalid'}`;
  }
  return { out, filters: parsed.data };
}

/** Prints at most one progress line a second, and the last one. */
function progressPrinter(print: (line: string) => void) {
  let last = 0;
  return (line: string, final = false) => {
    const now = Date.now();
    if (!final && now - last < 1000) return;
    last = now;
    print(line);
  };
}

export async function packCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import' && sub !== 'export') {
    console.error(USAGE);
    return 2;
  }
  let file: string | undefined;
  let filters: PackFilters = {};
  if (sub === 'import') {
    file = rest[0];
    if (!file || rest.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    if (!existsSync(file)) {
      console.error(`${file}: no such file`);
      return 2;
    }
  } else {
    const parsed = parseFlags(rest);
    if (typeof parsed === 'string' || !parsed.out) {
      console.error(`${typeof parsed === 'string' ? parsed : '--out FILE is required'}\n\n${USAGE}`);
      return 2;
    }
    file = parsed.out;
    filters = parsed.filters;
  }

  const database = openDatabase(config.databaseTarget);
  const packs = packsService(database.db, resolveMedia({ dir: config.mediaDir }));
  const show = progressPrinter((line) => console.log(line));
  try {
    await migrateToLatest(database.db);
    if (sub === 'export') {
      const pack = await packs.exportPack(SYSTEM, filters);
      const part = `${file}.part`;
      let written = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          written += chunk.length;
          show(`Writing: ${mb(written)} of about ${mb(pack.bytes)}`);
          done(null, chunk);
        },
      });
      try {
        await pipeline(pack.stream, meter, createWriteStream(part));
        await rename(part, file);
      } catch (e) {
        await rm(part, { force: true });
        throw e;
      }
      console.log(
        `Wrote ${pack.items} lessons and quizzes and ${pack.media} media files (${mb(written)}) to ${resolve(file)}`,
      );
      return 0;
    }
    const summary = await packs.importFile(SYSTEM, file, (p: ImportProgress) => {
      const line =
        p.phase === 'media'
          ? `Verifying media: ${mb(p.bytesDone)} of ${mb(p.bytesTotal)}, ${p.itemsDone} of ${p.itemsTotal} items`
          : p.phase === 'content'
            ? 'Writing lessons and quizzes…'
            : `Done: ${mb(p.bytesDone)} verified`;
      show(line, p.phase !== 'media');
    });
    console.log('Pack imported:');
    console.log(
      `  content  ${summary.contentCreated} created, ${summary.contentUpdated} updated, ${summary.contentUnchanged} unchanged (${summary.versionsAdded} versions added)`,
    );
    console.log(`  media    ${summary.mediaAdded} added, ${summary.mediaAlreadyPresent} already present`);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(`lawh pack ${sub}: ${e.message}`);
    return 1;
  } finally {
    await database.close();
  }
}
