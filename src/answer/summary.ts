/**
 * Extractive term summary of one district: built from the articles the caller chose (the district's
 * conference reports, most relevant first: see summaryArticles in answerer.ts), sentences grouped by theme,
 * figures preferred, every sentence cited.
 */
import type { RetrievalIndex } from '../retrieve/hybrid.js';
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { Chunk, Language } from '../types.js';
import { CitationSet } from './citations.js';
import { FRAME } from './messages.js';

export type Theme = 'party' | 'economy' | 'social' | 'security' | 'tasks';
const ORDER: Theme[] = ['party', 'economy', 'social', 'security', 'tasks'];

const THEMES: Record<Theme, RegExp> = {
  party: /\b(dang vien|ket nap|xay dung dang|to chuc co so dang|kiem tra|giam sat|ky luat|chinh don|cap uy|xoa ten|phat trien dang|dan van|chinh tri tu tuong|tuyen truyen|can bo)\b/g,
  economy: /\b(ngan sach|du toan|von dau tu|dau tu|doanh nghiep|tang truong|gia tri san xuat|giai ngan|kinh te|thuong mai|cong nghiep|ty dong|von dang ky|giai phong mat bang)\b/g,
  social: /\b(an sinh|ho ngheo|can ngheo|viec lam|y te|giao duc|van hoa|covid|dich benh|tiem chung|suc khoe|hai long|phuc loi)\b/g,
  security: /\b(an ninh|trat tu|pham phap|toi pham|chay|quoc phong|giao quan|tai nan|kham pha an|xay dung khong phep)\b/g,
  tasks: /\b(thoi gian toi|de nghi|yeu cau|nhiem vu trong tam|phuong huong|cuoi nam|giai doan con lai|can chu dong|tang toc|nhiem vu toi)\b/g,
};

interface Candidate {
  chunk: Chunk;
  text: string;
  theme: Theme;
  score: number;
  order: number;
}

function classify(text: string): { theme: Theme; strength: number } | null {
  const f = fold(text);
  let best: { theme: Theme; strength: number } | null = null;
  for (const theme of ORDER) {
    const n = f.match(THEMES[theme])?.length ?? 0;
    // Forward-looking sentences belong to "tasks" even when they mention a topic.
    const strength = theme === 'tasks' ? n * 1.5 : n;
    if (n > 0 && (!best || strength > best.strength)) best = { theme, strength };
  }
  return best;
}

export interface SummaryResult {
  text: string;
  citations: CitationSet;
  used: Chunk[];
}

/**
 * @param articleIds the articles to summarise (already chosen), most relevant first: within a theme,
 *   sentences keep this article order, then their order in the article.
 * @param perTheme sentences per theme (at most).
 */
export function summarizeDistrict(
  index: RetrievalIndex,
  articleIds: string[],
  heading: { district: string; term: string | null },
  lang: Language,
  perTheme = 3,
): SummaryResult | null {
  const frame = FRAME[lang];
  const articles = articleIds.map((id) => index.articles.get(id)).filter((a): a is NonNullable<typeof a> => a !== undefined);
  const candidates: Candidate[] = [];
  let order = 0;
  for (const article of articles) {
    for (const label of index.articleLabels.get(article.id) ?? []) {
      const chunk = index.chunks.get(label)!;
      for (const text of splitSentences(chunk.text)) {
        order++;
        const words = text.split(/\s+/).length;
        if (words < 8) continue;
        const c = classify(text);
        if (!c) continue;
        const figures = (text.match(/\d+(?:[.,]\d+)*\s*(%|tỷ|đảng viên|doanh nghiệp|người|vụ)?/gu) ?? []).length;
        const score = c.strength + Math.min(figures, 4) * 1.2 - (words > 70 ? 1 : 0);
        candidates.push({ chunk, text, theme: c.theme, score, order });
      }
    }
  }
  if (candidates.length === 0) return null;

  const citations = new CitationSet();
  const lines: string[] = [frame.summaryTitle(heading.district, heading.term, articles.length)];
  const used: Chunk[] = [];
  for (const theme of ORDER) {
    const picked = candidates
      .filter((c) => c.theme === theme)
      .sort((a, b) => b.score - a.score)
      .slice(0, perTheme)
      .sort((a, b) => a.order - b.order);
    if (picked.length === 0) continue;
    lines.push('', `${frame.themes[theme]}:`);
    for (const p of picked) {
      const n = citations.cite(p.chunk, p.text);
      if (!used.includes(p.chunk)) used.push(p.chunk);
      lines.push(`• ${p.text} [${n}]`);
    }
  }
  return { text: lines.join('\n'), citations, used };
}
