/**
 * Extractive term summary of one district: its conference reports (summaryArticles), sentences grouped by theme,
 * figures preferred, every sentence cited.
 *
 * Contracts:
 * - Articles: the scope's conference reports (all the scope's articles when none is one; a news corpus mentions a
 *   district in many unrelated articles), ordered by keyword retrieval of the question within the scope, then by
 *   date (newest first); at most tuning.summaryArticles.
 * - Within a theme, sentences keep that article order, then their order in the article; at most
 *   tuning.summaryPerTheme per theme. Null when no sentence falls under a theme.
 */
import type { AnswerMessages, SummaryTheme as Theme } from '../../messages/answer.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import type { Retriever } from '../../retrieve/retriever.js';
import { fold } from '../../text/normalize.js';
import { splitSentences } from '../../text/sentences.js';
import type { Chunk, StoredArticle } from '../../types.js';
import { CitationSet } from '../citations.js';
import type { AnswerTuning } from '../tuning.js';
import type { Drafted } from './common.js';

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

/** An article reporting a Party committee conference: its card names the meeting number or chairs. */
function isConferenceReport(a: StoredArticle): boolean {
  return a.card.meetingNumber !== null || a.card.chairs.length > 0;
}

/** The articles a district summary is built from, most relevant first (see the module contract). */
function summaryArticles(retriever: Retriever, plan: QueryPlan, scope: Set<string>, tuning: AnswerTuning): string[] {
  const all = [...scope].map((id) => retriever.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
  const reports = all.filter(isConferenceReport);
  const pool = new Set((reports.length > 0 ? reports : all).map((a) => a.id));
  const order: string[] = [];
  for (const h of retriever.retrieveWith(plan, null, { k: tuning.summaryRetrieval }).hits) {
    const id = h.chunk.meta.articleId;
    if (pool.has(id) && !order.includes(id)) order.push(id);
  }
  const date = (a: StoredArticle) => a.card.meetingDate?.value ?? a.publishedAt ?? '';
  const rest = [...pool]
    .filter((id) => !order.includes(id))
    .map((id) => retriever.articles.get(id)!)
    .sort((a, b) => date(b).localeCompare(date(a)) || a.id.localeCompare(b.id))
    .map((a) => a.id);
  return [...order, ...rest].slice(0, tuning.summaryArticles);
}

/** The term summary of the plan's (first) district over `scope`, its articles; null when nothing to summarise. */
export function answerSummary(
  retriever: Retriever,
  plan: QueryPlan,
  scope: Set<string>,
  tuning: AnswerTuning,
  m: AnswerMessages,
): Drafted | null {
  const chosen = summaryArticles(retriever, plan, scope, tuning);
  const terms = new Set(chosen.map((id) => retriever.articles.get(id)?.card.term?.value).filter(Boolean));
  const heading = { unit: plan.units[0]!.label, term: plan.term ?? (terms.size === 1 ? [...terms][0]! : null) };
  const articles = chosen.map((id) => retriever.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
  const candidates: Candidate[] = [];
  let order = 0;
  for (const article of articles) {
    for (const chunk of retriever.chunksOf(article.id)) {
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
  const lines: string[] = [m.summaryTitle(heading.unit, heading.term, articles.length)];
  const used: Chunk[] = [];
  for (const theme of ORDER) {
    const picked = candidates
      .filter((c) => c.theme === theme)
      .sort((a, b) => b.score - a.score)
      .slice(0, tuning.summaryPerTheme)
      .sort((a, b) => a.order - b.order);
    if (picked.length === 0) continue;
    lines.push('', `${m.themes[theme]}:`);
    for (const p of picked) {
      const n = citations.cite(p.chunk, p.text);
      if (!used.includes(p.chunk)) used.push(p.chunk);
      lines.push(`• ${p.text} [${n}]`);
    }
  }
  return { text: lines.join('\n'), citations, used, intent: 'summary' };
}
