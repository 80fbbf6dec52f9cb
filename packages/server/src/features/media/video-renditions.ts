import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { nowIso } from '../../lib/time';
import { probeMp4 } from './container-probe';
import { mediaRepository as repo } from './media.repository';
import type { MediaStorage } from './media-storage';

export const LOW_VIDEO_RENDITION = 'low.mp4';

/**
 * 360p H.264/AAC under the 500 kbit/s a lesson video may cost a parent's data plan: 380 kbit/s
 * video with a tight buffer (x264 overshoots a 420k target with a 2x buffer to ~510 kbit/s in all
 * on busy pictures, measured with the real ffmpeg) plus 64 kbit/s mono audio, enough for a
 * voice-over. The height is capped, never raised; -2 keeps the width even as H.264 requires;
 * faststart lets a tablet play while it downloads.
 */
const lowRenditionArgs = (input: string, output: string) => [
  ...['-nostdin', '-v', 'error', '-y', '-i', input],
  ...['-vf', "scale=-2:'min(360,ih)'", '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main'],
  ...['-b:v', '380k', '-maxrate', '400k', '-bufsize', '400k', '-pix_fmt', 'yuv420p'],
  ...['-c:a', 'aac', '-b:a', '64k', '-ac', '1', '-movflags', '+faststart', '-f', 'mp4', output],
];

export interface VideoJobsOptions {
  /** The ffmpeg program (a name on PATH or a path); null turns renditions off. */
  ffmpeg: string | null;
  storage: MediaStorage;
  db: Kysely<DB>;
  log: FastifyBaseLogger;
}

/**
 * Makes the low rendition of uploaded videos in the background, one at a time: the hub has two
 * cores and also answers 200 tablets. Where ffmpeg is missing the original alone is served.
 */
export function videoRenditionJobs(o: VideoJobsOptions) {
  const running = new Set<ChildProcess>();
  let available: Promise<boolean> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const isAvailable = () => {
    available ??= o.ffmpeg
      ? run(o.ffmpeg, ['-version'], running).then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);
    return available;
  };

  const transcode = async (hash: string, input: string) => {
    if (closed || !o.ffmpeg || !(await isAvailable())) return;
    const output = `${input}.low.mp4`;
    try {
      await run(o.ffmpeg, lowRenditionArgs(input, output), running);
      const bytes = (await stat(output)).size;
      const digest = createHash('sha256');
      await pipeline(createReadStream(output), digest);
      const renditionHash = digest.digest('hex');
      const { width, height } = await probeMp4(output);
      await o.storage.put(renditionHash, createReadStream(output), bytes);
      await repo.addRendition(o.db, {
        mediaHash: hash,
        name: LOW_VIDEO_RENDITION,
        hash: renditionHash,
        mime: 'video/mp4',
        bytes,
        width,
        height,
        createdAt: nowIso(),
      });
    } finally {
      await rm(output, { force: true });
    }
  };

  return {
    isAvailable,

    /** Queues a rendition of the video at `input`, then calls `done` (which owns the file) whatever happens. */
    enqueue(hash: string, input: string, done: () => Promise<void>): void {
      queue = queue
        .then(() => transcode(hash, input))
        .catch((err: unknown) =>
          o.log.warn({ err, hash }, 'video rendition failed; the original is still served'),
        )
        .finally(done);
    },

    /** Stops the running ffmpeg and waits for the queue to drain (app shutdown). */
    async close(): Promise<void> {
      closed = true;
      for (const child of running) child.kill('SIGTERM');
      await queue;
    },
  };
}

export type VideoJobs = ReturnType<typeof videoRenditionJobs>;

function run(program: string, args: string[], running: Set<ChildProcess>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    try {
      // Below the web server, so lessons keep loading while a video is converted.
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // Not permitted on some systems; the job still runs.
    }
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.on('error', (err) => {
      running.delete(child);
      reject(err);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${program} exited with ${signal ?? code}: ${stderr.trim()}`));
    });
  });
}
