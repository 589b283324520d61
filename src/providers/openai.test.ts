/**
 * OpenAIChatModel and OpenAIIndexEmbedder against the fake OpenAI-compatible server (real HTTP on
 * loopback, real openai SDK and @langchain/openai): request shape, usage, streaming, retries, timeouts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../config/config.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../testing/fake-openai-server.js';
import { OpenAIChatModel } from './chat.js';
import { createProviders } from './index.js';
import { LocalHashEmbeddings } from './local-embeddings.js';
import { OpenAIIndexEmbedder } from './openai.js';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function openai(env: Record<string, string> = {}): Config['openai'] {
  return parseConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.url, OPENAI_MAX_RETRIES: '0', ...env }).openai;
}

describe('OpenAIChatModel', () => {
  it('sends model, temperature, system and user messages with the key; returns text and usage', async () => {
    server.onChat({ reply: 'Xin chào [1].', usage: { prompt_tokens: 42, completion_tokens: 7 } });
    const chat = new OpenAIChatModel(openai({ OPENAI_CHAT_MODEL: 'my-model', OPENAI_TEMPERATURE: '0.2' }));
    expect(chat.id).toBe('openai:my-model');
    const reply = await chat.complete({ system: 'SYS', user: 'USER' });
    expect(reply).toEqual({ text: 'Xin chào [1].', usage: { promptTokens: 42, completionTokens: 7, totalTokens: 49 } });
    const [req] = server.requests;
    expect(req!.headers.authorization).toBe('Bearer test');
    expect(req!.body).toMatchObject({
      model: 'my-model',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'SYS' },
        { role: 'user', content: 'USER' },
      ],
    });
  });

  it('omits an empty system message', async () => {
    await new OpenAIChatModel(openai()).complete({ system: '', user: 'only user' });
    expect(server.chatRequests()[0]!.messages).toEqual([{ role: 'user', content: 'only user' }]);
  });

  it('streams deltas over SSE and reports usage', async () => {
    server.onChat({ reply: 'Võ Ngọc Quốc Thuận chủ trì hội nghị [1].' });
    const stream = new OpenAIChatModel(openai()).stream({ system: 'S', user: 'U' });
    const parts: string[] = [];
    for await (const d of stream) parts.push(d);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe('Võ Ngọc Quốc Thuận chủ trì hội nghị [1].');
    expect(stream.usage?.totalTokens).toBeGreaterThan(0);
    expect(server.chatRequests()[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('retries a 500 (bounded by OPENAI_MAX_RETRIES) and a 429 with retry-after', async () => {
    server.onChat({ status: 500 }, { status: 429, retryAfter: 0 }, { reply: 'ok' });
    const reply = await new OpenAIChatModel(openai({ OPENAI_MAX_RETRIES: '2' })).complete({ system: 'S', user: 'U' });
    expect(reply.text).toBe('ok');
    expect(server.chatRequests()).toHaveLength(3);
  }, 20_000);

  it('gives up after the retries and does not retry a 400', async () => {
    server.onChat({ status: 503 });
    await expect(new OpenAIChatModel(openai({ OPENAI_MAX_RETRIES: '1' })).complete({ system: 'S', user: 'U' })).rejects.toMatchObject({ status: 503 });
    expect(server.chatRequests()).toHaveLength(2);
    server.reset();
    server.onChat({ status: 400 });
    await expect(new OpenAIChatModel(openai({ OPENAI_MAX_RETRIES: '3' })).complete({ system: 'S', user: 'U' })).rejects.toMatchObject({ status: 400 });
    expect(server.chatRequests()).toHaveLength(1);
  }, 20_000);

  it('times out on a hanging server, and stops at once when the caller aborts', async () => {
    server.onChat({ hang: true });
    const started = Date.now();
    await expect(new OpenAIChatModel(openai({ OPENAI_TIMEOUT_MS: '300' })).complete({ system: 'S', user: 'U' })).rejects.toThrow(/timed out|timeout/i);
    expect(Date.now() - started).toBeLessThan(3_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(new OpenAIChatModel(openai()).complete({ system: 'S', user: 'U', signal: controller.signal })).rejects.toThrow();
  });
});

describe('OpenAIIndexEmbedder', () => {
  it('embeds with the configured model and dimensions, as floats', async () => {
    const e = new OpenAIIndexEmbedder(openai({ OPENAI_EMBEDDING_MODEL: 'emb', OPENAI_EMBEDDING_DIMENSIONS: '16' }));
    expect(e.id).toBe('openai:emb:16');
    expect(e.dimensions).toBe(16);
    const docs = await e.embedDocuments(['Quận 8', 'Quận 12', 'Bình Tân']);
    expect(docs.map((v) => v.length)).toEqual([16, 16, 16]);
    expect((await e.embedQuery('Quận 8')).length).toBe(16);
    expect(server.embeddingRequests()[0]).toMatchObject({ model: 'emb', dimensions: 16, encoding_format: 'float', input: ['Quận 8', 'Quận 12', 'Bình Tân'] });
    expect(await e.embedDocuments([])).toEqual([]);
  });

  it('refuses vectors of the wrong size with a fix-it message', async () => {
    server.onEmbeddings({ ok: true, dimensions: 8 });
    const e = new OpenAIIndexEmbedder(openai({ OPENAI_EMBEDDING_DIMENSIONS: '16' }));
    await expect(e.embedDocuments(['a'])).rejects.toMatchObject({ code: 'PROVIDER_FAILED', hint: expect.stringContaining('OPENAI_EMBEDDING_DIMENSIONS=8') });
  });

  it('tries a question embedding once (the answerer then retrieves by keywords)', async () => {
    server.onEmbeddings({ status: 500 });
    const e = new OpenAIIndexEmbedder(openai({ OPENAI_MAX_RETRIES: '3' }));
    await expect(e.embedQuery('Quận 8')).rejects.toMatchObject({ status: 500 });
    expect(server.embeddingRequests()).toHaveLength(1);
  });
});

describe('createProviders', () => {
  it('is offline without a key', () => {
    const p = createProviders(parseConfig({}));
    expect(p.chat).toBeNull();
    expect(p.embedder.id).toBe('none');
    expect(p.embedder.dimensions).toBe(0);
    expect(p.description).toBe('offline: none, extractive answers');
    const local = createProviders(parseConfig({ LOCAL_VECTORS: 'true' }));
    expect(local.embedder.id).toBe(new LocalHashEmbeddings().id);
  });

  it('uses the API for both with a key, and each can be switched off separately', () => {
    const both = createProviders(parseConfig({ OPENAI_API_KEY: 'k' }));
    expect(both.chat?.id).toBe('openai:gpt-4o-mini');
    expect(both.embedder.id).toBe('openai:text-embedding-3-small:512');
    expect(both.description).toBe('online via api.openai.com: openai:text-embedding-3-small:512, LLM answers (openai:gpt-4o-mini)');
    const chatOnly = createProviders(parseConfig({ OPENAI_API_KEY: 'k', LLM_EMBEDDINGS: 'off' }));
    expect(chatOnly.embedder.id).toBe('none');
    expect(chatOnly.chat).not.toBeNull();
    const embOnly = createProviders(parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LLM_EMBEDDINGS: 'on' }));
    expect(embOnly.chat).toBeNull();
    expect(embOnly.embedder.id).toBe('openai:text-embedding-3-small:512');
    expect(embOnly.description).toContain('via 127.0.0.1:9');
  });
});
