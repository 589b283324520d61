import { describe, expect, it } from 'vitest';
import { answer, citation } from '../testing/telegram-fixtures.js';
import type { StoredArticle } from '../types.js';
import { withArticleDetails } from './citations.js';

const article = (o: { url?: string | null; publishedAt?: string | null; site?: string }): StoredArticle =>
  ({ url: o.url ?? null, publishedAt: o.publishedAt ?? null, card: { sourceSite: o.site ? { value: o.site, sentence: '' } : null, publishedAt: null } }) as unknown as StoredArticle;

describe('withArticleDetails', () => {
  it("adds each cited article's outlet (its site tag, else its web address's host) and publication date", () => {
    const a = answer({ citations: [citation(1, { source: 'a' }), citation(2, { source: 'b' }), citation(3, { source: 'gone' })] });
    const articles: Record<string, StoredArticle> = {
      a: article({ site: 'Thanhuytphcm.vn', url: 'https://www.other.vn/x', publishedAt: '2022-10-06' }),
      b: article({ url: 'https://www.nguoilambao.vn/bai-1' }),
    };
    const [c1, c2, c3] = withArticleDetails(a, (id) => articles[id]).citations;
    expect(c1).toMatchObject({ outlet: 'Thanhuytphcm.vn', published: '2022-10-06' });
    expect(c2).toMatchObject({ outlet: 'nguoilambao.vn', published: null });
    expect(c3).not.toHaveProperty('outlet');
  });
});
