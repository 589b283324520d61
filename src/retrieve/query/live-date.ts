/** Questions about the present moment ("hôm nay", "today", "tối qua"): the day they are about. Pure. */
import { lowerText } from '../../text/normalize.js';
import { foldedWords } from './words.js';

/** "hôm nay", "tối nay", "ngày mai", "tối qua", "today", … → the day the question is about (local date), else null. */
export function liveDate(question: string, now: Date = new Date()): string | null {
  // "lúc bấy giờ" (= back then) folds like "bây giờ" (= now); "đến bây giờ", "cho tới hôm nay" span the past
  // up to now: neither asks about the present moment.
  // Unaccented "toi nay" stays "tối nay" (tonight).
  const lowered = ` ${lowerText(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `
    .replace(/ bấy giờ /g, ' ')
    .replace(/ (?:cho )?(?:đến|tới) (?:tận )?(?:bây giờ|hôm nay|nay) /g, ' ');
  const f = foldedWords(lowered)
    .replace(/ (?:cho )?den (?:tan )?(?:bay gio|hom nay|nay) /g, ' ')
    .replace(/ (?:cho )?toi (?:tan )?(?:bay gio|hom nay) /g, ' ')
    .replace(/ luc bay gio /g, ' ');
  let offset: number | null = null;
  if (/ (hom nay|toi nay|sang nay|chieu nay|trua nay|dem nay|bay gio|luc nay|tuan nay|cuoi tuan nay|today|tonight|right now|this week|this weekend) /.test(f)) offset = 0;
  else if (/ (ngay mai|sang mai|toi mai|chieu mai|tomorrow) /.test(f)) offset = 1;
  // Yesterday: accented forms ("tôi qua" is "I pass", not "tối qua"), folded ones only in a question typed without accents.
  else if (/ (?:hôm|tối|đêm|sáng|chiều|trưa) qua /.test(lowered) || / (yesterday|last night) /.test(f) || (!/[^\x00-\x7f]/.test(lowered) && / (hom|toi|dem|sang|chieu|trua) qua /.test(f))) offset = -1;
  if (offset === null) return null;
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
