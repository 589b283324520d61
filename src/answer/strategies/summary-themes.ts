/**
 * Which theme of a term summary a sentence, or a figure's indicator, is about. Pure; folded keyword patterns of how
 * these reports name their subjects, never a list of sentences.
 *
 * Contracts:
 * - `sentenceTheme`: null for a sentence that reports the meeting itself (who met, opened, chaired, attended, what
 *   the meeting was for: the timeline's material, never a theme's), for a speech's praise of the results ("ghi nhận
 *   và đánh giá cao …") unless it directs, and for one about no theme or about several alike ("Công tác xây dựng Đảng …, an sinh xã hội …, an ninh … được giữ vững"). 'tasks' only for a sentence
 *   that opens forward-looking ("thời gian tới", "cuối năm", an imperative "Tập trung …") or directs near its start
 *   ("đề nghị", "yêu cầu"), or carries on ("Đồng thời, …") from a task, whatever topic it then names; a topical theme when its words dominate: words in the sentence's opening clause count double, the
 *   best theme needs TOPIC_MIN and TOPIC_MARGIN × the runner-up.
 * - `figureTheme`: the topical theme an indicator (folded syllables, plus the row's measure) names, or null.
 */
import type { SummaryTheme } from '../../messages/answer.js';
import { fold } from '../../text/normalize.js';

export type Topic = Exclude<SummaryTheme, 'tasks'>;
export const TOPICS: readonly Topic[] = ['party', 'economy', 'social', 'security'];

/** Folded words that say a sentence is about a topic. */
const TOPIC_WORDS: Record<Topic, RegExp> = {
  party:
    /\b(dang vien|ket nap|xay dung dang|to chuc co so dang|to chuc dang|chi bo|kiem tra|giam sat|ky luat|thi hanh ky luat|chinh don|cap uy|xoa ten|phat trien dang|dan van|chinh tri tu tuong|cong tac can bo|can bo chu chot|quy hoach can bo|he thong chinh tri|nghi quyet dai hoi|tuyen truyen|giao duc chinh tri|lam theo tu tuong)\b/g,
  economy:
    /\b(ngan sach|du toan|von dau tu|dau tu cong|dau tu|doanh nghiep|tang truong|gia tri san xuat|giai ngan|kinh te|thuong mai|dich vu|cong nghiep|nong nghiep|du lich|doanh thu|ty dong|von dang ky|giai phong mat bang|thu hoi dat|ha tang|do thi|nong thon moi)\b/g,
  social:
    /\b(an sinh|ho ngheo|can ngheo|giam ngheo|viec lam|y te|giao duc(?! chinh tri)|truong hoc|van hoa|covid|dich benh|tiem chung|vac xin|suc khoe|bao hiem y te|bao hiem xa hoi|phuc loi|nha o|nguoi co cong|chinh sach xa hoi)\b/g,
  security:
    /\b(an ninh|trat tu|pham phap|toi pham|quoc phong|giao quan|tuyen quan|tai nan|kham pha an|ma tuy|phong chay|chay no|vu chay|trat tu xay dung|xay dung khong phep|quan su)\b/g,
};

/** A sentence that reports the meeting itself, not what it discussed (folded). */
const MEETING_FRAME =
  /\b(?:to chuc (?:hoi nghi|dai hoi|ky hop|phien)|(?:hoi nghi|dai hoi|phien) (?:nham|de|nay nham)|khai mac|be mac|chu tri (?:hoi nghi|dai hoi)|(?:du|den du) (?:hoi nghi|dai hoi) co|tham du|dai bieu chinh thuc|phat bieu (?:khai mac|be mac)|dien van|trao (?:tang )?huy hieu)\b/;

/** A speech about the meeting's results (praise, thanks), not a report of them (folded). */
const SPEECH_FRAME = /\b(?:phat bieu tai (?:hoi nghi|dai hoi)|ghi nhan|danh gia cao|bieu duong|chuc mung|bay to)\b/;

