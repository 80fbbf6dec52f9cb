import { describe, expect, it } from 'vitest';
import { mediaAllowed, mediaNeeds, taskMedia } from './media';

const h = (c: string) => c.repeat(64);

describe('media download manager', () => {
  it('downloads each file once, however many lessons use it', () => {
    const rows = [
      { media: [{ hash: h('a'), bytes: 10, mime: 'image/png' }] },
      {
        media: [
          { hash: h('a'), bytes: 10, mime: 'image/png' },
          { hash: h('b'), bytes: 5, mime: 'audio/wav' },
        ],
      },
      { media: [] },
    ];
    expect(mediaNeeds(rows).map((m) => m.hash)).toEqual([h('a'), h('b')]);
  });

  it('"media only on Wi-Fi" holds back on a connection the browser says is cellular', () => {
    expect(mediaAllowed(true, 'cellular')).toBe(false);
    expect(mediaAllowed(true, 'wifi')).toBe(true);
    expect(mediaAllowed(true, 'ethernet')).toBe(true);
    expect(mediaAllowed(false, 'cellular')).toBe(true);
  });

  it('downloads anyway where the browser does not tell the connection type', () => {
    expect(mediaAllowed(true, null)).toBe(true);
  });

  it('downloads task attachments and the voice feedback of returned work too', () => {
    const att = { hash: h('c'), bytes: 3, mime: 'application/pdf', name: 'sheet.pdf' };
    const voice = { hash: h('d'), bytes: 4, mime: 'audio/webm' };
    const rows = taskMedia(
      [{ attachments: [att] }, { attachments: [] }, {}],
      [{ returned: null }, { returned: { feedbackVoice: voice } }, { returned: { feedbackVoice: null } }],
    );
    expect(mediaNeeds(rows)).toEqual([
      { hash: h('c'), bytes: 3, mime: 'application/pdf' },
      { hash: h('d'), bytes: 4, mime: 'audio/webm' },
    ]);
  });
});
