import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { FsMediaStorage } from './fs-storage';
import type { MediaStorage } from './media-storage';
import { S3MediaStorage } from './s3-storage';

export interface MediaOptions {
  /**
   * The media folder; default DATA_DIR/media (or MEDIA_DIR). Uploads are staged in its `incoming/`
   * (with MEDIA_STORE=s3 that is all it holds).
   */
  dir?: string;
  /** Another store (memory in tests) instead of the one config.ts names (MEDIA_STORE). */
  storage?: MediaStorage;
  /** The ffmpeg program for video renditions; default `ffmpeg` on PATH (FFMPEG overrides); null: none. */
  ffmpeg?: string | null;
}

export interface ResolvedMedia {
  storage: MediaStorage;
  /** Where uploads are written while they are checked; never inside an object folder. */
  stagingDir: string;
  ffmpeg: string | null;
}

/** Nothing is created on disk here: folders appear with the first upload. */
export function resolveMedia(o: MediaOptions = {}): ResolvedMedia {
  const ffmpeg = o.ffmpeg === undefined ? process.env.FFMPEG || 'ffmpeg' : o.ffmpeg;
  if (o.storage) {
    const stagingDir = o.dir ? join(o.dir, 'incoming') : join(tmpdir(), 'lawh-media-incoming');
    return { storage: o.storage, stagingDir, ffmpeg };
  }
  const config = loadConfig();
  const dir = o.dir ?? config.mediaDir;
  // With S3 the folder still stages uploads while they are checked; only published bytes go out.
  const storage =
    config.mediaStore.kind === 's3' ? new S3MediaStorage(config.mediaStore.s3) : new FsMediaStorage(dir);
  return { storage, stagingDir: join(dir, 'incoming'), ffmpeg };
}
