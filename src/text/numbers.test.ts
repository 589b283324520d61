import { describe, expect, it } from 'vitest';
import { ordinalWords } from './numbers.js';

describe('ordinalWords (folded, after "lần thứ")', () => {
  it.each([
    [['hai'], 2, 1],
    [['nhat', 'quan'], 1, 1],
    [['tu'], 4, 1],
    [['tam', 'quan'], 8, 1],
    [['muoi'], 10, 1],
    [['muoi', 'hai'], 12, 2],
    [['muoi', 'lam'], 15, 2],
    [['muoi', 'tam', 'quan'], 18, 2],
    [['hai', 'muoi'], 20, 2],
    [['hai', 'muoi', 'mot'], 21, 3],
    [['ba', 'muoi', 'lam'], 35, 3],
  ])('%j → %i', (words, value, used) => {
    expect(ordinalWords(words)).toEqual({ value, used });
  });

  it('is null when the first word is not a number', () => {
    expect(ordinalWords(['truong'])).toBeNull();
    expect(ordinalWords([])).toBeNull();
  });
});
