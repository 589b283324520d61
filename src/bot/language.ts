/**
 * One language per user: the language of their last question (remembered in the chat's session), else their
 * client's (`from.language_code`: Vietnamese for "vi" or none, English for any other).
 */
import { botMessages, type BotMessages } from '../messages/bot.js';
import type { Language } from '../types.js';
import { MAX_LANGUAGES } from './limits.js';
import type { BotContext } from './types.js';

export function clientLanguage(code: string | undefined): Language {
  return !code || code.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

export function userLanguage(ctx: BotContext): Language {
  const id = ctx.from?.id;
  const remembered = id !== undefined ? (ctx.session as Partial<BotContext['session']> | undefined)?.languages?.[String(id)] : undefined;
  return remembered ?? clientLanguage(ctx.from?.language_code);
}

/** The interface messages for the user of this update. */
export function textFor(ctx: BotContext): BotMessages {
  let language: Language = clientLanguage(ctx.from?.language_code);
  try {
    language = userLanguage(ctx);
  } catch {
    // No session (an update the session middleware did not reach): the client's language.
  }
  return botMessages(language);
}

/** Remembers the language of the user's question (the newest MAX_LANGUAGES users of the chat). */
export function rememberLanguage(ctx: BotContext, language: Language | undefined): void {
  const id = ctx.from?.id;
  if (id === undefined || !language) return;
  const key = String(id);
  const current = ctx.session.languages ?? {};
  if (current[key] === language) return;
  const { [key]: _old, ...rest } = current;
  const entries = Object.entries(rest).slice(-(MAX_LANGUAGES - 1));
  ctx.session.languages = { ...Object.fromEntries(entries), [key]: language };
}
