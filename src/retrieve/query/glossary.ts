/**
 * Chat shorthand and the English → Vietnamese domain glossary: English questions are translated term by term,
 * so keyword retrieval still sees Vietnamese terms ("party members" → "đảng viên"). Pure.
 */
import { fold, normalizeText } from '../../text/normalize.js';
import type { Language } from '../../types.js';
import { cutFirst, word } from './words.js';

/** Chat shorthand (administrative abbreviations are expanded by the tokenizer on both sides). */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [word('ko|hok|khg|kh', 'giu'), 'không'],
  [word('dc|đc', 'giu'), 'được'],
  [word('bn', 'giu'), 'bao nhiêu'],
  [word('ntn', 'giu'), 'như thế nào'],
  [word('j', 'giu'), 'gì'],
  [word('sl', 'giu'), 'số lượng'],
  // Uppercase: "ĐH Đảng bộ huyện …" is a congress; lowercase "dh" is too many other words, unless a congress's own
  // words follow ("dh dang bo", "đh đại biểu").
  [word('ĐH|DH', 'gu'), 'đại hội'],
  [/(?<![\p{L}\d])(?:đh|dh)(?=\s+(?:đảng|dang|đại\s+biểu|dai\s+bieu|lần|lan)(?![\p{L}]))/giu, 'đại hội'],
];

/** Words that only make a question precise or polite ("chính xác", "cho tôi hỏi"): they name nothing to find. */
const MODIFIERS = word('chính xác|chinh xac|cho (?:tôi|mình|em) (?:hỏi|biết)|cho (?:toi|minh|em) (?:hoi|biet)|xin hỏi|xin hoi|bạn ơi|ban oi', 'giu');