/** A forward-looking opening clause: a coming period, the directions ahead (folded). */
const TASK_OPENING =
  /^(?:(?:ve|trong|de|voi|tu nay) )?(?:(?:nhung )?(?:thoi gian|nam|thang) (?:toi|sap toi)|(?:\d+|sau|ba|nhung) thang cuoi nam|(?:den|toi) cuoi nam|nam (?:20\d\d)\b|phuong huong|nhiem vu (?:trong tam|thoi gian|tiep theo|nam)|giai doan (?:con lai|toi)|(?:dac biet )?(?:tap trung|day manh|tang cuong|chu trong|quyet tam) )/;
/** A directive or target near a sentence's start: someone asks, proposes, stresses or strives for something (folded). */
const DIRECTIVE = /\b(?:phan dau|de nghi|yeu cau|luu y|nhan manh can|can (?:tap trung|tiep tuc|chu dong|day manh|tang cuong|quan tam)|phai (?:tap trung|tiep tuc))\b/;
/** Characters from a sentence's start within which a directive makes it a task. */
const DIRECTIVE_CHARS = 120;
/** Words of a sentence opening that carry on from the previous sentence ("Đồng thời, …", "Trong đó, …"). */
const CARRY_ON = /^(?:dong thoi|trong do|ben canh do|ngoai ra|mat khac|theo do)\b/;

/** Words in a sentence's opening clause (before its first comma, at most this many characters) count double. */
const OPENING_CHARS = 60;
/** A topic needs this weight at least: one word in the opening clause, or two anywhere. */
export const TOPIC_MIN = 2;
/** …and this many times the runner-up's weight. */
export const TOPIC_MARGIN = 2;

const count = (re: RegExp, text: string) => text.match(re)?.length ?? 0;

/** The opening clause of a folded sentence: up to its first comma or semicolon, at most OPENING_CHARS. */
function openingOf(folded: string): string {
  const cut = folded.search(/[,;:]/);
  return folded.slice(0, Math.min(cut < 0 ? folded.length : cut, OPENING_CHARS));
}

/** True when the sentence reports the meeting itself (who met, opened, attended, what it was for). */
export function isMeetingFrame(sentence: string): boolean {
  return MEETING_FRAME.test(fold(sentence));
}

/**
 * The theme a sentence is about (see the module contract). `previous`: the theme of the sentence before it in the
 * same paragraph, which a sentence opening with "Đồng thời, …" keeps when it was 'tasks'.
 */
export function sentenceTheme(sentence: string, previous: SummaryTheme | null = null): SummaryTheme | null {
  const f = fold(sentence);
  if (MEETING_FRAME.test(f)) return null;
  const opening = openingOf(f);
  if (TASK_OPENING.test(opening) || DIRECTIVE.test(f.slice(0, DIRECTIVE_CHARS)) || (previous === 'tasks' && CARRY_ON.test(f))) return 'tasks';
  if (SPEECH_FRAME.test(f)) return null;
  const weights = TOPICS.map((t) => ({ t, w: count(TOPIC_WORDS[t], f) + count(TOPIC_WORDS[t], opening) })).sort((a, b) => b.w - a.w);
  const [best, second] = [weights[0]!, weights[1]!];
  if (best.w < TOPIC_MIN || best.w < TOPIC_MARGIN * second.w) return null;
  return best.t;
}

/** Measures that are a topic by themselves ("596 đảng viên": party; money: economy). */
const MEASURE_TOPIC: Array<[RegExp, Topic]> = [
  [/\b(dang vien|to chuc (?:co so )?dang|chi bo)\b/, 'party'],
  [/\b(ty dong|trieu dong|usd|doanh nghiep|du an)\b/, 'economy'],
  [/\b(ho ngheo)\b/, 'social'],
];

/** The topic a figure's indicator names (folded syllables) with its measure, or null (see the module contract). */
export function figureTheme(indicator: string, measure: string): Topic | null {
  const m = fold(measure);
  const byWords = TOPICS.map((t) => ({ t, w: count(TOPIC_WORDS[t], indicator) })).sort((a, b) => b.w - a.w);
  if (byWords[0]!.w > 0 && byWords[0]!.w > byWords[1]!.w) return byWords[0]!.t;
  for (const [re, topic] of MEASURE_TOPIC) if (re.test(m) || re.test(indicator)) return topic;
  return byWords[0]!.w > 0 ? byWords[0]!.t : null;
}
