import { describe, expect, it } from 'vitest';
import { match } from './router';

describe('route matching', () => {
  it('matches the home page with or without a trailing slash, and nothing else', () => {
    expect(match('/', '/')).toEqual({});
    expect(match('/', '/schools')).toBeNull();
    expect(match('/schools', '/')).toBeNull();
  });
  it('reads parameters and ignores a trailing slash', () => {
    expect(match('/schools/:id', '/schools/abc/')).toEqual({ id: 'abc' });
    expect(match('/schools/:id', '/schools/a%20b')).toEqual({ id: 'a b' });
    expect(match('/schools/:id', '/schools')).toBeNull();
  });
});
