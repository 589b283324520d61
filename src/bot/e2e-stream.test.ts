/**
 * Streaming end to end: `src/cli/start.ts` in LLM mode (OPENAI_API_KEY=test, OPENAI_BASE_URL at the
 * fake OpenAI-compatible server, streaming SSE) against the telegram-test-api emulator.
 *
 * The emulator has no sendMessageDraft (HTTP 500), so this covers the fallback transport: one preview
 * message (a reply to the question, with the writing marker) edited into the final answer with its
 * sources and buttons. Drafts themselves are covered through grammY's seams in create-bot.test.ts.
 * A small proxy in front of the fake server paces its SSE events (CHUNK_GAP_MS apart), so the model
 * writes for a few seconds, like a real one, and the preview has time to grow — sentence by sentence, each shown
 * only once it has passed the checks (src/answer/verify.ts DraftChecker).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type ChatCompletionBody, type FakeOpenAIServer } from '../testing/fake-openai-server.js';
import { startEmulator, type RunningEmulator } from '../testing/telegram-emulator.js';
import { PROJECT_ROOT, tempDir } from '../testing/seed-index.js';

const TOKEN = '424244:STREAM-e2e';
const QUESTION = 'Ai chủ trì hội nghị lần thứ 8 Quận 8?';
const CHAIR = 'Võ Ngọc Quốc Thuận';
const MARKER = '✍️';
const CHUNK_GAP_MS = 200;

/** Forwards to `upstream`, passing streamed (SSE) responses on one event every CHUNK_GAP_MS. */
async function slowProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const base = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
        const response = await fetch(`${base.origin}${req.url}`, { method: req.method ?? 'GET', headers, body: parts.length ? Buffer.concat(parts) : null });
        const type = response.headers.get('content-type') ?? 'application/json';
        const body = await response.text();
        res.writeHead(response.status, { 'content-type': type });
        if (!type.includes('text/event-stream')) return void res.end(body);
        for (const event of body.split('\n\n').filter(Boolean)) {
          res.write(`${event}\n\n`);
          await new Promise((r) => setTimeout(r, CHUNK_GAP_MS));
        }
        res.end();
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let openai: FakeOpenAIServer;
let proxy: Awaited<ReturnType<typeof slowProxy>>;
let emulator: RunningEmulator;
let child: ChildProcess;
let output = '';
let tmp: string;
/** Every text the bot showed in a chat, in order: sent messages and edits. */
const timeline: Array<{ chatId: string; messageId: number; kind: 'sent' | 'edited'; text: string; at: number }> = [];

/** The passage number holding `needle` in a chat request's user prompt. */
function passageWith(body: ChatCompletionBody, needle: string): number {
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  for (const m of user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) if (m[2]!.includes(needle)) return Number(m[1]);
  return 1;
}

