/**
 * The bot's contract with the composition root (BotDeps) and its own per-chat state.
 * The bot never imports the pipeline: everything it needs arrives through BotDeps.
 */
import type { Context, SessionFlavor, StorageAdapter } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { AnswerStore } from './answer-store.js';
import type { ReindexParams } from '../messages/bot.js';
import type { Answer, AnswerFn, AskContext, AskRequest, Citation, CorpusInfo, EventCard, Language, Turn, UnitChoice } from '../types.js';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  /** Who sent it (recorded with the upload, shown by /baiviet). */
  uploader?: { id: number; name: string };
}

/** What an admin upload became: the article's card, or why it was not taken. */
export type UploadResult =
  /** `instructions`: sentences reading like instructions to an AI assistant, left out at ingest (ingest/clean.ts). */
  | { kind: 'ingested'; card: EventCard; record: UploadRecord; instructions?: string[] }
  /** The same content is already indexed (an earlier upload or an article of the corpus). */
  | { kind: 'duplicate'; title: string; record: UploadRecord | null }
  /** The file reads as text but reports no meeting: no unit, no event, no date. */
  | { kind: 'not_article' };

/** One uploaded article, as /baiviet lists it (kept in a small JSON file next to the uploads). */
export interface UploadRecord {
  /** Short id for /xoa (the first characters of the content hash). */
  id: string;
  /** File name in the uploads folder. */
  file: string;
  title: string;
  unit: string | null;
  /** Meeting date (or publication date), "YYYY-MM-DD"; null when unknown. */
  date: string | null;
  uploadedBy: { id: number; name: string } | null;
  /** ISO 8601. */
  uploadedAt: string;
  sha256: string;
}

/** The result of /reindex (the messages module words it). */
export type ReindexResult = ReindexParams;

/** An answer being written: the draft as its sentences pass the checks (no unchecked figure, name or marker), then the final answer. */
export interface StreamedAnswer {
  /** Text pieces in order; always ends (also on failure). Nobody has to consume it. */
  deltas: AsyncIterable<string>;
  /** The answer to send; may differ from the drafts. */
  final: Promise<Answer>;
}

export interface BotDeps {
  /** Question or command request (+ context.history of this chat's previous turns) → Answer. Never throws for bad questions. */
  answer: AnswerFn;
  /**
   * Optional streaming variant of `answer` (LLM mode). Used for questions in private chats when
   * `options.stream` is on; groups and everything else use `answer`. If it throws, or `final` rejects,
   * the bot falls back to `answer`.
   */
  stream?: (question: string | AskRequest, context?: AskContext) => StreamedAnswer;
  /** For /start, /help, /quan and /tomtat. Called on every use, so it may change after ingest/reindex. */
  corpusInfo: () => CorpusInfo;
  /** Admin uploads, already validated by the bot (size, extension, UTF-8 text). Absent: uploads are refused. */
  ingestDocument?: (file: UploadedFile) => Promise<UploadResult>;
  /** /reindex; resolves to what changed (the bot words it in the admin's language). Absent: the command is refused. */
  reindex?: () => Promise<ReindexResult>;
  /** /baiviet: the uploaded articles, newest first. Absent: the command is refused. */
  listUploads?: () => Promise<UploadRecord[]>;
  /** /xoa: removes an uploaded article (file and index entry, every replica follows); null when no upload has that id. */
  removeUpload?: (id: string) => Promise<UploadRecord | null>;
  logger: Logger;
}

/** What an upload became: its event card, and the instruction-like text left out of it (Article.instructions). */
/** One answer the bot sent, kept so its buttons (citations, feedback) keep working. */
export interface StoredAnswer {
  /** Short id used in callback data (base64url, no ':'). */
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  language?: Language;
  /** The answer's continuation (Answer.more): the "Xem thêm" button sends it; its citations are in `citations`. */
  more?: string;
  /** A question back's unit choices (a tap asks `question`, or `request` with the chosen unit, again). */
  choices?: UnitChoice[];
  /** The command's request this answers (/tomtat), when it was one. */
  request?: AskRequest;
  /** userId → rating already recorded, so repeated taps do not duplicate feedback lines. */
  ratings?: Record<string, Rating>;
}

export type Rating = 'up' | 'down';
/** What a 👎 says was wrong. */
export type FeedbackReason = 'wrong' | 'incomplete' | 'outdated' | 'other';

/** Per-chat session. JSON-serialisable (stored in Redis when REDIS_URL is set). */
export interface SessionData {
  /**
   * Previous turns (resolved questions and what their answers named), oldest first; at most MAX_HISTORY. In a
   * private chat, the chat's; in a group, see `userHistory`.
   */
  history: Turn[];
  /** In a group: user id → that user's previous turns (a follow-up follows its asker, not the whole group). */
  userHistory?: Record<string, Turn[]>;
  /** Answers of sessions written before the answer store (read for their buttons, never written). */
  answers?: StoredAnswer[];
  /** Set once the allowlist refusal was sent to this chat. */
  refused?: boolean;
  /** Set once the bot greeted this group. */
  greeted?: boolean;
  /** user id → the language of that user's last question (the interface follows it). At most MAX_LANGUAGES. */
  languages?: Record<string, Language>;
  /**
   * Recent questions' message ids → the answer message (and its turn), so an edited question edits its answer and a
   * reply to an answer follows that answer. At most MAX_REPLIES.
   */
  replies?: Array<{ question: number; answer: number; /** The answer's turn: a reply to that answer follows it. */ turn?: Turn }>;
}

/** Per-update facts for the structured log line. */
export interface UpdateMeta {
  intent: string;
  outcome: string;
}

export type BotContext = Context & SessionFlavor<SessionData> & { meta: UpdateMeta };

/**
 * createBot options: the Telegram section of Config (token required) plus test/deployment seams.
 * Webhook settings are ignored by createBot (runBot uses them).
 */
export type BotOptions = Omit<Config['telegram'], 'token'> & {
  token: string;
  /** Skip getMe (tests). */
  botInfo?: UserFromGetMe;
  /** Session storage; default in-memory. */
  storage?: StorageAdapter<SessionData>;
  /** Downloads a Telegram file by its file_path; default fetches `${apiRoot}/file/bot<token>/<path>`. */
  downloadFile?: (filePath: string, maxBytes: number) => Promise<Uint8Array>;
  /** How often "typing…" is repeated while an answer is being prepared (default TYPING_INTERVAL_MS, limits.ts). */
  typingIntervalMs?: number;
  /** Shortest time between two preview updates of a streamed answer (default STREAM_INTERVAL_MS, limits.ts). */
  streamIntervalMs?: number;
  /** Rate-limit counters shared by replicas (an ioredis client); default in-memory. */
  rateLimitStore?: RateLimitStore;
  /** The answers behind buttons (answer-store.ts); default in this process's memory. */
  answerStore?: AnswerStore;
  /** Serialises a chat's updates across replicas; default none (sequentialize covers one process). */
  chatLock?: ChatLock;
};

/** The two Redis commands the rate limit uses. */
export interface RateLimitStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

export interface ChatLock {
  /**
   * Resolves once this process holds `key`, with the function that releases it. Never rejects: if
   * the lock cannot be had in time (or the store fails) it resolves unlocked and logs a warning.
   */
  acquire(key: string): Promise<() => Promise<void>>;
}
