/**
 * Configuration: environment variables validated with zod. `parseConfig(env)` is pure;
 * `loadConfig()` reads process.env (after an optional .env file). Every setting is listed,
 * with a comment, in .env.example.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** "true"/"1"/"yes"/"on"/"y"/"enabled" or their opposites (any case, trimmed); anything else is a configuration error. */
const bool = (fallback: boolean) => z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.stringbool().default(fallback));
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const num = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(emptyToUndefined, z.coerce.number().min(min).max(max).default(fallback));
const idList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[,\s]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v ?? [],
  z.array(z.coerce.number().int()),
);

export const EnvSchema = z.object({
  // --- data and index ---
  DATA_PATHS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.split(path.delimiter).filter(Boolean) : undefined),
    z.array(z.string()).default(['data/articles']),
  ),
  INDEX_DIR: z.preprocess(emptyToUndefined, z.string().default('vectorstore')),
  /** Where admin uploads are saved (an input of every later ingest). */
  UPLOADS_DIR: z.preprocess(emptyToUndefined, z.string().default('data/uploads')),
  /** `npm start` opens the index as it is (no ingest at start; uploads and /reindex refused). For replicas. */
  INDEX_READ_ONLY: bool(false),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),

  // --- retrieval ---
  RETRIEVE_TOP_K: int(8, 1, 50),
  /** Exact (brute force) vector search below this many chunks, HNSW above. */
  VECTOR_EXACT_MAX: int(20_000, 0),
  /**
   * Offline (no model embeddings): build and store the local hashed vectors too. Off by default: offline their
   * fusion weight is 0, so they are never read when answering (the eval's vector ablation rows need them).
   */
  LOCAL_VECTORS: bool(false),

  // --- OpenAI / OpenAI-compatible (optional) ---
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  OPENAI_CHAT_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default('text-embedding-3-small')),
  OPENAI_EMBEDDING_DIMENSIONS: int(512, 1, 8192),
  OPENAI_TEMPERATURE: num(0, 0, 2),
  OPENAI_TIMEOUT_MS: int(30_000, 100),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  /** max_tokens of an answer; a reply longer than LLM_CHECKS.replyCharsPerToken × this is cut off and not used. */
  OPENAI_MAX_TOKENS: int(1024, 16, 32_768),
  /** Use the API for chat (answers). Default: on when OPENAI_API_KEY is set. */
  LLM_CHAT: z.preprocess(emptyToUndefined, z.enum(['auto', 'on', 'off']).default('auto')),
  /** Use the API for embeddings. Default: on when OPENAI_API_KEY is set. */
  LLM_EMBEDDINGS: z.preprocess(emptyToUndefined, z.enum(['auto', 'on', 'off']).default('auto')),

  // --- Telegram (optional) ---
  TELEGRAM_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-DEF').optional()),
  TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.string().url().optional()),
  BOT_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  BOT_WEBHOOK_SECRET: optionalString,
  BOT_WEBHOOK_PORT: int(8080, 1, 65535),
  /** Address the webhook server binds: loopback by default (a reverse proxy in front); 0.0.0.0 for every interface. */
  BOT_WEBHOOK_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  BOT_ALLOWED_CHAT_IDS: idList,
  BOT_ADMIN_IDS: idList,
  BOT_RATE_LIMIT_PER_MINUTE: int(20, 1),
  BOT_FEEDBACK_LOG: z.preprocess(emptyToUndefined, z.string().default('feedback.jsonl')),
  BOT_STATE_DIR: z.preprocess(emptyToUndefined, z.string().default('data/bot-state')),
  BOT_MAX_UPLOAD_BYTES: int(2_000_000, 1),
  BOT_STREAM: bool(true),
  /** Shared bot state (sessions, follow-up context, rate limits, per-chat lock) for replicas; empty = in memory. */
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\/\S+$/, 'must look like redis://host:6379/0').optional()),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  dataPaths: string[];
  indexDir: string;
  /** Folder of admin uploads (saved there, then ingested). */
  uploadsDir: string;
  /** Open the index without ingesting; uploads and /reindex are refused. */
  indexReadOnly: boolean;
  logLevel: Env['LOG_LEVEL'];
  retrieval: { topK: number; vectorExactMax: number; localVectors: boolean };
  openai: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    chatModel: string;
    embeddingModel: string;
    embeddingDimensions: number;
    temperature: number;
    timeoutMs: number;
    maxRetries: number;
    /** max_tokens of each chat request (and the reply's hard cap, see llm.ts). */
    maxTokens: number;
    /** Resolved: true when answers are generated by the API. */
    chat: boolean;
    /** Resolved: true when embeddings come from the API. */
    embeddings: boolean;
  };
  telegram: {
    token: string | undefined;
    apiRoot: string | undefined;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    webhookPort: number;
    webhookHost: string;
    allowedChatIds: number[];
    adminIds: number[];
    rateLimitPerMinute: number;
    feedbackLog: string;
    /** Without redisUrl: folder of the answers behind buttons (BOT_STATE_DIR). */
    stateDir?: string;
    maxUploadBytes: number;
    stream: boolean;
    /** redis:// URL of the shared bot state; undefined = in-process memory. */
    redisUrl?: string | undefined;
  };
}

