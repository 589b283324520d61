/**
 * The question's language. Pure.
 *
 * Contract: Vietnamese when a word not capitalised carries Vietnamese diacritics ("chủ trì", "lần thứ"); capitalised
 * words with diacritics are names ("Who chaired … Bình Giã?") and decide nothing. Otherwise by counting English and
 * Vietnamese function words (diacritics folded), ties going to Vietnamese.
 */
import type { Language } from '../../types.js';
import { fold } from '../../text/normalize.js';

const EN_WORDS = new Set(
  'what who whom which when where why how many much the a an of in on at to for from by with is are was were did does do has have had and or about tell me please chaired chair attended attend district party committee meeting conference members budget revenue summarize summarise summary term'.split(
    ' ',
  ),
);
const VI_WORDS = new Set(
  'ai gi nao bao nhieu khong cua la duoc co va cac nhung thi sao con may khi nam ngay thang quan huyen hoi nghi chu tri dang vien ket nap tom tat nhiem ky lan thu dong chi bi thu ngan sach'.split(' '),
);

const hasDiacritics = (w: string): boolean => /[\u0300-\u036f]/.test(w.normalize('NFD')) || /[đĐ]/.test(w);
const isCapitalised = (w: string): boolean => w[0] !== w[0]!.toLowerCase();

export function detectLanguage(question: string): Language {
  const words = question.match(/[\p{L}\p{M}]+/gu) ?? [];
  if (words.some((w) => hasDiacritics(w) && !isCapitalised(w))) return 'vi';
  let en = 0;
  let vi = 0;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (EN_WORDS.has(lower)) en++;
    if (VI_WORDS.has(fold(lower))) vi++;
  }
  return en > vi ? 'en' : 'vi';
}
