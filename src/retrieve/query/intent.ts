/**
 * What a question asks for: its intent (chair, attendees, summary, fact), an event-card field asked for
 * directly, and the noun a "bao nhiêu X" question counts. Pure; reads folded whole words.
 */
import { fold } from '../../text/normalize.js';
import { FOLDED_STOPWORDS } from '../../text/tokenize.js';
import type { Intent } from '../../types.js';
import { MEETING_CONTEXT } from './filters.js';
import { foldedWords, questionWords } from './words.js';

export type CardField = 'meetingDate' | 'publishedAt' | 'meetingNumber' | 'congressNumber' | 'khoa' | 'term' | 'author' | 'openedBy' | 'concludedBy';

export function detectIntent(question: string): Intent {
  const f = foldedWords(question);
  // "hội nghị tổng kết" names a (review) meeting, it does not ask for a summary.
  const named = f.replace(/ (hoi nghi|le|buoi|cuoc hop) tong ket /g, ' $1 ');
  if (/ (tom tat|tong ket|tong hop|summar\w*|overview|tong quan) /.test(named)) return 'summary';
  if (/ (chu tri|chair|chaired|chairs|chairing|presid(ed|es|ing)|dieu hanh hoi nghi) /.test(f)) return 'chair';
  if (
    / (ai du|ai da du|den du|tham du|du va chi dao|du hoi nghi|du buoi|attend\w*|present at|were present) /.test(f) ||
    // "những ai" asks for people of any kind ("Gandhi bị những ai phản đối?"): attendees only of a meeting.
    (/ (nhung ai|gom nhung ai|co nhung ai) /.test(f) && MEETING_CONTEXT.test(f)) ||
    // "Trưởng ban Tổ chức Thành ủy nào dự …": which official attended.
    / nao (da |cung )?((den|toi|ve) )?(tham )?du ((hoi nghi|dai hoi|dh|buoi|phien|le|hop) |\s*$)/.test(f) ||
    (/ (ai|who) /.test(f) && / (chi dao (hoi nghi|dai hoi|dh|buoi|phien)|phat bieu chi dao|dai dien|directed|directing|represent\w*) /.test(f))
  ) {
    return 'attendees';
  }
  return 'fact';
}

/**
 * "bao nhiêu đảng viên" → "dang vien"; "mấy vụ cháy" → "vu chay"; "how many businesses" → null (English nouns do
 * not match); "bao nhiêu %" / "bao nhiêu phần trăm" → null (a percentage, not a count).
 */
/** Folded stopwords that are nouns when counted (see countedNoun). */
const COUNTED_STOPWORDS: ReadonlySet<string> = new Set(['nguoi', 'vu', 'dang', 'bo']);

export function countedNoun(text: string): string | null {
  if (/\b(?:bao nhieu|may)\s*%/.test(fold(text))) return null;
  const m = /\b(?:bao nhieu|may)\s+([a-z]+)(?:\s+([a-z]+))?/.exec(questionWords(text));
  if (!m || m[1] === 'phan' || m[1] === 'ty') return null;
  // Folded stopwords that after "bao nhiêu" are nouns: "đảng" (not "đang"), "bộ", "người", "vụ".
  const keep = (w: string | undefined) => w !== undefined && (!FOLDED_STOPWORDS.has(w) || COUNTED_STOPWORDS.has(w));
  const words = [m[1], m[2]].filter(keep) as string[];
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * `/A.*B/.test(text)` in linear time: B (a global regex) matches after the end of A's first match. The regex form
 * re-scans the rest of the text for every match of A (quadratic on a long question repeating A).
 */
function followedBy(text: string, a: RegExp, b: RegExp): boolean {
  const m = a.exec(text);
  if (!m) return false;
  b.lastIndex = m.index + m[0].length;
  return b.test(text);
}

export function cardField(folded: string): CardField | null {
  const f = foldedWords(folded);
  if (/ (ai viet|tac gia|nguoi viet|who wrote|author|phong vien) /.test(f)) return 'author';
  // The article's own date: "đăng ngày nào", "ngày đăng", "đưa tin … ngày nào", "published when".
  if (/ (ngay dang|dang ngay|dang luc|dang vao|dang khi|dang tai|dang bai|dua tin|xuat ban|published|publication|posted) /.test(f)) return 'publishedAt';
  // Who read a speech: "Lời khai mạc … ai đọc?", "Ai trình bày diễn văn bế mạc?" (the reader opened or closed it).
  const speech = / (?:loi|dien van|bai phat bieu|phat bieu) (khai mac|be mac) /.exec(f);
  if (speech && / (?:ai|who) (?:doc|trinh bay|read|delivered) /.test(f)) return speech[1] === 'khai mac' ? 'openedBy' : 'concludedBy';
  if (followedBy(f, / (ai|who) /, /(ket luan|concluded|closing)/g)) return 'concludedBy';
  if (followedBy(f, / (ai|who) /, /(khai mac|opened|opening)/g)) return 'openedBy';
  const aboutCongress = / (dai hoi|dh|congress) /.test(f);
  const aboutMeeting = aboutCongress || / (hoi nghi|hop|meeting|conference|session|plenum|ban chap hanh|bch) /.test(f);
  if (aboutMeeting && / (lan thu may|lan may|hoi nghi thu may|dai hoi thu may|which (conference|meeting|session|congress)|what number) /.test(f)) {
    return aboutCongress ? 'congressNumber' : 'meetingNumber';
  }
  if (/ (khoa may|khoa nao|khoa thu may|which khoa) /.test(f)) return 'khoa';
  if (/ (nhiem ky nao|nhiem ky may|which term|what term) /.test(f)) return 'term';
  if (
    followedBy(f, / (hoi nghi|dai hoi|dh|hop|meeting|conference|congress|dien ra|to chuc)\b/, /\b(ngay nao|khi nao|hom nao|luc nao|bao gio|when|what date|ngay may|may ngay|bao nhieu ngay|how many days|how long) /g) ||
    followedBy(f, / (ngay nao|khi nao|hom nao|when|what date|how many days|how long) /, /(hoi nghi|dai hoi|hop|meeting|conference|congress)/g)
  ) {
    return 'meetingDate';
  }
  return null;
}

