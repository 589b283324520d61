import { describe, expect, it } from 'vitest';
import { LookbehindRegExp } from './lookbehind.js';

const PATTERNS: RegExp[] = [
  /(?<![\p{L}])(?:tái\s+đắc\s+cử|đắc\s+cử|bầu\s+(?:giữ\s+chức|làm)\s+bí\s+thư)(?![\p{L}])/iu,
  /(?<![\p{L}\p{N}])(?:(thị\s+xã|xã|Xã)[ \t]+|(TX|Q)(?:\.[ \t]*|[ \t]+))(?:(\d{1,2})|(\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,2}))/u,
  /(?<=[,;(]\s*)(?:ông|bà)\s+(\p{Lu}\p{Ll}+)/iu,
  /(?<!a)a/,
  /(?<![\](\\])x+/,
];
const PIECES = ['thị xã', 'xã', 'Xã', 'TX.', 'Q ', 'Cần Giờ', '12', ' ', '\t', 'a', 'aa', 'Đ', '😀', '𝐀', 'x', 'xx', ',', '(', ']', '\\',
  'tái đắc cử', 'đắc cử', 'Bầu làm Bí thư', 'ông ', 'Bà ', 'Nam', 'n'];

function randomTexts(count: number): string[] {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(rnd() * 12);
    for (let j = 0; j < n; j++) s += PIECES[Math.floor(rnd() * PIECES.length)];
    out.push(s);
  }
  return out;
}

const view = (m: RegExpExecArray | null) => (m ? { index: m.index, groups: [...m], input: m.input } : null);

describe('LookbehindRegExp', () => {
  const texts = randomTexts(4000);

  it('finds the first match exec finds, for every text', () => {
    for (const re of PATTERNS) {
      const fast = new LookbehindRegExp(re);
      for (const t of texts) {
        expect(view(fast.exec(t))).toEqual(view(re.exec(t)));
        expect(fast.test(t)).toBe(re.test(t));
      }
    }
  });

  it('finds every match a global regex finds, in order', () => {
    for (const re of PATTERNS) {
      const global = new RegExp(re.source, `${re.flags}g`);
      const fast = new LookbehindRegExp(re);
      for (const t of texts) {
        const want: unknown[] = [];
        global.lastIndex = 0;
        for (let m = global.exec(t); m; m = global.exec(t)) want.push([view(m), global.lastIndex]);
        const got: unknown[] = [];
        fast.lastIndex = 0;
        for (let m = fast.next(t); m; m = fast.next(t)) got.push([view(m), fast.lastIndex]);
        expect(got).toEqual(want);
      }
    }
  });

  it('refuses a pattern without a leading lookbehind, or with a capturing group inside it', () => {
    expect(() => new LookbehindRegExp(/a(?<!b)/)).toThrow();
    expect(() => new LookbehindRegExp(/(?<!(b))a/)).toThrow();
    expect(() => new LookbehindRegExp(/(?<!(?<n>b))a/)).toThrow();
    expect(() => new LookbehindRegExp(/(?<!(?:b|c))a/)).not.toThrow();
  });
});
