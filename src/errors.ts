/**
 * Typed application errors. Every error says what went wrong and how to fix it;
 * entry points print `message` (and `hint`) on stderr and exit non-zero, never a stack trace
 * unless --debug is given.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'INDEX_MISSING'
  | 'INDEX_CORRUPT'
  | 'INDEX_MISMATCH'
  | 'INDEX_LOCKED'
  | 'INPUT_UNREADABLE'
  | 'INPUT_BINARY'
  | 'INPUT_EMPTY'
  | 'INPUT_TOO_LARGE'
  | 'QUESTION_EMPTY'
  | 'QUESTION_TOO_LONG'
  | 'PROMPT_INVALID'
  | 'PROVIDER_FAILED'
  | 'TELEGRAM_REJECTED';

const MARK = Symbol.for('dangbo.AppError');

export class AppError extends Error {
  readonly code: ErrorCode;
  /** How to fix it, one sentence (may be empty). */
  readonly hint: string;
  readonly [MARK] = true;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = options.hint ?? '';
  }

  static isInstance(value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARK] === true;
  }
}

/**
 * Why a model call failed, as the answer pipeline tells users (src/messages) and logs it:
 * - `timeout`: no reply within OPENAI_TIMEOUT_MS (and no HTTP failure seen before);
 * - `cancelled`: the caller gave up (the bot is stopping);
 * - `rate_limited`: HTTP 429; `http`: another HTTP status (`status`), e.g. a 502 from a proxy, also when the
 *   deadline struck while retrying it;
 * - `network`: the server could not be reached (refused, reset, DNS);
 * - `bad_reply`: the server answered, but not with a usable completion (invalid JSON, no choices, empty text);
 * - `too_long`: the reply passed the hard cap on its length (`limit` characters) and was cut off;
 * - `unknown`: anything else (a bug): logged with its message, never shown.
 */
export type LlmFailureKind = 'timeout' | 'cancelled' | 'rate_limited' | 'http' | 'network' | 'bad_reply' | 'too_long' | 'unknown';

export class LlmError extends Error {
  readonly kind: LlmFailureKind;
  readonly status: number | undefined;
  /** `too_long`: the cap in characters. */
  readonly limit: number | undefined;

  constructor(kind: LlmFailureKind, message: string, options: { status?: number; limit?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.status = options.status;
    this.limit = options.limit;
  }
}

/** One-line (or two-line with hint) message for users; no stack trace. */
export function formatError(error: unknown): string {
  if (AppError.isInstance(error)) {
    return error.hint ? `${error.message}\n${error.hint}` : error.message;
  }
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
