import { describe, expect, it } from 'vitest';
import { scopesStartingOver } from './sync-cursor';

describe('scopesStartingOver', () => {
  it('names the scopes asked for at 0 or not at all, and no others', () => {
    expect(
      scopesStartingOver({ 'school:a': 0, 'class:b': 12 }, { 'school:a': 40, 'class:b': 15, 'learner:c': 3 }),
    ).toEqual(['school:a', 'learner:c']);
  });
  it('names nothing when every scope continues', () => {
    expect(scopesStartingOver({ 'school:a': 5 }, { 'school:a': 9 })).toEqual([]);
  });
});
