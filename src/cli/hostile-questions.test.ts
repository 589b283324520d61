/**
 * Hostile questions through the offline answer function (the pipeline `npm start` and the bot use): every one
 * gets a clear, bounded reply — no throw, no hang. (Escaping for Telegram is the bot's job, tested in src/bot.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.js';
import { createProviders } from '../providers/index.js';
import { buildSeedIndex } from '../testing/seed-index.js';
import type { AnswerFn } from '../types.js';
import { openPipeline } from '../app/pipeline.js';

let answer: AnswerFn;

beforeAll(async () => {
  const { dir } = await buildSeedIndex();
  const config = parseConfig({ LLM_CHAT: 'off', LLM_EMBEDDINGS: 'off', INDEX_DIR: dir });
  answer = (await openPipeline(dir, createProviders(config), config)).answer;
}, 120_000);

const HOSTILE: Array<[string, string]> = [
  ['empty', ''],
  ['spaces and newlines', '   \n\t  \r\n '],
  ['10,000 characters', 'Quận 12 kết nạp bao nhiêu đảng viên? '.repeat(300).slice(0, 10_000)],
  ['10,000 characters, one word', 'a'.repeat(10_000)],
  ['only emoji', '😀🎉🔥👍🏽🇻🇳'],
  ['HTML injection', '<script>alert(1)</script><b>Ai</b> chủ trì <a href="javascript:alert(2)">Quận 8</a>?'],
  ['Markdown injection', '**Ai** chủ trì _hội nghị_ [Quận 8](http://evil.example) `rm -rf /` ```'],
  ['control characters', 'Ai chủ trì\u0000\u0007\u001b[31m hội nghị\u0008 Quận 8\u007f?'],
  ['bidi overrides and zero-width', '\u202eAi chủ trì\u200b\u200d hội nghị Quận 8\u2066?'],
  ['lone surrogates', 'Quận 8 \ud800 chủ trì \udfff?'],
  ['FTS5 and SQL syntax', '" OR 1=1; DROP TABLE chunks; -- NEAR(quận 8) folded:chu* ^ai {exact}:x'],
  ['regex metacharacters', '.*+?^${}()|[]\\ Quận (8'],
  ['numbers only', '12 8 2020 2025 596 9.308 104,99'],
  ['another script', 'Кто председательствовал? 谁主持了会议？'],
];

describe('hostile questions get a clear reply', () => {
  it.each(HOSTILE)('%s', async (_name, question) => {
    const started = performance.now();
    const a = await answer(question);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(typeof a.answer).toBe('string');
    expect(a.answer.trim().length).toBeGreaterThan(0);
    expect(a.answer.length).toBeLessThan(20_000);
    expect(typeof a.grounded).toBe('boolean');
    expect(Array.isArray(a.citations)).toBe(true);
    for (const c of a.citations) expect(a.answer).toContain(`[${c.n}]`);
  });

  it('says plainly that an empty question cannot be answered', async () => {
    const a = await answer('');
    expect(a.grounded).toBe(false);
    expect(a.citations).toEqual([]);
  });
});
