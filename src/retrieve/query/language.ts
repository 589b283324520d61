/** The question's language: Vietnamese when it has diacritics, else by counting function words. Pure. */
import type { Language } from '../../types.js';

const EN_WORDS = new Set(
  'what who whom which when where why how many much the a an of in on at to for from by with is are was were did does do has have had and or about tell me please chaired chair attended attend district party committee meeting conference members budget revenue summarize summarise summary term'.split(
    ' ',
  ),
);
const VI_WORDS = new Set(
  'ai gi nao bao nhieu khong cua la duoc co va cac nhung thi sao con may khi nam ngay thang quan huyen hoi nghi chu tri dang vien ket nap tom tat nhiem ky lan thu dong chi bi thu ngan sach'.split(' '),
);

export function detectLanguage(question: string): Language {
  if (/[\u0300-\u036f]/.test(question.normalize('NFD')) || /[đĐ]/.test(question)) return 'vi';
  const words = question.toLowerCase().match(/[a-z]+/g) ?? [];
  let en = 0;
  let vi = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    if (VI_WORDS.has(w)) vi++;
  }
  return en > vi ? 'en' : 'vi';
}

