/**
 * The LLM path on a real index of the bundled articles: keyword-only retrieval when question embeddings
 * fail, openPipeline's streaming answer over real SSE from the fake OpenAI server, the answer prompt's facts (event
 * cards, figure rows), the answer shape (a direct first line, checked) and which questions never reach the model.
 */
import { withArticleDetails } from './citations.js';
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
import { formatAnswer } from '../bot/format.js';
import { formatAnswerText } from './format-text.js';
import { deterministicReason } from './llm.js';
import type { ChatCompletionBody } from '../testing/fake-openai-server.js';
import { turn } from '../testing/turns.js';

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

/** The user message's passages (n → text) and its facts block. */
function promptParts(body: ChatCompletionBody): { passages: Map<number, string>; facts: string } {
  const user = body.messages.find((m) => m.role === 'user')!.content;
  const passages = new Map<number, string>();
  for (const m of user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) passages.set(Number(m[1]), m[2]!);
  return { passages, facts: /<facts>\n([\s\S]*?)\n<\/facts>/.exec(user)?.[1] ?? '' };
}

function passageNumber(body: ChatCompletionBody, needle: string): number {
  for (const [n, text] of promptParts(body).passages) if (text.includes(needle)) return n;
  return 99;
}

describe('the answer prompt: event card facts and figure rows, each citable to a passage', () => {
  const config = () => parseConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.url, LLM_EMBEDDINGS: 'off', OPENAI_MAX_RETRIES: '0' });
  const open = () => openPipeline(dir, { embedder: new LocalHashEmbeddings(), chat: new OpenAIChatModel(config().openai), description: 'test' }, config());
  const MEMBERS_Q = 'Quận 12 kết nạp bao nhiêu đảng viên?';
  const PROOF = 'đã kết nạp được 596 đảng viên';

  it('lists the card (unit, event and number, dates, chairs) and the matching figure rows with their period, each with its passage', async () => {
    server.reset();
    server.onChat({ reply: 'Các bài viết không nêu thông tin này.' });
    const pipeline = await open();
    await pipeline.answer(MEMBERS_Q);
    const [body] = server.chatRequests();
    const { passages, facts } = promptParts(body!);
    expect(facts).toMatch(/^Article ".*" \(source="000_8560dab47670abcc\.txt"\):$/m);
    expect(facts).toMatch(/^- unit: Quận 12 \(TP\.HCM\) \[\d+\]$/m);
    expect(facts).toMatch(/^- event: Hội nghị lần thứ 12 \[\d+\]$/m);
    expect(facts).toMatch(/^- meeting date: 30\/03\/2023 \[\d+\]$/m);
    expect(facts).toMatch(/^- term \(nhiệm kỳ\): 2020-2025 \[\d+\]$/m);
    const row = /^- "596 đảng viên" — indicator: [a-z ]*ket nap[a-z ]* — period: (.+) — unit: Quận 12 ((?:\[\d+\])+)$/m.exec(facts);
    expect(row, facts).not.toBeNull();
    expect(row![1]).not.toBe('not stated');
    // Every number a fact cites is a passage of the prompt, and the figure's passage prints its sentence.
    for (const m of facts.matchAll(/\[(\d+)\]/g)) expect(passages.has(Number(m[1])), facts).toBe(true);
    expect(passages.get(Number(/\d+/.exec(row![2]!)![0]))).toContain(PROOF);

    // A chair question: the chair with the role printed, the passage naming them; no figure rows.
    server.reset();
    await pipeline.answer(CHAIR_Q);
    const chair = promptParts(server.chatRequests()[0]!);
    const named = /^- chaired by: Võ Ngọc Quốc Thuận \(Thành ủy viên, Bí thư Quận ủy\) \[(\d+)\]$/m.exec(chair.facts);
    expect(named, chair.facts).not.toBeNull();
    expect(chair.passages.get(Number(named![1]))).toContain('Võ Ngọc Quốc Thuận');
    expect(chair.facts).toMatch(/^- event: Hội nghị lần thứ 8 \[\d+\]$/m);
    expect(chair.facts).toMatch(/^- meeting date: 12\/07\/2022 \[\d+\]$/m);
    expect(chair.facts).not.toMatch(/published|Figures/); // a page-render date is no publication date

    // The publication date, when the article prints one.
    server.reset();
    await pipeline.answer('Hội nghị lần thứ 14 quận Nam Từ Liêm bàn những nội dung gì?');
    expect(promptParts(server.chatRequests()[0]!).facts).toMatch(/^- published: 23\/06\/2022 \[1\]$/m);
  });

  it('a direct first line written in bold survives the checks, is bold in Telegram and plain in the terminal', async () => {
    server.reset();
    server.onChat({
      reply: (body) => {
        const n = passageNumber(body, PROOF);
        return `Quận 12 đã kết nạp **596 đảng viên** trong nửa nhiệm kỳ.\nTiêu biểu là công tác đảng viên đã kết nạp được 596 đảng viên, đạt tỷ lệ 56,9% [${n}].`;
      },
    });
    const answer = await (await open()).answer(MEMBERS_Q);
    expect(answer.mode).toBe('llm');
    const [first, second] = answer.answer.split('\n');
    expect(first).toBe('Quận 12 đã kết nạp 596 đảng viên trong nửa nhiệm kỳ [1].');
    expect(second).toContain('596 đảng viên, đạt tỷ lệ 56,9% [1].');
    const html = formatAnswer(answer);
    expect(html.startsWith('<b>Quận 12 đã kết nạp 596 đảng viên trong nửa nhiệm kỳ [1].</b>\n')).toBe(true);
    expect(html).not.toContain('**');
    const text = formatAnswerText(answer);
    expect(text.split('\n')[0]).toBe('Quận 12 đã kết nạp 596 đảng viên trong nửa nhiệm kỳ [1].');
    expect(text).not.toMatch(/\*\*|<b>/);
  });

  it('an unsupported figure in the first line is dropped: the extractive answer stands, saying why', async () => {
    server.reset();
    server.onChat({
      reply: (body) => {
        const n = passageNumber(body, PROOF);
        return `**Quận 12 kết nạp 600 đảng viên** [${n}].\nTiêu biểu là công tác đảng viên đã kết nạp được 596 đảng viên [${n}].`;
      },
    });
    const answer = await (await open()).answer(MEMBERS_Q);
    expect(server.chatRequests()).toHaveLength(1);
    expect(answer.mode).toBe('extractive');
    expect(answer.answer).not.toContain('600');
    expect(answer.answer).toContain('596');
    expect(answer.fallbackReason).toBe('Câu trả lời trực tiếp của LLM không khớp với bài viết; dùng câu trả lời trích từ bài viết.');
  });
});

