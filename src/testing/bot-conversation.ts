/**
 * Scripted conversations with the bot as users have them: `npm start` (src/cli/start.ts, offline, the index built
 * from data/articles) in a child process, talking to the telegram-test-api emulator through a `recordingProxy`;
 * people write in private chats and groups, tap buttons, edit messages, send photos and files, add the bot to groups.
 *
 * Every step waits for the bot to be done with the update it made — its one structured log line per update
 * (src/bot/middleware/guard.ts, LOG_LEVEL=debug so ignored updates log too) — never for a fixed time, and returns
 * what the bot did: the messages it sent, edits, the callback answer, and the log line's intent and outcome.
 *
 *   const bot = await startConversationBot({ env: { BOT_ADMIN_IDS: '9' } });
 *   const lan = bot.privateChat({ userId: 7001, firstName: 'Lan' });
 *   const turn = await lan.say('Ai chủ trì hội nghị lần thứ 8 Quận 8?');
 *   expect(turn.text).toContain('Võ Ngọc Quốc Thuận');
 *   const tap = await lan.tap(turn.last, '[1]');
 *
 * `restart()` stops the process with SIGTERM (as a process manager does) and starts it again on the same index,
 * state folder and emulator: in-memory sessions are gone, the answers behind buttons (BOT_STATE_DIR) stay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, tempDir } from './seed-index.js';
import {
  injectUpdate,
  recordingProxy,
  startEmulator,
  type BotMessage,
  type RawUpdate,
  type RecordingProxy,
  type RunningEmulator,
  type StoredUpdate,
} from './telegram-emulator.js';

/** The emulator's getMe: every bot it serves is this one. */
export const EMULATED_BOT = { id: 666, username: 'TestNameBot', first_name: 'Test First name' } as const;
/** How a group member addresses the bot. */
export const MENTION = `@${EMULATED_BOT.username}`;

const DEFAULT_TOKEN = '424245:CONVERSATION-suite';

/** One structured log line of the bot (pino JSON). */
export interface LogLine {
  level: number;
  msg: string;
  update_id?: number;
  chat_id?: number;
  intent?: string;
  outcome?: string;
  [key: string]: unknown;
}

export type Button = { text: string; callback_data?: string };

/** What the bot did with one update. */
export interface Step {
  updateId: number;
  /** The message_id the emulator gave the user's message (0 for button presses and injected updates). */
  messageId: number;
  /** The bot's log line for the update: intent and outcome. */
  log: LogLine;
  /** Messages the bot sent to this chat while handling the update, in order. */
  sent: BotMessage[];
  /** The texts of `sent`, joined by blank lines. */
  text: string;
  /** The last message sent (the one with the buttons when an answer was split), or undefined. */
  last: BotMessage | undefined;
  /** Every Bot API call the bot made while handling the update. */
  calls: Array<{ method: string; payload: Record<string, any> }>;
}

export interface TapStep extends Step {
  /** The answerCallbackQuery call for this tap (undefined when the bot never answered it). */
  callbackAnswer: { text?: string; show_alert?: boolean } | undefined;
}

export interface ChatUser {
  userId: number;
  firstName?: string;
  userName?: string;
  /** The client's language (from.language_code). */
  languageCode?: string;
}

export function buttonsOf(m: BotMessage | undefined): Button[] {
  return m?.message.reply_markup?.inline_keyboard?.flat() ?? [];
}

