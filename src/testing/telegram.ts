/**
 * Test helpers for grammY bots: a transformer that records every outgoing Bot API call and
 * answers it with a fake result (no network), and factories for incoming updates.
 *
 * Contracts:
 * - `recordApi(bot)` must be installed before the first update; `calls` keeps every call in order.
 * - Fake results: sendMessage → a Message with increasing message_id; getFile → a File whose
 *   file_path is "documents/<file_id>"; anything else → true. `fail(method, …)` makes the next
 *   calls of a method (or those matching a predicate) fail with a Bot API error.
 * - Update factories give increasing update_id/message_id; private chat id = user id.
 */
import type { Bot, Context } from 'grammy';
import type { Message, MessageEntity, Update, UserFromGetMe } from 'grammy/types';

export const TEST_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: 'Trợ lý Đảng bộ',
  username: 'dangbo_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

export interface ApiError {
  error_code: number;
  description: string;
}

interface Failure {
  method: string;
  when: (payload: ApiCall['payload']) => boolean;
  error: ApiError | 'hang';
  times: number;
}

export interface ApiRecorder {
  calls: ApiCall[];
  /** Calls of one method, in order. */
  of(method: string): ApiCall['payload'][];
  /** Texts of all sendMessage calls, in order. */
  texts(): string[];
  /** Make the next `times` matching calls fail with `error` (or never resolve, with 'hang'). */
  fail(method: string, error: ApiError | 'hang', options?: { times?: number; when?: (p: ApiCall['payload']) => boolean }): void;
  clear(): void;
}

export function recordApi<C extends Context>(bot: Bot<C>): ApiRecorder {
  const calls: ApiCall[] = [];
  const failures: Failure[] = [];
  let messageId = 10_000;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as ApiCall['payload'];
    calls.push({ method, payload: p });
    const failure = failures.find((f) => f.method === method && f.times > 0 && f.when(p));
    if (failure) {
      failure.times--;
      if (failure.error === 'hang') return new Promise<never>(() => undefined);
        return { ok: false, ...failure.error } as any;
    }
    let result: unknown = true;
    if (method === 'sendMessage') {
      result = {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: p.chat_id, type: Number(p.chat_id) < 0 ? 'supergroup' : 'private', title: 'chat' },
        text: p.text,
        from: TEST_BOT_INFO,
      };
    } else if (method === 'getFile') {
      result = { file_id: p.file_id, file_unique_id: `u${p.file_id}`, file_path: `documents/${p.file_id}` };
    } else if (method === 'getMe') {
      result = TEST_BOT_INFO;
    }
    return { ok: true, result } as any;
  });
  return {
    calls,
    of: (method) => calls.filter((c) => c.method === method).map((c) => c.payload),
    texts: () => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)),
    fail: (method, error, options = {}) =>
      failures.push({ method, error, times: options.times ?? 1, when: options.when ?? (() => true) }),
    clear: () => {
      calls.length = 0;
    },
  };
}

let nextUpdateId = 1;
let nextMessageId = 1;

export interface ChatSpec {
  /** Default 1001 (private chat id = user id). */
  userId?: number;
  /** Group chat id (negative); absent → private chat with the user. */
  groupId?: number;
  firstName?: string;
  languageCode?: string;
}

function chatOf(spec: ChatSpec) {
  const userId = spec.userId ?? 1001;
  const from = { id: userId, is_bot: false, first_name: spec.firstName ?? 'Lan', ...(spec.languageCode ? { language_code: spec.languageCode } : {}) };
  const chat =
    spec.groupId !== undefined
      ? { id: spec.groupId, type: 'supergroup' as const, title: 'Nhóm thử' }
      : { id: userId, type: 'private' as const, first_name: from.first_name };
  return { from, chat };
}

function baseMessage(spec: ChatSpec): Omit<Message, 'chat'> & { chat: Message['chat'] } {
  const { from, chat } = chatOf(spec);
  return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), from, chat } as Message;
}

