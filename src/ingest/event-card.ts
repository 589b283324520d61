/**
 * Structured facts about the meeting an article reports (EventCard), read with generic patterns.
 * Pure function, no I/O; runs on any news text (unrelated articles get mostly-null cards).
 *
 * Contracts:
 * - Every Sourced value carries the sentence of `text` it was read from, verbatim. Metadata values
 *   (title/publishedAt/author/site) carry the printed line they came from when known, else the value.
 * - The lead sentence = the first sentence (in the first 3 paragraphs) that mentions a meeting;
 *   district, meeting number, congress, term and meeting date prefer it over later sentences.
 * - district: a district right after a committee word (Quận ủy / Huyện ủy / Đảng bộ / BCH …) in the
 *   lead sentence, then in other meeting sentences of the first paragraphs; else the lead's source
 *   tag when it is a district abbreviation ("(NTL)"); else null. A district merely mentioned is not used.
 * - meetingNumber: "lần thứ N" whose nearest preceding keyword in the sentence is "hội nghị"
 *   (not "đại hội", not "Nghị quyết Hội nghị …", a reference to an earlier meeting).
 * - chairs, openedBy, concludedBy, chairNote, attendees, attendeeGroups: read by participants.ts (see its contract);
 *   their sentences may join a sentence hard-wrapped over several lines with single spaces.
 * - meetingDate: a clause-initial day/month ("Chiều 5/10") of the lead, resolved with dates.ts.
 * - congress: "khóa/khoá XII" of the Party committee (HĐND/Quốc hội terms are skipped); term:
 *   "nhiệm kỳ 2020 - 2025" → "2020-2025".
 * - sourceSite: the lead's source tag when it is a domain ("(Thanhuytphcm.vn)"), the district portal
 *   when it is a district abbreviation ("(NTL)" → Cổng thông tin điện tử quận Nam Từ Liêm), another
 *   short uppercase tag as printed; else `input.site` (e.g. the url's host).
 * - Cost: linear in the text (about 0.2 ms per 2,000 characters); sentence splitting happens once.
 */
import type { District, EventCard, Sourced } from '../types.js';
import { districtInfo, findDistrictMentions, resolveDistrict } from '../text/districts.js';
import { fold } from '../text/normalize.js';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import { findMeetingDate, findPeriodYear, resolveMeetingDate } from './dates.js';
import { findParticipants } from './participants.js';

export interface EventCardInput {
  id: string;
  title: string;
  /** Cleaned article body (paragraphs separated by blank lines or line breaks). */
  text: string;
  publishedAt: string | null;
  author?: string | null;
  site?: string | null;
  /** Provenance of metadata values (printed lines), when known. */
  titleSentence?: string | null;
  publishedSentence?: string | null;
  authorLine?: string | null;
  siteSentence?: string | null;
}

const MEETING_RE = /hội nghị|kỳ họp|phiên họp|cuộc họp|buổi làm việc|đại hội|\bhọp\b/iu;
const MEETING_FOLDED_RE = /hoi nghi|ky hop|phien hop|cuoc hop|buoi lam viec|dai hoi|\bhop\b/;
/** A sentence that mentions a meeting (diacritics optional). */
const isMeetingSentence = (s: string) => MEETING_RE.test(s) || (!/[^\x00-\x7f]/.test(s) && MEETING_FOLDED_RE.test(s.toLowerCase()));
const SOURCE_TAG_RE = /^\(([^()\n]{2,40})\)\s*(?:[-–—:]\s*)?(?=\S)/u;
const COMMITTEE_BEFORE_RE = /(?:quan uy|huyen uy|thi uy|thanh uy|dang bo|bch|ban chap hanh|ban thuong vu)(?:\s+(?:dang bo|quan|huyen))?\s*$/;

const sourced = <T>(value: T, sentence: string): Sourced<T> => ({ value, sentence });

interface Doc {
  paragraphs: string[];
  /** Sentences in order, with the index of their paragraph. */
  sentences: Array<{ text: string; paragraph: number }>;
  lead: string | null;
  /** sentences[i].text.toLowerCase(), computed on first use. */
  lower?: string[];
}

function analyse(text: string): Doc {
  const paragraphs = splitParagraphs(text);
  const sentences: Doc['sentences'] = [];
  paragraphs.forEach((p, i) => {
    for (const s of splitSentences(p)) sentences.push({ text: s, paragraph: i });
  });
  const lead = sentences.find((s) => s.paragraph < 3 && isMeetingSentence(s.text))?.text ?? null;
  return { paragraphs, sentences, lead };
}

// --- district ---------------------------------------------------------------------------------

