import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { FsMediaStorage } from './fs-storage';
import type { MediaStorage } from './media-storage';

export interface MediaOptions {
  /** The media folder; default DATA_DIR/media (or MEDIA_DIR). Uploads are staged in its `incoming/`. */
  dir?: string;
  /** Another store (S3-compatible, or memory in tests) instead of the folder's. */
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
  const dir = o.dir ?? loadConfig().mediaDir;
  return { storage: new FsMediaStorage(dir), stagingDir: join(dir, 'incoming'), ffmpeg };
}