/** The text a person reads: tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export class Conversation {
  constructor(
    private readonly bot: ConversationBot,
    readonly chat: { id: number; type: 'private' | 'supergroup'; title?: string },
    readonly user: ChatUser,
  ) {}

  private client() {
    return this.bot.emulator.server.getClient(this.bot.token, {
      userId: this.user.userId,
      chatId: this.chat.id,
      type: this.chat.type,
      ...(this.chat.title ? { chatTitle: this.chat.title } : {}),
      firstName: this.user.firstName ?? `User ${this.user.userId}`,
      userName: this.user.userName ?? `user${this.user.userId}`,
    });
  }

  private from() {
    return this.user.languageCode ? { from: { language_code: this.user.languageCode } } : {};
  }

  /** Sends a text message (commands get their bot_command entity); `replyTo`: a message of the bot it replies to. */
  async say(text: string, o: { replyTo?: BotMessage } = {}): Promise<Step> {
    return (await this.sayAll([text], o))[0]!;
  }

  /** Sends the texts one after another at once (a burst), then waits until the bot handled each. */
  async sayAll(texts: string[], o: { replyTo?: BotMessage } = {}): Promise<Step[]> {
    const client = this.client();
    const extra = {
      ...this.from(),
      ...(o.replyTo
        ? {
            reply_to_message: {
              message_id: o.replyTo.messageId,
              date: Math.floor(Date.now() / 1000),
              chat: { id: this.chat.id, type: this.chat.type },
              from: { ...EMULATED_BOT, is_bot: true },
              text: visibleText(o.replyTo.message.text),
            },
          }
        : {}),
    };
    const mark = this.bot.mark();
    const sent: StoredUpdate[] = [];
    for (const text of texts) {
      const command = /^\/[A-Za-z0-9_@]+/.test(text);
      const before = this.bot.userUpdates().length;
      if (command) await client.sendCommand(client.makeCommand(text, extra));
      else await client.sendMessage(client.makeMessage(text, extra));
      sent.push(this.bot.userUpdates().slice(before).find((u) => u.message?.text === text && u.message?.chat?.id === this.chat.id)!);
    }
    return this.bot.steps(mark, this.chat.id, sent.map((u) => ({ updateId: u.updateId, messageId: u.messageId })));
  }

  /** Sends any message (a photo with a caption, a document…): `fields` join the usual chat and sender. */
  async send(fields: Record<string, unknown>): Promise<Step> {
    const client = this.client();
    const mark = this.bot.mark();
    const before = this.bot.userUpdates().length;
    // makeMessage sets `text`; left undefined, it is not sent (a photo or a document has none).
    await client.sendMessage(client.makeMessage(undefined as unknown as string, { ...this.from(), ...fields }));
    const stored = this.bot.userUpdates().slice(before).find((u) => u.message?.chat?.id === this.chat.id)!;
    return (await this.bot.steps(mark, this.chat.id, [{ updateId: stored.updateId, messageId: stored.messageId }]))[0]!;
  }

  /** The user edits their earlier message (`step` of say) to `text`: an edited_message update. */
  async edit(step: Step, text: string): Promise<Step> {
    const original = this.bot.userUpdates().find((u) => u.updateId === step.updateId)?.message ?? {};
    const { botToken: _token, entities: _entities, ...message } = original;
    const mark = this.bot.mark();
    const updateId = this.bot.inject({
      edited_message: { ...message, message_id: step.messageId, text, edit_date: Math.floor(Date.now() / 1000) + 1 },
    });
    return (await this.bot.steps(mark, this.chat.id, [{ updateId, messageId: step.messageId }]))[0]!;
  }

  /** The user taps the button of `message` whose label is `label` (or the first matching it). */
  async tap(message: BotMessage | undefined, label: string | RegExp): Promise<TapStep> {
    if (!message) throw new Error('tap: no message');
    // The message as the bot's buttons see it now (an edit may have changed its keyboard).
    const current = this.bot.emulator.botMessages(this.chat.id).find((m) => m.messageId === message.messageId) ?? message;
    const button = buttonsOf(current).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button?.callback_data) throw new Error(`tap: no button ${String(label)} among ${JSON.stringify(buttonsOf(current).map((b) => b.text))}`);
    return this.tapData(current, button.callback_data);
  }

  /** A button press with this callback data on `message`. */
  async tapData(message: BotMessage, data: string): Promise<TapStep> {
    const client = this.client();
    const internals = this.bot.emulator.server as unknown as { callbackId: number };
    const mark = this.bot.mark();
    const before = this.bot.userUpdates().length;
    const callbackId = String(internals.callbackId);
    await client.sendCallback(
      client.makeCallbackQuery(data, {
        ...this.from(),
        message: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          text: visibleText(message.message.text),
          ...(message.message.reply_markup ? { reply_markup: message.message.reply_markup } : {}),
        },
      }),
    );
    const stored = this.bot.userUpdates().slice(before).find((u) => u.callbackQuery?.data === data)!;
    const step = (await this.bot.steps(mark, this.chat.id, [{ updateId: stored.updateId, messageId: 0 }]))[0]!;
    const answer = this.bot.proxy.of('answerCallbackQuery').find((p) => String(p.callback_query_id) === callbackId);
    return { ...step, callbackAnswer: answer ? { ...(answer.text ? { text: String(answer.text) } : {}), ...(answer.show_alert !== undefined ? { show_alert: answer.show_alert === true || answer.show_alert === 'true' } : {}) } : undefined };
  }

  /** The bot is added to this group by this user (my_chat_member: left → member). */
  async addsBot(): Promise<Step> {
    const mark = this.bot.mark();
    const bot = { ...EMULATED_BOT, is_bot: true };
    const updateId = this.bot.inject({
      my_chat_member: {
        chat: { id: this.chat.id, type: this.chat.type, title: this.chat.title ?? 'Nhóm' },
        from: { id: this.user.userId, is_bot: false, first_name: this.user.firstName ?? 'User', ...(this.user.languageCode ? { language_code: this.user.languageCode } : {}) },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: 'left', user: bot },
        new_chat_member: { status: 'member', user: bot },
      },
    });
    return (await this.bot.steps(mark, this.chat.id, [{ updateId, messageId: 0 }]))[0]!;
  }

  /** Every message the bot has sent to this chat, in order (edits merged). */
  messages(): BotMessage[] {
    return this.bot.emulator.botMessages(this.chat.id);
  }
}

