import { proposalsBeyond } from './proposal-supersession';

describe('proposalsBeyond', () => {
  const held = { id: 'held', quantity: 3_000, held: true };
  const fresh = { id: 'fresh', quantity: 1_000, held: false };

  it('keeps every proposal that still fits', () => {
    expect(proposalsBeyond([fresh, held], 4_000)).toEqual([]);
  });

  it('keeps held proposals first, superseding the open ones that no longer fit', () => {
    expect(proposalsBeyond([fresh, held], 3_500)).toEqual(['fresh']);
  });

  it('supersedes a held proposal that needs more than is left', () => {
    expect(proposalsBeyond([fresh, held], 2_000)).toEqual(['held']);
  });
});
