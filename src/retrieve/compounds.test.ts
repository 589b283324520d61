import { describe, expect, it } from 'vitest';
import { segmentCompounds, type SegmentOptions } from './compounds.js';

const FUNCTION = new Set(['là', 'bao', 'nhiêu', 'mấy', 'của', 'có']);
const STOP = new Set(['số', 'quận', 'hội', 'nghị', 'ban', 'chấp', 'hành', 'họp']);

/** Options over a toy table of pair frequencies. */
function opts(df: Record<string, number>, caps?: boolean[][]): SegmentOptions {
  return {
    isFunction: (s) => FUNCTION.has(s),
    isStop: (s) => STOP.has(s),
    df: (pair) => df[pair] ?? 0,
    ...(caps ? { caps } : {}),
  };
}

const words = (s: string) => s.split(' ');

interface Case {
  name: string;
  clauses: string[][];
  df: Record<string, number>;
  want: { compounds: string[]; singles: string[]; unknown: string[] };
}

describe('segmentCompounds', () => {
  it.each<Case>([
    {
      name: 'keeps compounds on both sides of an accidental pair absent from the corpus',
      clauses: [words('kỷ niệm sự kiện')],
      df: { kỷ_niệm: 200, sự_kiện: 300 },
      want: { compounds: ['kỷ_niệm', 'sự_kiện'], singles: [], unknown: [] },
    },
    {
      name: 'drops a rare pair next to a much more frequent overlapping one',
      clauses: [words('họp ban chấp hành')],
      df: { họp_ban: 20, ban_chấp: 500, chấp_hành: 550 },
      want: { compounds: ['ban_chấp', 'chấp_hành'], singles: [], unknown: [] },
    },
    {
      name: 'never pairs function words or numbers',
      clauses: [words('kết nạp bao nhiêu đảng viên'), words('lần 12')],
      df: { kết_nạp: 77, nạp_bao: 5, nhiêu_đảng: 3, đảng_viên: 700 },
      want: { compounds: ['kết_nạp', 'đảng_viên'], singles: ['lần'], unknown: [] },
    },
    {
      name: 'reports a content pair the corpus never contains as unknown',
      clauses: [words('dân số'), words('là bao nhiêu')],
      df: {},
      want: { compounds: [], singles: [], unknown: ['dân_số'] },
    },
    {
      name: 'a syllable paired in the corpus with its other neighbour is not unknown',
      clauses: [words('nguyễn văn hiếu giữ chức')],
      df: { nguyễn_văn: 5000, văn_hiếu: 4, giữ_chức: 50 },
      want: { compounds: ['nguyễn_văn', 'giữ_chức'], singles: ['hiếu'], unknown: [] },
    },
    {
      name: 'two stopwords never make an unknown pair',
      clauses: [words('hội nghị')],
      df: {},
      want: { compounds: [], singles: [], unknown: [] },
    },
  ])('$name', ({ clauses, df, want }) => {
    expect(segmentCompounds(clauses, opts(df))).toEqual(want);
  });

  it('a lowercase syllable before a capitalised one is a word boundary (a name starts)', () => {
    const clauses = [words('tên gọi tên paname')];
    const df = { tên_gọi: 100, gọi_tên: 2, tên_paname: 3 };
    expect(segmentCompounds(clauses, opts(df, [[false, false, false, true]])).compounds).toEqual(['tên_gọi']);
    expect(segmentCompounds(clauses, opts(df)).compounds).toEqual(['tên_gọi', 'tên_paname']);
  });

  it('a name next to a word is never an unknown pair', () => {
    const r = segmentCompounds([words('gandhi sinh')], opts({}, [[true, false]]));
    expect(r.unknown).toEqual([]);
    expect(r.singles).toEqual(['gandhi', 'sinh']);
  });
});
