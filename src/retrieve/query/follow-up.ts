/** Follow-up questions rewritten into standalone ones from the previous turn. Pure. */
import { nationalGazetteer, type Gazetteer } from '../../text/gazetteer.js';
import { fold, normalizeText } from '../../text/normalize.js';
import { syllables } from '../../text/tokenize.js';
import type { Turn } from '../../types.js';
import { smallTalk } from './collection.js';

const FOLLOW_UP = /^(c[oò]n|v[aà]|th[eế] c[oò]n|what about|and|how about)\b|th[iì] sao\??$|th[eế] n[aà]o\??$|\?$/iu;

/**
 * Rewrites a follow-up into a standalone question using the previous turn (its resolved question, units, meeting).
 * - "còn quận 8 thì sao?" after "Quận 12 kết nạp bao nhiêu đảng viên?" → "quận 8 kết nạp bao nhiêu đảng viên?"
 * - "ai chủ trì?" after a question about a meeting → "ai chủ trì? (Quận 8, hội nghị lần thứ 8)"
 * - "Quận 8" after "ai chủ trì?" (answered by a question back: which unit?) → "ai chủ trì? (Quận 8)"
 * Returns the question unchanged when it is standalone, small talk ("cảm ơn", "hi": never about the previous
 * meeting) or there is no previous turn.
 */
export function resolveFollowUp(question: string, previous: Turn | undefined, gazetteer: Gazetteer = nationalGazetteer()): string {
  const q = normalizeText(question).trim();
  if (!previous || smallTalk(q)) return q;
  const prev = normalizeText(previous.question);
  const mentions = gazetteer.find(q);
  const prevMentions = previous.units.length > 0 ? gazetteer.find(prev) : [];
  const words = syllables(q).length;
  const foldedQ = fold(q);
  const isShortFollowUp = words <= 8 && (FOLLOW_UP.test(q) || /^(con|va|the con)\b|thi sao\??$/.test(foldedQ));
  // Words of the question besides its first unit and the follow-up frame.
  const rest =
    mentions.length > 0
      ? foldedQ
          .replace(fold(mentions[0]!.matched), ' ')
          .replace(/\b(con|thi sao|the nao|va|what about|how about|and)\b/g, ' ')
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()
          .split(' ')
          .filter(Boolean).length
      : 0;
  // Only a unit ("Quận 8", also the reply to "which unit?"): the previous question again, for that unit — in place of
  // the unit it named (known or not), else added to it.
  const bare = mentions.length === 1 && rest === 0 && previous.intent !== 'smalltalk' && !smallTalk(prev);
  const inPrevious = bare ? gazetteer.find(prev) : prevMentions;

  if (mentions.length > 0 && inPrevious.length > 0) {
    // Same question about another district: only when the new question is mostly the district.
    if (bare || (rest <= 2 && isShortFollowUp)) {
      const first = inPrevious[0]!;
      const swapped = prev.slice(0, first.index) + mentions[0]!.matched + prev.slice(first.index + first.length);
      // Meeting numbers belong to one district's committee: drop them when the district changes.
      return swapped
        .replace(/\s*\b(?:lần thứ|lần|lan thu|lan)\s+\d{1,3}\b/giu, '')
        .replace(/\s*\b\d{1,3}(?:st|nd|rd|th)\b/gi, '')
        .replace(/\s{2,}/g, ' ');
    }
    return q;
  }
  if (bare) return `${prev} (${mentions[0]!.matched})`;
  if (mentions.length === 0 && previous.units.length > 0 && words <= 8) {
    const meeting = previous.meeting;
    const event = meeting ? `${meeting.kind === 'congress' ? 'đại hội' : 'hội nghị'} lần thứ ${meeting.value}` : null;
    const context = [prevMentions[0]?.matched ?? previous.units[0]!.label, event].filter(Boolean).join(', ');
    return `${q} (${context})`;
  }
  return q;
}

