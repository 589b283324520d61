/**
 * Every text a user reads, in Vietnamese and English, in one voice: the answers speak as "tôi" / "I"
 * (answer.ts), the bot's interface as "Mình" / "I" (bot.ts). Each part is one typed interface with a `vi` and an
 * `en` implementation, so a missing translation is a type error.
 */
export { ANSWER_MESSAGES, displayDate, type AnswerMessages, type NotFoundDetail, type SummaryTheme } from './answer.js';
export { botMessages, type BotMessages } from './bot.js';
