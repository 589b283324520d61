/**
 * Convenience composition of the ingest stage: load → toArticle, streaming.
 * Documents whose cleaned text is empty are reported (INPUT_EMPTY) and skipped.
 */
import type { Article } from '../types.js';
import { toArticle } from './article.js';
import { loadDocuments, type LoadOptions } from './load.js';

export type LoadArticlesOptions = LoadOptions;

export async function* loadArticles(paths: string[], options: LoadArticlesOptions = {}): AsyncGenerator<Article> {
  for await (const raw of loadDocuments(paths, options)) {
    const article = toArticle(raw);
    if (article.text.trim() === '') {
      options.onProblem?.({ code: 'INPUT_EMPTY', path: raw.path, message: `"${raw.id}" has no report text after cleaning; skipped` });
      continue;
    }
    yield article;
  }
}
