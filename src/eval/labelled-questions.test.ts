import { describe, expect, it } from 'vitest';
import type { Answer } from '../types.js';
import type { DatasetQuestion, GoldArticle } from './labelled-dataset.js';
import {
  goldLookup,
  labelledGroups,
  missingGroups,
  questionStyle,
  sameEvent,
  sameEventCompanions,
  scoreLabelledRow,
  summarizeLabelled,
} from './labelled-questions.js';

const gold = (file: string, district: string, event: GoldArticle['event'], meeting: number | null, term: string | null = null): GoldArticle => ({
  file, level: 'district', province: 'TP.HCM', district, event, meeting, congress_term: null, term,
  published: null, meeting_date: null, chairs: [], directing: [],
});

const GOLD = [
  gold('000_aaaa1111.txt', 'huyện Cần Giờ', 'congress', 12, '2020-2025'),
  gold('001_bbbb2222.txt', 'huyện Cần Giờ', 'congress', 12, '2020-2025'),
  gold('002_cccc3333.txt', 'huyện Cần Giờ', 'congress', null, null),
  gold('003_dddd4444.txt', 'huyện Cần Giờ', 'conference', 12),
  gold('004_eeee5555.txt', 'xã Cần Giờ', 'congress', 12),
  gold('005_ffff6666.txt', 'huyện Cần Giờ', 'congress', 11, '2015-2020'),
];
const lookup = goldLookup(GOLD);

const answer = (text: string, sources: string[], quotes: string[] = sources.map(() => '')): Answer => ({
  question: 'x',
  answer: text,
  grounded: sources.length > 0,
  intent: 'fact',
  mode: 'extractive',
  citations: sources.map((source, i) => ({ n: i + 1, source, title: 't', unit: null, date: null, quote: quotes[i]!, url: null, chunkId: `${source}#0` })),
});

const q = (id: string, doc: string | null, must: string[][], kind: DatasetQuestion['kind'] = doc ? 'fact' : 'negative'): DatasetQuestion => ({
  id, kind, doc, q: `Đại hội Đảng bộ huyện Cần Giờ câu ${id}?`, must,
});

describe('questionStyle', () => {
  it.each([
    ['Ai chủ trì Hội nghị lần thứ 14 BCH Đảng bộ huyện Chương Mỹ?', 'accented'],
    ['dai hoi dang bo xa binh hung co bao nhieu dai bieu', 'unaccented'],
    ['Q.7 hoi nghi BCH lan thu 41 ai chu tri', 'unaccented'],
    ['do ai chu tri, co the cho biet khong', 'unaccented'],
    ['Who attended the 1st congress of the Bình Giã commune Party committee?', 'english'],
    ['What was decided in District 3?', 'english'],
    ['Bí thư Quận ủy Quận 3 là ai?', 'accented'],
  ])('%s → %s', (text, style) => {
    expect(questionStyle(text)).toBe(style);
  });
});

describe('missingGroups', () => {
  it('a group is found when one alternative occurs in the answer or a quote (NFC, case, spaces)', () => {
    const a = answer('Đại hội lần thứ  XII', ['000_aaaa1111.txt'], ['có 300 ĐẠI BIỂU']);
    expect(missingGroups(a, [['12', 'xii'], ['300 đại biểu']])).toEqual([]);
    expect(missingGroups(a, [['XII'], ['Nguyễn Văn A', 'Trần Thị B']])).toEqual([['Nguyễn Văn A', 'Trần Thị B']]);
    const decomposed = 'Cần Giờ'.normalize('NFD');
    expect(missingGroups(answer(decomposed, ['x']), [['cần giờ']])).toEqual([]);
    expect(missingGroups(a, [['']])).toEqual([['']]);
  });
});

