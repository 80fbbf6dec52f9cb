import type { MediaKind } from '@lawh/shared';
import { ApiError, getCsrfToken } from '../../lib/api';

/** What POST /api/v1/media answers: the stored file, keyed by its SHA-256. */
export interface MediaRecord {
  hash: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width?: number;
  height?: number;
}

export const mediaUrl = (hash: string) => `/api/v1/media/${hash}`;

/**
 * Uploads one file. XMLHttpRequest rather than fetch because only it reports upload progress,
 * which matters for a video sent over a school's slow connection.
 */
export const uploadMedia = (file: Blob, name: string, onProgress: (fraction: number | null) => void) =>
  uploadWithProgress<MediaRecord>('/api/v1/media', file, name, onProgress);

/** POSTs a file as the multipart field `file`, reporting how much of it has been sent. */
export function uploadWithProgress<T>(
  url: string,
  file: Blob,
  name: string,
  onProgress: (fraction: number | null) => void,
) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', getCsrfToken());
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'No connection to the server'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code: string; message: string; details?: unknown } })?.error;
      reject(
        new ApiError(xhr.status, err?.code ?? 'http_error', err?.message ?? xhr.statusText, err?.details),
      );
    };
    const body = new FormData();
    body.append('file', file, name);
    xhr.send(body);
  });
}
