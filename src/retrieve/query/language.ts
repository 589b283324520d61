/**
 * The question's language, by its words: English function words against Vietnamese ones. A word typed with
 * diacritics counts as Vietnamese unless it is capitalised inside the question (a name: "Who chaired the congress of
 * Châu Đức district?" is English). Pure.
 */
import type { Language } from '../../types.js';

const EN_WORDS = new Set(
  'what who whom which when where why how many much the a an of in on at to for from by with is are was were did does do has have had and or about tell me please chaired chair attended attend directed district ward commune party committee meeting conference congress members budget revenue summarize summarise summary term'.split(
    ' ',
  ),
);
const VI_WORDS = new Set(
  'ai gi nao bao nhieu khong cua la duoc co va cac nhung thi sao con may khi nam ngay thang quan huyen hoi nghi chu tri dang vien ket nap tom tat nhiem ky lan thu dong chi bi thu ngan sach'.split(' '),
);

const hasDiacritic = (w: string) => /[\u0300-\u036f]/.test(w.normalize('NFD')) || /[đĐ]/.test(w);

export function detectLanguage(question: string): Language {
  return languageOf(question) ?? 'vi';
}

/** The question's language, or null when no word says ("hi", "Binh Tan"): then Vietnamese, or the asker's. */
export function languageOf(question: string): Language | null {
  const words = question.match(/[\p{L}\p{M}]+/gu) ?? [];
  let en = 0;
  let vi = 0;
  words.forEach((w, i) => {
    const lower = w.toLowerCase();
    if (hasDiacritic(w)) {
      // A capitalised word after the first is a name; Vietnamese sentences are lowercase in between.
      if (i === 0 || w[0] === lower[0]) vi += 2;
      return;
    }
    if (EN_WORDS.has(lower)) en++;
    if (VI_WORDS.has(lower)) vi++;
  });
  if (en === 0 && vi === 0) return null;
  return en > vi ? 'en' : 'vi';
}
