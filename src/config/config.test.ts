import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['true', true],
    [' Yes ', true],
    ['on', true],
    ['0', false],
    ['OFF', false],
  ])('INDEX_READ_ONLY=%j → %s', (value, want) => {
    expect(parseConfig({ INDEX_READ_ONLY: value }).indexReadOnly).toBe(want);
  });

  it('refuses a boolean it cannot read, naming the variable', () => {
    expect(() => parseConfig({ BOT_STREAM: 'banana' })).toThrow(/BOT_STREAM/);
  });
});
