import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { buildSeedIndex, SEEDS_DIR, tempDir } from '../testing/seed-index.js';
import { planQuery } from './query/plan.js';
import { createRetriever, type Retriever } from './retriever.js';
import { DEFAULT_RETRIEVAL_TUNING } from './tuning.js';

const { rrfK: RRF_K, subjectWeight: SUBJECT_WEIGHT } = DEFAULT_RETRIEVAL_TUNING;

let index: IndexSnapshot;
let retriever: Retriever;

beforeAll(async () => {
  const extra = await tempDir('dangbo-subject-');
  // An encyclopedia-style page (short title: its subject) and a news report mentioning the same place.
  await writeFile(
    path.join(extra, 'puerto-rico.txt'),
    'Thứ Hai, ngày 1 tháng 1 năm 2024\n\nPuerto Rico\n\nCư dân bản địa của hòn đảo là người Taíno, họ đến từ vùng lưu vực sông Orinoco khoảng năm 1000.',
  );
  await writeFile(
    path.join(extra, 'tin-bao.txt'),
    'Thứ Ba, ngày 2 tháng 1 năm 2024\n\nNhững người đầu tiên trở về sau cơn bão được hỗ trợ chỗ ở\n\n' +
      'Những người đầu tiên sống sót sau cơn bão ở Puerto Rico đã trở về nhà, chính quyền cho biết những người dân sống ở vùng ven biển được hỗ trợ.',
  );
  const { dir } = await buildSeedIndex([SEEDS_DIR, extra]);
  index = await openIndex(dir);
  retriever = createRetriever(index);
});

afterAll(() => index.close());

/** Per chunk id: fused score with the subject match minus without it. */
function subjectGain(question: string): Map<string, { article: string; gain: number }> {
  const plan = planQuery(question);
  const without = new Map(retriever.retrieveWith(plan, null, { k: 50, omit: ['subject'] }).hits.map((h) => [h.chunk.id, h.score]));
  const out = new Map<string, { article: string; gain: number }>();
  for (const h of retriever.retrieveWith(plan, null, { k: 50 }).hits) out.set(h.chunk.id, { article: h.chunk.meta.articleId, gain: h.score - without.get(h.chunk.id)! });
  return out;
}

describe('subject match', () => {
  it('adds SUBJECT_WEIGHT / (RRF_K + 1) to the candidates of the page whose whole short title the question names, only', () => {
    const gains = subjectGain('Ai là những người sống ở Puerto Rico?');
    expect([...gains.values()].some((g) => g.article === 'puerto-rico.txt')).toBe(true);
    expect([...gains.values()].some((g) => g.article === 'tin-bao.txt')).toBe(true);
    for (const { article, gain } of gains.values()) {
      expect(gain).toBeCloseTo(article === 'puerto-rico.txt' ? SUBJECT_WEIGHT / (RRF_K + 1) : 0, 12);
    }
  });

  it('needs the title’s capitals: "puerto rico" typed in lower case names no page', () => {
    const gains = subjectGain('ai là những người sống ở puerto rico?');
    expect(gains.size).toBeGreaterThan(0);
    for (const { gain } of gains.values()) expect(gain).toBeCloseTo(0, 12);
  });

  it('leaves Party news (long titles) alone', () => {
    const gains = subjectGain('Quận 12 kết nạp bao nhiêu đảng viên?');
    for (const { gain } of gains.values()) expect(gain).toBeCloseTo(0, 12);
  });
});
