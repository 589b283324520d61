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

/** One-line (or two-line with hint) message for users; no stack trace. */
export function formatError(error: unknown): string {
  if (AppError.isInstance(error)) {
    return error.hint ? `${error.message}\n${error.hint}` : error.message;
  }
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