function committeeDistrict(sentence: string): District | null {
  for (const m of findDistrictMentions(sentence)) {
    const before = fold(sentence.slice(Math.max(0, m.index - 40), m.index));
    if (COMMITTEE_BEFORE_RE.test(before)) return m.district;
    // "Quận ủy quận Bình Tân": the mention itself starts with the prefix, so look before it.
    if (/^(?:quận|huyện)\s/iu.test(m.matched) && /(?:uy|dang bo|bch|ban chap hanh)\s*$/.test(before)) return m.district;
  }
  return null;
}

function findDistrict(doc: Doc): Sourced<District> | null {
  if (doc.lead) {
    const d = committeeDistrict(doc.lead);
    if (d) return sourced(d, doc.lead);
  }
  for (const s of doc.sentences) {
    if (s.paragraph >= 3) break;
    if (s.text === doc.lead || !isMeetingSentence(s.text)) continue;
    const d = committeeDistrict(s.text);
    if (d) return sourced(d, s.text);
  }
  // A byline abbreviation opening the lead, e.g. "(NTL) Sáng ngày 23/6, …" (Nam Từ Liêm's portal).
  const first = doc.sentences[0];
  const tag = first ? SOURCE_TAG_RE.exec(first.text)?.[1] : undefined;
  if (first && tag && /^\p{Lu}{2,6}$/u.test(tag)) {
    const d = resolveDistrict(tag);
    if (d) return sourced(d, first.text);
  }
  return null;
}

