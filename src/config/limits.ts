/**
 * Limits every entry point shares (the bot, `npm run ask`, the terminal chat): one constant each, so the
 * command line and Telegram refuse the same inputs.
 */

/** Longest question answered, in UTF-16 code units (`string.length`); longer ones get the "too long" reply. */
export const MAX_QUESTION_CHARS = 1000;
