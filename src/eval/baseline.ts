/**
 * The LangChain.js tutorial baseline the evaluation compares against: every article split with
 * RecursiveCharacterTextSplitter (chunkSize 1000, chunkOverlap 200, default separators), ranked with the
 * @langchain/community BM25Retriever (k = 5, its own whitespace tokeniser, no normalisation).
 *
 * Contracts:
 * - Same corpus as the system under test: the caller passes the articles' texts (title + body).
 * - `search` returns the retrieved passages best first, each with its article id and BM25 score. Passages
 *   scoring 0 (no query word occurs in them) are dropped: the retriever returns k documents even when
 *   nothing matches, in corpus order, and counting those would credit the baseline with the corpus order.
 * - `rankedArticles` = distinct article ids of those passages, in order (what hit@k and MRR are computed on).
 * - The baseline has no answer or abstention logic; its "answer" is the top passage.
 * - Retrieval is a linear scan per query (that is how the retriever works); cost grows with the corpus.
 */
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

export interface BaselineDoc {
  id: string;
  title: string;
  text: string;
}

export interface BaselinePassage {
  articleId: string;
  text: string;
  score: number;
}

export interface BaselineResult {
  passages: BaselinePassage[];
  rankedArticles: string[];
}

export interface Baseline {
  /** Number of passages after splitting. */
  passages: number;
  search(question: string): Promise<BaselineResult>;
}

export const BASELINE_SETTINGS = { chunkSize: 1000, chunkOverlap: 200, k: 5 } as const;

/** "title\n\ntext", or the text alone when it already starts with the title (scraped pages often do). */
export function baselineText(doc: BaselineDoc): string {
  const title = doc.title.trim();
  return title && !doc.text.trimStart().startsWith(title) ? `${title}\n\n${doc.text}` : doc.text;
}

export async function createBaseline(docs: Iterable<BaselineDoc>): Promise<Baseline> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: BASELINE_SETTINGS.chunkSize,
    chunkOverlap: BASELINE_SETTINGS.chunkOverlap,
  });
  const chunks: Document[] = [];
  for (const doc of docs) {
    const parts = await splitter.createDocuments([baselineText(doc)], [{ articleId: doc.id }]);
    chunks.push(...parts);
  }
  const retriever = BM25Retriever.fromDocuments(chunks, { k: BASELINE_SETTINGS.k, includeScore: true });
  return {
    passages: chunks.length,
    async search(question: string): Promise<BaselineResult> {
      const found = await retriever.invoke(question);
      const passages: BaselinePassage[] = [];
      for (const d of found) {
        const score = Number((d.metadata as { bm25Score?: number }).bm25Score ?? 0);
        if (!(score > 0)) continue;
        passages.push({ articleId: String((d.metadata as { articleId?: string }).articleId), text: d.pageContent, score });
      }
      const rankedArticles: string[] = [];
      for (const p of passages) if (!rankedArticles.includes(p.articleId)) rankedArticles.push(p.articleId);
      return { passages, rankedArticles };
    },
  };
}
