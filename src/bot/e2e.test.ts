/**
 * End to end: the bot started exactly as `npm start` starts it (`npx tsx src/cli/start.ts`,
 * building the index from data/articles into a temporary INDEX_DIR), talking to the
 * telegram-test-api Bot API emulator on loopback, driven as a user in a private chat and a group.
 *
 * Emulator limits (telegram-test-api 4.2): getMe, getUpdates (ignores offset/timeout),
 * sendMessage, editMessageText/ReplyMarkup, answerCallbackQuery, deleteMessage, setWebhook and
 * deleteWebhook only; other methods (setMyCommands, sendChatAction, getFile…) answer HTTP 500, which
 * the bot tolerates. Its webhook deliveries carry no secret header: webhook mode is covered by
 * run.test.ts and, through a relay adding the header, by e2e-scale-out.test.ts; uploads (getFile)
 * by create-bot.test.ts; streaming by e2e-stream.test.ts.
 *
 * BOT_E2E_ENTRY overrides the entry point (development only).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import telegramTestApi from 'telegram-test-api';
import type { TelegramServer as Emulator } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_TUNING } from '../answer/tuning.js';
import { vi as TEXT } from '../messages/bot.js';
import { htmlToPlain } from './html.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = process.env.BOT_E2E_ENTRY ?? 'src/cli/start.ts';
const TOKEN = '424242:E2E-test_token';
const QUESTION = 'Ai chủ trì hội nghị lần thứ 8 Quận 8?';
const STARTUP_MS = 240_000;

interface BotMessage {
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_parameters?: { message_id: number };
    reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The process that runs the bot: the deepest descendant of `pid` (npx → sh → tsx → node) whose
 * command line names the entry point (tsx's esbuild service, a grandchild, does not).
 */
function botProcess(pid: number): number {
  const table = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout;
  const rows = table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  let found = pid;
  let frontier = [pid];
  while (frontier.length) {
    const next = rows.filter((r) => frontier.includes(r.ppid));
    for (const r of next) if (r.args.includes(ENTRY)) found = r.pid;
    frontier = next.map((r) => r.pid);
  }
  return found;
}

// The package sets module.exports to the class; its typings describe an ES default export.
const TelegramServer = ((telegramTestApi as unknown as { default?: typeof Emulator }).default ??
  (telegramTestApi as unknown as typeof Emulator)) as typeof Emulator;

let server: Emulator;
let child: ChildProcess;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let output = '';
let tmp: string;

const botMessages = (chatId: number): BotMessage[] =>
  (server.storage.botMessages as unknown as BotMessage[]).filter((m) => String(m.message.chat_id) === String(chatId));