beforeAll(async () => {
  openai = await startFakeOpenAIServer();
  openai.onChat({
    reply: (body) => {
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      // The third test's question: a model inventing a figure, a name and a citation before the true sentence.
      if (/Question: [^\n]*đảng viên/.test(user)) {
        return `Quận 8 có 98765 đảng viên [1]. Hội nghị do ông Nguyễn Văn Bịa chủ trì [9]. Đồng chí ${CHAIR}, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị lần thứ 8 của Quận 8 [${passageWith(body, CHAIR)}].`;
      }
      // Several sentences: the preview shows each once the next has begun and it has passed the checks.
      const n = passageWith(body, CHAIR);
      return (
        `Đồng chí ${CHAIR}, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị lần thứ 8 của Quận 8 [${n}]. ` +
        `Hội nghị đánh giá tình hình thực hiện công tác xây dựng Đảng [${passageWith(body, 'đánh giá tình hình')}]. ` +
        `Đảng bộ quận đề ra 18 chỉ tiêu [${passageWith(body, '18 chỉ tiêu')}].`
      );
    },
  });
  proxy = await slowProxy(openai.url);
  emulator = await startEmulator();
  const snapshot = (kind: 'sent' | 'edited') => () => {
    const seen = new Map(timeline.map((t) => [`${t.chatId}:${t.messageId}`, t.text]));
    for (const m of emulator.allBotMessages()) {
      const key = `${m.message.chat_id}:${m.messageId}`;
      if (seen.get(key) !== m.message.text) timeline.push({ chatId: String(m.message.chat_id), messageId: m.messageId, kind: seen.has(key) ? 'edited' : kind, text: m.message.text, at: Date.now() });
    }
  };
  emulator.server.on('AddedBotMessage', snapshot('sent'));
  emulator.server.on('EditedMessageText', snapshot('edited'));

  tmp = await tempDir('dangbo-stream-e2e-');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(OPENAI_|LLM_|DATA_PATHS|INDEX_|TELEGRAM_|BOT_|REDIS_)/.test(k)) env[k] = v;
  Object.assign(env, {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    INDEX_DIR: path.join(tmp, 'index'),
    LOG_LEVEL: 'warn',
    BOT_FEEDBACK_LOG: path.join(tmp, 'feedback.jsonl'),
    BOT_STATE_DIR: path.join(tmp, 'bot-state'),
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: proxy.url,
    OPENAI_MAX_RETRIES: '0',
    LLM_EMBEDDINGS: 'off',
    BOT_STREAM: 'true',
  });
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await new Promise((resolve) => child.once('exit', resolve));
    clearTimeout(killer);
  }
  await emulator?.stop();
  await proxy?.close();
  await openai?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const alive = () => {
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bot exited (${child.exitCode ?? child.signalCode}):\n${output.slice(-4000)}`);
};

describe('streamed LLM answers end to end', () => {
  it('private chat: a preview grows in one message, which becomes the answer with sources and buttons', async () => {
    const chatId = 7101;
    const client = emulator.server.getClient(TOKEN, { userId: chatId, chatId, firstName: 'Lan', userName: 'lan' });
    await client.sendMessage(client.makeMessage(QUESTION));
    await emulator.waitForMessages(chatId, 1, { timeoutMs: 120_000, alive, describe: () => output.slice(-3000) });
    // Wait for the preview to become the final answer.
    const deadline = Date.now() + 30_000;
    while (!emulator.botMessages(chatId)[0]!.message.text.includes('Nguồn:') && Date.now() < deadline) {
      alive();
      await new Promise((r) => setTimeout(r, 50));
    }
    const [final, ...others] = emulator.botMessages(chatId);
    expect(others).toEqual([]);
    expect(final!.message.text).toContain(`${CHAIR}, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị lần thứ 8 của Quận 8 [1]`);
    expect(final!.message.text).toMatch(/<b>Nguồn:<\/b>\n\[1\] /);
    expect(final!.message.text).not.toContain(MARKER);
    expect(final!.message.reply_parameters?.message_id).toBeGreaterThan(0);
    expect(final!.message.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['[1]', '👍', '👎']);

    const shown = timeline.filter((t) => t.chatId === String(chatId));
    expect(shown[0]).toMatchObject({ kind: 'sent' });
    expect(shown[0]!.text).toContain(MARKER);
    expect(shown.at(-1)).toMatchObject({ kind: 'edited', messageId: final!.messageId });
    // The answer streams for ~2.5 s: the preview grows about once a second, never faster.
    const previews = shown.filter((t) => t.text.includes(MARKER));
    expect(previews.length, JSON.stringify(shown, null, 1)).toBeGreaterThanOrEqual(2);
    expect(previews.at(-1)!.text.length).toBeGreaterThan(previews[0]!.text.length);
    for (let i = 1; i < previews.length; i++) expect(previews[i]!.at - previews[i - 1]!.at).toBeGreaterThanOrEqual(900);

    const request = openai.chatRequests().find((b) => b.stream === true);
    expect(request, 'the answer was streamed from the model').toBeDefined();
  }, 180_000);

  it('group: one final message, no preview', async () => {
    const chatId = -1007102;
    const client = emulator.server.getClient(TOKEN, { chatId, userId: 7103, type: 'supergroup', chatTitle: 'Chi bộ', firstName: 'Minh' });
    await client.sendMessage(client.makeMessage(`@TestNameBot ${QUESTION}`));
    const [answer] = await emulator.waitForMessages(chatId, 1, { timeoutMs: 60_000, alive });
    await new Promise((r) => setTimeout(r, 500));
    expect(emulator.botMessages(chatId)).toHaveLength(1);
    expect(answer!.message.text).toContain(CHAIR);
    expect(answer!.message.text).toContain('<b>Nguồn:</b>');
    expect(timeline.filter((t) => t.chatId === String(chatId)).map((t) => t.kind)).toEqual(['sent']);
    expect(timeline.some((t) => t.chatId === String(chatId) && t.text.includes(MARKER))).toBe(false);
  });

  it('private chat: a preview never shows an unchecked figure, name or citation (issue 15.7)', async () => {
    const chatId = 7104;
    const client = emulator.server.getClient(TOKEN, { userId: chatId, chatId, firstName: 'Hoa', userName: 'hoa' });
    await client.sendMessage(client.makeMessage('Hội nghị lần thứ 8 Quận 8 nói gì về đảng viên, ai chủ trì?'));
    await emulator.waitForMessages(chatId, 1, { timeoutMs: 60_000, alive });
    const deadline = Date.now() + 30_000;
    while (!emulator.botMessages(chatId)[0]!.message.text.includes('Nguồn:') && Date.now() < deadline) {
      alive();
      await new Promise((r) => setTimeout(r, 50));
    }
    const shown = timeline.filter((t) => t.chatId === String(chatId));
    expect(shown.length).toBeGreaterThan(0);
    for (const t of shown) expect(t.text).not.toMatch(/98765|Bịa|\[9\]/);
    const previews = shown.filter((t) => t.text.includes(MARKER));
    for (const t of previews) expect(t.text).not.toMatch(/\[\d+\]/);
    expect(shown.at(-1)!.text).toContain(`${CHAIR}, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị lần thứ 8 của Quận 8 [1]`);
  }, 120_000);
});
