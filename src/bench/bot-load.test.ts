import { describe, expect, it } from 'vitest';
import { answer } from '../testing/telegram-fixtures.js';
import type { AnswerFn } from '../types.js';
import { measureBotThroughput, runBotLoad } from './bot-load.js';

/** Answers after a random 0–20 ms, so a chat's questions would overtake each other if not serialised. */
const jittery: AnswerFn = async (question) => {
  await new Promise((r) => setTimeout(r, Math.random() * 20));
  return answer({ question, answer: `Trả lời: ${question} [1]` });
};

describe('bot under load, through the Bot API emulator', () => {
  it.each(['polling', 'webhook'] as const)('%s: 200 questions from 50 chats are each answered once, in order per chat', async (mode) => {
    const result = await runBotLoad({ answer: jittery, chats: 50, questionsPerChat: 4, pattern: 'burst', mode, timeoutMs: 60_000 });
    expect(result).toMatchObject({ questions: 200, answered: 200, missing: 0, duplicates: 0, outOfOrderChats: 0 });
  });

  it('measures questions per second with 50 concurrent chats', async () => {
    const result = await measureBotThroughput(jittery, { questionsPerChat: 2, timeoutMs: 60_000 });
    expect(result).toMatchObject({ chats: 50, questions: 100, answered: 100, missing: 0, outOfOrderChats: 0 });
    expect(result.questionsPerSecond).toBeGreaterThan(0);
    expect(result.latencyMs!.p50).toBeLessThanOrEqual(result.latencyMs!.p95);
  });
});
