/**
 * Joining a group: when the bot is added to a group or supergroup (a `my_chat_member` update: it was not a member
 * and now is), it says once — per group, remembered in the group's session — what it does and how to address it,
 * in the language of whoever added it. Leaving, or being promoted, says nothing.
 */
import { Composer } from 'grammy';
import { formatGroupGreeting } from '../format.js';
import { userLanguage } from '../language.js';
import { sendHtml } from '../send.js';
import type { BotContext, BotDeps } from '../types.js';

const OUTSIDE = new Set(['left', 'kicked']);
const INSIDE = new Set(['member', 'administrator', 'restricted']);

export function groupGreeting(deps: Pick<BotDeps, 'corpusInfo'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    ctx.meta.intent = 'membership';
    if (chat.type !== 'group' && chat.type !== 'supergroup') return;
    const joined = OUTSIDE.has(before.status) && (INSIDE.has(after.status) || (after.status === 'restricted' && after.is_member));
    if (!joined || ctx.session.greeted) return;
    ctx.session.greeted = true;
    await sendHtml(ctx.api, chat.id, formatGroupGreeting(deps.corpusInfo(), ctx.me.username, userLanguage(ctx)));
    ctx.meta.outcome = 'greeted';
  });
  return composer;
}
