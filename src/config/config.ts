/**
 * Configuration: environment variables validated (by the small field readers below). `parseConfig(env)` is pure;
 * `loadConfig()` reads process.env (after an optional .env file). Every setting is listed,
 * with a comment, in .env.example.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * A tiny validator for environment variables (zod's API for what this file needs, without its ~100 modules, which
 * cost `npm start` about 0.2 s of CPU before the first answer). A field reads one raw value into its type, or says
 * what is wrong with it.
 */
type Field<T> = (raw: unknown) => { ok: true; value: T } | { ok: false; message: string };
const good = <T>(value: T) => ({ ok: true as const, value });
const bad = (message: string) => ({ ok: false as const, message });

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
function text(o: { fallback: string }): Field<string>;
function text(o?: { pattern?: RegExp; message?: string; url?: boolean }): Field<string | undefined>;
function text(o: { fallback?: string; pattern?: RegExp; message?: string; url?: boolean } = {}): Field<string | undefined> {
  return (raw) => {
    const v = emptyToUndefined(raw);
    if (v === undefined) return good(o.fallback);
    if (typeof v !== 'string') return bad('expected a string');
    if (o.url) {
      try {
        new URL(v);
      } catch {
        return bad('Invalid URL');
      }
    }
    if (o.pattern && !o.pattern.test(v)) return bad(o.message ?? `must match ${o.pattern}`);
    return good(v);
  };
}
const optionalString = text();
const TRUTHY = ['true', '1', 'yes', 'on', 'y', 'enabled'];
const FALSY = ['false', '0', 'no', 'off', 'n', 'disabled'];
/** "true"/"1"/"yes"/"on"/"y"/"enabled" or their opposites (any case, trimmed); anything else is a configuration error. */
const bool =
  (fallback: boolean): Field<boolean> =>
  (raw) => {
    const v = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (v === undefined || v === '') return good(fallback);
    if (typeof v === 'boolean') return good(v);
    if (TRUTHY.includes(String(v))) return good(true);
    if (FALSY.includes(String(v))) return good(false);
    return bad(`Invalid input: expected true/false (${[...TRUTHY, ...FALSY].join(', ')})`);
  };
const number =
  (fallback: number, min: number, max: number, integer: boolean): Field<number> =>
  (raw) => {
    const v = emptyToUndefined(raw);
    if (v === undefined) return good(fallback);
    const n = Number(v);
    if (!Number.isFinite(n)) return bad('Invalid input: expected number');
    if (integer && !Number.isInteger(n)) return bad('Invalid input: expected int');
    if (n < min) return bad(`Too small: expected number to be >=${min}`);
    if (n > max) return bad(`Too big: expected number to be <=${max}`);
    return good(n);
  };
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => number(fallback, min, max, true);
const num = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => number(fallback, min, max, false);
const oneOf =
  <const T extends string>(values: readonly T[], fallback: T): Field<T> =>
  (raw) => {
    const v = emptyToUndefined(raw);
    if (v === undefined) return good(fallback);
    return (values as readonly unknown[]).includes(v) ? good(v as T) : bad(`Invalid option: expected one of ${values.map((x) => `"${x}"`).join('|')}`);
  };
const idList: Field<number[]> = (raw) => {
  const parts =
    typeof raw === 'string'
      ? raw
          .split(/[,\s]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : Array.isArray(raw)
        ? raw
        : [];
  const ids = parts.map(Number);
  const wrong = ids.findIndex((n) => !Number.isInteger(n));
  return wrong >= 0 ? bad(`Invalid input: expected int, received "${String(parts[wrong])}"`) : good(ids);
};
const pathList =
  (fallback: string[]): Field<string[]> =>
  (raw) =>
    good(typeof raw === 'string' && raw.trim() !== '' ? raw.split(path.delimiter).filter(Boolean) : fallback);

type Parsed<S> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Each variable read by its field; the problems, each naming its variable, when any. */
function parseEnv<S extends Record<string, Field<unknown>>>(schema: S, env: Record<string, string | undefined>): { data: Parsed<S> } | { issues: string[] } {
  const data: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    const r = field(env[name]);
    if (r.ok) data[name] = r.value;
    else issues.push(`  ${name}: ${r.message}`);
  }
  return issues.length ? { issues } : { data: data as Parsed<S> };
}