/** Pure: validate an environment map into a Config. Throws AppError('CONFIG_INVALID') naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, {
      hint: 'Fix the variables above in your environment or .env file (see .env.example).',
    });
  }
  const e = parsed.data;
  const hasKey = Boolean(e.OPENAI_API_KEY);
  const resolve = (mode: 'auto' | 'on' | 'off', name: string): boolean => {
    if (mode === 'off') return false;
    if (mode === 'on' && !hasKey && !e.OPENAI_BASE_URL) {
      throw new AppError('CONFIG_INVALID', `${name}=on needs OPENAI_API_KEY or OPENAI_BASE_URL.`, {
        hint: 'Set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server), or set ' + name + '=auto.',
      });
    }
    return mode === 'on' || hasKey;
  };
  if (e.BOT_WEBHOOK_URL && !e.BOT_WEBHOOK_SECRET) {
    throw new AppError('CONFIG_INVALID', 'BOT_WEBHOOK_URL is set but BOT_WEBHOOK_SECRET is empty.', {
      hint: 'Set BOT_WEBHOOK_SECRET to a random string (A-Z, a-z, 0-9, _ and -, up to 256 characters).',
    });
  }
  return {
    dataPaths: e.DATA_PATHS,
    indexDir: e.INDEX_DIR,
    uploadsDir: e.UPLOADS_DIR,
    indexReadOnly: e.INDEX_READ_ONLY,
    logLevel: e.LOG_LEVEL,
    retrieval: { topK: e.RETRIEVE_TOP_K, vectorExactMax: e.VECTOR_EXACT_MAX, localVectors: e.LOCAL_VECTORS },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      embeddingDimensions: e.OPENAI_EMBEDDING_DIMENSIONS,
      temperature: e.OPENAI_TEMPERATURE,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
      maxTokens: e.OPENAI_MAX_TOKENS,
      chat: resolve(e.LLM_CHAT, 'LLM_CHAT'),
      embeddings: resolve(e.LLM_EMBEDDINGS, 'LLM_EMBEDDINGS'),
    },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.BOT_WEBHOOK_URL,
      webhookSecret: e.BOT_WEBHOOK_SECRET,
      webhookPort: e.BOT_WEBHOOK_PORT,
      webhookHost: e.BOT_WEBHOOK_HOST,
      allowedChatIds: e.BOT_ALLOWED_CHAT_IDS,
      adminIds: e.BOT_ADMIN_IDS,
      rateLimitPerMinute: e.BOT_RATE_LIMIT_PER_MINUTE,
      feedbackLog: e.BOT_FEEDBACK_LOG,
      stateDir: e.BOT_STATE_DIR,
      maxUploadBytes: e.BOT_MAX_UPLOAD_BYTES,
      stream: e.BOT_STREAM,
      redisUrl: e.REDIS_URL,
    },
  };
}

/** Reads `.env` from the working directory when present (real environment wins), then parses. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) {
    try {
      process.loadEnvFile('.env');
    } catch (error) {
      throw new AppError('CONFIG_INVALID', `Could not read .env: ${(error as Error).message}`, {
        hint: 'Fix or remove the .env file.',
      });
    }
  }
  return parseConfig(env);
}