export interface ConversationBotOptions {
  /** Extra environment of the bot process (BOT_ADMIN_IDS, BOT_RATE_LIMIT_PER_MINUTE…). */
  env?: Record<string, string>;
  token?: string;
  /** Longest wait for one update to be handled (default 60 s: a loaded machine). */
  stepTimeoutMs?: number;
}

export interface ConversationBot {
  readonly token: string;
  readonly emulator: RunningEmulator;
  readonly proxy: RecordingProxy;
  /** The temporary folder: index/, bot-state/, uploads/, feedback.jsonl. */
  readonly dir: string;
  readonly feedbackLog: string;
  /** Every log line of every bot process so far. */
  readonly logs: LogLine[];
  privateChat(user: ChatUser): Conversation;
  group(chat: { id: number; title?: string }, user: ChatUser): Conversation;
  /** Stops the bot process (SIGTERM) and starts it again; resolves once it polls. */
  restart(): Promise<void>;
  /** The feedback log's records. */
  feedback(): Promise<Array<Record<string, unknown>>>;
  /** Everything: the bot process, the proxy, the emulator, the folder. */
  close(): Promise<void>;
  /** Output of the bot processes (for failure messages). */
  output(): string;
  // Used by Conversation.
  userUpdates(): StoredUpdate[];
  inject(update: RawUpdate): number;
  mark(): { messages: Map<string, number>; calls: number };
  steps(mark: { messages: Map<string, number>; calls: number }, chatId: number, updates: Array<{ updateId: number; messageId: number }>): Promise<Step[]>;
}