export const EnvSchema = {
  // --- data and index ---
  DATA_PATHS: pathList(['data/articles']),
  INDEX_DIR: text({ fallback: 'vectorstore' }),
  /** Where admin uploads are saved (an input of every later ingest). */
  UPLOADS_DIR: text({ fallback: 'data/uploads' }),
  /** `npm start` opens the index as it is (no ingest at start; uploads and /reindex refused). For replicas. */
  INDEX_READ_ONLY: bool(false),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),

  // --- retrieval ---
  RETRIEVE_TOP_K: int(8, 1, 50),
  /** Exact (brute force) vector search below this many chunks, HNSW above. */
  VECTOR_EXACT_MAX: int(20_000, 0),

  // --- OpenAI / OpenAI-compatible (optional) ---
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: text({ url: true }),
  OPENAI_CHAT_MODEL: text({ fallback: 'gpt-4o-mini' }),
  OPENAI_EMBEDDING_MODEL: text({ fallback: 'text-embedding-3-small' }),
  OPENAI_EMBEDDING_DIMENSIONS: int(512, 1, 8192),
  OPENAI_TEMPERATURE: num(0, 0, 2),
  OPENAI_TIMEOUT_MS: int(30_000, 100),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  /** Use the API for chat (answers). Default: on when OPENAI_API_KEY is set. */
  LLM_CHAT: oneOf(['auto', 'on', 'off'], 'auto'),
  /** Use the API for embeddings. Default: on when OPENAI_API_KEY is set. */
  LLM_EMBEDDINGS: oneOf(['auto', 'on', 'off'], 'auto'),

  // --- Telegram (optional) ---
  TELEGRAM_BOT_TOKEN: text({ pattern: /^\d+:[\w-]+$/, message: 'must look like 123456:ABC-DEF' }),
  TELEGRAM_API_ROOT: text({ url: true }),
  BOT_WEBHOOK_URL: text({ url: true }),
  BOT_WEBHOOK_SECRET: optionalString,
  BOT_WEBHOOK_PORT: int(8080, 1, 65535),
  /** Address the webhook server binds: loopback by default (a reverse proxy in front); 0.0.0.0 for every interface. */
  BOT_WEBHOOK_HOST: text({ fallback: '127.0.0.1' }),
  BOT_ALLOWED_CHAT_IDS: idList,
  BOT_ADMIN_IDS: idList,
  BOT_RATE_LIMIT_PER_MINUTE: int(20, 1),
  BOT_FEEDBACK_LOG: text({ fallback: 'feedback.jsonl' }),
  /** Without REDIS_URL: where the answers behind buttons are kept (so buttons survive restarts). */
  BOT_STATE_DIR: text({ fallback: 'data/bot-state' }),
  BOT_MAX_UPLOAD_BYTES: int(2_000_000, 1),
  BOT_STREAM: bool(true),
  /** Shared bot state (sessions, follow-up context, rate limits, per-chat lock) for replicas; empty = in memory. */
  REDIS_URL: text({ pattern: /^rediss?:\/\/\S+$/, message: 'must look like redis://host:6379/0' }),
};

export type Env = Parsed<typeof EnvSchema>;

export interface Config {
  dataPaths: string[];
  indexDir: string;
  /** Folder of admin uploads (saved there, then ingested). */
  uploadsDir: string;
  /** Open the index without ingesting; uploads and /reindex are refused. */
  indexReadOnly: boolean;
  logLevel: Env['LOG_LEVEL'];
  retrieval: { topK: number; vectorExactMax: number };
  openai: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    chatModel: string;
    embeddingModel: string;
    embeddingDimensions: number;
    temperature: number;
    timeoutMs: number;
    maxRetries: number;
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
  const parsed = parseEnv(EnvSchema, env);
  if ('issues' in parsed) {
    const lines = parsed.issues;
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
    retrieval: { topK: e.RETRIEVE_TOP_K, vectorExactMax: e.VECTOR_EXACT_MAX },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      embeddingDimensions: e.OPENAI_EMBEDDING_DIMENSIONS,
      temperature: e.OPENAI_TEMPERATURE,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
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
