/**
 * Validates the hand-made evaluation set eval/questions.jsonl against the bundled articles.
 * Offline; imports only node built-ins and vitest; paths are resolved from this file, so it runs from any cwd.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ARTICLES_DIR = new URL('../data/articles/', import.meta.url);
const QUESTIONS_FILE = new URL('./questions.jsonl', import.meta.url);

const INTENTS = ['fact', 'chair', 'attendees', 'summary', 'collection'] as const;
const LANGS = ['vi', 'en'] as const;
const CATEGORIES = [
  'figure',
  'chair',
  'attendee',
  'date',
  'meeting-number',
  'term',
  'person-role',
  'no-diacritics',
  'english',
  'follow-up',
  'summary',
  'no-answer',
  'comparison',
  'collection',
] as const;

/** Minimum number of questions per category (and overall). */
const MIN_TOTAL = 130;
const MIN_PER_CATEGORY: Partial<Record<(typeof CATEGORIES)[number], number>> = {
  'no-diacritics': 25,
  english: 12,
  'follow-up': 8,
  summary: 5,
  'no-answer': 20,
};

/**
 * Claims behind some no-answer questions: these strings must NOT occur in the given article ('*' = any).
 * If an article is replaced or re-scraped and one starts to match, the matching no-answer question must be revisited.
 */
const ABSENT: Array<[string, string]> = [
  ['*', 'Quận 5'],
  ['*', 'Quận 3'],
  ['*', 'Quận 10'],
  ['*', 'Thủ Đức'],
  ['*', 'Gò Vấp'],
  ['*', 'Cầu Giấy'],
  ['*', 'dân số'],
  ['*', 'lần thứ 20'],
  ['*', 'giá vàng'],
  ['*', 'USD'],
  ['*', 'World Cup'],
  ['*', '2025-2030'],
  ['002_38b2f8d630866424.txt', 'kết nạp'], // Quận 8: no party-admission figure
  ['002_38b2f8d630866424.txt', 'vốn đầu tư'],
  ['002_38b2f8d630866424.txt', 'Chủ tịch UBND'],
  ['003_51f19a44640f24e0.txt', 'kết nạp'], // Nam Từ Liêm: no party-admission figure
  ['003_51f19a44640f24e0.txt', 'hộ nghèo'],
  ['004_14a5125e8fc205ba.txt', 'doanh nghiệp'],
  ['004_14a5125e8fc205ba.txt', '2023'],
  ['000_8560dab47670abcc.txt', 'khóa'], // Quận 12: term years given, no "khóa"
  ['000_8560dab47670abcc.txt', 'khoá'],
  ['000_8560dab47670abcc.txt', 'phường'],
  ['000_8560dab47670abcc.txt', 'phạm pháp'],
  ['001_89852375af5197ac.txt', 'việc làm'],
];

interface Question {
  id: string;
  question: string;
  intent: (typeof INTENTS)[number];
  lang: (typeof LANGS)[number];
  diacritics: boolean;
  category: (typeof CATEGORIES)[number];
  expect: string | null;
  facts: string[];
  context?: string[];
  note?: string;
}

const nfc = (s: string): string => s.normalize('NFC');
/** Lowercase, no diacritics, đ→d. */
const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const hasDiacritics = (s: string): boolean => /\p{M}/u.test(s.normalize('NFD')) || /[đĐ]/.test(s);

const articleNames = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith('.txt'));
const articles = new Map<string, string>(
  articleNames.map((name) => [name, nfc(readFileSync(new URL(name, ARTICLES_DIR), 'utf8'))]),
);

const rawLines = readFileSync(QUESTIONS_FILE, 'utf8')
  .split('\n')
  .map((l, i) => ({ line: i + 1, text: l }))
  .filter((l) => l.text.trim() !== '');

const parsed: Question[] = rawLines.map(({ line, text }) => {
  try {
    return JSON.parse(text) as Question;
  } catch (err) {
    throw new Error(`eval/questions.jsonl line ${line} is not valid JSON: ${(err as Error).message}`);
  }
});