export async function startConversationBot(o: ConversationBotOptions = {}): Promise<ConversationBot> {
  const token = o.token ?? DEFAULT_TOKEN;
  const stepTimeoutMs = o.stepTimeoutMs ?? 60_000;
  const dir = await tempDir('dangbo-conversations-');
  const emulator = await startEmulator();
  const proxy = await recordingProxy(emulator.apiRoot);
  const feedbackLog = path.join(dir, 'feedback.jsonl');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(OPENAI_|LLM_|DATA_PATHS|INDEX_|TELEGRAM_|BOT_|REDIS_|UPLOADS_)/.test(k)) env[k] = v;
  Object.assign(env, {
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: proxy.apiRoot,
    INDEX_DIR: path.join(dir, 'index'),
    UPLOADS_DIR: path.join(dir, 'uploads'),
    BOT_STATE_DIR: path.join(dir, 'bot-state'),
    BOT_FEEDBACK_LOG: feedbackLog,
    LOG_LEVEL: 'debug',
    BOT_STREAM: 'false',
    ...o.env,
  });

  const logs: LogLine[] = [];
  let output = '';
  let child: ChildProcess | undefined;
  let pending = '';
  const onData = (d: Buffer) => {
    const s = d.toString('utf8');
    output += s;
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        /* not a log line */
      }
    }
  };
  const alive = () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot process exited (${child?.exitCode ?? child?.signalCode}):\n${output.slice(-4000)}`);
  };
  const waitFor = async <T>(what: string, find: () => T | undefined, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      alive();
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}. Bot output:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const launch = async () => {
    const from = logs.length;
    // What `npm start` runs: the launcher, which runs the build of src/cli/start.ts (dist/).
    child = spawn(process.execPath, ['--max-semi-space-size=8', '--heap-growing-percent=20', 'bin/start.mjs'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await waitFor('the bot to poll', () => logs.slice(from).find((l) => l.msg === 'bot running'), 180_000);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    const killer = setTimeout(() => c.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
  await launch();

  const internals = emulator.server as unknown as { storage: { userMessages: StoredUpdate[] } };
  const bot: ConversationBot = {
    token,
    emulator,
    proxy,
    dir,
    feedbackLog,
    logs,
    privateChat: (user) => new Conversation(bot, { id: user.userId, type: 'private' }, user),
    group: (chat, user) => new Conversation(bot, { id: chat.id, type: 'supergroup', title: chat.title ?? 'Chi bộ thử' }, user),
    restart: async () => {
      await stop();
      await launch();
    },
    feedback: async () =>
      (await readFile(feedbackLog, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    close: async () => {
      await stop();
      await proxy.close();
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    },
    output: () => output,
    userUpdates: () => internals.storage.userMessages,
    inject: (update) => injectUpdate(emulator.server, token, update),
    mark: () => ({
      messages: new Map(emulator.allBotMessages().map((m) => [`${m.message.chat_id}:${m.messageId}`, m.messageId])),
      calls: proxy.calls.length,
    }),
    steps: async (mark, chatId, updates) => {
      const lines: LogLine[] = [];
      for (const u of updates) {
        lines.push(await waitFor(`the bot to handle update ${u.updateId}`, () => logs.find((l) => l.msg === 'update' && l.update_id === u.updateId), stepTimeoutMs));
      }
      const calls = proxy.calls.slice(mark.calls);
      const fresh = emulator.botMessages(chatId).filter((m) => !mark.messages.has(`${m.message.chat_id}:${m.messageId}`));
      return updates.map((u, i) => {
        // A burst's replies are told apart by the question they reply to; a lone step owns every new message.
        const sent = updates.length === 1 ? fresh : fresh.filter((m) => m.message.reply_parameters?.message_id === u.messageId);
        return {
          updateId: u.updateId,
          messageId: u.messageId,
          log: lines[i]!,
          sent,
          text: sent.map((m) => m.message.text).join('\n\n'),
          last: sent.at(-1),
          calls: calls.map((c) => ({ method: c.method, payload: c.payload })),
        };
      });
    },
  };
  return bot;
}
