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
 * - Scoring is exactly the retriever's (its inlined Okapi BM25: k1 1.2, b 0.75, query = lowercased
 *   whitespace-split words, term frequency = non-overlapping substring occurrences, document frequency =
 *   documents containing the substring, length = /\w+/ matches). The stock retriever re-counts every
 *   document's length and compiles one RegExp per document and word on every query (~2 s per question on
 *   6,000 passages, hours on the full corpus), so `IndexedBM25Retriever` subclasses it with the same
 *   formula over lengths computed once and indexOf counting; a test checks both give identical scores and order.
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

/**
 * BM25Retriever with the same scores and order, computed faster (see the module contract). Only documents
 * with a positive score are returned (at most k); the stock retriever pads with score-0 documents.
 */
export class IndexedBM25Retriever extends BM25Retriever {
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(options: ConstructorParameters<typeof BM25Retriever>[0]) {
    super(options);
    this.lengths = this.docs.map((d) => (d.pageContent.match(/\w+/g) ?? []).length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.docs.length);
  }

  static override fromDocuments(documents: Document[], options: Omit<ConstructorParameters<typeof BM25Retriever>[0], 'docs'>): IndexedBM25Retriever {
    return new this({ ...options, docs: documents });
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const keywords = query.toLowerCase().split(/\s+/);
    const k1 = 1.2;
    const b = 0.75;
    const n = this.docs.length;
    // Per keyword: term frequencies of the documents containing it, then its idf.
    const perKeyword = keywords.map((kw) => {
      const tf = new Map<number, number>();
      this.docs.forEach((d, i) => {
        const text = d.pageContent;
        if (kw === '') {
          tf.set(i, text.length + 1); // a RegExp for "" matches at every position
          return;
        }
        let at = text.indexOf(kw);
        if (at < 0) return;
        let count = 0;
        while (at >= 0) {
          count++;
          at = text.indexOf(kw, at + kw.length);
        }
        tf.set(i, count);
      });
      const idf = Math.log((n - tf.size + 0.5) / (tf.size + 0.5) + 1);
      return { tf, idf };
    });
    const candidates = new Set<number>();
    for (const { tf } of perKeyword) for (const i of tf.keys()) candidates.add(i);
    const scored: Array<{ i: number; score: number }> = [];
    for (const i of candidates) {
      const len = this.lengths[i]!;
      // Summed in keyword order, like the stock retriever's reduce, so ties break identically.
      let score = 0;
      for (const { tf, idf } of perKeyword) {
        const f = tf.get(i) ?? 0;
        score += (idf * (f * (k1 + 1))) / (f + k1 * (1 - b + (b * len) / this.averageLength));
      }
      if (score > 0) scored.push({ i, score });
    }
    scored.sort((x, y) => y.score - x.score || x.i - y.i);
    return scored.slice(0, this.k).map(({ i, score }) => {
      const d = this.docs[i]!;
      if (!this.includeScore) return d;
      return new Document({ ...(d.id ? { id: d.id } : {}), pageContent: d.pageContent, metadata: { bm25Score: score, ...d.metadata } });
    });
  }
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
  const retriever = IndexedBM25Retriever.fromDocuments(chunks, { k: BASELINE_SETTINGS.k, includeScore: true });
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
