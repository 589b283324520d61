import { describe, expect, it } from 'vitest';
import { humanLine } from './logger.js';

describe('human log lines (a terminal)', () => {
  it('prints the message and its fields, the level only when it is not info, never JSON', () => {
    const time = new Date(2024, 4, 2, 8, 5, 9).getTime();
    expect(humanLine(JSON.stringify({ level: 30, time, msg: 'pipeline ready', articles: 5 }))).toBe('08:05:09 pipeline ready articles=5\n');
    expect(humanLine(JSON.stringify({ level: 40, time, msg: 'Using the existing index: locked' }))).toBe('08:05:09 WARN Using the existing index: locked\n');
    expect(humanLine(JSON.stringify({ level: 50, time, msg: 'update failed', err: { message: 'boom' } }))).toBe('08:05:09 ERROR update failed error=boom\n');
  });
});
