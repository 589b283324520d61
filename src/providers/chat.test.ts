import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { FakeChatModel } from '../testing/fake-chat-model.js';
import { addUsage, LangChainChatModel } from './chat.js';

describe('LangChainChatModel (with LangChain fakes)', () => {
  it('completes and streams through any LangChain chat model', async () => {
    const chat = new LangChainChatModel('fake-list', new FakeListChatModel({ responses: ['Một câu trả lời [1].', 'Câu thứ hai.'] }));
    expect(await chat.complete({ system: 'S', user: 'U' })).toEqual({ text: 'Một câu trả lời [1].' });
    const stream = chat.stream({ system: '', user: 'U' });
    const parts: string[] = [];
    for await (const d of stream) parts.push(d);
    expect(parts.join('')).toBe('Câu thứ hai.');
    expect(parts.length).toBeGreaterThan(1);
    expect(stream.usage).toBeUndefined();
  });

  it('rejects when the signal aborts', async () => {
    const chat = new LangChainChatModel('slow', new FakeListChatModel({ responses: ['late'], sleep: 5_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(chat.complete({ system: 'S', user: 'U', signal: controller.signal })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('FakeChatModel', () => {
  it('plays its script in order, repeats the last step and records calls', async () => {
    const chat = new FakeChatModel(['a', { text: 'b', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } }, (req) => `echo ${req.user}`]);
    expect((await chat.complete({ system: 's', user: '1' })).text).toBe('a');
    expect((await chat.complete({ system: 's', user: '2' })).usage?.totalTokens).toBe(3);
    expect((await chat.complete({ system: 's', user: '3' })).text).toBe('echo 3');
    expect((await chat.complete({ system: 's', user: '4' })).text).toBe('echo 4');
    expect(chat.calls.map((c) => c.user)).toEqual(['1', '2', '3', '4']);
  });

  it('throws scripted errors, hangs until aborted, and can be built without streaming', async () => {
    await expect(new FakeChatModel(new Error('boom')).complete({ system: '', user: '' })).rejects.toThrow('boom');
    const controller = new AbortController();
    const pending = new FakeChatModel({ hang: true }).complete({ system: '', user: '', signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(new FakeChatModel('x', { streaming: false }).stream).toBeUndefined();
  });
});

describe('addUsage', () => {
  it('sums known usages', () => {
    const u = { promptTokens: 1, completionTokens: 2, totalTokens: 3 };
    expect(addUsage(undefined, undefined)).toBeUndefined();
    expect(addUsage(u, undefined)).toBe(u);
    expect(addUsage(u, u)).toEqual({ promptTokens: 2, completionTokens: 4, totalTokens: 6 });
  });
});