describe('questions the deterministic planner answers never reach the model', () => {
  it.each([
    ['hội nghị gần đây nhất là gì?', 'collection'],
    ['có bao nhiêu hội nghị?', 'collection'],
    ['Võ Ngọc Quốc Thuận chủ trì những hội nghị nào?', 'collection'],
    ['Quận nào kết nạp nhiều đảng viên nhất?', 'collection'],
    ['ai chủ trì?', 'question-back'],
    ['Ai chủ trì hội nghị quận Bìnhh Tân?', 'question-back'],
    ['hi', 'small-talk'],
    ['cảm ơn', 'small-talk'],
    ['Quận 12 kết nạp 600 đảng viên đúng không?', 'figure-check'],
    ['Ai chủ trì hội nghị Quận 8 và Quận 11?', 'several-units'],
    ['Ai chủ trì hội nghị Quận 5?', 'question-back'],
    ['Giá vàng hôm nay bao nhiêu?', 'not-grounded'],
  ] as const)('%s → %s, zero model calls (also as a follow-up)', async (question, reason) => {
    server.reset();
    server.onChat({ reply: 'Bất kỳ [1].' });
    const config = parseConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.url, LLM_EMBEDDINGS: 'off', OPENAI_MAX_RETRIES: '0' });
    const pipeline = await openPipeline(dir, { embedder: new LocalHashEmbeddings(), chat: new OpenAIChatModel(config.openai), description: 'test' }, config);
    const retriever = createRetriever(snapshot, { embedQuery: null });
    const expected = await prepare({ retriever, topK: config.retrieval.topK }, question);
    expect(deterministicReason(expected)).toBe(reason);
    const answer = await pipeline.answer(question);
    // A follow-up too: the rewrite is never asked for small talk, a collection question or a figure check.
    const followUp = await pipeline.answer(question, { history: [turn('Hội nghị lần thứ 8 khóa XII bàn những nội dung gì?')] });
    if (reason === 'small-talk' || reason === 'collection' || reason === 'figure-check') expect(server.chatRequests()).toHaveLength(0);
    // The pipeline adds each source's outlet and publication date (answer/citations.ts withArticleDetails).
    expect(answer).toEqual(withArticleDetails(expected.extractive, (id) => retriever.articles.get(id)));
    expect(answer.mode).toBe('extractive');
    expect(followUp.mode).toBe('extractive');
    if (reason === 'question-back') expect(answer.choices?.length).toBeGreaterThan(0);
    expect(server.chatRequests().filter((b) => b.messages.some((m) => m.content.includes('<facts>')))).toHaveLength(0);
  });
});