describe('same event', () => {
  it('same unit with kind, event kind, and no conflicting number or term (unprinted matches)', () => {
    const [a, b, c, d, e, f] = GOLD as [GoldArticle, GoldArticle, GoldArticle, GoldArticle, GoldArticle, GoldArticle];
    expect(sameEvent(a, b)).toBe(true);
    expect(sameEvent(a, c)).toBe(true); // number not printed in c
    expect(sameEvent(a, d)).toBe(false); // conference vs congress
    expect(sameEvent(a, e)).toBe(false); // xã vs huyện
    expect(sameEvent(a, f)).toBe(false); // XI vs XII
    expect(sameEventCompanions(GOLD)).toEqual({
      '000_aaaa1111.txt': ['001_bbbb2222.txt', '002_cccc3333.txt'],
      '001_bbbb2222.txt': ['000_aaaa1111.txt', '002_cccc3333.txt'],
      '002_cccc3333.txt': ['000_aaaa1111.txt', '001_bbbb2222.txt', '005_ffff6666.txt'],
      '005_ffff6666.txt': ['002_cccc3333.txt'],
    });
  });
});

describe('scoreLabelledRow', () => {
  it('right: grounded and every must-group found; the cited article does not enter it', () => {
    const r = scoreLabelledRow(q('q1', 'aaaa1111', [['XII'], ['300']]), answer('lần thứ XII, 300 đại biểu', ['004_eeee5555.txt']), ['004_eeee5555.txt', '000_aaaa1111.txt'], 5, lookup);
    expect(r).toMatchObject({ right: true, missing: [], citedDoc: false, citedSameEvent: false, rank: 2, style: 'accented', grounded: true });
  });

  it('a grounded answer missing a group is wrong; a refusal is wrong', () => {
    expect(scoreLabelledRow(q('q1', 'aaaa1111', [['XII'], ['300']]), answer('lần thứ XII', ['000_aaaa1111.txt']), [], 1, lookup)).toMatchObject({
      right: false,
      missing: [['300']],
      citedDoc: true,
    });
    expect(scoreLabelledRow(q('q1', 'aaaa1111', [['XII']]), answer('Không tìm thấy lần thứ XII.', []), [], 1, lookup).right).toBe(false);
  });

  it('cited doc is strict; same event also accepts an article of the same event', () => {
    const r = scoreLabelledRow(q('q1', 'aaaa1111', [['XII']]), answer('XII', ['001_bbbb2222.txt']), [], 1, lookup);
    expect([r.citedDoc, r.citedSameEvent]).toEqual([false, true]);
    const other = scoreLabelledRow(q('q1', 'aaaa1111', [['XII']]), answer('XII', ['003_dddd4444.txt', 'unknown.txt']), [], 1, lookup);
    expect([other.citedDoc, other.citedSameEvent, other.cited]).toEqual([false, false, ['003_dddd4444.txt', 'unknown.txt']]);
  });

  it('negatives are right when refused', () => {
    expect(scoreLabelledRow(q('n1', null, []), answer('Không tìm thấy.', []), [], 1, lookup)).toMatchObject({ right: true, rank: null });
    expect(scoreLabelledRow(q('n1', null, []), answer('Có.', ['000_aaaa1111.txt']), [], 1, lookup).right).toBe(false);
  });
});

describe('summarizeLabelled', () => {
  it('right over all questions; citation, ranking and refusals over answerable ones; negatives apart', () => {
    const rows = [
      scoreLabelledRow(q('q1', 'aaaa1111', [['XII']]), answer('XII', ['000_aaaa1111.txt']), ['000_aaaa1111.txt'], 1, lookup),
      scoreLabelledRow(q('q2', 'aaaa1111', [['XII']]), answer('XII', ['001_bbbb2222.txt']), ['001_bbbb2222.txt', '000_aaaa1111.txt'], 2, lookup),
      scoreLabelledRow(q('q3', 'bbbb2222', [['300']], 'attendee'), answer('Không tìm thấy.', []), [], 3, lookup),
      scoreLabelledRow(q('n1', null, []), answer('Không tìm thấy.', []), [], 4, lookup),
    ];
    const s = summarizeLabelled(rows);
    expect(s).toMatchObject({ n: 4, right: 3 / 4, answerable: 3, citedDoc: 1 / 3, citedSameEvent: 2 / 3, refusedAnswerable: 1 / 3, negatives: 1, refusedNegatives: 1 });
    expect([s.hit1, s.hit5]).toEqual([1 / 3, 2 / 3]);
    const g = labelledGroups(rows);
    expect(Object.keys(g.kind)).toEqual(['attendee', 'fact', 'negative']);
    expect(g.kind.fact!.right).toBe(1);
    expect(Object.keys(g.style)).toEqual(['accented']);
  });
});