/** A text message; commands ("/start arg") get a bot_command entity automatically. */
export function textUpdate(
  text: string,
  spec: ChatSpec & { replyToBot?: boolean; entities?: MessageEntity[]; botInfo?: UserFromGetMe } = {},
): Update {
  const message = baseMessage(spec) as Message.TextMessage;
  message.text = text;
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  const entities: MessageEntity[] = [...(spec.entities ?? [])];
  if (command) entities.unshift({ type: 'bot_command', offset: 0, length: command[0].length });
  if (entities.length) message.entities = entities;
  if (spec.replyToBot) {
    const bot = spec.botInfo ?? TEST_BOT_INFO;
    message.reply_to_message = {
      message_id: 1,
      date: message.date,
      chat: message.chat,
      from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
      text: 'câu trả lời trước',
    } as unknown as NonNullable<Message['reply_to_message']>;
  }
  return { update_id: nextUpdateId++, message } as unknown as Update;
}

/** A message of another kind: sticker, photo, voice, video, location… (with a caption when given). */
export function otherUpdate(kind: string, spec: ChatSpec & { caption?: string } = {}): Update {
  const message = baseMessage(spec) as unknown as Record<string, unknown>;
  if (spec.caption) message.caption = spec.caption;
  const samples: Record<string, unknown> = {
    sticker: { file_id: 's1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
    photo: [{ file_id: 'p1', file_unique_id: 'p1', width: 90, height: 90 }],
    voice: { file_id: 'v1', file_unique_id: 'v1', duration: 3 },
    video: { file_id: 'vd1', file_unique_id: 'vd1', width: 1, height: 1, duration: 1 },
    location: { latitude: 10.76, longitude: 106.66 },
  };
  message[kind] = samples[kind] ?? {};
  return { update_id: nextUpdateId++, message } as unknown as Update;
}

export function documentUpdate(
  fileName: string,
  spec: ChatSpec & { fileSize?: number; fileId?: string; mimeType?: string; caption?: string } = {},
): Update {
  const message = baseMessage(spec) as Message.DocumentMessage;
  message.document = {
    file_id: spec.fileId ?? `f${nextMessageId}`,
    file_unique_id: `uf${nextMessageId}`,
    file_name: fileName,
    ...(spec.mimeType ? { mime_type: spec.mimeType } : {}),
    ...(spec.fileSize !== undefined ? { file_size: spec.fileSize } : {}),
  };
  if (spec.caption) message.caption = spec.caption;
  return { update_id: nextUpdateId++, message } as unknown as Update;
}

/** A button press on a bot message with the given message_id. */
export function callbackUpdate(data: string, spec: ChatSpec & { messageId?: number; text?: string; markup?: unknown } = {}): Update {
  const { from, chat } = chatOf(spec);
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb${nextUpdateId}`,
      from,
      chat_instance: 'ci',
      data,
      message: {
        message_id: spec.messageId ?? 1,
        date: Math.floor(Date.now() / 1000),
        chat,
        text: spec.text ?? 'answer',
        ...(spec.markup ? { reply_markup: spec.markup } : {}),
      } as Message.TextMessage,
    },
  };
}

/** The user edits the message of `original` (a textUpdate) to `text`: an edited_message update. */
export function editedUpdate(original: Update, text: string): Update {
  const message = { ...(original.message as Message.TextMessage), text, edit_date: Math.floor(Date.now() / 1000) + 1 };
  delete (message as { entities?: unknown }).entities;
  return { update_id: nextUpdateId++, edited_message: message } as unknown as Update;
}

/** The bot's membership in a group changes from `from` to `to` (a my_chat_member update), by the user of `spec`. */
export function membershipUpdate(from: 'left' | 'kicked' | 'member' | 'administrator', to: 'left' | 'kicked' | 'member' | 'administrator', spec: ChatSpec & { groupId: number }): Update {
  const { from: user, chat } = chatOf(spec);
  const member = (status: string) => ({ status, user: { id: TEST_BOT_INFO.id, is_bot: true, first_name: TEST_BOT_INFO.first_name, username: TEST_BOT_INFO.username } });
  return {
    update_id: nextUpdateId++,
    my_chat_member: { chat, from: user, date: Math.floor(Date.now() / 1000), old_chat_member: member(from), new_chat_member: member(to) },
  } as unknown as Update;
}
