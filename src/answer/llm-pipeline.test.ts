/**
 * The LLM path on a real index of the bundled articles: keyword-only retrieval when question embeddings
 * fail, and openPipeline's streaming answer over real SSE from the fake OpenAI server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPipeline } from '../app/pipeline.js';
import { parseConfig } from '../config/config.js';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { OpenAIChatModel } from '../providers/chat.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../testing/fake-openai-server.js';
import { buildSeedIndex } from '../testing/seed-index.js';
import { createRetriever } from '../retrieve/retriever.js';
import { prepare } from './answerer.js';

const CHAIR_Q = 'Ai chủ trì hội nghị lần thứ 8 Quận 8?';
let dir: string;
let snapshot: IndexSnapshot;
let server: FakeOpenAIServer;

beforeAll(async () => {
  dir = (await buildSeedIndex(undefined, { localVectors: true })).dir;
  snapshot = await openIndex(dir);
  server = await startFakeOpenAIServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('question embeddings failing', () => {
  it('retrieval goes keyword-only and the answer is the same as without a vector', async () => {
    const embedder = new LocalHashEmbeddings();
    // The same index as if built by a model embedder: its vector view is fused (weight 0.5), so question
    // embeddings are requested. (The local hashed embedder's view weighs 0 and would never ask for one.)
    const index = Object.create(snapshot, {
      manifest: { value: { ...snapshot.manifest, embedder: { ...snapshot.manifest.embedder, id: 'model:test' } } },
    }) as IndexSnapshot;
    for (const q of [CHAIR_Q, 'Quận 12 kết nạp được bao nhiêu đảng viên?', 'Tóm tắt nhiệm kỳ của Quận 8']) {
      let asked = 0;
      const failing = await prepare(
        { retriever: createRetriever(index, { embedQuery: () => (asked++, Promise.reject(new Error('503 from embeddings'))) }), topK: 8 },
        q,
      );
      const none = await prepare({ retriever: createRetriever(index, { embedQuery: null }), topK: 8 }, q);
      const withVectors = await prepare({ retriever: createRetriever(index, { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 }, q);
      if (q !== 'Tóm tắt nhiệm kỳ của Quận 8') {
        expect(asked, q).toBe(1);
        expect(withVectors.retrieval.hits.some((h) => h.views.vector !== undefined), q).toBe(true);
      }
      expect(failing.extractive).toEqual(none.extractive);
      expect(failing.extractive.grounded).toBe(true);
      expect(failing.retrieval.hits.every((h) => h.views.vector === undefined)).toBe(true);
    }
  });
});

describe('openPipeline with a chat model', () => {
  it('streams draft deltas over SSE, then the verified answer with usage', async () => {
    server.onChat({
      reply: (body) => {
        const user = body.messages[1]!.content;
        const n = /<passage n="(\d+)"[^>]*>[^<]*Võ Ngọc Quốc Thuận/.exec(user)?.[1] ?? '9';
        return `Đồng chí Võ Ngọc Quốc Thuận, Bí thư Quận ủy, chủ trì hội nghị [${n}]. Có 12345 đại biểu dự [${n}].`;
      },
    });
    const config = parseConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.url, LLM_EMBEDDINGS: 'off', OPENAI_MAX_RETRIES: '0' });
    const pipeline = await openPipeline(dir, { embedder: new LocalHashEmbeddings(), chat: new OpenAIChatModel(config.openai), description: 'test' }, config);
    expect(pipeline.stream).toBeDefined();
    const { deltas, final } = pipeline.stream!(CHAIR_Q);
    const parts: string[] = [];
    for await (const d of deltas) parts.push(d);
    // Drafts hold only checked sentences, without markers: never the invented figure, never a raw "[n]".
    expect(parts.join('')).toBe('Đồng chí Võ Ngọc Quốc Thuận, Bí thư Quận ủy, chủ trì hội nghị.');
    const answer = await final;
    expect(answer.mode).toBe('llm');
    expect(answer.answer).toBe('Đồng chí Võ Ngọc Quốc Thuận, Bí thư Quận ủy, chủ trì hội nghị [1].');
    expect(answer.usage?.totalTokens).toBeGreaterThan(0);
    expect(server.chatRequests()[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    // The non-streaming path of the same pipeline.
    expect((await pipeline.answer(CHAIR_Q)).answer).toBe(answer.answer);
  });

  it('has no stream and answers extractively without a chat model', async () => {
    const config = parseConfig({});
    const pipeline = await openPipeline(dir, { embedder: new LocalHashEmbeddings(), chat: null, description: 'offline' }, config);
    expect(pipeline.stream).toBeUndefined();
    expect((await pipeline.answer(CHAIR_Q)).mode).toBe('extractive');
  });
});
