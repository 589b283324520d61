/**
 * How index.db stores an article (StoredArticle): JSON with each distinct long string written once.
 *
 * Contracts:
 * - `encodeArticle(a)` is `JSON.stringify([strings, article])` where every string value of at least SHARED_MIN_CHARS
 *   characters is replaced by REF + its index in `strings` (distinct, in order of first use), and a shorter string
 *   that starts with REF is escaped by one more REF. A card repeats its lead sentence for many fields, the title as a
 *   value and a sentence, and one sentence for every guest it names, so this stores each once.
 * - `decodeArticle(encodeArticle(a))` deep-equals `a`; the decoded article's equal long strings are one string (the
 *   answering process holds each once).
 */
import type { StoredArticle } from '../types.js';

/** Strings at least this long are shared (shorter ones cost about as much as a reference). */
const SHARED_MIN_CHARS = 12;
const REF = '\u0000';

export function encodeArticle(article: StoredArticle): string {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const json = JSON.stringify(article, (_key, value: unknown) => {
    if (typeof value !== 'string') return value;
    if (value.length < SHARED_MIN_CHARS) return value.startsWith(REF) ? REF + value : value;
    let i = index.get(value);
    if (i === undefined) {
      i = strings.length;
      index.set(value, i);
      strings.push(value);
    }
    return REF + i;
  });
  return `[${JSON.stringify(strings)},${json}]`;
}

function restoreString(v: string, strings: readonly string[]): string {
  if (v.charCodeAt(1) === 0) return v.slice(1);
  return strings[Number(v.slice(1))]!;
}

/** Replaces references under `node` by their strings, in place. */
function restore(node: unknown, strings: readonly string[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      if (typeof v === 'string') {
        if (v.charCodeAt(0) === 0) node[i] = restoreString(v, strings);
      } else if (v !== null && typeof v === 'object') restore(v, strings);
    }
    return;
  }
  const o = node as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'string') {
      if (v.charCodeAt(0) === 0) o[key] = restoreString(v, strings);
    } else if (v !== null && typeof v === 'object') restore(v, strings);
  }
}

export function decodeArticle(text: string): StoredArticle {
  const [strings, article] = JSON.parse(text) as [string[], StoredArticle];
  restore(article, strings);
  return article;
}