describe('eval/questions.jsonl', () => {
  it('has the five bundled articles', () => {
    expect(articleNames.length).toBe(5);
  });

  it('every line parses to an object', () => {
    expect(parsed.length).toBe(rawLines.length);
    for (const q of parsed) expect(typeof q === 'object' && q !== null && !Array.isArray(q)).toBe(true);
  });

  it(`has at least ${MIN_TOTAL} questions with unique ids`, () => {
    expect(parsed.length).toBeGreaterThanOrEqual(MIN_TOTAL);
    const ids = parsed.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^q\d{3,}$/);
  });

  it('every question has the required fields with valid values', () => {
    const allowed = new Set(['id', 'question', 'intent', 'lang', 'diacritics', 'category', 'expect', 'facts', 'context', 'note']);
    for (const q of parsed) {
      const where = `question ${q.id}`;
      for (const key of Object.keys(q)) expect(allowed.has(key), `${where}: unknown field ${key}`).toBe(true);
      expect(typeof q.question, where).toBe('string');
      expect(q.question.trim().length, where).toBeGreaterThan(0);
      expect(q.question, `${where}: question must be NFC`).toBe(nfc(q.question));
      expect(INTENTS as readonly string[], where).toContain(q.intent);
      expect(LANGS as readonly string[], where).toContain(q.lang);
      expect(CATEGORIES as readonly string[], where).toContain(q.category);
      expect(typeof q.diacritics, where).toBe('boolean');
      expect(q.diacritics, `${where}: diacritics flag does not match the text`).toBe(hasDiacritics(q.question));
      expect(q.expect === null || typeof q.expect === 'string', where).toBe(true);
      expect(Array.isArray(q.facts), where).toBe(true);
      for (const f of q.facts) {
        expect(typeof f, where).toBe('string');
        expect(f.trim().length, where).toBeGreaterThan(0);
      }
      if (q.context !== undefined) {
        expect(Array.isArray(q.context), where).toBe(true);
        for (const c of q.context) expect(typeof c === 'string' && c.trim().length > 0, where).toBe(true);
      }
      if (q.note !== undefined) expect(typeof q.note, where).toBe('string');
    }
  });

  it('expect names an existing article, and facts occur verbatim (NFC) in it', () => {
    for (const q of parsed) {
      if (q.expect === null) continue;
      const text = articles.get(q.expect);
      expect(text, `question ${q.id}: unknown article ${q.expect}`).toBeDefined();
      expect(q.facts.length, `question ${q.id}: answerable questions need facts`).toBeGreaterThanOrEqual(1);
      const max = q.intent === 'summary' ? 6 : 3;
      expect(q.facts.length, `question ${q.id}: too many facts`).toBeLessThanOrEqual(max);
      // A comparison's or collection question's facts may come from every unit it names: each in some bundled article.
      const across = q.category === 'comparison' || q.category === 'collection';
      for (const f of q.facts) {
        const found = across ? [...articles.values()].some((t) => t.includes(nfc(f))) : text!.includes(nfc(f));
        expect(found, `question ${q.id}: fact "${f}" not found in ${across ? 'any article' : q.expect}`).toBe(true);
      }
    }
  });

  it('facts are not given away by the question or its context', () => {
    for (const q of parsed) {
      const asked = fold([q.question, ...(q.context ?? [])].join(' \n '));
      for (const f of q.facts) {
        expect(asked.includes(fold(f)), `question ${q.id}: fact "${f}" already appears in the question`).toBe(false);
      }
    }
  });

  it('no-answer questions expect null and have no facts; only they (and abstaining follow-ups) expect null', () => {
    for (const q of parsed) {
      if (q.category === 'no-answer') {
        expect(q.expect, q.id).toBeNull();
        expect(q.facts, q.id).toEqual([]);
      }
      if (q.expect === null) {
        expect(q.facts, q.id).toEqual([]);
        expect(['no-answer', 'follow-up'], q.id).toContain(q.category);
      }
    }
  });

  it('the claims behind no-answer questions hold (strings absent from the articles)', () => {
    for (const [file, term] of ABSENT) {
      const targets = file === '*' ? [...articles.keys()] : [file];
      for (const name of targets) {
        const text = articles.get(name);
        expect(text, name).toBeDefined();
        expect(text!.toLowerCase().includes(nfc(term).toLowerCase()), `"${term}" unexpectedly occurs in ${name}`).toBe(false);
      }
    }
  });

  it('category-specific fields are consistent', () => {
    for (const q of parsed) {
      const where = `question ${q.id}`;
      if (q.category === 'follow-up') {
        expect(q.context, `${where}: follow-ups need a context`).toBeDefined();
        expect(q.context!.length, where).toBeGreaterThan(0);
      }
      if (q.category === 'no-diacritics') {
        expect(q.diacritics, where).toBe(false);
        expect(q.lang, where).toBe('vi');
      }
      if (q.category === 'english') expect(q.lang, where).toBe('en');
      if (q.category === 'summary') {
        expect(q.intent, where).toBe('summary');
        expect(q.facts.length, where).toBeGreaterThanOrEqual(3);
      }
      if (q.category === 'chair') expect(q.intent, where).toBe('chair');
      if (q.category === 'attendee') expect(q.intent, where).toBe('attendees');
    }
  });

  it('meets the per-category minimums and covers every article', () => {
    const counts = new Map<string, number>();
    for (const q of parsed) counts.set(q.category, (counts.get(q.category) ?? 0) + 1);
    for (const [cat, min] of Object.entries(MIN_PER_CATEGORY)) {
      expect(counts.get(cat) ?? 0, `category ${cat}`).toBeGreaterThanOrEqual(min!);
    }
    for (const cat of CATEGORIES) expect(counts.get(cat) ?? 0, `category ${cat}`).toBeGreaterThan(0);
    for (const name of articles.keys()) {
      const about = parsed.filter((q) => q.expect === name);
      expect(about.some((q) => q.category === 'figure'), `${name}: figure`).toBe(true);
      expect(about.some((q) => q.intent === 'chair'), `${name}: chair`).toBe(true);
      expect(about.some((q) => q.category === 'date'), `${name}: date`).toBe(true);
      expect(about.some((q) => q.category === 'meeting-number'), `${name}: meeting number`).toBe(true);
      expect(about.some((q) => q.category === 'term'), `${name}: term`).toBe(true);
      expect(about.some((q) => q.intent === 'summary'), `${name}: summary`).toBe(true);
    }
  });
});