async function waitForMessages(chatId: number, count: number, timeoutMs = 30_000): Promise<BotMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = botMessages(chatId);
    if (messages.length >= count) return messages;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`bot exited (${child.exitCode ?? child.signalCode}) before replying:\n${output.slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`chat ${chatId}: ${messages.length}/${count} bot messages after ${timeoutMs} ms. Bot output:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function buttonsOf(m: BotMessage): Array<{ text: string; callback_data?: string }> {
  return m.message.reply_markup?.inline_keyboard?.flat() ?? [];
}

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  tmp = await mkdtemp(path.join(tmpdir(), 'bot-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    INDEX_DIR: path.join(tmp, 'index'),
    LOG_LEVEL: 'warn',
    BOT_FEEDBACK_LOG: path.join(tmp, 'feedback.jsonl'),
    BOT_STATE_DIR: path.join(tmp, 'bot-state'),
    OPENAI_API_KEY: '',
    BOT_WEBHOOK_URL: '',
    BOT_ALLOWED_CHAT_IDS: '',
    BOT_ADMIN_IDS: '',
  };
  delete env.DATA_PATHS;
  child = spawn('npx', ['tsx', ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const pid = botProcess(child.pid!);
    for (const p of [pid, child.pid!]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('bot end to end against telegram-test-api', () => {
  const privateChat = { chatId: 7001, userId: 7001 };
  const group = { chatId: -1007002, userId: 7003 };

  it(
    'private chat: /start greets; a question gets a cited answer with sources and buttons; a citation button shows the passage',
    async () => {
      const client = server.getClient(TOKEN, { ...privateChat, firstName: 'Lan', userName: 'lan' });
      await client.sendCommand(client.makeCommand('/start'));
      const [start] = await waitForMessages(privateChat.chatId, 1, STARTUP_MS);
      expect(start!.message.parse_mode).toBe('HTML');
      expect(start!.message.text).toContain('Xin chào');
      expect(start!.message.text).toMatch(/\d+ bài viết/);

      await client.sendMessage(client.makeMessage(QUESTION));
      const answerMessage = (await waitForMessages(privateChat.chatId, 2))[1]!;
      const text = answerMessage.message.text;
      expect(text).toContain('Võ Ngọc Quốc Thuận');
      expect(text).toContain('[1]');
      expect(text).toMatch(/<b>Nguồn:<\/b>\n\[1\] /);
      expect(answerMessage.message.reply_parameters?.message_id).toBeGreaterThan(0);
      const buttons = buttonsOf(answerMessage);
      expect(buttons.map((b) => b.text)).toContain('[1]');
      expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['👍', '👎']));
      for (const b of buttons) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThan(64);

      const cite = buttons.find((b) => b.text === '[1]')!;
      await client.sendCallback(client.makeCallbackQuery(cite.callback_data!, { message: { message_id: answerMessage.messageId } }));
      const detail = (await waitForMessages(privateChat.chatId, 3))[2]!;
      expect(detail.message.text).toContain('<blockquote>');
      expect(detail.message.text).toContain('<b>[1]</b>');
      expect(detail.message.reply_parameters?.message_id).toBe(answerMessage.messageId);
    },
    STARTUP_MS + 60_000,
  );

  it('group: a message without a mention is ignored; a mention and a command are answered', async () => {
    const client = server.getClient(TOKEN, { ...group, type: 'supergroup', chatTitle: 'Chi bộ thử', firstName: 'Minh' });
    await client.sendMessage(client.makeMessage(QUESTION));
    await client.sendMessage(client.makeMessage(`@TestNameBot ${QUESTION}`));
    const messages = await waitForMessages(group.chatId, 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(botMessages(group.chatId)).toHaveLength(1);
    expect(messages[0]!.message.text).toContain('Võ Ngọc Quốc Thuận');
    expect(buttonsOf(messages[0]!).map((b) => b.text)).toContain('[1]');

    await client.sendCommand(client.makeCommand('/help'));
    const help = (await waitForMessages(group.chatId, 2))[1]!;
    expect(help.message.text).toContain('<b>Cách hỏi</b>');
  });

  it('commands in any case; a citation tap in a group posts nothing to the group; buttons of older answers still work', async () => {
    const client = server.getClient(TOKEN, { ...privateChat, firstName: 'Lan', userName: 'lan' });
    const before = botMessages(privateChat.chatId).length;
    await client.sendCommand(client.makeCommand('/HELP'));
    const help = (await waitForMessages(privateChat.chatId, before + 1))[before]!;
    expect(help.message.text).toContain('<b>Cách hỏi</b>');
    // The first answer's citation button, after newer answers: still the passage.
    const firstAnswer = botMessages(privateChat.chatId).find((m) => buttonsOf(m).some((b) => b.text === '[1]'))!;
    for (let i = 0; i < 3; i++) await client.sendMessage(client.makeMessage(`Ai dự hội nghị Quận 8? ${i}`));
    await waitForMessages(privateChat.chatId, before + 4);
    const cite = buttonsOf(firstAnswer).find((b) => b.text === '[1]')!;
    await client.sendCallback(client.makeCallbackQuery(cite.callback_data!, { message: { message_id: firstAnswer.messageId } }));
    const detail = (await waitForMessages(privateChat.chatId, before + 5))[before + 4]!;
    expect(detail.message.text).toContain('<blockquote>');

    const groupClient = server.getClient(TOKEN, { ...group, type: 'supergroup', chatTitle: 'Chi bộ thử', firstName: 'Minh' });
    const inGroup = botMessages(group.chatId).length;
    const groupAnswer = botMessages(group.chatId).find((m) => buttonsOf(m).some((b) => b.text === '[1]'))!;
    await groupClient.sendCallback(
      groupClient.makeCallbackQuery(buttonsOf(groupAnswer).find((b) => b.text === '[1]')!.callback_data!, { message: { message_id: groupAnswer.messageId } }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(botMessages(group.chatId)).toHaveLength(inGroup);
  }, 60_000);

  it('/tomtat: one phone screen with a "Xem thêm" button; a tap sends the rest as a reply, nothing said twice', async () => {
    const client = server.getClient(TOKEN, { ...privateChat, firstName: 'Lan', userName: 'lan' });
    const before = botMessages(privateChat.chatId).length;
    await client.sendCommand(client.makeCommand('/tomtat Quận 8'));
    const summary = (await waitForMessages(privateChat.chatId, before + 1))[before]!;
    expect(summary.message.text).toMatch(/^<b>Quận 8 — nhiệm kỳ 2020–2025: dữ liệu chỉ có 1 hội nghị<\/b>/);
    expect(htmlToPlain(summary.message.text).length).toBeLessThanOrEqual(DEFAULT_ANSWER_TUNING.summary.screenChars);
    const more = buttonsOf(summary).find((b) => b.text === TEXT.moreButton)!;
    expect(more).toBeDefined();
    await client.sendCallback(client.makeCallbackQuery(more.callback_data!, { message: { message_id: summary.messageId } }));
    const rest = (await waitForMessages(privateChat.chatId, before + 2))[before + 1]!;
    expect(rest.message.text).toMatch(/^<b>Quận 8 — tóm tắt \(tiếp\)<\/b>/);
    expect(rest.message.text).toContain('<b>Nguồn:</b>');
    expect(rest.message.reply_parameters?.message_id).toBe(summary.messageId);
    // Nothing is said twice across the two pages.
    const lines = (m: BotMessage) => htmlToPlain(m.message.text).split('\n').filter((l) => l.startsWith('• '));
    const all = [...lines(summary), ...lines(rest)].map((l) => l.replace(/(?:\s*\[\d+\])+$/, ''));
    expect(new Set(all).size).toBe(all.length);
  }, 60_000);

  it('stops on SIGTERM and exits 0', async () => {
    // npx runs the command through `sh -c`, which does not pass SIGTERM on; a process manager
    // signals the bot process itself, and its exit code must come back through tsx and npx.
    const pid = botProcess(child.pid!);
    expect(pid).not.toBe(child.pid);
    process.kill(pid, 'SIGTERM');
    const result = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
    expect(result, output.slice(-4000)).toEqual({ code: 0, signal: null });
  }, 40_000);
});
