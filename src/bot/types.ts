/**
 * The bot's contract with the composition root (BotDeps) and its own per-chat state.
 * The bot never imports the pipeline: everything it needs arrives through BotDeps.
 */
import type { Context, SessionFlavor, StorageAdapter } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Answer, AnswerFn, AskContext, AskRequest, Citation, CorpusInfo, EventCard, Language, Turn, UnitChoice } from '../types.js';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

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
  ingestDocument?: (file: UploadedFile) => Promise<IngestedUpload>;
  /** /reindex; resolves to a one-line summary. Absent: the command is refused. */
  reindex?: () => Promise<string>;
  logger: Logger;
}

/** What an upload became: its event card, and the instruction-like text left out of it (Article.instructions). */
export interface IngestedUpload {
  card: EventCard;
  instructions?: string[];
}

/** One answer the bot sent, kept so its buttons (citations, feedback) keep working. */
export interface StoredAnswer {
  /** Short id used in callback data (base64url, no ':'). */
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  language?: Language;
  /** A question back's unit choices (a tap asks `question`, or `request` with the chosen unit, again). */
  choices?: UnitChoice[];
  /** The command's request this answers (/tomtat), when it was one. */
  request?: AskRequest;
  /** userId → rating already recorded, so repeated taps do not duplicate feedback lines. */
  ratings?: Record<string, Rating>;
}

export type Rating = 'up' | 'down';

/** Per-chat session. JSON-serialisable (stored in Redis when REDIS_URL is set). */
export interface SessionData {
  /** Previous turns of this chat (resolved questions and what their answers named), oldest first; at most MAX_HISTORY. */
  history: Turn[];
  /** Most recent answers, oldest first; at most MAX_STORED_ANSWERS. */
  answers: StoredAnswer[];
  /** Set once the allowlist refusal was sent to this chat. */
  refused?: boolean;
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
  /** Serialises a chat's updates across replicas; default none (sequentialize covers one process). */
  chatLock?: ChatLock;
};

/** The two Redis commands @grammyjs/ratelimiter uses. */
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
