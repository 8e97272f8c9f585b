import { boundHeapGrowth } from './heap-growth';

describe('boundHeapGrowth', () => {
  it('sets the growing factor unless the command line chose one', () => {
    expect(boundHeapGrowth(25, [])).toBe(true);
    expect(boundHeapGrowth(25, ['--inspect'])).toBe(true);
    expect(boundHeapGrowth(25, ['--heap-growing-percent=60'])).toBe(false);
    expect(boundHeapGrowth(25, ['--heap_growing_percent', '60'])).toBe(false);
  });
});
