import { describe, expect, it } from 'vitest';
import { baseMime, encodeAttempts, fitWithin, PHOTO_MAX_SIDE } from './photo';
import { clock, pickVoiceMime } from './voice';

describe('photo resize', () => {
  it('brings a camera photo down to 1600 px on the long side, keeping its shape', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4032, 1816)).toEqual({ width: 1600, height: 721 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });

  it('keeps at least one pixel on a very thin picture, and refuses an empty one', () => {
    expect(fitWithin(10_000, 2)).toEqual({ width: 1600, height: 1 });
    expect(fitWithin(0, 100)).toEqual({ width: 0, height: 0 });
  });

  it('tries lower quality, then a smaller picture, and never goes over the long side', () => {
    const tries = encodeAttempts(4000, 3000);
    expect(tries[0]).toEqual({ width: 1600, height: 1200, quality: 0.82 });
    for (let i = 1; i < tries.length; i++) {
      const [prev, cur] = [tries[i - 1]!, tries[i]!];
      expect(cur.width * cur.height * cur.quality).toBeLessThan(prev.width * prev.height * prev.quality);
    }
    for (const t of tries) expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(PHOTO_MAX_SIDE);
  });

  it('names a file by its base type', () => {
    expect(baseMime('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(baseMime('Image/JPEG')).toBe('image/jpeg');
  });
});

describe('voice recorder', () => {
  it('records Opus in WebM where the browser can, else the next format it knows', () => {
    expect(pickVoiceMime(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickVoiceMime((m) => m === 'audio/mp4')).toBe('audio/mp4');
    expect(pickVoiceMime(() => false)).toBe('');
    expect(
      pickVoiceMime((m) => {
        if (m.includes('codecs')) throw new Error('unknown');
        return m === 'audio/webm';
      }),
    ).toBe('audio/webm');
  });

  it('shows the elapsed time as m:ss', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(9_999)).toBe('0:09');
    expect(clock(65_000)).toBe('1:05');
    expect(clock(-5)).toBe('0:00');
  });
});
