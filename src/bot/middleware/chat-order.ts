/**
 * A chat's updates are handled one at a time, in the order they arrive; chats run in parallel. Within the
 * process through `sequentialize`; with `chatLock` (replicas sharing Redis) also across processes, holding the
 * chat's lock ("chat:<chat id>") while the update is handled. Updates without a chat pass straight on.
 */
import { sequentialize } from '@grammyjs/runner';
import { Composer } from 'grammy';
import type { BotContext, ChatLock } from '../types.js';

export function chatOrder(chatLock: ChatLock | undefined): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(sequentialize<BotContext>((ctx) => ctx.chat?.id.toString()));
  if (chatLock) {
    composer.use(async (ctx, next) => {
      if (!ctx.chat) return next();
      const release = await chatLock.acquire(`chat:${ctx.chat.id}`);
      try {
        await next();
      } finally {
        await release();
      }
    });
  }
  return composer;
}
