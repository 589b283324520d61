/**
 * Telegram HTML helpers: escaping, splitting long messages without breaking markup, and a
 * plain-text rendering for when Telegram rejects the markup.
 *
 * Contracts:
 * - `escapeHtml` makes any string safe as Telegram HTML text or as a double-quoted attribute value.
 * - `splitHtml` returns parts of at most `limit` UTF-16 code units each; every part has balanced
 *   tags (tags open at a cut are closed at the end of the part and reopened, attributes included,
 *   at the start of the next); cuts never fall inside a tag, an entity (`&amp;`), a surrogate pair
 *   or before a combining mark; whitespace at cuts is dropped; parts without visible text are
 *   dropped. Input is expected to be well-formed Telegram HTML (text escaped with `escapeHtml`).
 * - `htmlToPlain` is the text a user would see, with links rendered as "text (url)".
 */

/** Telegram's hard limit on message text length (after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Default part size: below the hard limit, measured on the raw HTML (which is never shorter than the text). */
export const DEFAULT_SPLIT_LIMIT = 4000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** `<a href>` for http(s) URLs only; anything else renders as plain escaped text. */
export function link(url: string | null | undefined, text: string): string {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

const ENTITY_NAMES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY_NAMES[body.toLowerCase()] ?? whole;
  });
}

export function htmlToPlain(html: string): string {
  const withLinks = html.replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) => {
    const url = decodeEntities(href);
    const text = inner.replace(/<[^>]*>/g, '');
    return decodeEntities(text) === url ? text : `${text} (${href})`;
  });
  return decodeEntities(withLinks.replace(/<\/?[a-zA-Z][^>]*>/g, ''));
}

interface OpenTag {
  name: string;
  raw: string;
}

const TAG_RE = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/y;
const ENTITY_RE = /&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/y;

/** Cut-point preference, best first. */
const enum Level {
  Paragraph = 0,
  Line = 1,
  Sentence = 2,
  Space = 3,
  Any = 4,
}

function closeTags(stack: readonly OpenTag[]): string {
  let out = '';
  for (let i = stack.length - 1; i >= 0; i--) out += `</${stack[i]!.name}>`;
  return out;
}

function applyTag(stack: OpenTag[], closing: boolean, name: string, raw: string): void {
  const lower = name.toLowerCase();
  if (!closing) {
    stack.push({ name: lower, raw });
    return;
  }
  const at = stack.map((t) => t.name).lastIndexOf(lower);
  if (at >= 0) stack.splice(at); // also drops any (malformed) unclosed tags nested inside
}

function levelBefore(s: string, i: number): Level {
  const prev = s[i - 1];
  if (prev === '\n') return s[i - 2] === '\n' ? Level.Paragraph : Level.Line;
  if (prev === ' ' || prev === '\t' || prev === '\u00a0') {
    return /[.!?…]["”’»)\]]*$/.test(s.slice(Math.max(0, i - 6), i - 1)) ? Level.Sentence : Level.Space;
  }
  return Level.Any;
}

function isContinuation(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff) return true; // low surrogate: inside a pair
  return /\p{M}/u.test(s[i] ?? '');
}

/**
 * Chooses where to cut `s` (whose first `minPos` characters are reopened tags) so that the cut
 * plus the closing tags needed at that point fit in `limit`. Returns -1 when no valid cut exists.
 */
function findCut(s: string, minPos: number, limit: number): number {
  const last: number[] = [-1, -1, -1, -1, -1];
  const stack: OpenTag[] = [];
  let closeLen = 0;
  let afterOpenTag = false;
  const record = (pos: number, level: Level) => {
    if (pos > minPos && pos + closeLen <= limit) last[level] = pos;
  };
  let i = 0;
  while (i < s.length && i <= limit) {
    if (s[i] === '<') {
      TAG_RE.lastIndex = i;
      const m = TAG_RE.exec(s);
      if (m) {
        const closing = m[1] === '/';
        if (!afterOpenTag) record(i, closing ? Level.Any : levelBefore(s, i));
        applyTag(stack, closing, m[2]!, m[0]);
        closeLen = closeTags(stack).length;
        i += m[0].length;
        afterOpenTag = !closing;
        continue;
      }
    }
    if (!afterOpenTag && !isContinuation(s, i)) record(i, levelBefore(s, i));
    afterOpenTag = false;
    if (s[i] === '&') {
      ENTITY_RE.lastIndex = i;
      const m = ENTITY_RE.exec(s);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  const half = minPos + (limit - minPos) / 2;
  for (const level of [Level.Paragraph, Level.Line, Level.Sentence, Level.Space]) {
    if (last[level]! >= half) return last[level]!;
  }
  return Math.max(...last);
}

function stackAt(s: string, end: number): OpenTag[] {
  const stack: OpenTag[] = [];
  const re = /<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g;
  for (let m = re.exec(s); m && m.index < end; m = re.exec(s)) applyTag(stack, m[1] === '/', m[2]!, m[0]);
  return stack;
}

/** Drops closing tags that close nothing and closes tags left open. */
function balance(html: string): string {
  const stack: OpenTag[] = [];
  const out = html.replace(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g, (raw, slash: string, name: string) => {
    if (slash !== '/') {
      stack.push({ name: name.toLowerCase(), raw });
      return raw;
    }
    if (!stack.some((t) => t.name === name.toLowerCase())) return '';
    applyTag(stack, true, name, raw);
    return raw;
  });
  return out + closeTags(stack);
}

function hasVisibleText(html: string): boolean {
  return htmlToPlain(html).trim().length > 0;
}

export function splitHtml(html: string, limit = DEFAULT_SPLIT_LIMIT): string[] {
  const parts: string[] = [];
  const push = (part: string) => {
    const balanced = balance(part);
    if (hasVisibleText(balanced)) parts.push(balanced);
  };
  let s = html.trim();
  let minPos = 0;
  while (s.length > limit) {
    let cut = findCut(s, minPos, limit);
    if (cut < 0) {
      // Pathological input (a single tag or entity longer than the budget): cut hard, keep going.
      cut = Math.max(minPos + 1, limit);
    }
    const stack = stackAt(s, cut);
    push(s.slice(0, cut).trimEnd() + closeTags(stack));
    let prefix = stack.map((t) => t.raw).join('');
    if (prefix.length + closeTags(stack).length > limit / 2) prefix = ''; // absurd nesting: do not reopen
    const rest = s.slice(cut).trimStart();
    s = prefix + rest;
    minPos = prefix.length;
    if (rest.length === 0) {
      s = '';
      break;
    }
  }
  push(s);
  return parts;
}
