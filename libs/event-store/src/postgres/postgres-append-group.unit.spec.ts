import { MAX_GROUP, MAX_GROUPS_IN_FLIGHT, nextGroupSize } from './postgres-append-group';

describe('nextGroupSize (how waiting appends are formed into groups)', () => {
  it('sends a lone append at once, with nothing in flight', () => {
    expect(nextGroupSize(1, [])).toBe(1);
  });

  it('waits when nothing waits or every connection for groups is busy', () => {
    expect(nextGroupSize(0, [])).toBe(0);
    expect(
      nextGroupSize(
        5,
        Array.from({ length: MAX_GROUPS_IN_FLIGHT }, () => 1),
      ),
    ).toBe(0);
  });

  it('shares the waiting appends out over the free connections', () => {
    expect(MAX_GROUPS_IN_FLIGHT).toBe(2);
    expect(nextGroupSize(8, [])).toBe(4);
    expect(nextGroupSize(4, [4])).toBe(4);
    expect(nextGroupSize(3, [])).toBe(2);
  });

  it('does not send a small group beside a large one in flight: it waits to join the next', () => {
    // eight writers each awaiting its append: without this, one answered first goes alone
    // beside the other seven, round after round
    expect(nextGroupSize(1, [7])).toBe(0);
    expect(nextGroupSize(3, [7])).toBe(0);
    expect(nextGroupSize(4, [7])).toBe(4);
    expect(nextGroupSize(1, [2])).toBe(1);
  });

  it('never exceeds MAX_GROUP', () => {
    expect(nextGroupSize(10 * MAX_GROUP, [])).toBe(MAX_GROUP);
    expect(nextGroupSize(10 * MAX_GROUP, [MAX_GROUP])).toBe(MAX_GROUP);
  });
});