/** Chat shorthand expanded ("ko" → "không", "ĐH" → "đại hội"), modifiers dropped; NFC-normalised. */
export function expandAbbreviations(question: string): string {
  let text = normalizeText(question).replace(MODIFIERS, ' ').replace(/\s{2,}/g, ' ');
  // A question typed without diacritics stays so ("dh dang bo" → "dai hoi dang bo"): later steps read how it was typed.
  const plain = !/[^\x00-\x7f]/.test(text);
  for (const [re, rep] of ABBREVIATIONS) text = text.replace(re, plain ? fold(rep) : rep);
  return text;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** English domain terms → Vietnamese (folded matching happens downstream, so accents are for display). */
const GLOSSARY: Array<[RegExp, string]> = [
  ...MONTHS.map((m, i): [RegExp, string] => [new RegExp(`\\b${m}\\b`, 'g'), `tháng ${i + 1}`]),
  [/\bnew party members?\b|\badmitted\b|\badmit(s|ted)?\b|\brecruit(ed|s)?\b/g, 'kết nạp đảng viên'],
  [/\bparty members?\b|\bmembers? of the party\b/g, 'đảng viên'],
  [/\bbudget revenues?\b|\bstate budget\b|\brevenue\b/g, 'thu ngân sách'],
  [/\bbudget\b/g, 'ngân sách'],
  [/\bestimate\b/g, 'dự toán'],
  [/\bpublic investment\b/g, 'vốn đầu tư công'],
  [/\bdisburse(ment|d)?\b/g, 'giải ngân'],
  [/\binvestment\b|\binvested\b|\bcapital\b/g, 'vốn đầu tư'],
  [/\bbusiness(es)?\b|\benterprises?\b|\bcompanies\b|\bfirms?\b/g, 'doanh nghiệp'],
  [/\bregistered\b/g, 'đăng ký'],
  [/\bnewly established\b|\bestablished\b|\bfounded\b/g, 'thành lập mới'],
  [/\bpoor households?\b|\bpoverty\b/g, 'hộ nghèo'],
  [/\bnear[- ]poor\b/g, 'hộ cận nghèo'],
  [/\bgrowth\b/g, 'tăng trưởng'],
  [/\bproduction value\b|\boutput\b/g, 'giá trị sản xuất'],
  [/\bindustr(y|ial)\b/g, 'công nghiệp'],
  [/\btrade\b|\bcommerc(e|ial)\b/g, 'thương mại'],
  [/\bjobs?\b|\bemployment\b/g, 'việc làm'],
  [/\bcrimes?\b|\bcriminal\b/g, 'phạm pháp hình sự'],
  [/\bfires?\b/g, 'cháy'],
  [/\bdead\b|\bdeaths?\b|\bkilled\b|\bdied\b/g, 'người chết'],
  [/\bsecretary\b/g, 'bí thư'],
  [/\bvice[- ]chair(man|woman|person)?\b/g, 'phó chủ tịch'],
  [/\bchair(man|woman|person)\b/g, 'chủ tịch'],
  [/\bpeople'?s committee\b/g, 'ủy ban nhân dân'],
  [/\bpeople'?s council\b/g, 'hội đồng nhân dân'],
  [/\bstanding committee\b/g, 'ban thường vụ'],
  [/\binspection commission\b|\binspection committee\b/g, 'ủy ban kiểm tra'],
  [/\bdeputy secretary\b/g, 'phó bí thư'],
  [/\bfatherland front\b/g, 'mặt trận tổ quốc'],
  [/\bchaired\b|\bchairs?\b|\bpresided( over)?\b|\bled the meeting\b/g, 'chủ trì'],
  [/\battend(ed|ees?|ing)?\b|\bpresent at\b|\bwere present\b/g, 'dự'],
  [/\bdirect(ed|ing|ion|s)?\b|\bguid(ed|ance|ing)\b/g, 'chỉ đạo'],
  [/\bcongress(es)?\b/g, 'đại hội'],
  [/\bpreparatory session\b/g, 'phiên trù bị'],
  [/\bconference\b|\bmeeting\b|\bsession\b|\bplenum\b|\bplenary\b/g, 'hội nghị'],
  [/\bdelegates?\b/g, 'đại biểu'],
  [/\bre-?elected\b/g, 'tái đắc cử'],
  [/\belect(ed|s|ion)?\b|\bvoted\b/g, 'bầu'],
  [/\bresolutions?\b/g, 'nghị quyết'],
  [/\bpresent(ed|s|ing)?\b(?=\s+(?:the\s+)?(?:draft\s+|political\s+)?reports?\b)/g, 'trình bày'],
  [/\bpresent(ed|s|ing)?\b|\bintroduc(ed|es|ing)\b|\bdisseminat(ed|es|ing)\b/g, 'triển khai'],
  [/\bspeech(es)?\b|\bspoke\b|\baddress(ed)?\b/g, 'phát biểu'],
  [/\bcommunes?\b/g, 'xã'],
  [/\bprovinces?\b|\bprovincial\b/g, 'tỉnh'],
  [/\baverage\b/g, 'bình quân'],
  [/\bpost\b|\bposition\b/g, 'chức vụ'],
  [/\bgoals?\b|\bobjectives?\b/g, 'mục tiêu'],
  [/\bbreakthroughs?\b/g, 'đột phá'],
  [/\bslogan\b|\bmotto\b|\btheme\b/g, 'phương châm chủ đề'],
  [/\bpopulation\b/g, 'dân số'],
  [/\barea\b/g, 'diện tích'],
  [/\bmerg(ed|er|ing)\b/g, 'sáp nhập'],
  [/\bexecutive committee\b|\bcentral committee\b/g, 'ban chấp hành'],
  [/\bterm\b/g, 'nhiệm kỳ'],
  [/\bmid[- ]term\b/g, 'giữa nhiệm kỳ'],
  [/\bsummar(y|ise|ize)\b|\boverview\b/g, 'tóm tắt'],
  [/\bcovid(-19)?\b|\bpandemic\b|\bepidemic\b/g, 'covid dịch'],
  [/\bvaccinat(ion|ed|e)\b/g, 'tiêm chủng'],
  [/\bsatisf(ied|action)\b/g, 'hài lòng'],
  [/\bcultural spaces?\b/g, 'không gian văn hóa'],
  [/\bho chi minh\b/g, 'Hồ Chí Minh'],
  [/\bwards?\b/g, 'phường'],
  [/\bsocial security\b|\bsocial welfare\b/g, 'an sinh xã hội'],
  [/\bsecurity\b|\border\b/g, 'an ninh trật tự'],
  [/\btargets?\b|\bindicators?\b/g, 'chỉ tiêu'],
  [/\btasks?\b/g, 'nhiệm vụ'],
  [/\bsolutions?\b/g, 'giải pháp'],
  [/\bkhoa\b/g, 'khóa'],
  [/\bwhen\b|\bwhat date\b|\bwhich day\b/g, 'ngày'],
  [/\bhow many\b|\bhow much\b/g, 'bao nhiêu'],
  [/\bwho\b/g, 'ai'],
];

/**
 * Expands abbreviations and (for English) glossary terms; keeps the original words too.
 * `added` is the Vietnamese text the glossary contributed (empty for Vietnamese questions).
 */
export function expandQuestion(
  question: string,
  language: Language,
  /** Spans read as filters (unit names): English leaves them out before translating ("Hai An ward" is not "ward"). */
  cut: readonly string[] = [],
): { text: string; added: string; addedTerms: string[]; leftover: string } {
  let text = expandAbbreviations(question);
  const added: string[] = [];
  let leftover = text.toLowerCase();
  if (language === 'en') leftover = cutFirst(leftover, cut.map((span) => span.toLowerCase()));
  if (language === 'en') {
    for (const [re, rep] of GLOSSARY) {
      re.lastIndex = 0;
      if (re.test(leftover)) {
        added.push(rep);
        re.lastIndex = 0;
        leftover = leftover.replace(re, ' ');
      }
    }
    text = `${text} ${added.join(' ')}`;
  }
  return { text, added: added.join(' '), addedTerms: added, leftover };
}

