/** The bot's tuning constants, including the defaults of its BotOptions timing seams. */

/** Resolved questions kept per chat for follow-ups. */
export const MAX_HISTORY = 5;
/** How long an answer's buttons keep working (answer-store.ts): eight weeks; older ones get the "expired" note. */
export const ANSWER_TTL_MS = 8 * 7 * 24 * 3600 * 1000;
/** The same in weeks, as the messages say it. */
export const ANSWER_TTL_WEEKS = 8;
/** Users per chat whose interface language is remembered (session.languages). */
export const MAX_LANGUAGES = 50;
/** Group members whose own follow-up turns a group's session keeps (the most recent askers). */
export const MAX_GROUP_USERS = 50;
/** Questions per chat whose answer an edit of the question replaces (session.replies). */
export const MAX_REPLIES = 20;
/** Telegram shows at most 200 characters in a callback alert. */
export const ALERT_MAX_CHARS = 200;
/** Longer questions get the "too long" hint instead of an answer (the hint names this number); shared with `npm run ask`. */
export { MAX_QUESTION_CHARS } from '../config/limits.js';
/** Default of BotOptions.typingIntervalMs: how often "typing…" is repeated (Telegram shows it for 5 s). */
export const TYPING_INTERVAL_MS = 4000;
/** Default of BotOptions.streamIntervalMs: shortest time between two preview updates of a streamed answer. */
export const STREAM_INTERVAL_MS = 1000;
/** The per-user rate limit (BotOptions.rateLimitPerMinute) counts in windows of this length. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/**
 * Largest webhook request body read (bytes); larger ones get 413. Telegram's updates are a few KB (a 4096-character
 * message with its entities and a reply stays far below 64 KB).
 */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;
