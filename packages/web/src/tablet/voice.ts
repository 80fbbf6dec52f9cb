// Voice recordings for tasks: Opus at a speech bitrate, so a minute is about 200 KB to send.

/** The formats to record in, best first; the server accepts audio/webm, audio/ogg and audio/mp4. */
export const VOICE_MIMES = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/webm',
  'audio/mp4',
] as const;
/** Speech stays clear at 24 kbit/s in Opus. */
export const VOICE_BITS_PER_SECOND = 24_000;
/** A recording stops by itself after this long (well under the server's 5 MB at this bitrate). */
export const VOICE_MAX_MS = 5 * 60_000;

/** The first format this browser can record, or '' to let it choose (it still records). */
export function pickVoiceMime(isSupported: (mime: string) => boolean): string {
  for (const m of VOICE_MIMES) {
    try {
      if (isSupported(m)) return m;
    } catch {
      // An old browser throws on a type it does not know: try the next one.
    }
  }
  return '';
}

/** Elapsed time as m:ss (always Latin digits, shown left-to-right). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
