/**
 * Start-up cost: @langchain/openai (~1.4 s to import) and @langchain/core/messages are loaded only when an
 * OpenAI provider is configured and first used; the offline path (providers, pipeline, answers) never loads them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ openai: 0, messages: 0 }));
vi.mock('@langchain/openai', async (importOriginal) => {
  loaded.openai++;
  return importOriginal();
});
vi.mock('@langchain/core/messages', async (importOriginal) => {
  loaded.messages++;
  return importOriginal();
});

const { parseConfig } = await import('../config/config.js');
const { createProviders } = await import('./index.js');
const { openPipeline } = await import('../app/pipeline.js');
const { openIndex } = await import('../index/store.js');
const { buildSeedIndex } = await import('../testing/seed-index.js');
const { startFakeOpenAIServer } = await import('../testing/fake-openai-server.js');

let server: Awaited<ReturnType<typeof startFakeOpenAIServer>>;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

describe('provider modules load lazily', () => {
  it('offline: building providers, opening the pipeline and answering load neither @langchain/openai nor messages', async () => {
    const config = parseConfig({});
    const providers = createProviders(config);
    expect(providers.chat).toBeNull();
    const { dir } = await buildSeedIndex();
    const pipeline = await openPipeline(dir, providers, config);
    const answer = await pipeline.answer('Ai chủ trì Hội nghị lần thứ 8 Quận 8?');
    expect(answer.grounded).toBe(true);
    pipeline.snapshot.close();
    expect(loaded).toEqual({ openai: 0, messages: 0 });
    // The index module itself does not need them either.
    (await openIndex(dir)).close();
    expect(loaded).toEqual({ openai: 0, messages: 0 });
  });

  it('online: constructing the providers loads nothing; the first request loads @langchain/openai once', async () => {
    const config = parseConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: server.url, OPENAI_MAX_RETRIES: '0', OPENAI_EMBEDDING_DIMENSIONS: '16' });
    const providers = createProviders(config);
    expect(providers.chat).not.toBeNull();
    expect(loaded.openai).toBe(0);
    server.onChat({ reply: 'Xin chào.' });
    expect((await providers.chat!.complete({ system: 'S', user: 'U' })).text).toBe('Xin chào.');
    expect((await providers.embedder.embedQuery('quận 8')).length).toBe(16);
    expect(loaded.openai).toBe(1);
    expect(loaded.messages).toBe(1);
  });
});
