import { describe, expect, it } from 'vitest';
import { sseEvents } from './sync-scheduler';

describe('the live stream parser', () => {
  it('finds pokes, skips comments and retry lines, and keeps an unfinished event for later', () => {
    const first = sseEvents('retry: 5000\n\n: heartbeat\n\nevent: poke\ndata: {}\n\nevent: po');
    expect(first.events).toEqual(['poke']);
    const second = sseEvents(`${first.rest}ke\ndata: {}\n\n`);
    expect(second).toEqual({ events: ['poke'], rest: '' });
  });

  it('reads CRLF line ends and unnamed data events', () => {
    expect(sseEvents('data: 1\r\n\r\nevent: poke\r\n\r\n').events).toEqual(['message', 'poke']);
  });
});
