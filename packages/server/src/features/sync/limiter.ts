// Bounds concurrent sync work. Requests beyond `concurrency` wait in a FIFO queue, so a burst of
// 200 tablets at 08:00 is served in arrival order and none starves; past `queueMax` waiting, or
// after `waitMs` in the queue, the caller gets null and answers 503 with Retry-After.

export interface Limiter {
  acquire(): Promise<(() => void) | null>;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(opts: { concurrency: number; queueMax: number; waitMs: number }): Limiter {
  let active = 0;
  const queue: Array<(granted: boolean) => void> = [];

  const release = () => {
    const next = queue.shift();
    if (next) next(true);
    else active--;
  };
  const once = () => {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async acquire() {
      if (active < opts.concurrency) {
        active++;
        return once();
      }
      if (queue.length >= opts.queueMax) return null;
      const granted = await new Promise<boolean>((resolve) => {
        const entry = (g: boolean) => {
          clearTimeout(timer);
          resolve(g);
        };
        const timer = setTimeout(() => {
          const i = queue.indexOf(entry);
          if (i >= 0) queue.splice(i, 1);
          resolve(false);
        }, opts.waitMs);
        queue.push(entry);
      });
      // A slot handed over by release() keeps `active` as it was.
      return granted ? once() : null;
    },
  };
}

/** Retry-After in whole seconds: `base` plus up to `base` of jitter, so refused tablets spread out. */
export const retryAfterSeconds = (base: number, random = Math.random) =>
  base + Math.floor(random() * (base + 1));