// --- meeting number, congress, term -----------------------------------------------------------

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function romanToInt(s: string): number | null {
  if (!/^[IVXLC]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

const UNITS: Record<string, number> = {
  nhất: 1, một: 1, mốt: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9,
};
/** "ba" → 3, "mười bốn" → 14, "hai mươi mốt" → 21. */
function wordsToInt(s: string): number | null {
  const w = s.toLowerCase().split(/\s+/);
  if (w.length === 1) return w[0] === 'mười' ? 10 : UNITS[w[0]!] ?? null;
  if (w[0] === 'mười') return w.length === 2 && UNITS[w[1]!] ? 10 + UNITS[w[1]!]! : null;
  if (UNITS[w[0]!] && w[1] === 'mươi') {
    const tens = UNITS[w[0]!]! * 10;
    if (w.length === 2) return tens;
    return w.length === 3 && UNITS[w[2]!] ? tens + UNITS[w[2]!]! : null;
  }
  return null;
}

const NUMBER_WORD = '(?:hai|ba|bốn|năm|sáu|bảy|tám|chín)\\s+mươi(?:\\s+(?:mốt|hai|ba|tư|bốn|lăm|năm|sáu|bảy|tám|chín))?|mười(?:\\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?|nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín';
const NTH_RE = new RegExp(`lần\\s+thứ\\s+(\\d{1,3}|[IVXLC]{1,6}|${NUMBER_WORD})(?![\\p{L}\\d])`, 'giu');

function meetingNumberIn(sentence: string): number | null {
  NTH_RE.lastIndex = 0;
  for (let m = NTH_RE.exec(sentence); m; m = NTH_RE.exec(sentence)) {
    const before = sentence.slice(Math.max(0, m.index - 140), m.index).toLowerCase();
    const hn = before.lastIndexOf('hội nghị');
    const dh = Math.max(before.lastIndexOf('đại hội'), before.lastIndexOf('kỳ họp'), before.lastIndexOf('lần thứ'));
    if (hn < 0 || dh > hn) continue;
    if (/nghị quyết\s*$/.test(before.slice(0, hn))) continue;
    const raw = m[1]!;
    const n = /^\d+$/.test(raw) ? Number(raw) : romanToInt(raw) ?? wordsToInt(raw);
    if (n !== null && n > 0 && n < 200) return n;
  }
  return null;
}

function findMeetingNumber(doc: Doc): Sourced<number> | null {
  if (doc.lead) {
    const n = meetingNumberIn(doc.lead);
    if (n !== null) return sourced(n, doc.lead);
  }
  for (const s of doc.sentences) {
    if (!/lần\s+thứ/iu.test(s.text)) continue;
    const n = meetingNumberIn(s.text);
    if (n !== null) return sourced(n, s.text);
  }
  return null;
}

const CONGRESS_RE = /(?<![\p{L}])[Kk]h(?:óa|oá|oa)\s+([IVXLC]{1,6})(?![\p{L}\d])/gu;
const OTHER_BODY_RE = /hđnd|hội đồng nhân dân|quốc hội|đoàn thanh niên|hội liên hiệp|mặt trận|công đoàn|lớp|khóa học/iu;

function congressIn(sentence: string, strict: boolean): string | null {
  CONGRESS_RE.lastIndex = 0;
  for (let m = CONGRESS_RE.exec(sentence); m; m = CONGRESS_RE.exec(sentence)) {
    if (romanToInt(m[1]!) === null) continue;
    const before = sentence.slice(Math.max(0, m.index - 80), m.index);
    const ctx = before.slice(Math.max(before.search(/[;.]/) + 1, 0));
    if (OTHER_BODY_RE.test(before.slice(-40))) continue;
    if (strict && !/đảng bộ|ban chấp hành|bch|quận ủy|huyện ủy|hội nghị/iu.test(ctx)) continue;
    return m[1]!;
  }
  return null;
}

function findCongress(doc: Doc): Sourced<string> | null {
  if (doc.lead) {
    const c = congressIn(doc.lead, false);
    if (c) return sourced(c, doc.lead);
  }
  for (const s of doc.sentences) {
    if (!/kh(?:óa|oá|oa)\s/iu.test(s.text)) continue;
    const c = congressIn(s.text, true);
    if (c) return sourced(c, s.text);
  }
  return null;
}

const TERM_RE = /nhiệm\s+kỳ\s*:?\s*\(?(\d{4})\s*[-–—]\s*(\d{4})/iu;
function termIn(sentence: string): string | null {
  const m = TERM_RE.exec(sentence);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return b - a >= 2 && b - a <= 6 ? `${a}-${b}` : null;
}

function findTerm(doc: Doc): Sourced<string> | null {
  if (doc.lead) {
    const t = termIn(doc.lead);
    if (t) return sourced(t, doc.lead);
  }
  for (const s of doc.sentences) {
    if (!/nhiệm\s+kỳ/iu.test(s.text)) continue;
    const t = termIn(s.text);
    if (t) return sourced(t, s.text);
  }
  return null;
}

// --- source site ------------------------------------------------------------------------------

function findSourceSite(doc: Doc, input: EventCardInput): Sourced<string> | null {
  const tagged = doc.sentences.slice(0, 3).find((s) => SOURCE_TAG_RE.test(s.text));
  if (tagged) {
    const tag = SOURCE_TAG_RE.exec(tagged.text)![1]!.trim();
    if (/^[\p{L}\d-]+(?:\.[\p{L}\d-]+)+$/u.test(tag)) return sourced(tag, tagged.text);
    const d = resolveDistrict(tag);
    if (d) {
      const kind = districtInfo(d.id)?.kind ?? 'quận';
      return sourced(`Cổng thông tin điện tử ${kind} ${d.name} (${tag})`, tagged.text);
    }
    if (/^[\p{Lu}\d&-]{2,12}$/u.test(tag)) return sourced(tag, tagged.text);
  }
  if (input.site) return sourced(input.site, input.siteSentence ?? input.site);
  return null;
}

// --- card -------------------------------------------------------------------------------------

export function extractEventCard(input: EventCardInput): EventCard {
  const doc = analyse(input.text);
  const publishedAt = input.publishedAt ? sourced(input.publishedAt, input.publishedSentence ?? input.publishedAt) : null;

  let meetingDate: Sourced<string> | null = null;
  const leadFirst = doc.lead ? [doc.lead, ...doc.sentences.map((s) => s.text).filter((t) => t !== doc.lead)] : doc.sentences.map((s) => s.text);
  const found = findMeetingDate(leadFirst);
  if (found) {
    // With a publication date the period only picks between candidate years, so the first paragraphs
    // may name it; without one it decides the year alone, so it must be named in the date's sentence.
    const periodText = input.publishedAt ? doc.paragraphs.slice(0, 6).join('\n') : found.sentence;
    const resolved = resolveMeetingDate(found, input.publishedAt, findPeriodYear(periodText));
    if (resolved) meetingDate = sourced(resolved, found.sentence);
  }

  const people = findParticipants(doc.paragraphs);
  const hit = <T>(h: { person: T; sentence: string } | null) => (h ? sourced(h.person, h.sentence) : null);

  return {
    articleId: input.id,
    title: sourced(input.title, input.titleSentence ?? input.title),
    publishedAt,
    meetingDate,
    district: findDistrict(doc),
    meetingNumber: findMeetingNumber(doc),
    congress: findCongress(doc),
    term: findTerm(doc),
    chairs: people.chairs.map((c) => sourced(c.person, c.sentence)),
    openedBy: hit(people.openedBy),
    concludedBy: hit(people.concludedBy),
    chairNote: people.chairNote,
    attendees: people.attendees.map((a) => sourced(a.person, a.sentence)),
    attendeeGroups: people.groups,
    author: input.author ? sourced(input.author, input.authorLine ?? input.author) : null,
    sourceSite: findSourceSite(doc, input),
  };
}
