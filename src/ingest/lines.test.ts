import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineEvent } from './lines.js';

const split = (chunks: string[], max = 1 << 20) => {
  const s = new LineSplitter(max);
  const out: LineEvent[] = [];
  for (const c of chunks) s.push(Buffer.from(c), out);
  s.end(out);
  return out.map((e) => (e.kind === 'line' ? `${e.line}:${e.bytes.toString()}${e.unterminated ? '!' : ''}` : `${e.line}:overlong`));
};

describe('LineSplitter', () => {
  it('splits across chunks, numbers lines from 1, counts blank lines, drops CR, flags an unterminated last line', () => {
    expect(split(['a\r\nb', 'c\n\n\n', 'd\ne'])).toEqual(['1:a', '2:bc', '5:d', '6:e!']);
    expect(split(['x\n'])).toEqual(['1:x']);
    expect(split([])).toEqual([]);
  });

  it('reports a line over the limit the moment it passes it, and reads on at the next line', () => {
    const s = new LineSplitter(100);
    const out: LineEvent[] = [];
    let fed = 0;
    // An endless line in 64-byte chunks: the report comes within one chunk past the limit.
    while (!out.some((e) => e.kind === 'overlong')) {
      s.push(Buffer.alloc(64, 'x'), out);
      fed += 64;
    }
    expect(fed).toBeLessThanOrEqual(100 + 64);
    s.push(Buffer.from('yyy\nok\n'), out);
    expect(out.map((e) => (e.kind === 'line' ? e.bytes.toString() : e.kind))).toEqual(['overlong', 'ok']);
  });

  it('is linear: 32 MB without a newline in 16 KB chunks takes well under a second (was minutes)', () => {
    const s = new LineSplitter(64 << 20);
    const chunk = Buffer.alloc(16 * 1024, '0');
    const out: LineEvent[] = [];
    const t = performance.now();
    for (let i = 0; i < 2048; i++) s.push(chunk, out);
    s.end(out);
    expect(performance.now() - t).toBeLessThan(1500);
    expect(out).toHaveLength(1);
    expect((out[0] as { bytes: Buffer }).bytes.length).toBe(32 << 20);
  });

  it('counts a million blank lines quickly', () => {
    const s = new LineSplitter(1024);
    const out: LineEvent[] = [];
    const t = performance.now();
    s.push(Buffer.alloc(1 << 20, '\n'), out);
    s.push(Buffer.from('last\n'), out);
    expect(performance.now() - t).toBeLessThan(500);
    expect(out).toMatchObject([{ kind: 'line', line: (1 << 20) + 1 }]);
  });
});
